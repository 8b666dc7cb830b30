package ruru.dhcp6.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ruru.dhcp.config.OptionValue;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.v6.PdExclude;

/**
 * A prefix delegation pool: {@code prefix/prefix-len} cut into 2^(delegated-len - prefix-len)
 * prefixes of {@code delegated-len}, with the optional excluded prefix (RFC 6603) every delegated
 * prefix of the pool carries (Kea attaches the same PD_EXCLUDE to all of them).
 */
public record PdPool(Ipv6Prefix prefix, int delegatedLength, Optional<Ipv6Prefix> excluded, long poolId,
                     List<OptionValue> options) {

    public PdPool {
        Objects.requireNonNull(prefix, "prefix");
        if (delegatedLength < prefix.length() || delegatedLength > 128) {
            throw new IllegalArgumentException("delegated length " + delegatedLength);
        }
        Objects.requireNonNull(excluded, "excluded");
        options = List.copyOf(options);
    }

    /** How many delegated prefixes (Kea's {@code total-pds} share). */
    public BigInteger count() {
        return BigInteger.ONE.shiftLeft(delegatedLength - prefix.length());
    }

    public Ipv6Address first() {
        return prefix.network();
    }

    public Ipv6Address last() {
        return prefix.last();
    }

    /** The {@code index}-th delegated prefix (0-based). */
    /** The {@code index}-th delegated prefix (index below 2^62, as the candidate walk uses it). */
    public Ipv6Prefix prefixAt(long index) {
        int shift = 128 - delegatedLength;
        Ipv6Address start = first();
        long addHi;
        long addLo;
        if (shift >= 64) {
            addHi = shift - 64 >= 64 ? 0 : index << (shift - 64);
            addLo = 0;
        } else {
            addHi = shift == 0 ? 0 : index >>> (64 - shift);
            addLo = index << shift;
        }
        long lo = start.lo() + addLo;
        long carry = Long.compareUnsigned(lo, start.lo()) < 0 ? 1 : 0;
        return new Ipv6Prefix(new Ipv6Address(start.hi() + addHi + carry, lo), delegatedLength);
    }

    /** The number of delegated prefixes as the candidate walk sees it (capped at 2^62). */
    public long span() {
        int bits = delegatedLength - prefix.length();
        return bits >= 62 ? 1L << 62 : 1L << bits;
    }

    public Ipv6Prefix prefixAt(BigInteger index) {
        BigInteger start = first().toBigInteger().add(index.shiftLeft(128 - delegatedLength));
        return new Ipv6Prefix(Ipv6Address.ofBigInteger(start), delegatedLength);
    }

    /** Whether {@code p} is one of this pool's delegated prefixes. */
    public boolean contains(Ipv6Prefix p) {
        return p.length() == delegatedLength && prefix.contains(p.address()) && p.address().equals(p.network());
    }

    /** Whether {@code a} lies in the pool's prefix. */
    public boolean containsAddress(Ipv6Address a) {
        return prefix.contains(a);
    }

    /** The PD_EXCLUDE (67) data for this pool's prefixes, or empty. */
    public Optional<byte[]> pdExcludeData() {
        return excluded.map(e -> PdExclude.encode(delegatedLength, e));
    }

    /** Kea's text form of the whole range. */
    public String rangeText() {
        return first() + "-" + last();
    }
}
