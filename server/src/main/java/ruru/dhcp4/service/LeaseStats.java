package ruru.dhcp4.service;

import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;

/**
 * Kea's DHCPv4 lease statistics (FACTS section 5): global counters, {@code subnet[id].X} and
 * {@code subnet[id].pool[pid].X}, kept by the shared engine's {@link LeaseCounters} for DHCPv4
 * addresses. Every change to a lease's accounting goes through here.
 */
final class LeaseStats {

    private final LeaseCounters counters;

    LeaseStats(StatsManager stats) {
        this.counters = new LeaseCounters(stats, LeaseCounters.Kind.V4_ADDRESSES);
    }

    LeaseCounters counters() {
        return counters;
    }

    static String subnet(long subnetId, String name) {
        return LeaseCounters.subnet(subnetId, name);
    }

    static String pool(long subnetId, long poolId, String name) {
        return "subnet[" + subnetId + "].pool[" + poolId + "]." + name;
    }

    void assigned(long subnetId, long poolId, long delta) {
        counters.assigned(subnetId, poolId, delta);
    }

    void cumulativeAssigned(long subnetId, long poolId) {
        counters.cumulativeAssigned(subnetId, poolId);
    }

    void declined(long subnetId, long poolId, long delta) {
        counters.declined(subnetId, poolId, delta);
    }

    void reclaimed(long subnetId, long poolId) {
        counters.reclaimed(subnetId, poolId);
    }

    void reclaimedDeclined(long subnetId, long poolId) {
        counters.reclaimedDeclined(subnetId, poolId);
    }

    void reservationConflict(long subnetId) {
        counters.bump("v4-reservation-conflicts", subnetId);
    }

    void leaseReused(long subnetId) {
        counters.bump("v4-lease-reuses", subnetId);
    }
}
