package ruru.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ruru.wire.v6.IaType;

/**
 * How many leases of one kind a subnet (and pool) holds in one state: what Kea's statistics
 * recount and stat-leaseN-get read ({@code lease4_stat}/{@code lease6_stat} and their
 * {@code _pool_stat} tables in a database, a count of the leases in memfile). Only the default and
 * declined states are counted.
 *
 * @param poolId -1 when the store does not record pools (Kea 2.2's schema)
 * @param type   the lease type (Kea's {@code lease_type}): IA_NA, IA_TA or IA_PD; NA for DHCPv4 addresses
 */
public record LeaseCount(long subnetId, long poolId, LeaseState state, long leases, IaType type) {

    public static final long UNKNOWN_POOL = -1;

    /** A count of addresses (DHCPv4, or DHCPv6 IA_NA). */
    public LeaseCount(long subnetId, long poolId, LeaseState state, long leases) {
        this(subnetId, poolId, state, leases, IaType.NA);
    }

    /** Counts {@code leases} by subnet, pool, type and state (default and declined only). */
    public static List<LeaseCount> of(Iterable<? extends Lease<?>> leases) {
        record Key(long subnet, long pool, LeaseState state, IaType type) {
        }
        Map<Key, Long> counts = new HashMap<>();
        for (Lease<?> l : leases) {
            if (l.state() == LeaseState.DEFAULT || l.state() == LeaseState.DECLINED) {
                IaType type = l instanceof Lease6 l6 ? l6.type() : IaType.NA;
                counts.merge(new Key(l.subnetId(), l.poolId(), l.state(), type), 1L, Long::sum);
            }
        }
        List<LeaseCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new LeaseCount(k.subnet(), k.pool(), k.state(), v, k.type())));
        return out;
    }
}
