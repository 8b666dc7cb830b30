package ruru.dhcp.leasecmds;

import java.time.Clock;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatsManager;
import ruru.lease.Lease;
import ruru.lease.LeaseStore;

/**
 * What the lease_cmds and stat_cmds commands need from a running DHCP server of either family.
 * Every method reads the state in force at the call, so a reconfiguration between two commands is
 * seen by the second.
 *
 * @param <A> the address type
 * @param <L> the lease type
 * @param <S> the family's lease store
 * @param <C> the family's service configuration
 */
public interface LeaseContext<A extends Comparable<A>, L extends Lease<A>, S extends LeaseStore<A, L>, C> {

    /** The lease store in force. */
    S leases();

    /** The configuration in force (subnet lookup for leases added without subnet-id, lease wipes). */
    C config();

    /** A lease was inserted by a command: keep assigned/declined statistics right (Kea's updateStatsOnAdd). */
    void leaseAdded(L lease);

    /** A lease was deleted by a command (leaseN-del, leaseN-wipe, bulk apply). */
    void leaseRemoved(L lease);

    /** A lease was replaced by leaseN-update (or an HA partner's update). */
    void leaseUpdated(L before, L after);

    /** cltt of added leases without "expire", and stat-leaseN-get's timestamp (rendered in the clock's zone). */
    Clock clock();

    /** leaseN-write: where data files may be written (Kea 3: the data directory only). */
    PathPolicy paths();

    /** stat-leaseN-get reads the subnets' totals and cumulative counts here. */
    StatsManager stats();

    /** Whether the server sends NCRs at all ({@code dhcp-ddns.enable-updates}). */
    default boolean ddnsEnabled() {
        return false;
    }

    /** Queues the DNS removal of a deleted lease's names (leaseN-del with update-ddns). */
    default void ddnsRemove(L lease) {
    }

    /** Queues an NCR adding the lease's names (leaseN-resend-ddns). */
    default void ddnsResend(L lease) {
    }
}
