package ruru.dhcp6.leasecmds;

import java.time.Clock;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.lease.Lease6;
import ruru.lease.Lease6Store;

/**
 * What the DHCPv6 lease_cmds and stat_cmds commands need from the running server. Every method
 * reads the state in force at the call, so a reconfiguration between two commands is seen.
 */
public interface Lease6CommandContext {

    Lease6Store leases();

    Dhcp6ServiceConfig config();

    /** A lease was inserted by a command: keep the statistics right (Kea's updateStatsOnAdd). */
    void leaseAdded(Lease6 lease);

    void leaseRemoved(Lease6 lease);

    void leaseUpdated(Lease6 before, Lease6 after);

    Clock clock();

    PathPolicy paths();

    StatsManager stats();
}
