package ruru.dhcp4.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import ruru.classify.ClassGuard;
import ruru.wire.Ipv4Address;
import ruru.dhcp.config.Lifetime;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.Allocator;

/**
 * A subnet with every inheritable parameter already resolved (global, then shared network, then
 * the subnet's own value).
 *
 * @param prefix          the address as written (Kea keeps {@code 192.0.2.5/24} as written too);
 *                        {@link #network()} is the masked network address
 * @param options         subnet, shared-network and global options merged in Kea precedence
 * @param networkOptions  subnet and shared-network options only, so a caller can slot client-class
 *                        options between them and the global ones (Kea's order)
 * @param totalAddresses  sum of the pool sizes (Kea's {@code subnet[id].total-addresses})
 * @param classes         the subnet's class guard and additional classes
 * @param networkClasses  its shared network's (open for a plain subnet)
 * @param ownOptions      the subnet's own option-data: with class-tagged options a level that does
 *                        not apply to a client gives way to the level below, so replies need the
 *                        levels apart
 * @param storeExtendedInfo {@code store-extended-info}: keep the relay agent information of the
 *                        query in the lease's user-context ({@code ISC.relay-agent-info})
 * @param offerLifetime   Kea 3's {@code offer-lifetime} (0: offers are not stored): a DISCOVER's
 *                        address is held in the lease store for this many seconds
 */
public record Subnet4(long id, Ipv4Address prefix, int prefixLength, List<Pool4> pools, List<OptionValue> options,
        Lifetime validLifetime, OptionalLong renewTimer, OptionalLong rebindTimer, boolean calculateTeeTimes,
        double t1Percent, double t2Percent, List<Ipv4Address> relayAddresses, Optional<String> interfaceName,
        boolean matchClientId, boolean authoritative, Ipv4Address nextServer, String serverHostname,
        String bootFileName, List<Reservation4> reservations, boolean reservationsGlobal,
        boolean reservationsInSubnet, boolean reservationsOutOfPool, Allocator allocator,
        OptionalDouble cacheThreshold, OptionalLong cacheMaxAge, Optional<String> sharedNetworkName,
        long totalAddresses, List<OptionValue> networkOptions, ClassGuard classes, ClassGuard networkClasses,
        List<OptionValue> ownOptions, boolean storeExtendedInfo, long offerLifetime) {

    public Subnet4 {
        Objects.requireNonNull(prefix, "prefix");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        pools = List.copyOf(pools);
        options = List.copyOf(options);
        relayAddresses = List.copyOf(relayAddresses);
        reservations = List.copyOf(reservations);
        networkOptions = List.copyOf(networkOptions);
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(networkClasses, "networkClasses");
        ownOptions = List.copyOf(ownOptions);
    }

    public Subnet4(long id, Ipv4Address prefix, int prefixLength, List<Pool4> pools, List<OptionValue> options,
            Lifetime validLifetime, OptionalLong renewTimer, OptionalLong rebindTimer, boolean calculateTeeTimes,
            double t1Percent, double t2Percent, List<Ipv4Address> relayAddresses, Optional<String> interfaceName,
            boolean matchClientId, boolean authoritative, Ipv4Address nextServer, String serverHostname,
            String bootFileName, List<Reservation4> reservations, boolean reservationsGlobal,
            boolean reservationsInSubnet, boolean reservationsOutOfPool, Allocator allocator,
            OptionalDouble cacheThreshold, OptionalLong cacheMaxAge, Optional<String> sharedNetworkName,
            long totalAddresses, List<OptionValue> networkOptions) {
        this(id, prefix, prefixLength, pools, options, validLifetime, renewTimer, rebindTimer, calculateTeeTimes,
                t1Percent, t2Percent, relayAddresses, interfaceName, matchClientId, authoritative, nextServer,
                serverHostname, bootFileName, reservations, reservationsGlobal, reservationsInSubnet,
                reservationsOutOfPool, allocator, cacheThreshold, cacheMaxAge, sharedNetworkName, totalAddresses,
                networkOptions, ClassGuard.OPEN, ClassGuard.OPEN, networkOptions, false, 0);
    }

    /** Whether a client in these classes may use this subnet: its shared network's guard and its own. */
    public boolean admits(ruru.classify.ClassSet packetClasses) {
        return networkClasses.admits(packetClasses) && classes.admits(packetClasses);
    }

    public static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public Ipv4Address network() {
        return new Ipv4Address(prefix.bits() & mask(prefixLength));
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(prefix.bits() | ~mask(prefixLength));
    }

    public boolean contains(Ipv4Address a) {
        return (a.bits() & mask(prefixLength)) == (prefix.bits() & mask(prefixLength));
    }

    /** Kea's text form, {@code 192.0.2.0/24}. */
    public String prefixText() {
        return prefix + "/" + prefixLength;
    }

    public Optional<Pool4> poolOf(Ipv4Address a) {
        return pools.stream().filter(p -> p.contains(a)).findFirst();
    }
}
