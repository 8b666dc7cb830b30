package ruru.dhcp6.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import ruru.dhcp.config.Allocator;
import ruru.dhcp.config.Lifetime;
import ruru.dhcp.config.OptionValue;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;

/**
 * A DHCPv6 subnet with every inheritable parameter already resolved (global, then shared network,
 * then the subnet's own value).
 *
 * @param preferredLifetime empty when not configured anywhere: Kea 3 then derives it from the valid
 *                          lifetime (5/8 of it)
 * @param interfaceId       the {@code interface-id} (option 18 from a relay) as bytes
 * @param options           subnet, shared-network and global options merged in Kea precedence
 * @param networkOptions    subnet and shared-network options only (client-class options slot in below)
 */
public record Subnet6(long id, Ipv6Prefix prefix, List<Pool6> pools, List<PdPool> pdPools, List<OptionValue> options,
        List<OptionValue> networkOptions, Lifetime validLifetime, Optional<Lifetime> preferredLifetime,
        OptionalLong renewTimer, OptionalLong rebindTimer, boolean calculateTeeTimes, double t1Percent,
        double t2Percent, List<Ipv6Address> relayAddresses, Optional<String> interfaceName,
        Optional<byte[]> interfaceId, boolean rapidCommit, List<Reservation6> reservations,
        boolean reservationsGlobal, boolean reservationsInSubnet, boolean reservationsOutOfPool, Allocator allocator,
        Allocator pdAllocator, OptionalDouble cacheThreshold, OptionalLong cacheMaxAge,
        Optional<String> sharedNetworkName, boolean storeExtendedInfo) {

    public Subnet6 {
        Objects.requireNonNull(prefix, "prefix");
        pools = List.copyOf(pools);
        pdPools = List.copyOf(pdPools);
        options = List.copyOf(options);
        networkOptions = List.copyOf(networkOptions);
        relayAddresses = List.copyOf(relayAddresses);
        interfaceId = interfaceId.map(byte[]::clone);
        reservations = List.copyOf(reservations);
    }

    public boolean contains(Ipv6Address a) {
        return prefix.contains(a);
    }

    /** Kea's text form, {@code 2001:db8::/64}. */
    public String prefixText() {
        return prefix.toString();
    }

    public Optional<Pool6> poolOf(Ipv6Address a) {
        for (Pool6 p : pools) {
            if (p.contains(a)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<PdPool> pdPoolOf(Ipv6Prefix p) {
        for (PdPool pool : pdPools) {
            if (pool.contains(p)) {
                return Optional.of(pool);
            }
        }
        return Optional.empty();
    }

    /** Kea's {@code subnet[id].total-nas}: the sum of the pool sizes. */
    public BigInteger totalNas() {
        BigInteger total = BigInteger.ZERO;
        for (Pool6 p : pools) {
            total = total.add(p.size());
        }
        return total;
    }

    /** Kea's {@code subnet[id].total-pds}. */
    public BigInteger totalPds() {
        BigInteger total = BigInteger.ZERO;
        for (PdPool p : pdPools) {
            total = total.add(p.count());
        }
        return total;
    }

    /** The preferred lifetime to use with {@code valid}: configured, else Kea 3's 5/8 of valid. */
    public long preferredFor(long valid, long requested) {
        if (preferredLifetime.isEmpty()) {
            return valid * 5 / 8;
        }
        long p = preferredLifetime.get().grant(requested);
        return p > valid ? valid * 5 / 8 : p;
    }
}
