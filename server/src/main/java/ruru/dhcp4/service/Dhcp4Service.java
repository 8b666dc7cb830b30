package ruru.dhcp4.service;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.Ports;
import ruru.dhcp.engine.PacketRuntime;
import ruru.dhcp.engine.ServiceBase;
import ruru.dhcp.engine.ServiceLeaseStore;
import ruru.dhcp.engine.Reclamation;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.dhcp4.ddns.Ddns4;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.lease.MemfileLease4Store;
import ruru.lease.pgsql.PgsqlLease4Store;
import ruru.lease.pgsql.PgsqlLeaseStores;
import ruru.lease.TimedLease4Store;
import ruru.net.Dhcp4SocketSettings;
import ruru.net.Dhcp4Sockets;
import ruru.net.Received4;
import ruru.net.Reply4;
import ruru.net.ReplyRouting;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;

/**
 * The DHCPv4 packet service: the lease store, reclamation, and the DHCPv4 handler on the shared
 * {@link PacketRuntime} (sockets, packet queue, worker threads). A new configuration opens what
 * changed (a new lease file, new sockets) before anything is swapped, so a failure leaves the
 * running service as it was; the swap itself waits for the packets in flight so no packet mixes two
 * configurations.
 */
public final class Dhcp4Service extends ServiceBase<Dhcp4ServiceConfig, Lease4Store> {


    private final StatsManager stats;
    private final Clock clock;
    private final Ports ports;
    private final LeaseStats leaseStats;
    private final PacketStats packetStats;
    private final AllocationEngine engine;
    private final QueryProcessor processor;
    private final Reclamation<Ipv4Address, Lease4> reclamation;
    private final PacketRuntime<Dhcp4SocketSettings, Received4, Dhcp4Sockets> runtime;
    private final Dhcp4Hooks hooks;
    private final Ddns4 ddns = new Ddns4();

    private volatile Snapshot snapshot;
    private final ServiceLeaseStore<Lease4Store> stores;
    private final NetworkState networkState;

    public Dhcp4Service(StatsManager stats, NetworkState networkState, Clock clock, Ports ports) {
        this(stats, networkState, clock, ports, Dhcp4Hooks.NONE);
    }

    /** @param hooks the daemon's callouts (one instance for the service's life; libraries swap its content) */
    public Dhcp4Service(StatsManager stats, NetworkState networkState, Clock clock, Ports ports, Dhcp4Hooks hooks) {
        this.hooks = hooks;
        this.networkState = networkState;
        this.stats = stats;
        this.clock = clock;
        this.ports = ports;
        this.leaseStats = new LeaseStats(stats);
        this.stores = new ServiceLeaseStore<>(PgsqlLeaseStores.V4, ServiceLeaseStore.Backends.of(
                MemfileLease4Store::open, PgsqlLease4Store::new, TimedLease4Store::new),
                stats, LEASE_WRITE_FAIL, networkState, clock);
        this.packetStats = new PacketStats(stats);
        this.engine = new AllocationEngine(leaseStats);
        this.processor = new QueryProcessor(packetStats, leaseStats, networkState, engine, clock, this::sendResumed);
        this.reclamation = new Reclamation<>(Reclaim4.reclaimer(leaseStats, hooks, ddns::removed), clock,
                this::leases, "dhcp4");
        this.runtime = new PacketRuntime<>("dhcp4", "DHCPv4", Dhcp4Sockets::open, this::handle, drops -> {
            stats.addValue(PacketStats.RECEIVED, drops);
            stats.addValue(PacketStats.RECEIVE_DROP, drops);
        }, MESSAGES);
        this.processor.serverPort(() -> runtime.settings().serverPort());
        runtime.runInlineWhen(() -> !stores.inDatabase());
        // a batch's lease rows in one write, unless a library or a DNS update sees a lease before its write is final
        runtime.groupCommitWhen(() -> {
            Snapshot snap = snapshot;
            return snap != null && !snap.config().ddns().client().enableUpdates() && hooks.callouts().isEmpty();
        });
    }

    /** kea-dhcp4's messages for the runtime's own failures. */
    private static final PacketRuntime.Messages MESSAGES = messages(Dhcp4Messages.DHCP4_BUFFER_RECEIVE_FAIL::log,
            Dhcp4Messages.DHCP4_PACKET_PROCESS_STD_EXCEPTION::log, Dhcp4Messages.DHCP4_OPEN_SOCKET_FAIL::log);

