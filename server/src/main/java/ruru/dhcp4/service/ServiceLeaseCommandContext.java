package ruru.dhcp4.service;

import java.time.Clock;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.leasecmds.LeaseCommandContext;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;

/**
 * What lease_cmds and stat_cmds see of the running service: the store and configuration in force
 * (read at each call, so a reconfiguration is seen at once) and the service's own lease statistics
 * bookkeeping, so a lease added or deleted by command counts exactly as one from a client.
 */
public record ServiceLeaseCommandContext(Dhcp4Service service, StatsManager stats, Clock clock, PathPolicy paths)
        implements LeaseCommandContext {

    @Override
    public Lease4Store leases() {
        return service.leases();
    }

    @Override
    public Dhcp4ServiceConfig config() {
        return service.config();
    }

    @Override
    public void leaseAdded(Lease4 lease) {
        service.leaseCounted(lease, 1);
        service.leaseAssignedByCommand(lease);
    }

    @Override
    public void leaseRemoved(Lease4 lease) {
        service.leaseCounted(lease, -1);
    }

    @Override
    public void leaseUpdated(Lease4 before, Lease4 after) {
        service.leaseCounted(before, -1);
        service.leaseCounted(after, 1);
    }

    @Override
    public void ddnsRemove(Lease4 lease) {
        service.ddns().removed(lease);
    }

    @Override
    public void ddnsResend(Lease4 lease) {
        service.ddns().resend(lease);
    }

    @Override
    public boolean ddnsEnabled() {
        return service.ddns().enabled();
    }
}
