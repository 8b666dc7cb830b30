package ruru.wire;

/**
 * The DHCP family an option or definition belongs to (Kea's {@code Option::Universe}): it decides
 * the option framing (8-bit codes and lengths in DHCPv4, 16-bit in DHCPv6), the code range and
 * the width of tuple lengths.
 */
public enum Universe {
    V4(255),
    V6(65535);

    private final int maxCode;

    Universe(int maxCode) {
        this.maxCode = maxCode;
    }

    /** The largest option code. */
    public int maxCode() {
        return maxCode;
    }
}
