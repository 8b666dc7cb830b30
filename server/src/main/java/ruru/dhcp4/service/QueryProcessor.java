package ruru.dhcp4.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.daemon.logging.KeaLog;
import ruru.daemon.state.NetworkState;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.ddns.Ddns4;
import ruru.hooks.Buffer4ReceiveCallout;
import ruru.hooks.Buffer4SendCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4DeclineCallout;
import ruru.hooks.Lease4ReleaseCallout;
import ruru.hooks.Leases4CommittedCallout;
import ruru.hooks.NextStep;
import ruru.hooks.Pkt4ReceiveCallout;
import ruru.hooks.Pkt4SendCallout;
import ruru.hooks.Subnet4SelectCallout;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.net.InterfaceAddress4;
import ruru.net.Received4;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * One query in, at most one reply out: decode, count, consult the service state, then the flow
 * of its message type (RFC 2131 section 4.3). Nothing in a packet can throw out of here: bad input
 * is a counted drop.
 */
final class QueryProcessor {

    private static final Logger PACKETS = LoggerFactory.getLogger("kea-dhcp4.packets");
    private static final Logger LEASES = LoggerFactory.getLogger("kea-dhcp4.leases");
    private static final Logger BAD_PACKETS = LoggerFactory.getLogger("kea-dhcp4.bad-packets");
    private static final Logger BOOTP_LOG = LoggerFactory.getLogger("kea-dhcp4.bootp-hooks");

    private final PacketStats packetStats;
    private final LeaseStats leaseStats;
    private final NetworkState networkState;
    private final AllocationEngine engine;
    private final java.time.Clock clock;
    private final Consumer<Answered> resumed;

    QueryProcessor(PacketStats packetStats, LeaseStats leaseStats, NetworkState networkState, AllocationEngine engine,
                   java.time.Clock clock) {
        this(packetStats, leaseStats, networkState, engine, clock, a -> { });
    }

    /** @param resumed sends an answer whose exchange a library parked and then resumed */
    QueryProcessor(PacketStats packetStats, LeaseStats leaseStats, NetworkState networkState, AllocationEngine engine,
                   java.time.Clock clock, Consumer<Answered> resumed) {
        this.packetStats = packetStats;
        this.leaseStats = leaseStats;
        this.networkState = networkState;
        this.engine = engine;
        this.clock = clock;
        this.resumed = resumed;
    }

    /**
     * A reply, the query it answers (routing needs the query's giaddr, ciaddr and flags), where the
     * query arrived and the subnet it was answered from (null for none).
     */
    record Answered(Dhcp4Packet query, Dhcp4Packet reply, Received4 received, Subnet4 subnet) {
    }

    /** What goes on the wire: the reply (pkt4_send may have replaced it) and its bytes. */
    record Outgoing(Dhcp4Packet reply, byte[] bytes) {
    }

    /** A hook point's DROP: unwinds the flow to a counted drop. Preallocated, without a stack trace. */
    private static final class HookDrop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final HookDrop INSTANCE = new HookDrop("dropped by a hook callout");
        /** Member of the DROP class once KNOWN/UNKNOWN is known (already logged and to be counted). */
        static final HookDrop CLASS = new HookDrop("member of the special class 'DROP'");

