package ruru.wire.v6;

import java.util.Optional;

/** DHCPv6 status codes (RFC 8415 section 21.13, RFC 5007 for the leasequery ones). */
public enum Status6 {
    SUCCESS(0),
    UNSPEC_FAIL(1),
    NO_ADDRS_AVAIL(2),
    NO_BINDING(3),
    NOT_ON_LINK(4),
    USE_MULTICAST(5),
    NO_PREFIX_AVAIL(6);

    private final int code;

    Status6(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Status6> of(int code) {
        for (Status6 s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
