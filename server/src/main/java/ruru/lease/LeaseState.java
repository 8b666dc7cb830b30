package ruru.lease;

/**
 * A lease's state as Kea numbers it in the lease file's {@code state} column and in lease
 * commands (Kea {@code Lease::STATE_*}). RELEASED (3) is kept for lease affinity since Kea 2.7.
 */
public enum LeaseState {
    DEFAULT(0, "default"),
    DECLINED(1, "declined"),
    EXPIRED_RECLAIMED(2, "expired-reclaimed"),
    RELEASED(3, "released");

    private final int code;
    private final String keaName;

    LeaseState(int code, String keaName) {
        this.code = code;
        this.keaName = keaName;
    }

    public int code() {
        return code;
    }

    /** Kea's text for the state ({@code Lease::basicStatesToText}). */
    public String keaName() {
        return keaName;
    }

    /** @throws IllegalArgumentException for a code Kea does not define for DHCPv4 leases */
    public static LeaseState of(int code) {
        for (LeaseState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("invalid lease state " + code);
    }
}
