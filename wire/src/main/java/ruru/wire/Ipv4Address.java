package ruru.wire;

/**
 * An IPv4 address as an unsigned 32-bit value in an int: cheap to compare, hash and count, which
 * pools and lease maps do on every packet. Ordering is unsigned (255.0.0.0 is above 1.0.0.0).
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    /** Dotted quad, strictly: four decimal parts 0-255, no leading/trailing junk. */
    public static Ipv4Address parse(String text) throws WireFormatException {
        int value = 0;
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < n && i - start < 4 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || i - start > 3 || part > 255) {
                throw new WireFormatException("'" + text + "' is not a valid IPv4 address");
            }
            value = (value << 8) | part;
            parts++;
            if (parts < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    throw new WireFormatException("'" + text + "' is not a valid IPv4 address");
                }
                i++;
            }
        }
        if (i != n) {
            throw new WireFormatException("'" + text + "' is not a valid IPv4 address");
        }
        return new Ipv4Address(value);
    }

    public static Ipv4Address of(byte[] b, int offset) {
        return new Ipv4Address(((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16)
                | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff));
    }

    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /** The address as an unsigned number (for ranges and counting). */
    public long toLong() {
        return bits & 0xffffffffL;
    }

    public static Ipv4Address ofLong(long value) {
        return new Ipv4Address((int) value);
    }

    public boolean isZero() {
        return bits == 0;
    }

    // equals and hashCode written out (the same as the generated ones): a record's generated
    // methods cost their first caller a bootstrap of some milliseconds, on every daemon's start.
    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Address a && a.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
