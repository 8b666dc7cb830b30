package ruru.dhcp6.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import ruru.dhcp.config.OptionValue;
import ruru.wire.Ipv6Address;

/** An address range of a subnet (IA_NA), both ends included, with its {@code pool-id} and own options. */
public record Pool6(Ipv6Address first, Ipv6Address last, long poolId, List<OptionValue> options) {

    public Pool6 {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("pool " + first + "-" + last + " is reversed");
        }
        options = List.copyOf(options);
    }

    /** How many addresses (up to 2^128). */
    public BigInteger size() {
        return last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
    }

    public boolean contains(Ipv6Address a) {
        return first.compareTo(a) <= 0 && a.compareTo(last) <= 0;
    }

    public boolean overlaps(Ipv6Address otherFirst, Ipv6Address otherLast) {
        return first.compareTo(otherLast) <= 0 && otherFirst.compareTo(last) <= 0;
    }

    /** Kea's text form, {@code first-last}, as its messages show it. */
    public String rangeText() {
        return first + "-" + last;
    }
}
