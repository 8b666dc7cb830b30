package ruru.wire.v4;

import java.util.Optional;

/** DHCP message type (option 53): RFC 2132 section 9.6, leasequery types from RFC 4388, 6926, 7724. */
public enum MessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8),
    FORCERENEW(9), LEASEQUERY(10), LEASEUNASSIGNED(11), LEASEUNKNOWN(12), LEASEACTIVE(13),
    BULKLEASEQUERY(14), LEASEQUERYDONE(15), ACTIVELEASEQUERY(16), LEASEQUERYSTATUS(17), TLS(18);

    private static final MessageType[] BY_CODE = new MessageType[19];
    /** One Optional per type: {@link #of} is asked several times per packet. */
    @SuppressWarnings("unchecked")
    private static final Optional<MessageType>[] OPTIONAL = new Optional[19];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
            OPTIONAL[t.code] = Optional.of(t);
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MessageType> of(int code) {
        return code > 0 && code < BY_CODE.length ? OPTIONAL[code] : Optional.empty();
    }

    /** Kea's log spelling, e.g. DHCPDISCOVER. */
    public String keaName() {
        return "DHCP" + name();
    }
}
