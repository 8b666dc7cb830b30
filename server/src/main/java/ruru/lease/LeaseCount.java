package ruru.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many leases a subnet (and pool) holds in one state: what Kea's statistics recount and
 * stat-lease4-get read ({@code lease4_stat} / {@code lease4_pool_stat} in a database, a count of
 * the leases in memfile). Only the default and declined states are counted.
 *
 * @param poolId -1 when the store does not record pools (Kea 2.2's schema)
 */
public record LeaseCount(long subnetId, long poolId, LeaseState state, long leases) {

    public static final long UNKNOWN_POOL = -1;

    /** Counts {@code leases} by subnet, pool and state (default and declined only). */
    public static List<LeaseCount> of(Iterable<Lease4> leases) {
        record Key(long subnet, long pool, LeaseState state) {
        }
        Map<Key, Long> counts = new HashMap<>();
        for (Lease4 l : leases) {
            if (l.state() == LeaseState.DEFAULT || l.state() == LeaseState.DECLINED) {
                counts.merge(new Key(l.subnetId(), l.poolId(), l.state()), 1L, Long::sum);
            }
        }
        List<LeaseCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new LeaseCount(k.subnet(), k.pool(), k.state(), v)));
        return out;
    }
}
