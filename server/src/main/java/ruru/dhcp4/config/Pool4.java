package ruru.dhcp4.config;

import java.util.List;
import java.util.Objects;

import ruru.classify.ClassGuard;
import ruru.wire.Ipv4Address;
import ruru.dhcp.config.OptionValue;

/**
 * An address range of a subnet, both ends included, with its {@code pool-id}, own options and
 * class guard (who may get an address from it, which classes are evaluated when one does).
 */
public record Pool4(Ipv4Address first, Ipv4Address last, long poolId, List<OptionValue> options, ClassGuard classes) {

    public Pool4 {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("pool " + first + "-" + last + " is reversed");
        }
        options = List.copyOf(options);
        Objects.requireNonNull(classes, "classes");
    }

    public Pool4(Ipv4Address first, Ipv4Address last, long poolId, List<OptionValue> options) {
        this(first, last, poolId, options, ClassGuard.OPEN);
    }

    public long size() {
        return last.toLong() - first.toLong() + 1;
    }

    public boolean contains(Ipv4Address a) {
        return first.compareTo(a) <= 0 && a.compareTo(last) <= 0;
    }

    public boolean overlaps(Pool4 other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** Kea's text form, {@code first-last}, as its messages and {@code config-get} show it. */
    public String rangeText() {
        return first + "-" + last;
    }
}
