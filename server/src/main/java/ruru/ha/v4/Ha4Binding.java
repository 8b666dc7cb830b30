package ruru.ha.v4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import ruru.daemon.state.NetworkState;
import ruru.ha.HaFamily;
import ruru.ha.HaPacketHooks;
import ruru.ha.HaServices;
import ruru.ha.LeaseChange;
import ruru.ha.state.HaQuery;
import ruru.hooks.Buffer4ReceiveCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4Info;
import ruru.hooks.Leases4CommittedCallout;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.json.MapElement;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Packet;

/**
 * HA over the DHCPv4 hook points, as Kea's library hooks them: {@code buffer4_receive} drops the
 * queries of the partner's scope (one relationship), {@code subnet4_select} does it per subnet when
 * there are several (hub and spoke: the subnet's {@code ha-server-name} user-context names the
 * relationship), {@code leases4_committed} parks the reply until the lease updates are
 * acknowledged, {@code lease4_server_decline} sends an address the server declined itself (a
 * lease4_offer callout found it in use) without holding anything, and {@code lease4_expire} leaves
 * a terminated server's partner scope alone (Kea 3). Kea's HA has no lease4_offer callout: offered
 * leases, even those offer-lifetime stores, are not sent to the partner.
 */
public final class Ha4Binding extends HaPacketHooks<Dhcp4Packet> {

    private final Dhcp4HaFamily family;
    private final Function<Lease4Info, MapElement> leaseJson;

    /**
     * @param leaseJson        a lease as lease_cmds shows it (Kea's Lease4::toElement)
     * @param subnetServerNames each subnet's {@code ha-server-name} (its user-context's, else its shared
     *                          network's), by subnet id; subnets without one are absent
     */
    public Ha4Binding(Dhcp4HaFamily family, NetworkState network, Function<Lease4Info, MapElement> leaseJson,
                      Map<Long, String> subnetServerNames, String loggerRoot) {
        super(network, subnetServerNames, "4", loggerRoot);
        this.family = family;
        this.leaseJson = leaseJson;
    }

    @Override
    public HaFamily family() {
        return family;
    }

    @Override
    protected HaQuery query(Dhcp4Packet packet) {
        return new Ha4Query(packet);
    }

    @Override
    public void register(LibraryHandle handle, HaServices services) {
        handle.registerCallout(HookPoint.BUFFER4_RECEIVE, args -> bufferReceive(args, services));
        handle.registerCallout(HookPoint.SUBNET4_SELECT, args -> select(services, args.query4(),
                args.subnet4().map(s -> OptionalLong.of(s.id())).orElse(OptionalLong.empty()),
                args.subnet4().map(s -> String.valueOf(s.prefix())).orElse("")));
        handle.registerCallout(HookPoint.LEASES4_COMMITTED, args -> committed(args, services));
        handle.registerCallout(HookPoint.LEASE4_SERVER_DECLINE, args -> serverDeclined(services, args.query4(),
                LeaseChange.update(leaseJson.apply(args.lease4())), args.lease4().subnetId()));
        handle.registerCallout(HookPoint.LEASE4_EXPIRE, args -> expire(services, args.lease4().subnetId(),
                leaseKey(args.lease4()), args.lease4().address()));
    }

    /** The load-balancing key of a lease: its client-id when it has one, else its hardware address. */
    private static byte[] leaseKey(Lease4Info lease) {
        return lease.clientId().filter(id -> id.length > 0)
                .orElseGet(() -> lease.hwAddress().map(ruru.wire.HardwareAddress::bytes).orElse(null));
    }

    /** One relationship: parse the query (the server then uses it), drop it when it is not ours. */
    private NextStep bufferReceive(Buffer4ReceiveCallout.Args args, HaServices services) {
        if (!decidesAtReceive(services)) {
            // several relationships: decided per subnet; service disabled: the server drops the query
            return NextStep.CONTINUE;
        }
        Dhcp4Packet query;
        try {
            query = args.query4().isPresent() ? args.query4().get() : Dhcp4Packet.decode(args.buffer());
        } catch (WireFormatException e) {
            return NextStep.CONTINUE; // the server counts it as a parse failure
        }
        NextStep step = receive(services, query);
        if (step == NextStep.SKIP) {
            args.setQuery4(query);
        }
        return step;
    }

    private NextStep committed(Leases4CommittedCallout.Args args, HaServices services) {
        List<LeaseChange> changes = new ArrayList<>();
        args.deletedLeases4().forEach(l -> changes.add(LeaseChange.delete(leaseJson.apply(l))));
        args.leases4().forEach(l -> changes.add(LeaseChange.update(leaseJson.apply(l))));
        long subnetId = !args.leases4().isEmpty() ? args.leases4().get(0).subnetId()
                : args.deletedLeases4().isEmpty() ? 0 : args.deletedLeases4().get(0).subnetId();
        return committed(services, args.query4(), changes, subnetId, args::park);
    }
}
