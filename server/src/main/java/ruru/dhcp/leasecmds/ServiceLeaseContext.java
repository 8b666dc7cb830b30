package ruru.dhcp.leasecmds;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.stats.StatsManager;
import ruru.ddns.client.DdnsClient;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp.engine.ServiceBase;
import ruru.lease.Lease;
import ruru.lease.LeaseStore;

/**
 * What lease_cmds and stat_cmds see of a running DHCP service of either family: the store and
 * configuration in force (read at each call, so a reconfiguration is seen at once), the lease
 * statistics kept as for a client's lease ({@link LeaseCounters#counted}), and the service's DDNS.
 */
public class ServiceLeaseContext<A extends Comparable<A>, L extends Lease<A>, S extends LeaseStore<A, L>, C>
        implements LeaseContext<A, L, S, C> {

    private final Supplier<? extends ServiceBase<C, S>> service;
    private final Function<? super L, LeaseCounters> counters;
    private final Supplier<? extends DdnsClient<A, L, ?>> ddns;
    private final StatsManager stats;
    private final Clock clock;
    private final PathPolicy paths;

    /** @param counters the counters of a lease's kind (DHCPv6: addresses or prefixes) */
    public ServiceLeaseContext(Supplier<? extends ServiceBase<C, S>> service, Function<? super L, LeaseCounters> counters,
            Supplier<? extends DdnsClient<A, L, ?>> ddns, StatsManager stats, Clock clock, PathPolicy paths) {
        this.service = service;
        this.counters = counters;
        this.ddns = ddns;
        this.stats = stats;
        this.clock = clock;
        this.paths = paths;
    }

    @Override
    public S leases() {
        return service.get().leases();
    }

    @Override
    public C config() {
        return service.get().config();
    }

    @Override
    public void leaseAdded(L lease) {
        counters.apply(lease).addedByCommand(lease);
    }

    @Override
    public void leaseRemoved(L lease) {
        counters.apply(lease).counted(lease, -1);
    }

    @Override
    public void leaseUpdated(L before, L after) {
        counters.apply(after).updatedByCommand(before, after);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public PathPolicy paths() {
        return paths;
    }

    @Override
    public StatsManager stats() {
        return stats;
    }

    @Override
    public boolean ddnsEnabled() {
        return ddns.get().enabled();
    }

    @Override
    public void ddnsRemove(L lease) {
        ddns.get().removed(lease);
    }

    @Override
    public void ddnsResend(L lease) {
        ddns.get().resend(lease);
    }
}
