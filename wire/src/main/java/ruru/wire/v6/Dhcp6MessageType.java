package ruru.wire.v6;

import java.util.Optional;

/** DHCPv6 message types (RFC 8415 section 7.3, RFC 7341, RFC 9686) with Kea's names for them. */
public enum Dhcp6MessageType {
    SOLICIT(1),
    ADVERTISE(2),
    REQUEST(3),
    CONFIRM(4),
    RENEW(5),
    REBIND(6),
    REPLY(7),
    RELEASE(8),
    DECLINE(9),
    RECONFIGURE(10),
    INFORMATION_REQUEST(11),
    RELAY_FORW(12),
    RELAY_REPL(13),
    LEASEQUERY(14),
    LEASEQUERY_REPLY(15),
    LEASEQUERY_DONE(16),
    LEASEQUERY_DATA(17),
    RECONFIGURE_REQUEST(18),
    RECONFIGURE_REPLY(19),
    DHCPV4_QUERY(20),
    DHCPV4_RESPONSE(21),
    ADDR_REG_INFORM(36),
    ADDR_REG_REPLY(37);

    private static final Dhcp6MessageType[] BY_CODE = new Dhcp6MessageType[256];

    static {
        for (Dhcp6MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    Dhcp6MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Dhcp6MessageType> of(int code) {
        return code < 0 || code > 255 ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }

    /** Whether this is a relay wrapper (Relay-Forw or Relay-Repl) rather than a client/server message. */
    public boolean isRelay() {
        return this == RELAY_FORW || this == RELAY_REPL;
    }

    /** Kea's name, as in its logs ({@code SOLICIT}, {@code INFORMATION_REQUEST}, ...). */
    public String keaName() {
        return name();
    }
}
