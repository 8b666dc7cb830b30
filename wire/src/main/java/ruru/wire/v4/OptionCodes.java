package ruru.wire.v4;

/** DHCPv4 option codes (RFC 2132 and later; IANA "BOOTP Vendor Extensions and DHCP Options"). */
public final class OptionCodes {

    private OptionCodes() {
    }

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int TIME_OFFSET = 2;
    public static final int ROUTERS = 3;
    public static final int TIME_SERVERS = 4;
    public static final int NAME_SERVERS = 5;
    public static final int DOMAIN_NAME_SERVERS = 6;
    public static final int LOG_SERVERS = 7;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int BROADCAST_ADDRESS = 28;
    public static final int STATIC_ROUTES = 33;
    public static final int NTP_SERVERS = 42;
    public static final int VENDOR_ENCAPSULATED_OPTIONS = 43;
    public static final int NETBIOS_NAME_SERVERS = 44;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS_ID = 60;
    public static final int CLIENT_ID = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOT_FILE_NAME = 67;
    public static final int USER_CLASS = 77;
    public static final int FQDN = 81;
    public static final int AGENT_INFO = 82;
    public static final int CLIENT_LAST_TRANSACTION_TIME = 91;
    public static final int ASSOCIATED_IP = 92;
    public static final int V6_ONLY_PREFERRED = 108;
    public static final int SUBNET_SELECTION = 118;
    public static final int DOMAIN_SEARCH = 119;
    public static final int CLASSLESS_STATIC_ROUTE = 121;
    public static final int VIVCO_SUBOPTIONS = 124;
    public static final int VIVSO_SUBOPTIONS = 125;
    public static final int V4_SZTP_REDIRECT = 143;
    public static final int STATUS_CODE = 151;
    public static final int V4_DNR = 162;
    public static final int END = 255;

    /** RFC 3046 relay agent sub-options (inside option 82). */
    public static final class Agent {
        private Agent() {
        }

        public static final int CIRCUIT_ID = 1;
        public static final int REMOTE_ID = 2;
        public static final int DOCSIS_DEVICE_CLASS = 4;
        /** RFC 3527. */
        public static final int LINK_SELECTION = 5;
        public static final int SUBSCRIBER_ID = 6;
        public static final int RADIUS = 7;
        public static final int AUTH = 8;
        public static final int VENDOR_SPECIFIC_INFO = 9;
        public static final int RELAY_FLAGS = 10;
        public static final int SERVER_ID_OVERRIDE = 11;
        public static final int RELAY_ID = 12;
        public static final int RELAY_PORT = 19;
    }
}
