package ruru.wire;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An IPv6 prefix: an address and a length 0..128, the address kept as written (Kea keeps
 * {@code 2001:db8::1/64} as written too); {@link #network()} is the masked start.
 */
public record Ipv6Prefix(Ipv6Address address, int length) implements Comparable<Ipv6Prefix> {

    public Ipv6Prefix {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is not in 0..128");
        }
    }

    /** {@code address/length}, strictly. */
    public static Ipv6Prefix parse(String text) throws WireFormatException {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new WireFormatException("'" + text + "' is not an IPv6 prefix (address/length)");
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new WireFormatException("'" + text + "' has an invalid prefix length");
        }
        int l = Integer.parseInt(len);
        if (l > 128) {
            throw new WireFormatException("'" + text + "' has a prefix length above 128");
        }
        return new Ipv6Prefix(Ipv6Address.parse(text.substring(0, slash)), l);
    }

    public Ipv6Address network() {
        return address.masked(length);
    }

    public Ipv6Address last() {
        return address.lastOf(length);
    }

    public boolean contains(Ipv6Address a) {
        return a.masked(length).equals(network());
    }

    /** Whether {@code other} lies wholly inside this prefix. */
    public boolean contains(Ipv6Prefix other) {
        return other.length >= length && contains(other.address);
    }

    /** 2^(128 - length) addresses. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(128 - length);
    }

    @Override
    public int compareTo(Ipv6Prefix o) {
        int c = network().compareTo(o.network());
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
