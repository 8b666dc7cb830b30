package ruru.ha.v4;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import ruru.ha.state.QueryFilter;
import ruru.hooks.Buffer4ReceiveCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4Info;
import ruru.hooks.Leases4CommittedCallout;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.hooks.Subnet4SelectCallout;
import ruru.json.MapElement;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Packet;

/**
 * HA over the DHCPv4 hook points, as Kea's library hooks them: {@code buffer4_receive} drops the
 * queries of the partner's scope (one relationship), {@code subnet4_select} does it per subnet when
 * there are several (hub and spoke: the subnet's {@code ha-server-name} user-context names the
 * relationship), and {@code leases4_committed} parks the reply until the lease updates are
 * acknowledged.
 */
public final class Ha4Binding implements HaLibrary.Binding {

    private final Dhcp4HaFamily family;
    private final NetworkState network;
    private final Function<Lease4Info, MapElement> leaseJson;
    private final java.util.Map<Long, String> subnetServerNames;
    private final Logger log;

    /**
     * @param leaseJson        a lease as lease_cmds shows it (Kea's Lease4::toElement)
     * @param subnetServerNames each subnet's {@code ha-server-name} (its user-context's, else its shared
     *                          network's), by subnet id; subnets without one are absent
     */
    public Ha4Binding(Dhcp4HaFamily family, NetworkState network, Function<Lease4Info, MapElement> leaseJson,
                      java.util.Map<Long, String> subnetServerNames, String loggerRoot) {
        this.family = family;
        this.network = network;
        this.leaseJson = leaseJson;
        this.subnetServerNames = java.util.Map.copyOf(subnetServerNames);
        this.log = LoggerFactory.getLogger(loggerRoot + ".ha-hooks");
    }

    @Override
    public HaFamily family() {
        return family;
    }

    private Optional<String> subnetServerName(long subnetId) {
        return Optional.ofNullable(subnetServerNames.get(subnetId));
    }

