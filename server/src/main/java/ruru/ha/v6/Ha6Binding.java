package ruru.ha.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.logging.KeaLog;
import ruru.daemon.state.NetworkState;
import ruru.ha.HaFamily;
import ruru.ha.HaLibrary;
import ruru.ha.HaService;
import ruru.ha.HaServices;
import ruru.ha.LeaseChange;
import ruru.ha.config.HaConfig;
import ruru.ha.state.QueryFilter;
import ruru.hooks.Buffer6ReceiveCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease6Info;
import ruru.hooks.Leases6CommittedCallout;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.hooks.Subnet6SelectCallout;
import ruru.json.MapElement;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6Packet;

/**
 * HA over the DHCPv6 hook points, as Kea's library hooks them: {@code buffer6_receive} drops the
 * queries of the partner's scope (one relationship; the scope is the DUID's by Kea's hash),
 * {@code subnet6_select} does it per subnet with several relationships (hub and spoke: the
 * subnet's {@code ha-server-name}), {@code leases6_committed} parks the reply until the partner
 * acknowledged the {@code lease6-bulk-apply}, and {@code lease6_expire} leaves a terminated
 * server's partner scope alone (Kea 3).
 */
public final class Ha6Binding implements HaLibrary.Binding {

    private final Dhcp6HaFamily family;
    private final NetworkState network;
    private final Function<Lease6Info, MapElement> leaseJson;
    private final Map<Long, String> subnetServerNames;
    private final Logger log;

    /**
     * @param leaseJson         a lease as lease_cmds shows it (Kea's Lease6::toElement)
     * @param subnetServerNames each subnet's {@code ha-server-name}, by subnet id; subnets without one are absent
     */
    public Ha6Binding(Dhcp6HaFamily family, NetworkState network, Function<Lease6Info, MapElement> leaseJson,
                      Map<Long, String> subnetServerNames, String loggerRoot) {
        this.family = family;
        this.network = network;
        this.leaseJson = leaseJson;
        this.subnetServerNames = Map.copyOf(subnetServerNames);
        this.log = LoggerFactory.getLogger(loggerRoot + ".ha-hooks");
    }

    @Override
    public HaFamily family() {
        return family;
    }

    private Optional<HaService> relationshipOf(HaServices services, long subnetId) {
        return Optional.ofNullable(subnetServerNames.get(subnetId)).flatMap(services::byServerName);
    }

