package ruru.dhcp4.service;

import ruru.daemon.stats.StatsManager;

/**
 * Kea's DHCPv4 lease statistics (FACTS section 5): global counters, {@code subnet[id].X} and
 * {@code subnet[id].pool[pid].X}. Every change to a lease's accounting goes through here.
 */
final class LeaseStats {

    private final StatsManager stats;
    /** Names are built once per (subnet, pool, statistic): the packet path must not build strings. */
    private final java.util.concurrent.ConcurrentHashMap<NameKey, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    private record NameKey(long subnetId, long poolId, String name) {
    }

    LeaseStats(StatsManager stats) {
        this.stats = stats;
    }

    private String subnetName(long subnetId, String name) {
        return names.computeIfAbsent(new NameKey(subnetId, -1, name), k -> subnet(k.subnetId(), k.name()));
    }

    private String poolName(long subnetId, long poolId, String name) {
        return names.computeIfAbsent(new NameKey(subnetId, poolId, name), k -> pool(k.subnetId(), k.poolId(), k.name()));
    }

    static String subnet(long subnetId, String name) {
        return "subnet[" + subnetId + "]." + name;
    }

    static String pool(long subnetId, long poolId, String name) {
        return "subnet[" + subnetId + "].pool[" + poolId + "]." + name;
    }

    void assigned(long subnetId, long poolId, long delta) {
        stats.addValue(subnetName(subnetId, "assigned-addresses"), delta);
        stats.addValue(poolName(subnetId, poolId, "assigned-addresses"), delta);
    }

    void cumulativeAssigned(long subnetId, long poolId) {
        stats.addValue("cumulative-assigned-addresses", 1L);
        stats.addValue(subnetName(subnetId, "cumulative-assigned-addresses"), 1L);
        stats.addValue(poolName(subnetId, poolId, "cumulative-assigned-addresses"), 1L);
    }

    void declined(long subnetId, long poolId, long delta) {
        stats.addValue("declined-addresses", delta);
        stats.addValue(subnetName(subnetId, "declined-addresses"), delta);
        stats.addValue(poolName(subnetId, poolId, "declined-addresses"), delta);
    }

    void reclaimed(long subnetId, long poolId) {
        stats.addValue("reclaimed-leases", 1L);
        stats.addValue(subnetName(subnetId, "reclaimed-leases"), 1L);
        stats.addValue(poolName(subnetId, poolId, "reclaimed-leases"), 1L);
    }

    void reclaimedDeclined(long subnetId, long poolId) {
        stats.addValue("reclaimed-declined-addresses", 1L);
        stats.addValue(subnetName(subnetId, "reclaimed-declined-addresses"), 1L);
        stats.addValue(poolName(subnetId, poolId, "reclaimed-declined-addresses"), 1L);
    }

    /** v4-allocation-fail and its per-subnet twin, with the kind suffix Kea uses ("" for the total). */
    void allocationFailed(long subnetId, String kind) {
        stats.addValue("v4-allocation-fail" + kind, 1L);
        stats.addValue(subnetName(subnetId, "v4-allocation-fail" + kind), 1L);
    }

    void reservationConflict(long subnetId) {
        stats.addValue("v4-reservation-conflicts", 1L);
        stats.addValue(subnetName(subnetId, "v4-reservation-conflicts"), 1L);
    }

    void leaseReused(long subnetId) {
        stats.addValue("v4-lease-reuses", 1L);
        stats.addValue(subnetName(subnetId, "v4-lease-reuses"), 1L);
    }
}
