package ruru.dhcp.engine;

import java.util.concurrent.ConcurrentHashMap;

import ruru.daemon.stats.StatsManager;

/**
 * Kea's lease statistics for one kind of lease (FACTS section 5): DHCPv4 addresses
 * ({@code assigned-addresses}, pools {@code pool[pid]}), DHCPv6 addresses ({@code assigned-nas})
 * and delegated prefixes ({@code assigned-pds}, pools {@code pd-pool[pid]}). Global, per subnet
 * ({@code subnet[id].X}) and per pool ({@code subnet[id].pool[pid].X}). Names are built once per
 * (subnet, pool, statistic): the packet path does not build strings.
 */
public final class LeaseCounters {

    /** The names of one kind: the suffix of its counters and the word of its pools. */
    public record Kind(String suffix, String poolWord) {
        public static final Kind V4_ADDRESSES = new Kind("addresses", "pool");
        public static final Kind V6_ADDRESSES = new Kind("nas", "pool");
        public static final Kind V6_PREFIXES = new Kind("pds", "pd-pool");

        /** {@code subnet[id].pool[pid].name} (or {@code pd-pool[pid]}). */
        public String pool(long subnetId, long poolId, String name) {
            return "subnet[" + subnetId + "]." + poolWord + "[" + poolId + "]." + name;
        }
    }

    private record NameKey(long subnetId, long poolId, String name) {
    }

    private final StatsManager stats;
    private final Kind kind;
    private final ConcurrentHashMap<NameKey, String> names = new ConcurrentHashMap<>();
    private final String total;
    private final String assigned;
    private final String cumulative;

    public LeaseCounters(StatsManager stats, Kind kind) {
        this.stats = stats;
        this.kind = kind;
        this.total = "total-" + kind.suffix();
        this.assigned = "assigned-" + kind.suffix();
        this.cumulative = "cumulative-assigned-" + kind.suffix();
    }

    public Kind kind() {
        return kind;
    }

    public static String subnet(long subnetId, String name) {
        return "subnet[" + subnetId + "]." + name;
    }

    public String pool(long subnetId, long poolId, String name) {
        return kind.pool(subnetId, poolId, name);
    }

    private String subnetName(long subnetId, String name) {
        NameKey key = new NameKey(subnetId, -1, name);
        String known = names.get(key);
        return known != null ? known : names.computeIfAbsent(key, k -> subnet(k.subnetId(), k.name()));
    }

    private String poolName(long subnetId, long poolId, String name) {
        NameKey key = new NameKey(subnetId, poolId, name);
        String known = names.get(key);
        return known != null ? known : names.computeIfAbsent(key, k -> pool(k.subnetId(), k.poolId(), k.name()));
    }

    /** {@code total-X}, {@code assigned-X}, {@code cumulative-assigned-X} for this kind. */
    public String total() {
        return total;
    }

    public String assigned() {
        return assigned;
    }

    public String cumulative() {
        return cumulative;
    }

    public void assigned(long subnetId, long poolId, long delta) {
        ruru.lease.CommitGroup g = ruru.lease.CommitGroup.deferring();
        if (g != null) {
            // the lease whose change this counts waits for its batch's write: counted back if that fails
            g.onFailure(e -> assigned(subnetId, poolId, -delta));
        }
        stats.addValue(subnetName(subnetId, assigned()), delta);
        stats.addValue(poolName(subnetId, poolId, assigned()), delta);
    }

    public void cumulativeAssigned(long subnetId, long poolId) {
        cumulative(subnetId, poolId, 1L);
        ruru.lease.CommitGroup g = ruru.lease.CommitGroup.deferring();
        if (g != null) {
            g.onFailure(e -> cumulative(subnetId, poolId, -1L));
        }
    }

    private void cumulative(long subnetId, long poolId, long delta) {
        stats.addValue(cumulative(), delta);
        stats.addValue(subnetName(subnetId, cumulative()), delta);
        stats.addValue(poolName(subnetId, poolId, cumulative()), delta);
    }

