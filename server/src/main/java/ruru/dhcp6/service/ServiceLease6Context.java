package ruru.dhcp6.service;

import java.time.Clock;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.leasecmds.ServiceLeaseContext;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.leasecmds.Lease6CommandContext;
import ruru.lease.Lease6;
import ruru.lease.Lease6Store;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * What lease_cmds and stat_cmds see of the running DHCPv6 service ({@link ServiceLeaseContext}):
 * a lease changed by command counts in the counters of its kind (addresses or prefixes) exactly as
 * one from a client.
 */
public final class ServiceLease6Context
        extends ServiceLeaseContext<Ipv6Address, Lease6, Lease6Store, Dhcp6ServiceConfig> implements Lease6CommandContext {

    /** @param service the service in force at each call (the personality's, which a restart replaces) */
    public ServiceLease6Context(java.util.function.Supplier<Dhcp6Service> service, StatsManager stats, Clock clock,
            PathPolicy paths) {
        super(service, l -> service.get().counters(l.type() == IaType.PD), () -> service.get().ddns(), stats, clock,
                paths);
    }
}
