package ruru.dhcp6.service;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.daemon.state.NetworkState;
import ruru.dhcp.engine.ParkedExchange;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.ddns.Ddns6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.dhcp6.log.Labels6;
import ruru.dhcp6.log.PacketText6;
import ruru.hooks.Buffer6ReceiveCallout;
import ruru.hooks.Buffer6SendCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.Leases6CommittedCallout;
import ruru.hooks.NextStep;
import ruru.hooks.Pkt6ReceiveCallout;
import ruru.hooks.Pkt6SendCallout;
import ruru.hooks.Subnet6SelectCallout;
import ruru.lease.LeaseStoreException;
import ruru.net.Received6;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Duid;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;

/**
 * One DHCPv6 query in, at most one reply out: decode, count, Kea's checks (service state, the
 * unicast rule, required and forbidden identifiers, our server identifier), then the flow of its
 * message type. Nothing in a packet can throw out of here: bad input is a counted drop.
 */
final class QueryProcessor6 {


    private final PacketStats6 packetStats;
    private final NetworkState networkState;
    private final AssignFlows6 assign;
    private final ReturnFlows6 returns;
    private final Clock clock;
    private final Consumer<Outgoing6> resumed;

    /** A reply and where it goes back from. */
    record Outgoing6(Dhcp6Packet query, Received6 received, Answer6 answer) {
    }

    /** A hook point's DROP: unwinds the flow to a counted drop. Preallocated, without a stack trace. */
    private static final class HookDrop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final HookDrop INSTANCE = new HookDrop();
        /** In DROP once KNOWN/UNKNOWN and the classes depending on them are known. */
        static final HookDrop DROP_CLASS = new HookDrop();