    @Override
    public void parkedPacketLimit(int limit) {
        hooks.parkedPacketLimit(limit);
    }

    @Override
    protected Snapshot state() {
        return snapshot;
    }

    @Override
    protected PacketRuntime<?, ?, ?> runtime() {
        return runtime;
    }

    @Override
    protected ServiceLeaseStore<Lease4Store> stores() {
        return stores;
    }

    @Override
    protected Reclamation<?, ?> reclamation() {
        return reclamation;
    }

    /** The service's DDNS (name decisions and NCRs), for the lease commands. */
    public Ddns4 ddns() {
        return ddns;
    }

    /** The daemon's hooks as the packet path sees them. */
    public Dhcp4Hooks hooks() {
        return hooks;
    }

    /** The DHCPv4 lease counters, for leases changed outside the packet path (lease commands). */
    public ruru.dhcp.engine.LeaseCounters counters() {
        return leaseStats.counters();
    }

    /**
     * Failed lease writes (and lease file cleanups) since start: a ruru statistic, named like Kea's
     * {@code v4-allocation-fail}. Each failure failed one exchange; status-get says whether the
     * failures go on.
     */
    public static final String LEASE_WRITE_FAIL = "v4-lease-write-fail";

    /**
     * Makes {@code config} the service's configuration with {@code threads} packet workers and a
     * packet queue of {@code queueSize} (0: the default bound).
     * A different lease file is opened before the swap (and closed again on failure); sockets are
     * reopened only when their settings or the worker count change, and if the new ones cannot be
     * opened the old ones are restored before the error is reported.
     */
    public synchronized void apply(Dhcp4ServiceConfig config, int threads, int queueSize) throws ConfigException {
        apply(config, threads, queueSize, MapElement.builder().build());
    }

    /** As above; {@code leaseDatabase} is the configured lease-database map (Kea writes its parameters). */
    public synchronized void apply(Dhcp4ServiceConfig config, int threads, int queueSize, MapElement leaseDatabase)
            throws ConfigException {
        // The NCR sender first: a dhcp-ddns block that cannot be used fails the configuration untouched.
        ddns.configure(config.ddns());
        Dhcp4SocketSettings newSocketSettings = ServiceSettings.sockets(config, ports, queueSize);
        // Kea completes the configuration, then opens the lease database and the sockets
        Dhcp4Messages.DHCP4_CONFIG_COMPLETE.log("added IPv4 subnets: " + config.subnets().size() + "; DDNS: "
                + (config.ddns().client().enableUpdates() ? "enabled" : "disabled"));
        ServiceLeaseStore.Next<Lease4Store> store = nextStore(config.leaseDatabase(), threads, leaseDatabase);
        Snapshot before = snapshot;
        senderStarting(before == null ? null : before.config().ddns().client(), config.ddns().client());
        try {
            runtime.reconfigure(newSocketSettings, threads, () -> swap(config, store));
        } catch (ConfigException e) {
            // only the sockets fail this way: the new store never became current
            stores.abandon(store);
            throw e;
        }
        storeInForce(config.leaseDatabase());
    }

    /** With the sockets open, before their workers start: the configuration and store become current. */
    private void swap(Dhcp4ServiceConfig config, ServiceLeaseStore.Next<Lease4Store> store) {
        Snapshot next = Snapshot.of(config, store.store(), hooks, ddns);
        runtime.quiesced(() -> {
            snapshot = next;
            engine.reconfigured();
            return null;
        });
        stores.commit(store);
        packetStats.initialize();
        StatisticsRecount.recount(stats, next);
        reclamation.configure(config.expiredLeases());
        timersStarted(config.expiredLeases());
    }

    /**
     * Makes {@code config} current for the next packet when nothing but its client classes
     * changed (class_cmds): same lease store, sockets, workers and statistics.
     */
    public void reclassify(Dhcp4ServiceConfig config) {
        Snapshot current = snapshot;
        Snapshot next = Snapshot.of(config, current.leases(), hooks, ddns);
        runtime.quiesced(() -> {
            snapshot = next;
            return null;
        });
    }

