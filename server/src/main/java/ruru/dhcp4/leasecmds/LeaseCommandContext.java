package ruru.dhcp4.leasecmds;

import java.time.Clock;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;

/**
 * What the lease_cmds and stat_cmds commands need from the running DHCPv4 server. The integrator
 * implements it over the live service; every method reads the state in force at the call, so a
 * reconfiguration between two commands is seen by the second.
 */
public interface LeaseCommandContext {

    /** The lease store in force. */
    Lease4Store leases();

    /** The configuration in force (subnet lookup and selection for lease4-add without subnet-id). */
    Dhcp4ServiceConfig config();

    /** A lease was inserted by a command: keep assigned/declined statistics right (Kea's updateStatsOnAdd). */
    void leaseAdded(Lease4 lease);

    /** A lease was deleted by a command (lease4-del, lease4-wipe). */
    void leaseRemoved(Lease4 lease);

    /** A lease was replaced by lease4-update. */
    void leaseUpdated(Lease4 before, Lease4 after);

    /** cltt of added leases without "expire", and stat-lease4-get's timestamp (rendered in the clock's zone). */
    Clock clock();

    /** lease4-write: where data files may be written (Kea 3: the data directory only). */
    PathPolicy paths();

    /** stat-lease4-get reads subnet[id].total-addresses and cumulative-assigned-addresses here. */
    StatsManager stats();

    /** Queues the DNS removal of a deleted lease's names (lease4-del with update-ddns); false when DDNS is off. */
    default boolean ddnsRemove(Lease4 lease) {
        return false;
    }

    /** Queues an NCR adding the lease's names (lease4-resend-ddns). */
    default boolean ddnsResend(Lease4 lease) {
        return false;
    }

    /** Whether the server sends NCRs at all ({@code dhcp-ddns.enable-updates}). */
    default boolean ddnsEnabled() {
        return false;
    }
}