        private HookDrop(String why) {
            super(why, null, false, false);
        }
    }

    /** The reply to send, if any. */
    Optional<Answered> process(Received4 rx, Snapshot snap) {
        CalloutRegistry hooks = snap.hooks().callouts();
        Dhcp4Packet query = null;
        byte[] data = rx.data();
        int length = rx.length();
        if (hooks.has(HookPoint.BUFFER4_RECEIVE)) {
            var args = new Buffer4ReceiveCallout.Args(Arrays.copyOf(data, length), rx.iface().name(), rx.source());
            NextStep step = hooks.call(HookPoint.BUFFER4_RECEIVE, args, Buffer4ReceiveCallout::buffer4Receive);
            if (step == NextStep.DROP || step == NextStep.SKIP && args.query4().isEmpty()) {
                PACKETS.debug("DHCP4_HOOK_BUFFER_RCVD_DROP packet from {} dropped by a buffer4_receive callout", rx.source());
                // Kea counts pkt4-received and leaves counting the drop to the callout (an HA standby
                // dropping its partner's queries counts no drops)
                packetStats.receivedOnly();
                return Optional.empty();
            }
            if (step == NextStep.SKIP) {
                query = args.query4().get();
            } else {
                data = args.buffer();
                length = data.length;
            }
        }
        if (query == null) {
            try {
                query = Dhcp4Packet.decode(data, 0, length);
            } catch (WireFormatException e) {
                packetStats.parseFailed();
                PACKETS.debug("DHCP4_PACKET_DROP_0001 failed to parse packet from {} on {}: {}", rx.source(),
                        rx.iface().name(), e.getMessage());
                return Optional.empty();
            }
        }
        if (Ddns4.invalidFqdn(query)) {
            packetStats.parseFailed();
            PACKETS.debug("DHCP4_PACKET_DROP_0001 failed to parse packet from {} on {}, reason: both N and S flag of"
                    + " the DHCPv4 Client FQDN Option are set. According to RFC 4702, if the N bit is 1 the S bit MUST"
                    + " be 0", rx.source(), rx.iface().name());
            return Optional.empty();
        }
        MessageType type = query.messageType().orElse(null);
        // Kea's bootp library: a query without a DHCP message type (but with the magic cookie) is a
        // BOOTP request, handled as a DHCPREQUEST that allocates a lease for ever.
        boolean bootp = type == null && query.op() == 1 && !query.isBootp() && snap.hooks().bootp();
        if (bootp) {
            BOOTP_LOG.debug("BOOTP_BOOTP_QUERY recognized a BOOTP query: {}", ClientIdentity.of(query));
            type = MessageType.REQUEST;
        }
        packetStats.received(type);
        if (query.op() != 1 || type == null) {
            packetStats.dropped();
            return Optional.empty();
        }
        if (!networkState.isServiceEnabled()) {
            packetStats.dropped();
            return Optional.empty();
        }
        Classification4 classes = Classification4.early(query, rx, snap.config(), snap.hooks().queryClasses(query));
        if (bootp) {
            classes.bootp();
        }
        if (classes.dropped()) {
            BAD_PACKETS.info("DHCP4_PACKET_DROP_0010 dropped as member of the special class 'DROP': {}",
                    ClientIdentity.of(query));
            packetStats.dropped();
            return Optional.empty();
        }
        if (hooks.has(HookPoint.PKT4_RECEIVE)) {
            var args = new Pkt4ReceiveCallout.Args(query, rx.iface().name(), rx.source(), classes.forHooks());
            NextStep step = hooks.call(HookPoint.PKT4_RECEIVE, args, Pkt4ReceiveCallout::pkt4Receive);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                PACKETS.debug("DHCP4_HOOK_PACKET_RCVD_SKIP packet from {} dropped by a pkt4_receive callout", rx.source());
                packetStats.dropped();
                return Optional.empty();
            }
            if (args.query4() != query) {
                classes.rebind(args.query4(), rx, snap.config());
            }
            query = args.query4();
            type = query.messageType().orElse(type);
        }
        Exchange ex = new Exchange(query, rx, snap, ClientIdentity.of(query), clock.instant().getEpochSecond(),
                classes);
        try {
            Optional<Answered> reply = switch (type) {
                case DISCOVER -> discover(ex);
                case REQUEST -> bootp ? bootp(ex) : request(ex);
                case RELEASE -> none(release(ex));
                case DECLINE -> none(decline(ex));
                case INFORM -> inform(ex);
                default -> none(drop(ex, "message type " + type + " is not for a server"));
            };
            reply.ifPresent(r -> packetStats.sent(r.reply().messageType().orElseThrow()));
            return reply;
        } catch (HookDrop d) {
            drop(ex, d.getMessage());
            return Optional.empty();
        } catch (LeaseStoreException e) {
            // The store logs an episode of failures once (DHCPSRV_MEMFILE_WRITE_FAIL); per packet only at debug.
            KeaLog.debug(LEASES, KeaLog.DBG_DROP, "DHCP4_LEASE_STORE_FAIL", "could not write the lease for {}: {}",
                    ex.client(), e.getMessage());
            packetStats.dropped();
            return Optional.empty();
        } catch (ruru.lease.LeaseStoreUnavailableException e) {
            LEASES.error("DHCP4_LEASE_STORE_FAIL could not read the leases for {}: {}", ex.client(), e.getMessage());
            packetStats.dropped();
            return Optional.empty();
        }
    }

    private static Optional<Answered> answered(Exchange ex, Subnet4 subnet, Dhcp4Packet reply) {
        return Optional.of(new Answered(ex.query(), reply, ex.received(), subnet));
    }

    /** RELEASE and DECLINE are never answered. */
    private static Optional<Answered> none(Optional<Dhcp4Packet> reply) {
        return Optional.empty();
    }

    /** Whether sending involves callouts (pkt4_send, buffer4_send); else the caller encodes. */
    static boolean hooksOnSend(Snapshot snap) {
        CalloutRegistry hooks = snap.hooks().callouts();
        return hooks.has(HookPoint.PKT4_SEND) || hooks.has(HookPoint.BUFFER4_SEND);
    }

    /** pkt4_send, encoding, buffer4_send: the bytes to send, or null when a callout stopped it. */
    Outgoing finish(Answered a, Snapshot snap) {
        CalloutRegistry hooks = snap.hooks().callouts();
        Dhcp4Packet reply = a.reply();
        byte[] bytes = null;
        if (hooks.has(HookPoint.PKT4_SEND)) {
            var args = new Pkt4SendCallout.Args(a.query(), reply,
                    Optional.ofNullable(a.subnet()).map(Dhcp4Hooks::view));
            NextStep step = hooks.call(HookPoint.PKT4_SEND, args, Pkt4SendCallout::pkt4Send);
            if (step == NextStep.DROP || step == NextStep.SKIP && args.buffer().isEmpty()) {
                PACKETS.debug("DHCP4_HOOK_PACKET_SEND_DROP reply to {} dropped by a pkt4_send callout", reply.chaddr());
                return null;
            }
            reply = args.response4();
            bytes = step == NextStep.SKIP ? args.buffer().get() : null;
        }
        if (bytes == null) {
            bytes = a.query().messageType().isEmpty() ? ResponseBuilder.encodeBootp(reply)
                    : ResponseBuilder.encode(a.query(), reply);
        }
        if (hooks.has(HookPoint.BUFFER4_SEND)) {
            var args = new Buffer4SendCallout.Args(reply, bytes);
            NextStep step = hooks.call(HookPoint.BUFFER4_SEND, args, Buffer4SendCallout::buffer4Send);
            if (step == NextStep.DROP || step == NextStep.SKIP) {
                PACKETS.debug("DHCP4_HOOK_BUFFER_SEND_SKIP reply to {} not sent: buffer4_send callout", reply.chaddr());
                return null;
            }
            bytes = args.buffer();
        }
        return new Outgoing(reply, bytes);
    }

    private Optional<Dhcp4Packet> drop(Exchange ex, String why) {
        PACKETS.debug("DHCP4_PACKET_DROP {} xid 0x{}: {}", ex.client(), Integer.toHexString(ex.query().xid()), why);
        packetStats.dropped();
        return Optional.empty();
    }

    /**
     * Kea's subnet selection (subnets and shared networks the query's classes may use), then
     * subnet4_select (DROP drops, SKIP means no subnet), then the host lookup that tells KNOWN from
     * UNKNOWN and the classes that depend on it; DROP again after that.
     */
    private Optional<Subnet4> subnet(Exchange ex) {
        Optional<Subnet4> subnet = selectSubnet(ex);
        if (subnet.isPresent()) {
            classifyAfterHostLookup(ex, subnet.get());
        }
        return subnet;
    }

    private void classifyAfterHostLookup(Exchange ex, Subnet4 selected) {
        if (ex.classes().afterHostLookup(ex, selected)) {
            BAD_PACKETS.info("DHCP4_PACKET_DROP_0013 dropped as member of the special class 'DROP' after host"
                    + " reservation lookup: {}", ex.client());
            throw HookDrop.CLASS;
        }
        PACKETS.debug("DHCP4_CLASS_ASSIGNED {}: client packet has been assigned to the following class(es): {}",
                ex.client(), ex.classes());
    }

    private Optional<Subnet4> selectSubnet(Exchange ex) {
        ruru.classify.ClassSet classes = ex.classes().classes();
        Optional<Subnet4> selected = SubnetSelector.select(ex.snap().config().subnets(), ex.query(), ex.received(),
                s -> s.admits(classes));
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (!hooks.has(HookPoint.SUBNET4_SELECT)) {
            return selected;
        }
        var args = new Subnet4SelectCallout.Args(ex.query(), selected.map(Dhcp4Hooks::view),
                ex.snap().hooks().subnetViews(ex.snap().config()));
        NextStep step = hooks.call(HookPoint.SUBNET4_SELECT, args, Subnet4SelectCallout::subnet4Select);
        if (step == NextStep.DROP) {
            throw HookDrop.INSTANCE;
        }
        if (step == NextStep.SKIP) {
            return Optional.empty();
        }
        return args.subnet4().flatMap(v -> ex.snap().subnet(v.id()));
    }

    private Optional<Answered> discover(Exchange ex) {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return none(drop(ex, "no subnet selected (DHCP4_SUBNET_SELECTION_FAILED)"));
        }
        Optional<AllocationEngine.Choice> choice = engine.offer(ex, subnet.get());
        if (choice.isEmpty()) {
            return none(drop(ex, "no address available in subnet " + subnet.get().id() + " (DHCP4_PACKET_NAK_0001)"));
        }
        AllocationEngine.Choice c = choice.get();
        long valid = c.reusedLifetime() > 0 ? c.reusedLifetime() : Lifetimes.valid(c.subnet(), ex);
        ex.classes().additional(c.subnet(), c.pool());
        if (c.reusedLifetime() > 0) {
            LEASES.info("DHCP4_LEASE_REUSE {}: lease {} has been reused for {} seconds", ex.client(), c.address(), valid);
        }
        return answered(ex, c.subnet(),
                ResponseBuilder.build(ex, MessageType.OFFER, c.subnet(), c.address(), valid, c.pool(), c.host()));
    }

    /**
     * A BOOTP request (RFC 951; Kea's bootp library): an address is chosen as for a DISCOVER and
     * committed at once, with an infinite lifetime (the client never renews); the reply is the
     * ACK without its DHCP-only options (see {@link ResponseBuilder#encodeBootp}).
     */
    private Optional<Answered> bootp(Exchange ex) throws LeaseStoreException {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return none(drop(ex, "no subnet selected for a BOOTP query (DHCP4_SUBNET_SELECTION_FAILED)"));
        }
        Optional<AllocationEngine.Choice> choice = engine.offer(ex, subnet.get());
        if (choice.isEmpty()) {
            return none(drop(ex, "no address available for a BOOTP client in subnet " + subnet.get().id()));
        }
        AllocationEngine.Choice c = choice.get();
        if (!(engine.request(ex, c.subnet(), c.address(), false) instanceof AllocationEngine.Granted g)) {
            return none(drop(ex, "BOOTP lease for " + c.address() + " could not be committed"));
        }
        LEASES.info("DHCP4_LEASE_ALLOC {}: lease {} has been allocated for infinity seconds", ex.client(),
                g.lease().address());
        Optional<ruru.dhcp4.config.Pool4> pool = AllocationEngine.poolOf(g.subnet(), g.lease().address());
        ex.classes().additional(g.subnet(), pool);
        Answered answer = new Answered(ex.query(), ResponseBuilder.build(ex, MessageType.ACK, g.subnet(),
                g.lease().address(), g.lifetime(), pool, g.host()), ex.received(), g.subnet());
        return committed(ex, answer, List.of(g.lease()), g.deleted());
    }

    private Optional<Answered> request(Exchange ex) throws LeaseStoreException {
        Dhcp4Packet q = ex.query();
        Optional<Ipv4Address> serverId = q.options().address(OptionCodes.SERVER_ID);
        if (serverId.isPresent() && !isOurs(ex, serverId.get())) {
            return none(drop(ex, "REQUEST for server " + serverId.get() + ", not this one"));
        }
        Optional<Ipv4Address> requested = q.options().address(OptionCodes.REQUESTED_ADDRESS);
        Ipv4Address address = requested.orElse(q.ciaddr());
        if (address.isZero()) {
            return none(drop(ex, "REQUEST names no address (neither option 50 nor ciaddr)"));
        }
        boolean initReboot = serverId.isEmpty() && requested.isPresent() && q.ciaddr().isZero();
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return none(drop(ex, "no subnet selected (DHCP4_SUBNET_SELECTION_FAILED)"));
        }
        Answered answer;
        List<Lease4> committed = List.of();
        List<Lease4> deleted = List.of();
        switch (engine.request(ex, subnet.get(), address, initReboot)) {
            case AllocationEngine.Granted g -> {
                LEASES.info("DHCP4_LEASE_ALLOC {}: lease {} has been allocated for {} seconds", ex.client(),
                        g.lease().address(), g.lease().validLifetime());
                if (g.reused()) {
                    LEASES.info("DHCP4_LEASE_REUSE {}: lease {} has been reused for {} seconds", ex.client(),
                            g.lease().address(), g.lifetime());
                }
                Lease4 granted = g.lease();
                Optional<ruru.dhcp4.config.Pool4> pool = AllocationEngine.poolOf(g.subnet(), g.lease().address());
                ex.classes().additional(g.subnet(), pool);
                answer = new Answered(q, ResponseBuilder.build(ex, MessageType.ACK, g.subnet(), g.lease().address(),
                        g.lifetime(), pool, g.host()), ex.received(), g.subnet());
                if (g.written()) {
                    DdnsFlow.granted(ex, g.subnet(), g.previous(), granted);
                }
                // Kea passes a reused (cached, not rewritten) lease to no one
                committed = g.reused() ? List.of() : List.of(granted);
                deleted = g.deleted();
            }
            case AllocationEngine.Refused r -> {
                LEASES.info("DHCP4_PACKET_NAK {}: {}", ex.client(), r.reason());
                answer = new Answered(q, ResponseBuilder.nak(ex, r.reason()), ex.received(), subnet.get());
            }
            case AllocationEngine.Ignored i -> {
                return none(drop(ex, i.reason()));
            }
        }
        return committed(ex, answer, committed, deleted);
    }

    /**
     * leases4_committed: DROP drops the reply; PARK holds it until the library resumes it. When the
     * parking lot is full the query is dropped before the callouts run, as Kea does.
     */
    private Optional<Answered> committed(Exchange ex, Answered answer, List<Lease4> leases, List<Lease4> deleted) {
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (!hooks.has(HookPoint.LEASES4_COMMITTED)) {
            return Optional.of(answer);
        }
        Dhcp4Hooks dh = ex.snap().hooks();
        if (dh.parkingFull()) {
            PACKETS.debug("DHCP4_HOOK_LEASES4_PARKING_LOT_FULL {}: the parked packet limit is reached, dropping",
                    ex.client());
            throw HookDrop.INSTANCE;
        }
        var args = committedArgs(ex, answer.reply(), leases, deleted);
        NextStep step = hooks.call(HookPoint.LEASES4_COMMITTED, args, Leases4CommittedCallout::leases4Committed);
        Answered out = args.response4().orElse(answer.reply()) == answer.reply() ? answer
                : new Answered(answer.query(), args.response4().get(), answer.received(), answer.subnet());
        if (step == NextStep.DROP) {
            throw HookDrop.INSTANCE;
        }
        if (step == NextStep.PARK) {
            ParkedExchange parked = (ParkedExchange) args.park();
            PACKETS.debug("DHCP4_HOOK_LEASES4_COMMITTED_PARK {}: the reply is parked", ex.client());
            Answered now = parked.park(out, resumed);
            // resumed before the callout even returned: send it now; else resume() sends (and counts) it
            return Optional.ofNullable(now);
        }
        return Optional.of(out);
    }

    /** leases4_committed's arguments; the park handle is made when a callout asks for it. */
    private Leases4CommittedCallout.Args committedArgs(Exchange ex, Dhcp4Packet reply, List<Lease4> leases,
                                                       List<Lease4> deleted) {
        Dhcp4Hooks dh = ex.snap().hooks();
        ParkedExchange[] handle = new ParkedExchange[1];
        return new Leases4CommittedCallout.Args(ex.query(), reply, leases.stream().map(Dhcp4Hooks::view).toList(),
                deleted.stream().map(Dhcp4Hooks::view).toList(), () -> {
                    synchronized (handle) {
                        if (handle[0] == null) {
                            handle[0] = new ParkedExchange(dh, packetStats);
                        }
                        return handle[0];
                    }
                });
    }

    /**
     * leases4_committed for a RELEASE or DECLINE (Kea calls it for them too, without a response, so
     * an HA partner hears of released and declined leases). There is no reply to hold back or drop.
     */
    private void committedWithoutReply(Exchange ex, List<Lease4> leases, List<Lease4> deleted) {
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.LEASES4_COMMITTED)) {
            hooks.call(HookPoint.LEASES4_COMMITTED, committedArgs(ex, null, leases, deleted),
                    Leases4CommittedCallout::leases4Committed);
        }
    }

    /** RFC 2131 4.3.4: the lease at ciaddr, if it is this client's, is released; no reply. */
    private Optional<Dhcp4Packet> release(Exchange ex) throws LeaseStoreException {
        Ipv4Address address = ex.query().ciaddr();
        Optional<Lease4> lease = ex.snap().leases().get(address);
        Optional<Subnet4> subnet = lease.flatMap(l -> ex.snap().subnet(l.subnetId()));
        boolean match = subnet.map(Subnet4::matchClientId).orElse(true);
        if (lease.isEmpty() || !ex.client().owns(lease.get(), match) || lease.get().state() != LeaseState.DEFAULT) {
            return drop(ex, "RELEASE of " + address + " which is not this client's lease");
        }
        Lease4 l = lease.get();
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.LEASE4_RELEASE)) {
            NextStep step = hooks.call(HookPoint.LEASE4_RELEASE,
                    new Lease4ReleaseCallout.Args(ex.query(), Dhcp4Hooks.view(l)), Lease4ReleaseCallout::lease4Release);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                LEASES.debug("DHCP4_HOOK_LEASE4_RELEASE_SKIP {}: a callout kept lease {}", ex.client(), address);
                return Optional.empty();
            }
        }
        boolean affinity = ex.snap().config().expiredLeases().holdReclaimedTime() > 0
                && ex.snap().config().expiredLeases().flushReclaimedTimerWaitTime() > 0;
        Lease4 released = affinity ? Reclaimer.withState(l, LeaseState.RELEASED, ex.now()) : null;
        boolean done = affinity ? ex.snap().leases().replace(l, released) : ex.snap().leases().delete(l);
        if (done) {
            leaseStats.assigned(l.subnetId(), l.poolId(), -1);
            LEASES.info("DHCP4_RELEASE {}: address {} was released", ex.client(), address);
            ex.snap().ddns().removed(l);
            // the released lease goes to leases4_committed as deleted even when affinity keeps it here:
            // an HA partner then deletes it (Kea 2.2 refuses a lease update in the released state)
            committedWithoutReply(ex, List.of(), List.of(l));
        }
        return Optional.empty();
    }

    /**
     * RFC 2131 4.3.3: the address is in use elsewhere; it is withheld for decline-probation-period
     * and forgets its client, as Kea does. No reply.
     */
    private Optional<Dhcp4Packet> decline(Exchange ex) throws LeaseStoreException {
        Optional<Ipv4Address> address = ex.query().options().address(OptionCodes.REQUESTED_ADDRESS);
        if (address.isEmpty()) {
            return drop(ex, "DECLINE without a requested address (option 50)");
        }
        Optional<Lease4> lease = ex.snap().leases().get(address.get());
        Optional<Subnet4> subnet = lease.flatMap(l -> ex.snap().subnet(l.subnetId()));
        boolean match = subnet.map(Subnet4::matchClientId).orElse(true);
        if (lease.isEmpty() || !ex.client().owns(lease.get(), match) || lease.get().state() != LeaseState.DEFAULT) {
            return drop(ex, "DECLINE of " + address.get() + " which is not this client's lease");
        }
        Lease4 l = lease.get();
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.LEASE4_DECLINE)) {
            NextStep step = hooks.call(HookPoint.LEASE4_DECLINE,
                    new Lease4DeclineCallout.Args(ex.query(), Dhcp4Hooks.view(l)), Lease4DeclineCallout::lease4Decline);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                LEASES.debug("DHCP4_HOOK_DECLINE_SKIP {}: a callout kept lease {}", ex.client(), l.address());
                return Optional.empty();
            }
        }
        Lease4 declined = new Lease4(l.address(), null, null, ex.snap().config().declineProbationPeriod(), ex.now(),
                l.subnetId(), false, false, "", LeaseState.DECLINED, null, l.poolId());
        if (ex.snap().leases().replace(l, declined)) {
            ex.snap().ddns().removed(l);
            leaseStats.declined(l.subnetId(), l.poolId(), 1);
            LEASES.info("DHCP4_DECLINE_LEASE {}: address {} was declined and is withheld for {} seconds", ex.client(),
                    l.address(), declined.validLifetime());
            committedWithoutReply(ex, List.of(declined), List.of());
        }
        return Optional.empty();
    }

    /** RFC 2131 4.3.5: local configuration for a client that has its address already. */
    private Optional<Answered> inform(Exchange ex) {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return none(drop(ex, "no subnet selected for INFORM"));
        }
        ex.classes().additional(subnet.get(), AllocationEngine.poolOf(subnet.get(), ex.query().ciaddr()));
        return answered(ex, subnet.get(),
                ResponseBuilder.inform(ex, subnet.get(), Hosts.find(ex.snap(), subnet.get(), ex.query())));
    }

    private static boolean isOurs(Exchange ex, Ipv4Address id) {
        if (id.equals(ResponseBuilder.serverId(ex))) {
            return true;
        }
        for (InterfaceAddress4 a : ex.received().iface().addresses()) {
            if (a.address().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