    /** -T: opens the lease database the configuration names (a PostgreSQL connection and schema check), then closes it. */
    public static void checkLeaseDatabase(Dhcp4ServiceConfig config) throws ConfigException {
        ServiceLeaseStore.check(PgsqlLeaseStores.V4, config.leaseDatabase());
    }

    /** One query, on a packet worker, while no reconfiguration runs. */
    private void handle(Dhcp4Sockets s, Received4 rx) {
        try {
            Snapshot snap = snapshot;
            if (Dhcp4Messages.DHCP4_BUFFER_RECEIVED.enabled()) {
                Dhcp4Messages.DHCP4_BUFFER_RECEIVED.log(rx.source(), rx.sourcePort(), rx.local(),
                        runtime.settings().serverPort(), rx.iface().name());
                Dhcp4Messages.DHCP4_BUFFER_UNPACK.log(rx.source(), rx.local(), rx.iface().name());
            }
            Optional<QueryProcessor.Answered> answered = processor.process(rx, snap);
            if (answered.isEmpty()) {
                return;
            }
            send(s, rx, answered.get(), snap);
        } catch (IOException | RuntimeException e) {
            Dhcp4Messages.DHCP4_PACKET_SEND_FAIL.log("query from " + rx.source(), e.getMessage());
        }
    }

    private void send(Dhcp4Sockets s, Received4 rx, QueryProcessor.Answered answered, Snapshot snap)
            throws IOException {
        Dhcp4Packet q = answered.query();
        Dhcp4Packet r = answered.reply();
        byte[] bytes;
        // Kea answers an INFORM with ciaddr at ciaddr, relayed or not, and says so
        if (q.messageType().orElse(null) == MessageType.INFORM && !q.ciaddr().isZero()) {
            Dhcp4Messages.DHCP4_INFORM_DIRECT_REPLY.log(Exchange.label(q), q.ciaddr(), rx.iface().name());
        }
        Dhcp4Messages.DHCP4_PACKET_PACK.log(Exchange.label(q));
        if (QueryProcessor.hooksOnSend(snap)) {
            QueryProcessor.Outgoing out = processor.finish(answered, snap);
            if (out == null) {
                return;
            }
            r = out.reply();
            bytes = out.bytes();
        } else {
            bytes = ResponseBuilder.encode(q, r);
        }
        Dhcp4SocketSettings settings = runtime.settings();
        Reply4 route = ReplyRouting.route(rx, q.giaddr(), q.ciaddr(), q.broadcastFlag(), r.yiaddr(), q.chaddr(),
                r.messageType().orElse(null) == MessageType.NAK, q.messageType().orElse(null) == MessageType.INFORM,
                0, bytes, settings.mode(), settings.serverPort(), settings.clientPort());
        if (Dhcp4Messages.DHCP4_PACKET_SEND.enabled()) {
            MessageType type = r.messageType().orElse(null);
            Dhcp4Messages.DHCP4_PACKET_SEND.log(Exchange.label(q), type == null ? "BOOTREPLY" : "DHCP" + type,
                    type == null ? 0 : type.code(), route.source(), settings.serverPort(), route.destination(),
                    route.destinationPort(), route.iface().name());
            if (Dhcp4Messages.DHCP4_RESPONSE_DATA.enabled()) {
                Dhcp4Messages.DHCP4_RESPONSE_DATA.log(Exchange.label(q), type == null ? "BOOTREPLY" : "DHCP" + type,
                        type == null ? 0 : type.code(), ruru.dhcp4.log.PacketText4.of(r, route.source(),
                                settings.serverPort(), route.destination(), route.destinationPort(),
                                snap.config().optionDefinitions(), true));
            }
        }
        s.send(route);
    }

    /** A parked exchange the library resumed: sent on the sockets in force now, from the library's thread. */
    private void sendResumed(QueryProcessor.Answered answered) {
        if (answered.received() == null) {
            return;
        }
        runtime.withSockets(s -> {
            try {
                send(s, answered.received(), answered, snapshot);
            } catch (IOException | RuntimeException e) {
                Dhcp4Messages.DHCP4_PACKET_SEND_FAIL.log(Exchange.label(answered.query()), e.getMessage());
            }
        });
    }

    @Override
    public synchronized void close() {
        reclamation.close();
        runtime.close();
        ddns.close();
        stores.close();
    }
}