    /** Declined addresses (DHCPv6 prefixes cannot be declined). */
    public void declined(long subnetId, long poolId, long delta) {
        ruru.lease.CommitGroup g = ruru.lease.CommitGroup.deferring();
        if (g != null) {
            g.onFailure(e -> declined(subnetId, poolId, -delta));
        }
        stats.addValue("declined-addresses", delta);
        stats.addValue(subnetName(subnetId, "declined-addresses"), delta);
        stats.addValue(poolName(subnetId, poolId, "declined-addresses"), delta);
    }

    /**
     * A lease entering ({@code delta} 1) or leaving (-1) the store outside the packet path (lease
     * commands, HA updates), as Kea's lease_cmds updateStatsOn*: leases in the default and declined
     * states count as assigned, declined ones as declined too.
     */
    public void counted(ruru.lease.Lease<?> lease, long delta) {
        ruru.lease.LeaseState state = lease.state();
        if (state == ruru.lease.LeaseState.DEFAULT || state == ruru.lease.LeaseState.DECLINED) {
            assigned(lease.subnetId(), lease.poolId(), delta);
        }
        if (state == ruru.lease.LeaseState.DECLINED) {
            declined(lease.subnetId(), lease.poolId(), delta);
        }
    }

    /**
     * A lease a command added (Kea's updateStatsOnAdd): counted as assigned (declined too) unless
     * reclaimed or released, never cumulatively (kea-dhcp4 and kea-dhcp6 2.2 leave the
     * {@code cumulative-assigned-*} counters alone).
     */
    public void addedByCommand(ruru.lease.Lease<?> lease) {
        counted(lease, 1);
    }

    /**
     * A lease a command (or a partner) changed, as Kea's updateStatsOnUpdate: a counted lease moved to
     * another subnet is counted out of the old one and (unless it is no longer counted) into the new
     * one; a counted lease that stops being counted in its subnet keeps its place in
     * {@code assigned-*} (as Kea); one that was not counted and now is, is counted in; declines
     * follow the states.
     */
    public void updatedByCommand(ruru.lease.Lease<?> before, ruru.lease.Lease<?> after) {
        boolean was = countedState(before);
        boolean is = countedState(after);
        boolean moved = before.subnetId() != after.subnetId();
        if (was) {
            if (moved) {
                assigned(before.subnetId(), before.poolId(), -1);
            }
            if (before.state() == ruru.lease.LeaseState.DECLINED) {
                declined(before.subnetId(), before.poolId(), -1);
            }
            if (is && moved) {
                assigned(after.subnetId(), after.poolId(), 1);
            }
        } else if (is) {
            assigned(after.subnetId(), after.poolId(), 1);
        }
        if (is && after.state() == ruru.lease.LeaseState.DECLINED) {
            declined(after.subnetId(), after.poolId(), 1);
        }
    }

    private static boolean countedState(ruru.lease.Lease<?> l) {
        return l.state() == ruru.lease.LeaseState.DEFAULT || l.state() == ruru.lease.LeaseState.DECLINED;
    }

    public void reclaimed(long subnetId, long poolId) {
        stats.addValue("reclaimed-leases", 1L);
        stats.addValue(subnetName(subnetId, "reclaimed-leases"), 1L);
        stats.addValue(poolName(subnetId, poolId, "reclaimed-leases"), 1L);
    }

    public void reclaimedDeclined(long subnetId, long poolId) {
        stats.addValue("reclaimed-declined-addresses", 1L);
        stats.addValue(subnetName(subnetId, "reclaimed-declined-addresses"), 1L);
        stats.addValue(poolName(subnetId, poolId, "reclaimed-declined-addresses"), 1L);
    }

    /** {@code vN-allocation-fail} and its per-subnet twin, with Kea's kind suffix ("" for the total). */
    public void allocationFailed(String family, long subnetId, String suffix) {
        stats.addValue(family + "-allocation-fail" + suffix, 1L);
        stats.addValue(subnetName(subnetId, family + "-allocation-fail" + suffix), 1L);
    }

    /** A per-subnet statistic and its global twin incremented (lease reuses, reservation conflicts). */
    public void bump(String name, long subnetId) {
        stats.addValue(name, 1L);
        stats.addValue(subnetName(subnetId, name), 1L);
    }
}
