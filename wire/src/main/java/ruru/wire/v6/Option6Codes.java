package ruru.wire.v6;

/**
 * DHCPv6 option codes the server itself reads or writes (RFC 8415 section 21 and the RFCs named).
 * Options are an open set (anything configured or relayed passes through by code), hence numbers.
 */
public final class Option6Codes {

    public static final int CLIENTID = 1;
    public static final int SERVERID = 2;
    public static final int IA_NA = 3;
    public static final int IA_TA = 4;
    public static final int IAADDR = 5;
    public static final int ORO = 6;
    public static final int PREFERENCE = 7;
    public static final int ELAPSED_TIME = 8;
    public static final int RELAY_MSG = 9;
    public static final int AUTH = 11;
    public static final int UNICAST = 12;
    public static final int STATUS_CODE = 13;
    public static final int RAPID_COMMIT = 14;
    public static final int USER_CLASS = 15;
    public static final int VENDOR_CLASS = 16;
    public static final int VENDOR_OPTS = 17;
    public static final int INTERFACE_ID = 18;
    public static final int RECONF_MSG = 19;
    public static final int RECONF_ACCEPT = 20;
    public static final int DNS_SERVERS = 23;
    public static final int DOMAIN_SEARCH = 24;
    public static final int IA_PD = 25;
    public static final int IAPREFIX = 26;
    public static final int INFORMATION_REFRESH_TIME = 32;
    /** RFC 4649. */
    public static final int REMOTE_ID = 37;
    /** RFC 4580. */
    public static final int SUBSCRIBER_ID = 38;
    /** RFC 4704. */
    public static final int CLIENT_FQDN = 39;
    /** RFC 4994. */
    public static final int ERO = 43;
    /** RFC 6440. */
    public static final int ERP_LOCAL_DOMAIN_NAME = 65;
    /** RFC 6422 Relay-Supplied Options Option. */
    public static final int RSOO = 66;
    /** RFC 6603. */
    public static final int PD_EXCLUDE = 67;
    /** RFC 6939. */
    public static final int CLIENT_LINKLAYER_ADDR = 79;
    /** RFC 8357. */
    public static final int RELAY_SOURCE_PORT = 135;

    private Option6Codes() {
    }
}
