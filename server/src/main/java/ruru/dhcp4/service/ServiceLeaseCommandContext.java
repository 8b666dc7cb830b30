package ruru.dhcp4.service;

import java.time.Clock;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.leasecmds.ServiceLeaseContext;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.leasecmds.LeaseCommandContext;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.wire.Ipv4Address;

/**
 * What lease_cmds and stat_cmds see of the running DHCPv4 service ({@link ServiceLeaseContext}):
 * a lease added or deleted by command counts exactly as one from a client.
 */
public final class ServiceLeaseCommandContext
        extends ServiceLeaseContext<Ipv4Address, Lease4, Lease4Store, Dhcp4ServiceConfig> implements LeaseCommandContext {

    public ServiceLeaseCommandContext(Dhcp4Service service, StatsManager stats, Clock clock, PathPolicy paths) {
        super(() -> service, l -> service.counters(), service::ddns, stats, clock, paths);
    }
}
