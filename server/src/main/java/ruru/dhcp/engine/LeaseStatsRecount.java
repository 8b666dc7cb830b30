package ruru.dhcp.engine;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import ruru.daemon.stats.StatsManager;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreUnavailableException;

/**
 * The lease statistics recount of both families, as Kea does it at start and after every
 * reconfiguration, over the kinds of lease a family counts (DHCPv4 addresses; DHCPv6 addresses and
 * delegated prefixes): {@code total-X} of every subnet and pool from the configuration (a count
 * past 2^63, a /64 pool, shows as the largest 64-bit value); {@code assigned-X} from the leases in
 * the default and declined states, {@code declined-addresses} from the declined ones; the
 * family's other counters created at 0 where they do not exist yet (an existing counter keeps its
 * value, unless the family makes it anew at every configuration); the counters of subnets that no longer exist removed
 * (but {@code assigned-X} and {@code declined-addresses} of one still holding leases made anew from them, as Kea).
 */
public final class LeaseStatsRecount {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * One kind of lease of a family.
     *
     * @param names        its counters' suffix and pool word ({@link LeaseCounters.Kind})
     * @param subnetTotal  {@code total-X} of a subnet
     * @param poolTotals   {@code total-X} of a subnet's pools, by pool id (pools of one id add up)
     * @param counts       which of the store's lease counts are of this kind
     * @param poolDeclines whether its pools count {@code declined-addresses} (delegated prefixes are never declined)
     * @param poolCounters the counters each of its pools has from the start
     * @param <S>          the family's subnet
     */
    public record Kind<S>(LeaseCounters.Kind names, Function<S, BigInteger> subnetTotal,
            Function<S, Map<Long, BigInteger>> poolTotals, Predicate<LeaseCount> counts, boolean poolDeclines,
            List<String> poolCounters) {
    }

    /**
     * What a family counts.
     *
     * @param kinds          its kinds of lease
     * @param subnetCounters the counters every subnet has from the start
     * @param globalCounters the global counters it has from the start
     * @param subnetResets   the subnet (and pool) counters made anew at 0 by every configuration (kea-dhcp6
     *                       2.2 drops a subnet's counters and creates them again: its cumulative counts
     *                       start over); the others of {@code subnetCounters} keep their values
     * @param <S>            the family's subnet
     */
    public record Family<S>(List<Kind<S>> kinds, List<String> subnetCounters, List<String> globalCounters,
            List<String> subnetResets) {

        public Family(List<Kind<S>> kinds, List<String> subnetCounters, List<String> globalCounters) {
            this(kinds, subnetCounters, globalCounters, List.of());
        }
    }

    private LeaseStatsRecount() {
    }

    /**
     * Recounts {@code family}'s statistics for the configured {@code subnets} from {@code store}.
     *
     * @param configured whether a subnet id is configured (its pools and other counters are made; leases of
     *                   other subnets count only in their assigned-X and declined-addresses)
     */
    public static <S> void recount(StatsManager stats, Family<S> family, List<S> subnets, ToLongFunction<S> id,
            LongPredicate configured, LeaseStore<?, ?> store) {
        removeStaleSubnets(stats, configured);
        Map<String, Long> counts = new HashMap<>();
        for (S s : subnets) {
            long sid = id.applyAsLong(s);
            for (Kind<S> kind : family.kinds()) {
                String suffix = kind.names().suffix();
                stats.setValue(LeaseCounters.subnet(sid, "total-" + suffix), saturated(kind.subnetTotal().apply(s)));
                counts.put(LeaseCounters.subnet(sid, "assigned-" + suffix), 0L);
                kind.poolTotals().apply(s).forEach((pid, total) -> {
                    stats.setValue(kind.names().pool(sid, pid, "total-" + suffix), saturated(total));
                    counts.put(kind.names().pool(sid, pid, "assigned-" + suffix), 0L);
                    if (kind.poolDeclines()) {
                        counts.put(kind.names().pool(sid, pid, "declined-addresses"), 0L);
                    }
                    for (String counter : kind.poolCounters()) {
                        String name = kind.names().pool(sid, pid, counter);
                        if (family.subnetResets().contains(counter)) {
                            stats.setValue(name, 0L);
                        } else {
                            zeroIfAbsent(stats, name);
                        }
                    }
                });
            }
            counts.put(LeaseCounters.subnet(sid, "declined-addresses"), 0L);
            for (String counter : family.subnetCounters()) {
                if (family.subnetResets().contains(counter)) {
                    stats.setValue(LeaseCounters.subnet(sid, counter), 0L);
                } else {
                    zeroIfAbsent(stats, LeaseCounters.subnet(sid, counter));
                }
            }
        }
        long declined = 0;
        for (LeaseCount c : counts(store)) {
            Kind<S> kind = family.kinds().stream().filter(k -> k.counts().test(c)).findFirst().orElse(null);
            if (kind == null) {
                continue;
            }
            long n = c.leases();
            String assigned = "assigned-" + kind.names().suffix();
            // as Kea's recount: leases of a subnet no longer configured still count in its assigned-X
            // (and declined-addresses), created anew for it
            counts.merge(LeaseCounters.subnet(c.subnetId(), assigned), n, Long::sum);
            counts.computeIfPresent(kind.names().pool(c.subnetId(), c.poolId(), assigned), (k, v) -> v + n);
            if (c.state() == LeaseState.DECLINED) {
                declined += n;
                counts.merge(LeaseCounters.subnet(c.subnetId(), "declined-addresses"), n, Long::sum);
                counts.computeIfPresent(kind.names().pool(c.subnetId(), c.poolId(), "declined-addresses"),
                        (k, v) -> v + n);
            }
        }
        counts.forEach(stats::setValue);
        stats.setValue("declined-addresses", declined);
        for (String global : family.globalCounters()) {
            zeroIfAbsent(stats, global);
        }
    }

    /** A count as a statistic: past 2^63 the largest 64-bit value. */
    public static long saturated(BigInteger v) {
        return v.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : v.longValue();
    }

    /** Pool totals by pool id: pools sharing an id add up. */
    public static <P> Map<Long, BigInteger> byPoolId(List<P> pools, ToLongFunction<P> poolId,
            Function<P, BigInteger> size) {
        Map<Long, BigInteger> totals = new HashMap<>();
        for (P p : pools) {
            totals.merge(poolId.applyAsLong(p), size.apply(p), BigInteger::add);
        }
        return totals;
    }

    /** Creates {@code name} at 0 unless it exists (an existing counter keeps its value). */
    public static void zeroIfAbsent(StatsManager stats, String name) {
        if (!stats.has(name)) {
            stats.setValue(name, 0L);
        }
    }

    /** Removes every {@code subnet[id].*} counter whose subnet id is not {@code configured}. */
    public static void removeStaleSubnets(StatsManager stats, LongPredicate configured) {
        for (String name : stats.names()) {
            if (name.startsWith("subnet[")) {
                int close = name.indexOf(']');
                try {
                    long id = Long.parseLong(name.substring(7, close));
                    if (!configured.test(id)) {
                        stats.remove(name);
                    }
                } catch (RuntimeException e) {
                    // not one of ours
                }
            }
        }
    }

    /**
     * The store's lease counts; none while a database has not been reached yet (retry-on-startup:
     * counted again at the next configuration).
     */
    public static List<LeaseCount> counts(LeaseStore<?, ?> store) {
        try {
            return store.counts();
        } catch (LeaseStoreUnavailableException e) {
            return List.of();
        }
    }
}
