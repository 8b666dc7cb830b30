package ruru.dhcp6.service;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp.engine.LeaseStatsRecount;
import ruru.dhcp6.config.PdPool;
import ruru.dhcp6.config.Pool6;
import ruru.dhcp6.config.Subnet6;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;
import ruru.wire.v6.IaType;

/**
 * Sets the DHCPv6 lease statistics from the lease store, as Kea does at start and after every
 * reconfiguration: total-nas and total-pds from the pools (a count past 2^63, a /64 pool, shows as
 * the largest 64-bit value), assigned-nas and assigned-pds from the leases in the default and
 * declined states, declined-addresses from the declined ones. Counters of subnets that no longer
 * exist are removed; cumulative ones of existing subnets are kept.
 */
final class StatisticsRecount6 {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private StatisticsRecount6() {
    }

    static long saturated(BigInteger v) {
        return v.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : v.longValue();
    }

    static void recount(StatsManager stats, Snapshot6 snap, LeaseCounters nas, LeaseCounters pds) {
        removeStaleSubnets(stats, snap);
        Map<String, Long> counts = new HashMap<>();
        for (Subnet6 s : snap.config().subnets()) {
            stats.setValue(LeaseCounters.subnet(s.id(), "total-nas"), saturated(s.totalNas()));
            stats.setValue(LeaseCounters.subnet(s.id(), "total-pds"), saturated(s.totalPds()));
            for (String n : new String[] {"assigned-nas", "assigned-pds", "declined-addresses"}) {
                counts.put(LeaseCounters.subnet(s.id(), n), 0L);
            }
            Map<Long, BigInteger> poolTotals = new HashMap<>();
            for (Pool6 p : s.pools()) {
                poolTotals.merge(p.poolId(), p.size(), BigInteger::add);
            }
            poolTotals.forEach((pid, total) -> {
                stats.setValue(nas.pool(s.id(), pid, "total-nas"), saturated(total));
                counts.put(nas.pool(s.id(), pid, "assigned-nas"), 0L);
                counts.put(nas.pool(s.id(), pid, "declined-addresses"), 0L);
            });
            Map<Long, BigInteger> pdTotals = new HashMap<>();
            for (PdPool p : s.pdPools()) {
                pdTotals.merge(p.poolId(), p.count(), BigInteger::add);
            }
            pdTotals.forEach((pid, total) -> {
                stats.setValue(pds.pool(s.id(), pid, "total-pds"), saturated(total));
                counts.put(pds.pool(s.id(), pid, "assigned-pds"), 0L);
            });
            for (String n : new String[] {"cumulative-assigned-nas", "cumulative-assigned-pds", "reclaimed-leases",
                "reclaimed-declined-addresses"}) {
                zeroIfAbsent(stats, LeaseCounters.subnet(s.id(), n));
            }
        }
        long declined = 0;
        for (LeaseCount l : leaseCounts(snap)) {
            if (snap.subnet(l.subnetId()).isEmpty()) {
                continue;
            }
            long n = l.leases();
            boolean pd = l.type() == IaType.PD;
            String assigned = pd ? "assigned-pds" : "assigned-nas";
            LeaseCounters c = pd ? pds : nas;
            counts.merge(LeaseCounters.subnet(l.subnetId(), assigned), n, Long::sum);
            counts.computeIfPresent(c.pool(l.subnetId(), l.poolId(), assigned), (k, v) -> v + n);
            if (l.state() == LeaseState.DECLINED) {
                declined += n;
                counts.merge(LeaseCounters.subnet(l.subnetId(), "declined-addresses"), n, Long::sum);
                counts.computeIfPresent(c.pool(l.subnetId(), l.poolId(), "declined-addresses"), (k, v) -> v + n);
            }
        }
        counts.forEach(stats::setValue);
        stats.setValue("declined-addresses", declined);
        for (String global : new String[] {"cumulative-assigned-nas", "cumulative-assigned-pds", "reclaimed-leases",
            "reclaimed-declined-addresses", "v6-allocation-fail", "v6-allocation-fail-shared-network",
            "v6-allocation-fail-subnet", "v6-allocation-fail-no-pools", "v6-allocation-fail-classes",
            "v6-ia-na-lease-reuses", "v6-ia-pd-lease-reuses"}) {
            zeroIfAbsent(stats, global);
        }
    }

    /** The store's counts (a database's trigger-kept tables); none while a database has not been reached yet. */
    private static java.util.List<LeaseCount> leaseCounts(Snapshot6 snap) {
        return LeaseStatsRecount.counts(snap.leases());
    }

    private static void zeroIfAbsent(StatsManager stats, String name) {
        LeaseStatsRecount.zeroIfAbsent(stats, name);
    }

    private static void removeStaleSubnets(StatsManager stats, Snapshot6 snap) {
        LeaseStatsRecount.removeStaleSubnets(stats, id -> snap.subnet(id).isPresent());
    }
}