    /** Kea 3's lease sync filter: the subnets whose ha-server-name is one of the relationship's servers. */
    @Override
    public java.util.Set<Long> subnetsOf(ruru.ha.config.HaConfig relationship) {
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        subnetServerNames.forEach((id, name) -> {
            if (relationship.peers().containsKey(name)) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public void register(LibraryHandle handle, HaServices services) {
        handle.registerCallout(HookPoint.BUFFER4_RECEIVE, args -> bufferReceive(args, services));
        handle.registerCallout(HookPoint.SUBNET4_SELECT, args -> subnetSelect(args, services));
        handle.registerCallout(HookPoint.LEASES4_COMMITTED, args -> committed(args, services));
        handle.registerCallout(HookPoint.LEASE4_EXPIRE, args -> expire(args.lease4(), services));
    }

    /**
     * Kea 3: a terminated server reclaims only the expired leases of its own scopes; the partner,
     * which may still be serving, owns the others.
     */
    private NextStep expire(Lease4Info lease, HaServices services) {
        HaService service = services.hasMultiple()
                ? subnetServerName(lease.subnetId()).flatMap(services::byServerName).orElse(null)
                : services.first();
        if (service == null || service.shouldReclaim(leaseKey(lease))) {
            return NextStep.CONTINUE;
        }
        KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LEASE4_EXPIRE_RECLAMATION_SKIP", "{}: skipping reclamation of the "
                + "lease {} that belongs to the partner's scope", service.config().thisServerName(), lease.address());
        return NextStep.SKIP;
    }

    /** The load-balancing key of a lease: its client-id when it has one, else its hardware address. */
    private static byte[] leaseKey(Lease4Info lease) {
        return lease.clientId().filter(id -> id.length > 0)
                .orElseGet(() -> lease.hwAddress().map(ruru.wire.HardwareAddress::bytes).orElse(null));
    }

    /**
     * The client class HA assigns {@code query} (Kea's {@code HA_<server>} of the scope it falls in),
     * for classification: with one relationship the query's own; with several, the relationship of
     * the selected subnet's. Empty when the library is not loaded.
     */
    public List<String> scopeClasses(HaServices services, Dhcp4Packet query, java.util.OptionalLong subnetId) {
        if (services == null) {
            return List.of();
        }
        Optional<HaService> service = !services.hasMultiple() ? Optional.of(services.first())
                : subnetId.isPresent() ? subnetServerName(subnetId.getAsLong()).flatMap(services::byServerName)
                : Optional.empty();
        return service.map(s -> s.filter().inScope(new Ha4Query(query)).scopeClass()).filter(c -> !c.isEmpty())
                .map(List::of).orElse(List.of());
    }

    /** One relationship: parse the query (the server then uses it), drop it when it is not ours. */
    private NextStep bufferReceive(Buffer4ReceiveCallout.Args args, HaServices services) {
        if (services.hasMultiple() || !network.isServiceEnabled()) {
            // several relationships: decided per subnet; service disabled: the server drops the query
            return NextStep.CONTINUE;
        }
        Dhcp4Packet query;
        try {
            query = args.query4().isPresent() ? args.query4().get() : Dhcp4Packet.decode(args.buffer());
        } catch (WireFormatException e) {
            return NextStep.CONTINUE; // the server counts it as a parse failure
        }
        Ha4Query q = new Ha4Query(query);
        QueryFilter.Verdict v = services.first().inScope(q);
        if (!v.served()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_BUFFER4_RECEIVE_NOT_FOR_US", "{}: {}: dropping query to be "
                    + "processed by another server", services.first().config().thisServerName(), q.label());
            return NextStep.DROP;
        }
        args.setQuery4(query);
        return NextStep.SKIP;
    }

    /** Several relationships: the selected subnet names the relationship whose scopes decide. */
    private NextStep subnetSelect(Subnet4SelectCallout.Args args, HaServices services) {
        if (!services.hasMultiple()) {
            return NextStep.CONTINUE;
        }
        Ha4Query q = new Ha4Query(args.query4());
        if (args.subnet4().isEmpty()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_SUBNET4_SELECT_NO_SUBNET_SELECTED", "{}: unable to determine "
                    + "the HA relationship because the subnet could not be selected", q.label());
            return NextStep.DROP;
        }
        long id = args.subnet4().get().id();
        Optional<String> serverName = subnetServerName(id);
        if (serverName.isEmpty()) {
            KeaLog.error(log, "HA_SUBNET4_SELECT_NO_RELATIONSHIP_SELECTOR_FOR_SUBNET", "{}: unable to determine the "
                    + "HA relationship because the subnet {} has no ha-server-name in its user-context", q.label(),
                    args.subnet4().get().prefix());
            return NextStep.DROP;
        }
        Optional<HaService> service = services.byServerName(serverName.get());
        if (service.isEmpty()) {
            KeaLog.error(log, "HA_SUBNET4_SELECT_NO_RELATIONSHIP_FOR_SUBNET", "{}: HA relationship not found for {}",
                    q.label(), serverName.get());
            return NextStep.DROP;
        }
        if (!network.isServiceEnabled()) {
            return NextStep.CONTINUE;
        }
        if (!service.get().inScope(q).served()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_SUBNET4_SELECT_NOT_FOR_US", "{}: dropping query in the subnet "
                    + "for the HA relationship {} to be processed by another server", q.label(), serverName.get());
            return NextStep.DROP;
        }
        return NextStep.CONTINUE;
    }

    private NextStep committed(Leases4CommittedCallout.Args args, HaServices services) {
        List<LeaseChange> changes = new ArrayList<>();
        args.deletedLeases4().forEach(l -> changes.add(LeaseChange.delete(leaseJson.apply(l))));
        args.leases4().forEach(l -> changes.add(LeaseChange.update(leaseJson.apply(l))));
        Ha4Query q = new Ha4Query(args.query4());
        if (changes.isEmpty()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LEASES4_COMMITTED_NOTHING_TO_UPDATE", "{}: leases4_committed "
                    + "callout was invoked without any leases", q.label());
            return NextStep.CONTINUE;
        }
        HaService service = services.first();
        if (services.hasMultiple()) {
            Lease4Info any = args.leases4().isEmpty() ? args.deletedLeases4().get(0) : args.leases4().get(0);
            Optional<HaService> s = subnetServerName(any.subnetId()).flatMap(services::byServerName);
            if (s.isEmpty()) {
                KeaLog.error(log, "HA_LEASES4_COMMITTED_NO_RELATIONSHIP", "{}: HA relationship not found: subnet {} "
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