        private HookDrop() {
            super("dropped by a hook callout", null, false, false);
        }
    }

    QueryProcessor6(PacketStats6 packetStats, NetworkState networkState, LeaseEngine6 engine, Clock clock,
                    Consumer<Outgoing6> resumed) {
        this.packetStats = packetStats;
        this.networkState = networkState;
        this.assign = new AssignFlows6(engine);
        this.returns = new ReturnFlows6(engine);
        this.clock = clock;
        this.resumed = resumed;
    }

    Optional<Outgoing6> process(Received6 rx, Snapshot6 snap) {
        if (Dhcp6Messages.DHCP6_BUFFER_RECEIVED.enabled()) {
            // Kea prints the local port as 0: its sockets do not report it
            Dhcp6Messages.DHCP6_BUFFER_RECEIVED.log(rx.source(), rx.sourcePort(), rx.local(), 0, rx.iface().name());
        }
        if (!networkState.isServiceEnabled()) {
            // Kea drops before parsing, so its label has no client identifier and transaction id 0
            Dhcp6Messages.DHCP6_PACKET_DROP_DHCP_DISABLED.log(Labels6.UNPARSED);
            packetStats.received(null);
            packetStats.dropped();
            return Optional.empty();
        }
        CalloutRegistry hooks = snap.hooks().callouts();
        Dhcp6Packet query = null;
        byte[] data = rx.data();
        int length = rx.length();
        if (hooks.has(HookPoint.BUFFER6_RECEIVE)) {
            var args = new Buffer6ReceiveCallout.Args(Arrays.copyOf(data, length), rx.iface().name(), rx.source());
            NextStep step = hooks.call(HookPoint.BUFFER6_RECEIVE, args, Buffer6ReceiveCallout::buffer6Receive);
            if (step == NextStep.DROP || step == NextStep.SKIP && args.query6().isEmpty()) {
                Dhcp6Messages.DHCP6_HOOK_BUFFER_RCVD_DROP.log(rx.source(), rx.local(), rx.iface().name());
                packetStats.dropped();
                return Optional.empty();
            }
            if (step == NextStep.SKIP) {
                Dhcp6Messages.DHCP6_HOOK_BUFFER_RCVD_SKIP.log(rx.source(), rx.local(), rx.iface().name());
                query = args.query6().get();
            } else {
                data = args.buffer();
                length = data.length;
            }
        }
        if (query == null) {
            if (Dhcp6Messages.DHCP6_BUFFER_UNPACK.enabled()) {
                Dhcp6Messages.DHCP6_BUFFER_UNPACK.log(rx.source(), rx.local(), rx.iface().name());
            }
            try {
                query = Dhcp6Packet.decode(data, 0, length);
            } catch (WireFormatException e) {
                packetStats.parseFailed();
                Dhcp6Messages.DHCP6_PACKET_DROP_PARSE_FAIL.log(rx.source(), rx.local(), rx.iface().name(),
                        length < 4 ? "Received truncated UDP DHCPv6 packet of size " + length
                                + ", DHCPv6 header alone has 4 bytes." : e.getMessage());
                return Optional.empty();
            }
        }
        if (Ddns6.invalidFqdn(query)) {
            // Kea's Option6ClientFqdn refuses both S and N (RFC 4704 section 4.1) or a malformed name: no parse
            packetStats.parseFailed();
            Dhcp6Messages.DHCP6_PACKET_DROP_PARSE_FAIL.log(rx.source(), rx.local(), rx.iface().name(),
                    "invalid DHCPv6 Client FQDN Option");
            return Optional.empty();
        }
        Dhcp6MessageType type = query.messageType().orElse(null);
        packetStats.received(type);
        // Kea's order: a foreign server identifier, then the unicast rule, then classification
        byte[] sid = query.options().get(Option6Codes.SERVERID).orElse(null);
        if (sid != null && !snap.serverId().sameBytes(sid)) {
            if (Dhcp6Messages.DHCP6_PACKET_DROP_SERVERID_MISMATCH.enabled()) {
                Dhcp6Messages.DHCP6_PACKET_DROP_SERVERID_MISMATCH.log(Labels6.label(query), Labels6.duid(sid),
                        Labels6.duid(snap.serverId().bytes()));
            }
            packetStats.dropped();
            return Optional.empty();
        }
        if (!query.isRelayed() && !rx.multicast() && (type == Dhcp6MessageType.SOLICIT
                || type == Dhcp6MessageType.CONFIRM || type == Dhcp6MessageType.REBIND
                || type == Dhcp6MessageType.INFORMATION_REQUEST)) {
            Dhcp6Messages.DHCP6_PACKET_DROP_UNICAST.log(Labels6.label(query), type.keaName());
            packetStats.dropped();
            return Optional.empty();
        }
        Classification6 classes = Classification6.early(query, rx, snap.config(), snap.hooks().queryClasses(query));
        if (Dhcp6Messages.DHCP6_PACKET_RECEIVED.enabled()) {
            Dhcp6Messages.DHCP6_PACKET_RECEIVED.log(Labels6.label(query), type == null ? "UNKNOWN"
                    : type.keaName(), query.type(), rx.source(), rx.local(), rx.iface().name());
        }
        if (Dhcp6Messages.DHCP6_QUERY_DATA.enabled()) {
            Dhcp6Messages.DHCP6_QUERY_DATA.log(Labels6.label(query), queryText(query, rx, snap));
        }
        if (hooks.has(HookPoint.PKT6_RECEIVE)) {
            var args = new Pkt6ReceiveCallout.Args(query, rx.iface().name(), rx.source(), classes.forHooks());
            NextStep step = hooks.call(HookPoint.PKT6_RECEIVE, args, Pkt6ReceiveCallout::pkt6Receive);
            if (step == NextStep.SKIP || step == NextStep.DROP) {
                Dhcp6Messages.DHCP6_HOOK_PACKET_RCVD_SKIP.log(Labels6.label(query));
                packetStats.dropped();
                return Optional.empty();
            }
            if (args.query6() != query) {
                classes = classes.rebind(args.query6(), rx, snap.config());
            }
            query = args.query6();
        }
        if (type == null || !fromClient(type)) {
            Dhcp6Messages.DHCP6_UNKNOWN_MSG_RECEIVED.log(query.type(), rx.iface().name());
            packetStats.dropped();
            return Optional.empty();
        }
        String problem = sanity(query, type);
        if (problem != null) {
            Dhcp6Messages.DHCP6_REQUIRED_OPTIONS_CHECK_FAIL.log(type.keaName(), rx.source(), problem);
            packetStats.dropped();
            return Optional.empty();
        }
        if (classes.dropped()) {
            Dhcp6Messages.DHCP6_PACKET_DROP_DROP_CLASS.log(queryText(query, rx, snap));
            packetStats.dropped();
            return Optional.empty();
        }
        Exchange6 ex = new Exchange6(query, rx, snap, Client6.of(query, rx, snap.config().macSources()),
                clock.instant().getEpochSecond(), classes);
        if (snap.config().earlyGlobalReservationsLookup() && classes.earlyGlobalLookup(ex)) {
            Dhcp6Messages.DHCP6_PACKET_DROP_DROP_CLASS_EARLY.log(queryText(query, rx, snap));
            packetStats.dropped();
            return Optional.empty();
        }
        try {
            Optional<Answer6> answer = dispatch(ex, type);
            if (answer.isEmpty()) {
                // Kea discards both without a word; a REBIND it cannot place is a processing error there
                // (pkt6-receive-drop), a CONFIRM without addresses is not counted (kea-dhcp6 2.2 observed)
                if (type != Dhcp6MessageType.CONFIRM) {
                    packetStats.dropped();
                }
                return Optional.empty();
            }
            Answer6 a = answer.get().committing() ? committed(ex, answer.get()) : answer.get();
            if (a == null) {
                return Optional.empty();
            }
            Dhcp6MessageType sent = a.reply().messageType().orElseThrow();
            packetStats.sent(sent);
            ruru.lease.CommitGroup group = ruru.lease.CommitGroup.deferring();
            if (group != null && group.pending()) {
                // its lease rows wait for the batch's one write: if that fails, so does this exchange,
                // as when its own write fails (below)
                ruru.wire.Ipv6Address source = rx.source();
                group.onFailure(error -> {
                    Dhcp6Messages.DHCP6_PACKET_PROCESS_FAIL.log(type.keaName(), source, error);
                    packetStats.unsentForFailedWrite(sent);
                });
            }
            return Optional.of(new Outgoing6(query, rx, a));
        } catch (HookDrop d) {
            if (d == HookDrop.DROP_CLASS) {
                Dhcp6Messages.DHCP6_PACKET_DROP_DROP_CLASS2.log(queryText(ex.query(), rx, snap));
            }
            packetStats.dropped();
            return Optional.empty();
        } catch (LeaseStoreException | ruru.lease.LeaseStoreUnavailableException | WireFormatException e) {
            // Kea: an exception in the message's processing drops it (debug, so floods cannot fill the log);
            // a failing lease store is reported once per episode by the store itself
            Dhcp6Messages.DHCP6_PACKET_PROCESS_FAIL.log(type.keaName(), rx.source(), e.getMessage());
            packetStats.dropped();
            return Optional.empty();
        }
    }

    /** DHCP6_RESPONSE_DATA: the reply's type and Kea's text of it, from the query's destination to where it goes. */
    static void responseData(Outgoing6 o, Snapshot6 snap, int serverPort, ruru.net.Reply6 out) {
        if (Dhcp6Messages.DHCP6_RESPONSE_DATA.enabled()) {
            Dhcp6Packet reply = o.answer().reply();
            Dhcp6Messages.DHCP6_RESPONSE_DATA.log(reply.type(), PacketText6.of(reply, o.received().local(), serverPort,
                    out.destination(), out.port(), snap.config().optionDefinitions()));
        }
    }

    /** Kea's text of a received query (its local port unset: 0), as DHCP6_QUERY_DATA and the drop-class lines print it. */
    static String queryText(Dhcp6Packet query, Received6 rx, Snapshot6 snap) {
        return PacketText6.of(query, rx.local(), 0, rx.source(), rx.sourcePort(), snap.config().optionDefinitions());
    }

    private static boolean fromClient(Dhcp6MessageType type) {
        return switch (type) {
            case SOLICIT, REQUEST, CONFIRM, RENEW, REBIND, RELEASE, DECLINE, INFORMATION_REQUEST -> true;
            default -> false;
        };
    }

    private Optional<Answer6> dispatch(Exchange6 ex, Dhcp6MessageType type) throws LeaseStoreException,
            WireFormatException {
        return switch (type) {
            case SOLICIT -> Optional.of(assign.assign(ex, subnet(ex), false));
            case REQUEST -> Optional.of(assign.assign(ex, subnet(ex), true));
            case RENEW -> assign.extend(ex, subnet(ex), false);
            case REBIND -> assign.extend(ex, subnet(ex), true);
            case RELEASE -> {
                subnet(ex);
                yield Optional.of(returns.release(ex));
            }
            case DECLINE -> {
                subnet(ex);
                yield returns.decline(ex);
            }
            case CONFIRM -> InfoFlows6.confirm(ex, subnet(ex));
            case INFORMATION_REQUEST -> Optional.of(InfoFlows6.informationRequest(ex, subnet(ex)));
            default -> Optional.empty();
        };
    }

    /**
     * Kea's {@code sanityCheck}: client and server identifiers each present as the message type
     * requires, each a DUID of 3 to 128 bytes; null when fine, else Kea's reason.
     */
    private static String sanity(Dhcp6Packet q, Dhcp6MessageType type) {
        int clientIds = q.options().count(Option6Codes.CLIENTID);
        int serverIds = q.options().count(Option6Codes.SERVERID);
        String name = type.keaName();
        return switch (type) {
            case SOLICIT, REBIND, CONFIRM -> clientIds != 1 ? "Exactly 1 client-id option expected in " + name
                    + ", but " + clientIds + " received" : duid(q, Option6Codes.CLIENTID, "client-id") != null
                    ? duid(q, Option6Codes.CLIENTID, "client-id") : serverIds != 0
                    ? "Server-id option was not expected, but " + serverIds + " received in " + name : null;
            case REQUEST, RENEW, RELEASE, DECLINE -> clientIds != 1 ? "Exactly 1 client-id option expected in " + name
                    + ", but " + clientIds + " received" : duid(q, Option6Codes.CLIENTID, "client-id") != null
                    ? duid(q, Option6Codes.CLIENTID, "client-id") : serverIds != 1
                    ? "Invalid number of server-id options received (" + serverIds + "), exactly 1 expected in message "
                    + name : duid(q, Option6Codes.SERVERID, "server-id");
            case INFORMATION_REQUEST -> clientIds > 1 ? "Too many (" + clientIds + ") client-id options received in "
                    + name : clientIds == 1 && duid(q, Option6Codes.CLIENTID, "client-id") != null
                    ? duid(q, Option6Codes.CLIENTID, "client-id") : serverIds > 1 ? "Too many (" + serverIds
                    + ") server-id options received in " + name : serverIds == 1
                    ? duid(q, Option6Codes.SERVERID, "server-id") : null;
            default -> null;
        };
    }

    /** Kea's {@code sanityCheckDUID}: null when the option holds 3 to 128 bytes. */
    private static String duid(Dhcp6Packet q, int code, String what) {
        int len = q.options().get(code).map(b -> b.length).orElse(0);
        return len < 3 || len > Duid.MAX_LENGTH ? "Received invalid DUID for " + what + ", received " + len
                + " byte(s). It must be at least 3 and no more than " + Duid.MAX_LENGTH : null;
    }

    /**
     * Kea's subnet selection among the subnets the query's classes may use, then subnet6_select
     * (DROP drops, SKIP means no subnet), then the host lookup phase of classification (a query
     * in DROP then is dropped).
     */
    private static Optional<Subnet6> subnet(Exchange6 ex) {
        Optional<Subnet6> selected = selectSubnet(ex);
        selected.ifPresent(s -> Hosts6.trace(ex.snap(), s, ex));
        if (ex.classes().afterHostLookup(ex, selected)) {
            throw HookDrop.DROP_CLASS;
        }
        return selected;
    }

    private static Optional<Subnet6> selectSubnet(Exchange6 ex) {
        Optional<Subnet6> selected = SubnetSelector6.select(ClassGuards6.admitted(ex), ex.snap().config()
                .sharedNetworks(), ex.query(), ex.received());
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (hooks.has(HookPoint.SUBNET6_SELECT)) {
            var args = new Subnet6SelectCallout.Args(ex.query(), selected.map(Dhcp6Hooks::view),
                    ex.snap().hooks().subnetViews(ex.snap().config()));
            NextStep step = hooks.call(HookPoint.SUBNET6_SELECT, args, Subnet6SelectCallout::subnet6Select);
            if (step == NextStep.SKIP) {
                Dhcp6Messages.DHCP6_HOOK_SUBNET6_SELECT_SKIP.log(ex.label());
                return Optional.empty();
            }
            if (step == NextStep.DROP) {
                Dhcp6Messages.DHCP6_HOOK_SUBNET6_SELECT_DROP.log(ex.label());
                throw HookDrop.INSTANCE;
            }
            selected = args.subnet6().flatMap(v -> ex.snap().subnet(v.id()));
        }
        if (selected.isPresent()) {
            if (Dhcp6Messages.DHCP6_SUBNET_SELECTED.enabled()) {
                Dhcp6Messages.DHCP6_SUBNET_SELECTED.log(ex.label(), selected.get().id());
            }
            if (Dhcp6Messages.DHCP6_SUBNET_DATA.enabled()) {
                Dhcp6Messages.DHCP6_SUBNET_DATA.log(ex.label(), selected.get().prefix());
            }
        } else if (Dhcp6Messages.DHCP6_SUBNET_SELECTION_FAILED.enabled()) {
            Dhcp6Messages.DHCP6_SUBNET_SELECTION_FAILED.log(ex.label());
        }
        return selected;
    }

    /**
     * leases6_committed: DROP drops the reply; PARK holds it until the library resumes it. When the
     * parking lot is full the query is dropped before the callouts run, as Kea does. Null: no reply now.
     */
    private Answer6 committed(Exchange6 ex, Answer6 answer) {
        // Kea 3's lease_cmds binding-variables: its leases6_committed callout, first on the hook
        answer = Bindings6.committed(ex, answer);
        CalloutRegistry hooks = ex.snap().hooks().callouts();
        if (!hooks.has(HookPoint.LEASES6_COMMITTED)) {
            return answer;
        }
        Dhcp6Hooks dh = ex.snap().hooks();
        if (dh.parking().full()) {
            Dhcp6Messages.DHCP6_HOOK_LEASES6_PARKING_LOT_FULL.log(dh.parking().limit(), ex.label());
            throw HookDrop.INSTANCE;
        }
        @SuppressWarnings("unchecked")
        ParkedExchange<Outgoing6>[] handle = new ParkedExchange[1];
        var args = new Leases6CommittedCallout.Args(ex.query(), answer.reply(),
                answer.committed().stream().map(Dhcp6Hooks::view).toList(),
                answer.deleted().stream().map(Dhcp6Hooks::view).toList(), () -> {
                    synchronized (handle) {
                        if (handle[0] == null) {
                            handle[0] = new ParkedExchange<>(dh.parking(), packetStats::dropped);
                        }
                        return handle[0];
                    }
                });
        NextStep step = hooks.call(HookPoint.LEASES6_COMMITTED, args, Leases6CommittedCallout::leases6Committed);
        Answer6 out = args.response6().orElse(answer.reply()) == answer.reply() ? answer
                : answer.withReply(args.response6().get());
        if (step == NextStep.DROP) {
            Dhcp6Messages.DHCP6_HOOK_LEASES6_COMMITTED_DROP.log(ex.label());
            throw HookDrop.INSTANCE;
        }
        if (step == NextStep.PARK) {
            Dhcp6Messages.DHCP6_HOOK_LEASES6_COMMITTED_PARK.log(ex.label());
            @SuppressWarnings("unchecked")
            ParkedExchange<Outgoing6> parked = (ParkedExchange<Outgoing6>) args.park();
            Outgoing6 now = parked.park(new Outgoing6(ex.query(), ex.received(), out), o -> {
                packetStats.sent(o.answer().reply().messageType().orElseThrow());
                resumed.accept(o);
            });
            return now == null ? null : now.answer();
        }
        return out;
    }

    /** Whether sending involves callouts (pkt6_send, buffer6_send); else the caller encodes. */
    static boolean hooksOnSend(Snapshot6 snap) {
        CalloutRegistry hooks = snap.hooks().callouts();
        return hooks.has(HookPoint.PKT6_SEND) || hooks.has(HookPoint.BUFFER6_SEND);
    }

    /** pkt6_send, encoding, buffer6_send: the bytes to send, or null when a callout stopped it. */
    static byte[] finish(Outgoing6 o, Snapshot6 snap) throws WireFormatException {
        CalloutRegistry hooks = snap.hooks().callouts();
        Dhcp6Packet reply = o.answer().reply();
        byte[] bytes = null;
        if (hooks.has(HookPoint.PKT6_SEND)) {
            var args = new Pkt6SendCallout.Args(o.query(), reply,
                    Optional.ofNullable(o.answer().subnet()).map(Dhcp6Hooks::view));
            NextStep step = hooks.call(HookPoint.PKT6_SEND, args, Pkt6SendCallout::pkt6Send);
            if (step == NextStep.DROP || step == NextStep.SKIP && args.buffer().isEmpty()) {
                Dhcp6Messages.DHCP6_HOOK_PACKET_SEND_DROP.log(Labels6.label(reply));
                return null;
            }
            if (step == NextStep.SKIP) {
                Dhcp6Messages.DHCP6_HOOK_PACKET_SEND_SKIP.log(Labels6.label(reply));
            }
            reply = args.response6();
            bytes = step == NextStep.SKIP ? args.buffer().get() : null;
        }
        if (bytes == null) {
            bytes = reply.encode();
        }
        if (hooks.has(HookPoint.BUFFER6_SEND)) {
            var args = new Buffer6SendCallout.Args(reply, bytes);
            NextStep step = hooks.call(HookPoint.BUFFER6_SEND, args, Buffer6SendCallout::buffer6Send);
            if (step == NextStep.DROP || step == NextStep.SKIP) {
                Dhcp6Messages.DHCP6_HOOK_BUFFER_SEND_SKIP.log(Labels6.label(reply));
                return null;
            }
            bytes = args.buffer();
        }
        return bytes;
    }

}
