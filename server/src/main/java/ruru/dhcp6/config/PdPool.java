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
