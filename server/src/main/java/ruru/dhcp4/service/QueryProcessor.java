package ruru.dhcp4.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import ruru.daemon.logging.KeaMessage;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.dhcp4.ddns.Ddns4;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.engine.ParkedExchange;
import ruru.daemon.state.NetworkState;
import ruru.dhcp4.config.Subnet4;
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

    private static final org.slf4j.Logger BOOTP_LOG = org.slf4j.LoggerFactory.getLogger("kea-dhcp4.bootp-hooks");


    private final PacketStats packetStats;
    private final LeaseStats leaseStats;
    private final NetworkState networkState;
    private final AllocationEngine engine;
    private final java.time.Clock clock;
    private final Consumer<Answered> resumed;
    private final OfferHook offerHook;

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
        this.offerHook = new OfferHook(packetStats, leaseStats, clock, resumed);
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

    private java.util.function.IntSupplier serverPort = () -> 67;

    /** The port queries arrive on (Kea's local port in its packet dumps). */
    void serverPort(java.util.function.IntSupplier port) {
        this.serverPort = port;
    }

    /** Kea's Pkt4::toText of a query, built when written. */
    private Object dump(Dhcp4Packet query, Received4 rx, Snapshot snap) {
        return ruru.dhcp4.log.PacketText4.lazy(query, rx.local(), serverPort.getAsInt(), rx.source(), rx.sourcePort(),
                snap.config().optionDefinitions(), false);
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
                Dhcp4Messages.DHCP4_HOOK_BUFFER_RCVD_DROP.log(rx.source(), rx.local(), rx.iface().name());
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
                Dhcp4Messages.DHCP4_PACKET_DROP_0001.log(rx.source(), rx.local(), rx.iface().name(), e.getMessage());
                return Optional.empty();
            }
        }
        if (Ddns4.invalidFqdn(query)) {
            packetStats.parseFailed();
            Dhcp4Messages.DHCP4_PACKET_DROP_0001.log(rx.source(), rx.local(), rx.iface().name(), "both N and S flag of"
                    + " the DHCPv4 Client FQDN Option are set. According to RFC 4702, if the N bit is 1 the S bit MUST"
                    + " be 0");
            return Optional.empty();
        }
        MessageType type = query.messageType().orElse(null);
        packetStats.received(type);
        // Kea's bootp library: a query without a DHCP message type (but with the magic cookie) is a
        // BOOTP request, handled as a DHCPREQUEST that allocates a lease for ever.
        boolean bootp = type == null && query.op() == 1 && !query.isBootp() && snap.hooks().bootp();
        if (bootp) {
            BOOTP_LOG.debug("BOOTP_BOOTP_QUERY recognized a BOOTP query: {}", ClientIdentity.of(query));
            type = MessageType.REQUEST;
        }
        if (type == null) {
            Dhcp4Messages.DHCP4_PACKET_DROP_0009.log(Exchange.label(query));
            packetStats.dropped();
            return Optional.empty();
        }
        // Kea classifies before accept() (its subnet selection may use the classes); classes libraries
        // give the query before classification: HA's scope, the bootp library's BOOTP
        List<String> preset = snap.hooks().queryClasses(query);
        if (bootp) {
            preset = new java.util.ArrayList<>(preset);
            preset.add(ruru.classify.BuiltinClasses.BOOTP);
        }
        Classification4 classes = Classification4.early(query, rx, snap.config(), preset);
        Exchange accepted = new Exchange(query, rx, snap, ClientIdentity.of(query), clock.instant().getEpochSecond(),
                null);
        // Kea's accept(): a direct query's subnet first, then the server identifier.
        if (!acceptDirect(accepted)) {
            drop(Dhcp4Messages.DHCP4_PACKET_DROP_0002, accepted.label(), rx.iface().name());
            return Optional.empty();
        }
        Optional<Ipv4Address> serverId = query.options().address(OptionCodes.SERVER_ID);
        if (serverId.isPresent() && !isOurs(accepted, serverId.get())) {
            drop(Dhcp4Messages.DHCP4_PACKET_DROP_0003, accepted.label(), rx.iface().name());
            return Optional.empty();
        }
        if (Dhcp4Messages.DHCP4_PACKET_RECEIVED.enabled()) {
            Dhcp4Messages.DHCP4_PACKET_RECEIVED.log(accepted.label(), "DHCP" + type, type.code(), rx.source(), rx.local(),
                    rx.iface().name());
            if (Dhcp4Messages.DHCP4_QUERY_DATA.enabled()) {
                Dhcp4Messages.DHCP4_QUERY_DATA.log(accepted.label(), dump(query, rx, snap));
            }
        }
        if (query.op() != Dhcp4Packet.BOOTREQUEST) {
            Dhcp4Messages.DHCP4_PACKET_DROP_0006.log(Exchange.label(query), type.code());
            packetStats.dropped();
            return Optional.empty();
        }
        if (!networkState.isServiceEnabled()) {
            Dhcp4Messages.DHCP4_PACKET_DROP_0008.log(Exchange.label(query));
            packetStats.dropped();
            return Optional.empty();
        }
        if (classes.dropped()) {
            if (Dhcp4Messages.DHCP4_PACKET_DROP_0010.enabled()) {
                Dhcp4Messages.DHCP4_PACKET_DROP_0010.log(dump(query, rx, snap));
            }
            packetStats.dropped();
            return Optional.empty();
        }
        if (hooks.has(HookPoint.PKT4_RECEIVE)) {
            var args = new Pkt4ReceiveCallout.Args(query, rx.iface().name(), rx.source(), classes.forHooks());
            NextStep step = hooks.call(HookPoint.PKT4_RECEIVE, args, Pkt4ReceiveCallout::pkt4Receive);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                Dhcp4Messages.DHCP4_HOOK_PACKET_RCVD_SKIP.log(Exchange.label(query));
                packetStats.dropped();
                return Optional.empty();
            }
            if (args.query4() != query) {
                classes.rebind(args.query4(), rx, snap.config());
            }
            query = args.query4();
            type = query.messageType().orElse(type);
        }
        if (snap.config().flags().earlyGlobalReservationsLookup() && classes.earlyGlobalLookup(snap, query)) {
            if (Dhcp4Messages.DHCP4_PACKET_DROP_0010.enabled()) {
                Dhcp4Messages.DHCP4_PACKET_DROP_0010.log(dump(query, rx, snap));
            }
            packetStats.dropped();
            return Optional.empty();
        }
        Exchange ex = new Exchange(query, rx, snap, query == accepted.query() ? accepted.client()
                : ClientIdentity.of(query), accepted.now(), classes);
        try {
            Optional<Answered> reply = switch (type) {
                case DISCOVER -> discover(ex);
                case REQUEST -> bootp ? bootp(ex) : request(ex);
                case RELEASE -> none(release(ex));
                case DECLINE -> none(decline(ex));
                case INFORM -> inform(ex);
                default -> none(drop(Dhcp4Messages.DHCP4_PACKET_DROP_0006, ex.label(), type.code()));
            };
            reply.ifPresent(r -> packetStats.sent(r.reply().messageType().orElseThrow()));
            ruru.lease.CommitGroup group = ruru.lease.CommitGroup.deferring();
            if (group != null && group.pending()) {
                // its lease rows wait for the batch's one write: if that fails, so does this exchange
                MessageType sentType = reply.map(r -> r.reply().messageType().orElseThrow()).orElse(null);
                Object label = ex.label();
                group.onFailure(error -> {
                    Dhcp4Messages.DHCP4_PACKET_DROP_0007.log(label, "could not write the lease: " + error);
                    packetStats.unsentForFailedWrite(sentType);
                });
            }
            return reply;
        } catch (HookDrop d) {
            packetStats.dropped();
            return Optional.empty();
        } catch (ruru.lease.LeaseStoreUnavailableException e) {
            Dhcp4Messages.DHCP4_PACKET_PROCESS_STD_EXCEPTION.log("could not read the leases for " + ex.label() + ": "
                    + e.getMessage());
            packetStats.dropped();
            return Optional.empty();
        } catch (LeaseStoreException e) {
            // The store logs an episode of write failures once (DHCPSRV_MEMFILE_WRITE_FAIL ... _RECOVERED);
            // per packet only at debug, as Kea's catch-all for a query whose processing failed.
            Dhcp4Messages.DHCP4_PACKET_DROP_0007.log(ex.label(), "could not write the lease: " + e.getMessage());
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
                Dhcp4Messages.DHCP4_HOOK_PACKET_SEND_DROP.log(Exchange.label(a.query()));
                return null;
            }
            reply = args.response4();
            bytes = step == NextStep.SKIP ? args.buffer().get() : null;
        }
        if (bytes == null) {
            bytes = ResponseBuilder.encode(a.query(), reply);
        }
        if (hooks.has(HookPoint.BUFFER4_SEND)) {
            var args = new Buffer4SendCallout.Args(reply, bytes);
            NextStep step = hooks.call(HookPoint.BUFFER4_SEND, args, Buffer4SendCallout::buffer4Send);
            if (step == NextStep.DROP || step == NextStep.SKIP) {
                Dhcp4Messages.DHCP4_HOOK_BUFFER_SEND_SKIP.log(Exchange.label(a.query()));
                return null;
            }
            bytes = args.buffer();
        }
        return new Outgoing(reply, bytes);
    }

    /** A counted drop whose reason is logged already. */
    private Optional<Dhcp4Packet> dropped() {
        packetStats.dropped();
        return Optional.empty();
    }

    /** A counted drop (Kea's pkt4-receive-drop) with its reason logged as Kea logs it. */
    private Optional<Dhcp4Packet> drop(KeaMessage why, Object... args) {
        why.log(args);
        packetStats.dropped();
        return Optional.empty();
    }

    /**
     * Kea's acceptDirectRequest: relayed queries are accepted; a direct INFORM from 0.0.0.0
     * without ciaddr cannot be answered; a direct broadcast is accepted only when a subnet can be
     * selected for it.
     */
    /** Kea's selectSubnet logs its outcome each time it runs. */
    private static Optional<Subnet4> selected(Object label, Optional<Subnet4> subnet) {
        if (subnet.isPresent()) {
            Dhcp4Messages.DHCP4_SUBNET_SELECTED.log(label, subnet.get().id());
            if (Dhcp4Messages.DHCP4_SUBNET_DATA.enabled()) {
                Dhcp4Messages.DHCP4_SUBNET_DATA.log(label, subnet.get().prefixText());
            }
        } else {
            Dhcp4Messages.DHCP4_SUBNET_SELECTION_FAILED.log(label);
        }
        return subnet;
    }

    private static boolean acceptDirect(Exchange ex) {
        Dhcp4Packet q = ex.query();
        if (!q.giaddr().isZero()) {
            return true;
        }
        if (q.messageType().orElse(null) == MessageType.INFORM && ex.received().source().isZero() && q.ciaddr().isZero()) {
            return false;
        }
        return ex.received().local().bits() != -1 || selected(ex.label(), SubnetSelector.select(
                ex.snap().config().subnets(), q, ex.received(), s -> true,
                ex.snap().config().flags().ignoreRaiLinkSelection())).isPresent();
    }

    /** Kea's subnet selection, then subnet4_select: DROP drops, SKIP means no subnet. */
    private Optional<Subnet4> subnet(Exchange ex) {
        Optional<Subnet4> subnet = selected(ex.label(), selectSubnet(ex));
        if (subnet.isPresent()) {
            classifyAfterHostLookup(ex, subnet.get());
        }
        return subnet;
    }

    private void classifyAfterHostLookup(Exchange ex, Subnet4 selected) {
        Hosts.trace(ex, selected);
        boolean drop = ex.classes().afterHostLookup(ex, selected);
        if (Dhcp4Messages.DHCP4_CLASS_ASSIGNED.enabled()) {
            Dhcp4Messages.DHCP4_CLASS_ASSIGNED.log(ex.label(), ex.classes()); // Kea writes it before the DROP check
        }
        if (drop) {
            if (Dhcp4Messages.DHCP4_PACKET_DROP_0013.enabled()) {
                Dhcp4Messages.DHCP4_PACKET_DROP_0013.log(dump(ex.query(), ex.received(), ex.snap()));
            }
            throw HookDrop.CLASS;
        }
    }

    private Optional<Subnet4> selectSubnet(Exchange ex) {
        ruru.classify.ClassSet classes = ex.classes().classes();
        Optional<Subnet4> selected = SubnetSelector.select(ex.snap().config().subnets(), ex.query(), ex.received(),
                s -> s.admits(classes), ex.snap().config().flags().ignoreRaiLinkSelection());
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

    private Optional<Answered> discover(Exchange ex) throws LeaseStoreException {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return none(dropped());
        }
        boolean generate = DdnsFlow.logClientName(ex, subnet.get());
        Optional<AllocationEngine.Choice> choice = engine.offer(ex, subnet.get());
        if (choice.isEmpty()) {
            // the allocation engine has written why (its failure lines, as Kea's)
            return none(drop(Dhcp4Messages.DHCP4_PACKET_NAK_0003, ex.label(), ex.query().ciaddr(), ex.query().options()
                    .address(OptionCodes.REQUESTED_ADDRESS).map(Ipv4Address::toString).orElse("(no address)")));
        }
        AllocationEngine.Choice c = choice.get();
        long offerLifetime = Lifetimes.offer(c.subnet(), ex);
        Optional<Lease4> held = offerLifetime > 0 ? engine.hold(ex, c, offerLifetime) : Optional.empty();
        if (offerLifetime > 0 && held.isEmpty()) {
            return none(drop(Dhcp4Messages.DHCP4_PACKET_NAK_0003, ex.label(), ex.query().ciaddr(),
                    c.address().toString()));
        }
        generate = DdnsFlow.subnetChanged(ex, subnet.get(), c.subnet(), generate);
        Dhcp4Messages.DHCP4_LEASE_OFFER.log(ex.label(), c.address());
        if (generate) {
            DdnsFlow.generated(ex, true, AllocationEngine.candidate(ex, c).hostname(), c.address(), false);
        }
        long valid = c.reusedLifetime() > 0 ? c.reusedLifetime() : Lifetimes.valid(c.subnet(), ex);
        ex.classes().additional(ex, c.subnet(), c.pool());
        if (c.reusedLifetime() > 0) {
            Dhcp4Messages.DHCP4_LEASE_REUSE.log(ex.label(), c.address(), valid);
        }
        Optional<Answered> offer = answered(ex, c.subnet(),
                ResponseBuilder.build(ex, MessageType.OFFER, c.subnet(), c.address(), valid, c.pool(), c.host()));
        // Kea 3's lease_cmds binding-variables: its lease4_offer callout, first on the hook (a held lease only)
        held = held.map(h -> Bindings4.offered(ex, offer.get().reply(), h));
        return ex.snap().hooks().callouts().has(HookPoint.LEASE4_OFFER)
                ? offerHook.offered(ex, c, offer.get(), offerLifetime, held.orElse(null)) : offer;
    }

    /**
     * A BOOTP request (RFC 951; Kea's bootp library): an address is chosen as for a DISCOVER and
     * committed at once, with an infinite lifetime (the client never renews); the reply is the
     * ACK without its DHCP-only options (see {@link ResponseBuilder#encode}).
     */
    private Optional<Answered> bootp(Exchange ex) throws LeaseStoreException {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return none(dropped());
        }
        Optional<AllocationEngine.Choice> choice = engine.offer(ex, subnet.get());
        if (choice.isEmpty()) {
            return none(drop(Dhcp4Messages.DHCP4_PACKET_NAK_0003, ex.label(), ex.query().ciaddr(), "(no address)"));
        }
        AllocationEngine.Choice c = choice.get();
        if (!(engine.request(ex, c.subnet(), c.address()) instanceof AllocationEngine.Granted g)) {
            return none(drop(Dhcp4Messages.DHCP4_PACKET_NAK_0004, ex.label(), ex.query().ciaddr(), c.address()));
        }
        Dhcp4Messages.DHCP4_LEASE_ALLOC.log(ex.label(), g.lease().address(), "infinity");
        Optional<ruru.dhcp4.config.Pool4> pool = AllocationEngine.poolOf(g.subnet(), g.lease().address());
        ex.classes().additional(ex, g.subnet(), pool);
        Answered answer = new Answered(ex.query(), ResponseBuilder.build(ex, MessageType.ACK, g.subnet(),
                g.lease().address(), g.lifetime(), pool, g.host()), ex.received(), g.subnet());
        return committed(ex, answer, List.of(g.lease()), g.deleted());
    }

    /**
     * DHCPREQUEST as Kea's assignLease: the hint is option 50, else ciaddr; a REQUEST without a
     * server identifier but with option 50 is INIT-REBOOT, where a server that is not authoritative
     * stays silent about clients it has no lease for, and an authoritative one NAKs them; a request
     * the allocation engine refuses is NAKed, except an address in no pool of the client's network
     * (silence: another server may own it).
     */
    private Optional<Answered> request(Exchange ex) throws LeaseStoreException {
        Dhcp4Packet q = ex.query();
        Optional<Ipv4Address> serverId = q.options().address(OptionCodes.SERVER_ID);
        Optional<Ipv4Address> requested = q.options().address(OptionCodes.REQUESTED_ADDRESS);
        Ipv4Address hint = AllocationEngine.hint(ex);
        boolean initReboot = serverId.isEmpty() && requested.isPresent();
        Optional<Subnet4> subnet = subnet(ex);
        boolean authoritative = initReboot && subnet.map(Subnet4::authoritative)
                .orElse(ex.snap().config().authoritative());
        if (initReboot) {
            Dhcp4Messages.DHCP4_INIT_REBOOT.log(ex.label(), hint);
        }
        if (subnet.isEmpty() && (!initReboot || authoritative)) {
            Dhcp4Messages.DHCP4_PACKET_NAK_0001.log(ex.label(), ex.received().source(), "DHCPREQUEST");
            return nak(ex, null);
        }
        if (initReboot) {
            AllocationEngine.Owned own = subnet.isEmpty() ? null
                    : AllocationEngine.clientLease(ex, ex.snap().candidates(subnet.get()));
            boolean known = own != null;
            if (!authoritative && !known) {
                Dhcp4Messages.DHCP4_NO_LEASE_INIT_REBOOT.log(ex.label(), hint);
                return none(dropQuietly());
            }
            if (known && !own.lease().address().equals(hint) || !known && authoritative || subnet.isEmpty()) {
                Dhcp4Messages.DHCP4_PACKET_NAK_0002.log(ex.label(), hint);
                return nak(ex, subnet.orElse(null));
            }
        }
        boolean generate = DdnsFlow.logClientName(ex, subnet.get());
        Answered answer;
        List<Lease4> committed = List.of();
        List<Lease4> deleted = List.of();
        switch (engine.request(ex, subnet.get(), hint)) {
            case AllocationEngine.Granted g -> {
                generate = DdnsFlow.subnetChanged(ex, subnet.get(), g.subnet(), generate);
                Dhcp4Messages.DHCP4_LEASE_ALLOC.log(ex.label(), g.lease().address(), g.lease().validLifetime());
                DdnsFlow.generated(ex, generate, g.lease().hostname(), g.lease().address(), g.written());
                if (g.reused()) {
                    Dhcp4Messages.DHCP4_LEASE_REUSE.log(ex.label(), g.lease().address(), g.lifetime());
                }
                Lease4 granted = g.lease();
                if (g.written()) {
                    // Kea queues the name change requests in assignLease, before the additional classes
                    DdnsFlow.granted(ex, g.subnet(), g.previous(), granted, g.deleted());
                }
                Optional<ruru.dhcp4.config.Pool4> pool = AllocationEngine.poolOf(g.subnet(), g.lease().address());
                ex.classes().additional(ex, g.subnet(), pool);
                answer = new Answered(q, ResponseBuilder.build(ex, MessageType.ACK, g.subnet(), g.lease().address(),
                        g.lifetime(), pool, g.host()), ex.received(), g.subnet());
                // Kea passes a reused (cached, not rewritten) lease to no one
                committed = g.reused() ? List.of() : List.of(granted);
                deleted = g.deleted();
            }
            case AllocationEngine.Refused r -> {
                r.log(ex);
                if (r.unknownAddress() && AllocationEngine.containingPool(ex, ex.snap().candidates(subnet.get()), hint) == null) {
                    Dhcp4Messages.DHCP4_UNKNOWN_ADDRESS_REQUESTED.log(ex.label(), q.ciaddr(),
                            requested.map(Ipv4Address::toString).orElse("(no address)"));
                    return none(dropQuietly());
                }
                Dhcp4Messages.DHCP4_PACKET_NAK_0004.log(ex.label(), q.ciaddr(),
                        requested.map(Ipv4Address::toString).orElse("(no address)"));
                // the NAK still passes leases4_committed (no leases), as Kea runs it for every REQUEST it answers
                answer = nak(ex, subnet.get()).orElseThrow();
            }
        }
        return committed(ex, answer, committed, deleted);
    }

    /** A DHCPNAK for this query (no lease, no configuration: RFC 2131 table 3 as Kea sends it). */
    private Optional<Answered> nak(Exchange ex, Subnet4 subnet) {
        return Optional.of(new Answered(ex.query(), ResponseBuilder.nak(ex), ex.received(), subnet));
    }

    /** A query Kea ignores without counting a drop (its reply is simply not sent). */
    private static Optional<Dhcp4Packet> dropQuietly() {
        return Optional.empty();
    }

    /**
     * leases4_committed: DROP drops the reply; PARK holds it until the library resumes it. When the
     * parking lot is full the query is dropped before the callouts run, as Kea does.
     */
    private Optional<Answered> committed(Exchange ex, Answered answer, List<Lease4> leases, List<Lease4> deleted) {
        // Kea 3's lease_cmds binding-variables: its leases4_committed callout, first on the hook
        leases = Bindings4.committed(ex, answer.reply(), leases);
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (!hooks.has(HookPoint.LEASES4_COMMITTED)) {
            return Optional.of(answer);
        }
        Dhcp4Hooks dh = ex.snap().hooks();
        if (dh.parking().full()) {
            Dhcp4Messages.DHCP4_HOOK_LEASES4_PARKING_LOT_FULL.log(dh.parkedPacketLimit(), ex.label());
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
            @SuppressWarnings("unchecked")
            ParkedExchange<Answered> parked = (ParkedExchange<Answered>) args.park();
            Dhcp4Messages.DHCP4_HOOK_LEASES4_COMMITTED_PARK.log(ex.label());
            Answered now = parked.park(out, a -> {
                packetStats.sent(a.reply().messageType().orElseThrow());
                resumed.accept(a);
            });
            // resumed before the callout even returned: send it now; else resume() sends (and counts) it
            return Optional.ofNullable(now);
        }
        return Optional.of(out);
    }

    /** leases4_committed's arguments; the park handle is made when a callout asks for it. */
    private Leases4CommittedCallout.Args committedArgs(Exchange ex, Dhcp4Packet reply, List<Lease4> leases,
                                                       List<Lease4> deleted) {
        Dhcp4Hooks dh = ex.snap().hooks();
        @SuppressWarnings("unchecked")
        ParkedExchange<Answered>[] handle = new ParkedExchange[1];
        return new Leases4CommittedCallout.Args(ex.query(), reply, leases.stream().map(Dhcp4Hooks::view).toList(),
                deleted.stream().map(Dhcp4Hooks::view).toList(), () -> {
                    synchronized (handle) {
                        if (handle[0] == null) {
                            handle[0] = new ParkedExchange<>(dh.parking(), packetStats::dropped);
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

    /**
     * RFC 2131 4.3.4 as Kea 3 does it: the lease at ciaddr, when it belongs to the client (client
     * identifier from the RELEASE when both sides have one, else the hardware address; the
     * subnet's match-client-id is not consulted, as no subnet is selected for a RELEASE), is
     * released. With lease affinity (hold-reclaimed-time and flush-reclaimed-timer-wait-time both
     * set, Kea's defaults) it is kept in Kea 3's state released (3) with valid lifetime 0: expired at
     * once, so its client gets it back and anyone may have it once nothing else is free; it is
     * flushed after hold-reclaimed-time like a reclaimed lease. Otherwise it is deleted (Kea 2.2).
     * No reply either way; leases4_committed hears of the released lease as deleted.
     */
    private Optional<Dhcp4Packet> release(Exchange ex) throws LeaseStoreException {
        Ipv4Address address = ex.query().ciaddr();
        StoreTraces4.get(ex, address);
        Optional<Lease4> lease = ex.snap().leases().get(address);
        if (lease.isEmpty() || lease.get().state() == LeaseState.RELEASED) {
            Dhcp4Messages.DHCP4_RELEASE_FAIL_NO_LEASE.log(ex.label(), address);
            return Optional.empty();
        }
        Lease4 l = lease.get();
        if (!ex.client().owns(l, true)) {
            Dhcp4Messages.DHCP4_RELEASE_FAIL_WRONG_CLIENT.log(ex.label(), address);
            return Optional.empty();
        }
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.LEASE4_RELEASE)) {
            NextStep step = hooks.call(HookPoint.LEASE4_RELEASE,
                    new Lease4ReleaseCallout.Args(ex.query(), Dhcp4Hooks.view(l)), Lease4ReleaseCallout::lease4Release);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                Dhcp4Messages.DHCP4_HOOK_LEASE4_RELEASE_SKIP.log(ex.label());
                return Optional.empty();
            }
        }
        var expiry = ex.snap().config().expiredLeases();
        boolean affinity = expiry.holdReclaimedTime() > 0 && expiry.flushReclaimedTimerWaitTime() > 0
                && l.validLifetime() != Lease4.INFINITE_LIFETIME;
        if (affinity) {
            StoreTraces4.update(ex, address);
        } else {
            StoreTraces4.delete(ex, address);
        }
        boolean done = affinity
                ? ex.snap().leases().replace(l, new Lease4(l.address(), l.hwAddress(), l.clientId(), 0, ex.now(),
                        l.subnetId(), l.fqdnFwd(), l.fqdnRev(), l.hostname(), LeaseState.RELEASED, l.userContext(),
                        l.poolId()))
                : ex.snap().leases().delete(l);
        if (done) {
            if (l.state() == LeaseState.DEFAULT) {
                leaseStats.assigned(l.subnetId(), l.poolId(), -1);
            }
            Dhcp4Messages.DHCP4_RELEASE.log(ex.label(), address);
            (affinity ? Dhcp4Messages.DHCP4_RELEASE_EXPIRED : Dhcp4Messages.DHCP4_RELEASE_DELETED).log(ex.label(), address);
            ex.snap().ddns().removed(l);
            // the released lease goes to leases4_committed as deleted even when affinity keeps it here:
            // an HA partner then deletes it (Kea 2.2 refuses a lease update in the released state)
            committedWithoutReply(ex, List.of(), List.of(l));
        }
        return Optional.empty();
    }

    /**
     * RFC 2131 4.3.3: the address is in use elsewhere; it is withheld for decline-probation-period
     * and forgets its client, as Kea does. No reply. A DECLINE for an address nobody has, or for
     * another client's lease, is logged as Kea logs it and ignored.
     */
    private Optional<Dhcp4Packet> decline(Exchange ex) throws LeaseStoreException {
        Optional<Ipv4Address> address = ex.query().options().address(OptionCodes.REQUESTED_ADDRESS);
        if (address.isEmpty()) {
            return drop(Dhcp4Messages.DHCP4_PACKET_DROP_0007, ex.label(),
                    "Mandatory 'Requested IP address' option missing in DHCPDECLINE sent from " + ex.label());
        }
        StoreTraces4.get(ex, address.get());
        Optional<Lease4> lease = ex.snap().leases().get(address.get());
        if (lease.isEmpty()) {
            Dhcp4Messages.DHCP4_DECLINE_LEASE_NOT_FOUND.log(address.get(), ex.label());
            return Optional.empty();
        }
        Lease4 l = lease.get();
        if (!ex.client().owns(l, true)) {
            byte[] id = ex.client().clientId();
            Dhcp4Messages.DHCP4_DECLINE_LEASE_MISMATCH.log(address.get(), ex.label(), hw(ex.client().hwAddress()), l.hwAddress() == null ? "(none)"
                            : hw(l.hwAddress()), id == null ? "(none)" : hex(id),
                    l.hasClientId() ? hex(l.clientId()) : "(none)");
            return Optional.empty();
        }
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.LEASE4_DECLINE)) {
            NextStep step = hooks.call(HookPoint.LEASE4_DECLINE,
                    new Lease4DeclineCallout.Args(ex.query(), Dhcp4Hooks.view(l)), Lease4DeclineCallout::lease4Decline);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                Dhcp4Messages.DHCP4_HOOK_DECLINE_SKIP.log();
                return Optional.empty();
            }
        }
        Lease4 declined = new Lease4(l.address(), null, null, ex.snap().config().declineProbationPeriod(), ex.now(),
                l.subnetId(), false, false, "", LeaseState.DECLINED, null, l.poolId());
        StoreTraces4.update(ex, l.address());
        if (ex.snap().leases().replace(l, declined)) {
            ex.snap().ddns().removed(l);
            leaseStats.declined(l.subnetId(), l.poolId(), 1);
            Dhcp4Messages.DHCP4_DECLINE_LEASE.log(l.address(), ex.label(), declined.validLifetime());
            committedWithoutReply(ex, List.of(declined), List.of());
        }
        return Optional.empty();
    }

    /** Kea's HWAddr::toText(false): colon-separated hex. */
    private static String hw(ruru.wire.HardwareAddress a) {
        return java.util.HexFormat.ofDelimiter(":").formatHex(a.bytes());
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.ofDelimiter(":").formatHex(b);
    }

    /** RFC 2131 4.3.5: local configuration for a client that has its address already. */
    private Optional<Answered> inform(Exchange ex) {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return none(dropped());
        }
        ex.classes().additional(ex, subnet.get(), AllocationEngine.poolOf(subnet.get(), ex.query().ciaddr()));
        return answered(ex, subnet.get(),
                ResponseBuilder.inform(ex, subnet.get(), Hosts.find(ex.snap(), subnet.get(), ex.query())));
    }

    /**
     * Kea's acceptServerId: the server identifier a query names is one of the receiving interface's
     * addresses, or the relay's server-identifier-override (RFC 5107) when the query carries one.
     */
    private static boolean isOurs(Exchange ex, Ipv4Address id) {
        if (id.equals(ResponseBuilder.serverId(ex)) || ResponseBuilder.serverIdOverride(ex.query()).filter(id::equals)
                .isPresent()) {
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
