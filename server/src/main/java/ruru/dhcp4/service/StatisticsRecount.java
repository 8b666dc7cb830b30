package ruru.dhcp4.service;

import java.math.BigInteger;
import java.util.List;

import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp.engine.LeaseStatsRecount;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Subnet4;

/**
 * The DHCPv4 lease statistics recount ({@link LeaseStatsRecount} over DHCPv4 addresses): Kea's
 * {@code total-addresses}, {@code assigned-addresses} (leases in the default and declined states)
 * and {@code declined-addresses}, and the counters kea-dhcp4 has from the start.
 */
final class StatisticsRecount {

    static final LeaseStatsRecount.Family<Subnet4> FAMILY = new LeaseStatsRecount.Family<>(
            List.of(new LeaseStatsRecount.Kind<>(LeaseCounters.Kind.V4_ADDRESSES,
                    s -> BigInteger.valueOf(s.totalAddresses()),
                    s -> LeaseStatsRecount.byPoolId(s.pools(), Pool4::poolId, p -> BigInteger.valueOf(p.size())),
                    c -> true, true,
                    // as Kea 3, a scrape shows them at 0 before the first event, so kea-exporter's
                    // per-pool reclaim series exist from the start too
                    List.of("cumulative-assigned-addresses", "reclaimed-leases", "reclaimed-declined-addresses"))),
            // Kea 2.2 already had v4-reservation-conflicts; 3.0 adds lease reuses
            List.of("cumulative-assigned-addresses", "reclaimed-leases", "reclaimed-declined-addresses",
                    "v4-reservation-conflicts", "v4-lease-reuses"),
            List.of("cumulative-assigned-addresses", "reclaimed-leases", "reclaimed-declined-addresses",
                    "v4-allocation-fail", "v4-allocation-fail-shared-network", "v4-allocation-fail-subnet",
                    "v4-allocation-fail-no-pools", "v4-allocation-fail-classes", "v4-lease-reuses",
                    "v4-reservation-conflicts"));

    private StatisticsRecount() {
    }

    static void recount(StatsManager stats, Snapshot snap) {
        LeaseStatsRecount.recount(stats, FAMILY, snap.config().subnets(), Subnet4::id,
                id -> snap.subnet(id).isPresent(), snap.leases());
    }
}
