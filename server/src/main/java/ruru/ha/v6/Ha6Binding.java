package ruru.ha.v6;

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
import ruru.hooks.Buffer6ReceiveCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease6Info;
import ruru.hooks.Leases6CommittedCallout;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.json.MapElement;
import ruru.lease.LeaseState;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6Packet;

/**
 * HA over the DHCPv6 hook points, as Kea's library hooks them: {@code buffer6_receive} drops the
 * queries of the partner's scope (one relationship; the scope is the DUID's by Kea's hash),
 * {@code subnet6_select} does it per subnet with several relationships (hub and spoke),
 * {@code leases6_committed} parks the reply until the partner acknowledged the
 * {@code lease6-bulk-apply}, and {@code lease6_expire} leaves a terminated server's partner scope
 * alone (Kea 3).
 */
public final class Ha6Binding extends HaPacketHooks<Dhcp6Packet> {

    private final Dhcp6HaFamily family;
    private final Function<Lease6Info, MapElement> leaseJson;

    /**
     * @param leaseJson         a lease as lease_cmds shows it (Kea's Lease6::toElement)
     * @param subnetServerNames each subnet's {@code ha-server-name}, by subnet id; subnets without one are absent
     */
    public Ha6Binding(Dhcp6HaFamily family, NetworkState network, Function<Lease6Info, MapElement> leaseJson,
                      Map<Long, String> subnetServerNames, String loggerRoot) {
        super(network, subnetServerNames, "6", loggerRoot);
        this.family = family;
        this.leaseJson = leaseJson;
    }

    @Override
    public HaFamily family() {
        return family;
    }

    @Override
    protected HaQuery query(Dhcp6Packet packet) {
        return new Ha6Query(packet);
    }

    @Override
    public void register(LibraryHandle handle, HaServices services) {
        handle.registerCallout(HookPoint.BUFFER6_RECEIVE, args -> bufferReceive(args, services));
        handle.registerCallout(HookPoint.SUBNET6_SELECT, args -> select(services, args.query6(),
                args.subnet6().map(s -> OptionalLong.of(s.id())).orElse(OptionalLong.empty()),
                args.subnet6().map(s -> s.prefix()).orElse("")));
        handle.registerCallout(HookPoint.LEASES6_COMMITTED, args -> committed(args, services));
        handle.registerCallout(HookPoint.LEASE6_EXPIRE, args -> expire(services, args.lease6().subnetId(),
                args.lease6().duid(), args.lease6().address()));
    }

    /** One relationship: parse the query (the server then uses it), drop it when it is not ours. */
    private NextStep bufferReceive(Buffer6ReceiveCallout.Args args, HaServices services) {
        if (!decidesAtReceive(services)) {
            return NextStep.CONTINUE;
        }
        Dhcp6Packet query;
        try {
            query = args.query6().isPresent() ? args.query6().get() : Dhcp6Packet.decode(args.buffer());
        } catch (WireFormatException e) {
            return NextStep.CONTINUE; // the server counts it as a parse failure
        }
        NextStep step = receive(services, query);
        if (step == NextStep.SKIP) {
            args.setQuery6(query);
        }
        return step;
    }

    /** The changes of a committed query, for one lease6-bulk-apply (deleted leases first). */
    private NextStep committed(Leases6CommittedCallout.Args args, HaServices services) {
        List<LeaseChange> changes = new ArrayList<>();
        args.deletedLeases6().forEach(l -> changes.add(l.state() == LeaseState.RELEASED.code()
                ? LeaseChange.release(leaseJson.apply(l)) : LeaseChange.delete(leaseJson.apply(l))));
        args.leases6().forEach(l -> changes.add(LeaseChange.update(leaseJson.apply(l))));
        long subnetId = !args.leases6().isEmpty() ? args.leases6().get(0).subnetId()
                : args.deletedLeases6().isEmpty() ? 0 : args.deletedLeases6().get(0).subnetId();
        return committed(services, args.query6(), changes, subnetId, args::park);
    }
}
