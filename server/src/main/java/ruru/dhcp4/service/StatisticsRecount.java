package ruru.dhcp4.service;

import java.util.HashMap;
import java.util.Map;

import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseStatsRecount;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Subnet4;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;

/**
 * Sets the lease statistics from the lease store, as Kea does at start and after every
 * reconfiguration: total-addresses from the pools; assigned-addresses counts leases in the default
 * and declined states, declined-addresses the declined ones. Counters of subnets that no longer
 * exist are removed; cumulative counters of existing subnets are kept.
 */
final class StatisticsRecount {

    /**
     * Counters every pool has from the start, as Kea 3 (a scrape shows them at 0 before the first
     * event, so kea-exporter's per-pool reclaim series exist from the start too).
     */
    private static final String[] POOL_COUNTERS = {"cumulative-assigned-addresses", "reclaimed-leases",
        "reclaimed-declined-addresses"};

    /** Counters every subnet has from the start (Kea 2.2 already had v4-reservation-conflicts; 3.0 adds lease reuses). */
    private static final String[] SUBNET_COUNTERS = {"cumulative-assigned-addresses", "reclaimed-leases",
        "reclaimed-declined-addresses", "v4-reservation-conflicts", "v4-lease-reuses"};

    private StatisticsRecount() {
    }

    static void recount(StatsManager stats, Snapshot snap) {
        removeStaleSubnets(stats, snap);
        Map<String, Long> counts = new HashMap<>();
        for (Subnet4 s : snap.config().subnets()) {
            stats.setValue(LeaseStats.subnet(s.id(), "total-addresses"), s.totalAddresses());
            counts.put(LeaseStats.subnet(s.id(), "assigned-addresses"), 0L);
            counts.put(LeaseStats.subnet(s.id(), "declined-addresses"), 0L);
            Map<Long, Long> poolTotals = new HashMap<>();
            for (Pool4 p : s.pools()) {
                poolTotals.merge(p.poolId(), p.size(), Long::sum);
            }
            poolTotals.forEach((pid, total) -> {
                stats.setValue(LeaseStats.pool(s.id(), pid, "total-addresses"), total);
                counts.put(LeaseStats.pool(s.id(), pid, "assigned-addresses"), 0L);
                counts.put(LeaseStats.pool(s.id(), pid, "declined-addresses"), 0L);
                for (String counter : POOL_COUNTERS) {
                    zeroIfAbsent(stats, LeaseStats.pool(s.id(), pid, counter));
                }
            });
            for (String counter : SUBNET_COUNTERS) {
                zeroIfAbsent(stats, LeaseStats.subnet(s.id(), counter));
            }
        }
        long declined = 0;
        for (LeaseCount c : LeaseStatsRecount.counts(snap.leases())) {
            if (snap.subnet(c.subnetId()).isEmpty()) {
                continue;
            }
            long n = c.leases();
            counts.merge(LeaseStats.subnet(c.subnetId(), "assigned-addresses"), n, Long::sum);
            counts.computeIfPresent(LeaseStats.pool(c.subnetId(), c.poolId(), "assigned-addresses"), (k, v) -> v + n);
            if (c.state() == LeaseState.DECLINED) {
                declined += n;
                counts.merge(LeaseStats.subnet(c.subnetId(), "declined-addresses"), n, Long::sum);
                counts.computeIfPresent(LeaseStats.pool(c.subnetId(), c.poolId(), "declined-addresses"), (k, v) -> v + n);
            }
        }
        counts.forEach(stats::setValue);
        stats.setValue("declined-addresses", declined);
        for (String global : new String[] {"cumulative-assigned-addresses", "reclaimed-leases",
                "reclaimed-declined-addresses", "v4-allocation-fail", "v4-allocation-fail-shared-network",
                "v4-allocation-fail-subnet", "v4-allocation-fail-no-pools", "v4-allocation-fail-classes",
                "v4-lease-reuses", "v4-reservation-conflicts"}) {
            zeroIfAbsent(stats, global);
        }
    }

    private static void zeroIfAbsent(StatsManager stats, String name) {
        LeaseStatsRecount.zeroIfAbsent(stats, name);
    }

    private static void removeStaleSubnets(StatsManager stats, Snapshot snap) {
        LeaseStatsRecount.removeStaleSubnets(stats, id -> snap.subnet(id).isPresent());
    }
}
