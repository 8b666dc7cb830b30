package ruru.dhcp6.service;

import java.util.List;

import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp.engine.LeaseStatsRecount;
import ruru.dhcp6.config.PdPool;
import ruru.dhcp6.config.Pool6;
import ruru.dhcp6.config.Subnet6;
import ruru.wire.v6.IaType;

/**
 * The DHCPv6 lease statistics recount ({@link LeaseStatsRecount} over addresses and delegated
 * prefixes): Kea's {@code total-nas} / {@code total-pds} (a /64 pool shows as the largest 64-bit
 * value), {@code assigned-nas} / {@code assigned-pds} (leases in the default and declined states),
 * {@code declined-addresses}, and the counters kea-dhcp6 has from the start (Kea 3: per pool and
 * per subnet lease reuses too).
 */
final class StatisticsRecount6 {

    static final LeaseStatsRecount.Family<Subnet6> FAMILY = new LeaseStatsRecount.Family<>(
            List.of(new LeaseStatsRecount.Kind<>(LeaseCounters.Kind.V6_ADDRESSES, Subnet6::totalNas,
                            s -> LeaseStatsRecount.byPoolId(s.pools(), Pool6::poolId, Pool6::size),
                            c -> c.type() != IaType.PD, true,
                            List.of("cumulative-assigned-nas", "reclaimed-leases", "reclaimed-declined-addresses")),
                    new LeaseStatsRecount.Kind<>(LeaseCounters.Kind.V6_PREFIXES, Subnet6::totalPds,
                            s -> LeaseStatsRecount.byPoolId(s.pdPools(), PdPool::poolId, PdPool::count),
                            c -> c.type() == IaType.PD, false,
                            List.of("cumulative-assigned-pds", "reclaimed-leases"))),
            List.of("cumulative-assigned-nas", "cumulative-assigned-pds", "reclaimed-leases",
                    "reclaimed-declined-addresses", "v6-ia-na-lease-reuses", "v6-ia-pd-lease-reuses"),
            List.of("cumulative-assigned-nas", "cumulative-assigned-pds", "reclaimed-leases",
                    "reclaimed-declined-addresses", "v6-allocation-fail", "v6-allocation-fail-shared-network",
                    "v6-allocation-fail-subnet", "v6-allocation-fail-no-pools", "v6-allocation-fail-classes",
                    "v6-ia-na-lease-reuses", "v6-ia-pd-lease-reuses"),
            // kea-dhcp6 2.2 after config-set / config-reload: a subnet's cumulative counts start over at 0
            // (and its reclaimed counts)
            List.of("cumulative-assigned-nas", "cumulative-assigned-pds", "reclaimed-leases",
                    "reclaimed-declined-addresses"));

    private StatisticsRecount6() {
    }

    static void recount(StatsManager stats, Snapshot6 snap) {
        LeaseStatsRecount.recount(stats, FAMILY, snap.config().subnets(), Subnet6::id,
                id -> snap.subnet(id).isPresent(), snap.leases());
    }
}