    /** Kea 3's lease sync filter: the subnets whose ha-server-name is one of the relationship's servers. */
    @Override
    public Set<Long> subnetsOf(HaConfig relationship) {
        Set<Long> ids = new TreeSet<>();
        subnetServerNames.forEach((id, name) -> {
            if (relationship.peers().containsKey(name)) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public void register(LibraryHandle handle, HaServices services) {
        handle.registerCallout(HookPoint.BUFFER6_RECEIVE, args -> bufferReceive(args, services));
        handle.registerCallout(HookPoint.SUBNET6_SELECT, args -> subnetSelect(args, services));
        handle.registerCallout(HookPoint.LEASES6_COMMITTED, args -> committed(args, services));
        handle.registerCallout(HookPoint.LEASE6_EXPIRE, args -> expire(args.lease6(), services));
    }

    /** Kea 3: a terminated server reclaims only the expired leases of its own scopes (hashed by DUID). */
    private NextStep expire(Lease6Info lease, HaServices services) {
        HaService service = services.hasMultiple() ? relationshipOf(services, lease.subnetId()).orElse(null)
                : services.first();
        if (service == null || service.shouldReclaim(lease.duid())) {
            return NextStep.CONTINUE;
        }
        KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LEASE6_EXPIRE_RECLAMATION_SKIP", "{}: skipping reclamation of the "
                + "lease {} that belongs to the partner's scope", service.config().thisServerName(), lease.address());
        return NextStep.SKIP;
    }

    /**
     * The client class HA assigns {@code query} (Kea's {@code HA_<server>} of its scope), for
     * classification: with one relationship the query's own; with several, the one of the selected
     * subnet. Empty when the library is not loaded.
     */
    public List<String> scopeClasses(HaServices services, Dhcp6Packet query, OptionalLong subnetId) {
        if (services == null) {
            return List.of();
        }
        Optional<HaService> service = !services.hasMultiple() ? Optional.of(services.first())
                : subnetId.isPresent() ? relationshipOf(services, subnetId.getAsLong()) : Optional.empty();
        return service.map(s -> s.filter().inScope(new Ha6Query(query)).scopeClass()).filter(c -> !c.isEmpty())
                .map(List::of).orElse(List.of());
    }

    /** One relationship: parse the query (the server then uses it), drop it when it is not ours. */
    private NextStep bufferReceive(Buffer6ReceiveCallout.Args args, HaServices services) {
        if (services.hasMultiple() || !network.isServiceEnabled()) {
            // several relationships: decided per subnet; service disabled: the server drops the query
            return NextStep.CONTINUE;
        }
        Dhcp6Packet query;
        try {
            query = args.query6().isPresent() ? args.query6().get() : Dhcp6Packet.decode(args.buffer());
        } catch (WireFormatException e) {
            return NextStep.CONTINUE; // the server counts it as a parse failure
        }
        Ha6Query q = new Ha6Query(query);
        QueryFilter.Verdict v = services.first().inScope(q);
        if (!v.served()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_BUFFER6_RECEIVE_NOT_FOR_US", "{}: {}: dropping query to be "
                    + "processed by another server", services.first().config().thisServerName(), q.label());
            return NextStep.DROP;
        }
        args.setQuery6(query);
        return NextStep.SKIP;
    }

    /** Several relationships: the selected subnet names the relationship whose scopes decide. */
    private NextStep subnetSelect(Subnet6SelectCallout.Args args, HaServices services) {
        if (!services.hasMultiple()) {
            return NextStep.CONTINUE;
        }
        Ha6Query q = new Ha6Query(args.query6());
        if (args.subnet6().isEmpty()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_SUBNET6_SELECT_NO_SUBNET_SELECTED", "{}: unable to determine "
                    + "the HA relationship because the subnet could not be selected", q.label());
            return NextStep.DROP;
        }
        long id = args.subnet6().get().id();
        String serverName = subnetServerNames.get(id);
        if (serverName == null) {
            KeaLog.error(log, "HA_SUBNET6_SELECT_NO_RELATIONSHIP_SELECTOR_FOR_SUBNET", "{}: unable to determine the "
                    + "HA relationship because the subnet {} has no ha-server-name in its user-context", q.label(),
                    args.subnet6().get().prefix());
            return NextStep.DROP;
        }
        Optional<HaService> service = services.byServerName(serverName);
        if (service.isEmpty()) {
            KeaLog.error(log, "HA_SUBNET6_SELECT_NO_RELATIONSHIP_FOR_SUBNET", "{}: HA relationship not found for {}",
                    q.label(), serverName);
            return NextStep.DROP;
        }
        if (!network.isServiceEnabled()) {
            return NextStep.CONTINUE;
        }
        if (!service.get().inScope(q).served()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_SUBNET6_SELECT_NOT_FOR_US", "{}: dropping query in the subnet "
                    + "for the HA relationship {} to be processed by another server", q.label(), serverName);
            return NextStep.DROP;
        }
        return NextStep.CONTINUE;
    }

    /** The changes of a committed query, for one lease6-bulk-apply (deleted leases first). */
    private NextStep committed(Leases6CommittedCallout.Args args, HaServices services) {
        List<LeaseChange> changes = new ArrayList<>();
        args.deletedLeases6().forEach(l -> changes.add(LeaseChange.delete(leaseJson.apply(l))));
        args.leases6().forEach(l -> changes.add(LeaseChange.update(leaseJson.apply(l))));
        Ha6Query q = new Ha6Query(args.query6());
        if (changes.isEmpty()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LEASES6_COMMITTED_NOTHING_TO_UPDATE", "{}: leases6_committed "
                    + "callout was invoked without any leases", q.label());
            return NextStep.CONTINUE;
        }
        HaService service = services.first();
        if (services.hasMultiple()) {
            Lease6Info any = args.leases6().isEmpty() ? args.deletedLeases6().get(0) : args.leases6().get(0);
            Optional<HaService> s = relationshipOf(services, any.subnetId());
            if (s.isEmpty()) {
                KeaLog.error(log, "HA_LEASES6_COMMITTED_NO_RELATIONSHIP", "{}: HA relationship not found: subnet {} "
                        + "names no configured server", q.label(), any.subnetId());
                return NextStep.DROP;
            }
            service = s.get();
        }
        if (!service.config().sendLeaseUpdates()) {
            return NextStep.CONTINUE;
        }
        return service.sendLeaseUpdates(q, changes, args.park()) == 0 ? NextStep.CONTINUE : NextStep.PARK;
    }
}
