package ruru.dhcp6.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;


import ruru.daemon.config.ConfigException;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp.Ports;
import ruru.dhcp.engine.PacketRuntime;
import ruru.dhcp.engine.Reclaimer;
import ruru.dhcp.engine.Reclamation;
import ruru.dhcp.engine.ServiceBase;
import ruru.dhcp.engine.ServiceLeaseStore;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.ddns.Ddns6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.lease.Lease6;
import ruru.lease.Lease6Store;
import ruru.lease.MemfileLease6Store;
import ruru.lease.TimedLease6Store;
import ruru.lease.pgsql.PgsqlLease6Store;
import ruru.lease.pgsql.PgsqlLeaseStores;
import ruru.net.Dhcp6SocketSettings;
import ruru.net.Dhcp6Sockets;
import ruru.net.Interfaces6;
import ruru.net.Received6;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Duid;

/**
 * The DHCPv6 packet service: the lease store, the server DUID, reclamation, and the DHCPv6 handler
 * on the shared {@link PacketRuntime} (sockets, packet queue, worker threads). A new configuration
 * opens what changed (a new lease file, new sockets) before anything is swapped, so a failure
 * leaves the running service as it was; the swap itself waits for the packets in flight so no
 * packet mixes two configurations.
 */
public final class Dhcp6Service extends ServiceBase<Dhcp6ServiceConfig, Lease6Store> {

    private static final int SERVER_PORT = 547;
    private static final int CLIENT_PORT = 546;

    /** The allocation engine (its iterative allocator restarts with each configuration). */
    private final LeaseEngine6 engine;
    private final StatsManager stats;
    private final Clock clock;
    private final Ports ports;
    private final Path dataDirectory;
    private final Dhcp6Hooks hooks;
    private final LeaseCounters nas;
    private final LeaseCounters pds;
    private final PacketStats6 packetStats;
    private final QueryProcessor6 processor;
    private final Reclamation<Ipv6Address, Lease6> reclamation;
    private final PacketRuntime<Dhcp6SocketSettings, Received6, Dhcp6Sockets> runtime;
    private final Ddns6 ddns = new Ddns6();

    private volatile Snapshot6 snapshot;
    private final ServiceLeaseStore<Lease6Store> stores;
    private final NetworkState networkState;

    /**
     * @param dataDirectory where {@code kea-dhcp6-serverid} lives (Kea's data directory)
     * @param hooks         the daemon's callouts (one instance for the service's life)
     */
    public Dhcp6Service(StatsManager stats, NetworkState networkState, Clock clock, Ports ports, Path dataDirectory,
                        Dhcp6Hooks hooks) {
        this.stats = stats;
        this.clock = clock;
        this.ports = ports;
        this.dataDirectory = dataDirectory;
        this.hooks = hooks;
        this.networkState = networkState;
        this.nas = new LeaseCounters(stats, LeaseCounters.Kind.V6_ADDRESSES);
        this.pds = new LeaseCounters(stats, LeaseCounters.Kind.V6_PREFIXES);
        this.packetStats = new PacketStats6(stats);
        this.stores = new ServiceLeaseStore<>(PgsqlLeaseStores.V6, ServiceLeaseStore.Backends.of(
                MemfileLease6Store::open, PgsqlLease6Store::new, TimedLease6Store::new),
                stats, LEASE_WRITE_FAIL, networkState, clock);
        this.engine = new LeaseEngine6(nas, pds);
        this.processor = new QueryProcessor6(packetStats, networkState, engine, clock,
                this::sendResumed);
        this.reclamation = new Reclamation<>(new Reclaimer<>(new Reclaim6(hooks, nas, pds, ddns), Dhcp6Messages.RECLAIM),
                clock, this::leases, "dhcp6");
        this.runtime = new PacketRuntime<>("dhcp6", "DHCPv6", Dhcp6Sockets::open, this::handle,
                packetStats::queueDropped, MESSAGES);
        runtime.runInlineWhen(() -> !stores.inDatabase());
        // a batch's lease rows in one write, unless a library or a DNS update sees a lease before its write is final
        runtime.groupCommitWhen(() -> {
            Snapshot6 snap = snapshot;
            return snap != null && !snap.config().ddns().client().enableUpdates() && hooks.callouts().isEmpty();
        });
    }

    /** The runtime's own failures, in kea-dhcp6's words. */
    private static final PacketRuntime.Messages MESSAGES = messages(Dhcp6Messages.DHCP6_PACKET_RECEIVE_FAIL::log,
            Dhcp6Messages.DHCP6_PACKET_PROCESS_STD_EXCEPTION::log, Dhcp6Messages.DHCP6_OPEN_SOCKET_FAIL::log);

    @Override
    protected Snapshot6 state() {
        return snapshot;
    }

    @Override
    protected PacketRuntime<?, ?, ?> runtime() {
        return runtime;
    }

    @Override
    protected ServiceLeaseStore<Lease6Store> stores() {
        return stores;
    }

    @Override
    protected Reclamation<?, ?> reclamation() {
        return reclamation;
    }

    @Override
    public void parkedPacketLimit(int limit) {
        hooks.parking().limit(limit);
    }

    public Dhcp6Hooks hooks() {
        return hooks;
    }

    /** The service's DDNS (name decisions, NCRs); lease6-del and lease6-resend-ddns use it. */
    public Ddns6 ddns() {
        return ddns;
    }

    /** The server's DUID in force; null before the first configuration. */
    public Duid serverId() {
        Snapshot6 s = snapshot;
        return s == null ? null : s.serverId();
    }

    public LeaseCounters counters(boolean prefixes) {
        return prefixes ? pds : nas;
    }

    /**
     * class_cmds changed the client classes: {@code config} (the same but for its classes) is in
     * force from the next packet on, with the same store, sockets and server DUID.
     */
    public void reclassify(Dhcp6ServiceConfig config) {
        runtime.quiesced(() -> {
            Snapshot6 current = snapshot;
            snapshot = Snapshot6.of(config, current.leases(), current.serverId(), hooks);
            return null;
        });
    }

    /**
     * Makes {@code config} the service's configuration with {@code threads} packet workers and a
     * packet queue of {@code queueSize} (0: the default bound).
     */
    public synchronized void apply(Dhcp6ServiceConfig config, int threads, int queueSize) throws ConfigException {
        apply(config, threads, queueSize, ruru.json.MapElement.builder().build());
    }

    /** As above; {@code leaseDatabase} is the configured lease-database map (Kea writes its parameters). */
    public synchronized void apply(Dhcp6ServiceConfig config, int threads, int queueSize,
            ruru.json.MapElement leaseDatabase) throws ConfigException {
        // The NCR sender first: a dhcp-ddns block that cannot be used fails the configuration untouched.
        ddns.configure(config.ddns());
        Dhcp6SocketSettings sockets = new Dhcp6SocketSettings(config.interfaces(), ports.server().orElse(SERVER_PORT),
                ports.client().orElse(CLIENT_PORT), queueSize > 0 ? queueSize : Dhcp6SocketSettings.DEFAULT_QUEUE_SIZE);
        // Kea completes the configuration, then opens the lease database and the sockets
        Dhcp6Messages.DHCP6_CONFIG_COMPLETE.log((config.subnets().isEmpty() ? "no IPv6 subnets!"
                : "added IPv6 subnets: " + config.subnets().size()) + "; DDNS: "
                + (config.ddns().client().enableUpdates() ? "enabled" : "disabled"));
        ServiceLeaseStore.Next<Lease6Store> store = nextStore(config.leaseDatabase(), threads, leaseDatabase);
        try {
            Duid serverId = ServerDuid.resolve(config.serverId(), dataDirectory.resolve(ServerDuid.FILE_NAME),
                    interfaces(), clock.instant());
            Snapshot6 before = snapshot;
            senderStarting(before == null ? null : before.config().ddns().client(), config.ddns().client());
            runtime.reconfigure(sockets, threads, () -> swap(config, store, serverId));
        } catch (ConfigException e) {
            // the server DUID or the sockets fail this way: the new store never became current
            stores.abandon(store);
            throw e;
        }
        storeInForce(config.leaseDatabase());
    }

    /** With the sockets open, before their workers start: the configuration and store become current. */
    private void swap(Dhcp6ServiceConfig config, ServiceLeaseStore.Next<Lease6Store> store, Duid serverId) {
        Snapshot6 next = Snapshot6.of(config, store.store(), serverId, hooks, ddns);
        runtime.quiesced(() -> {
            snapshot = next;
            engine.reconfigured();
            return null;
        });
        stores.commit(store);
        packetStats.initialize();
        StatisticsRecount6.recount(stats, next);
        reclamation.configure(config.expiredLeases());
        timersStarted(config.expiredLeases());
    }

    private static List<ruru.net.NetInterface6> interfaces() {
        try {
            return Interfaces6.detect();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** -T: opens the PostgreSQL lease database the configuration names (connection, schema), then closes it. */
    public static void checkLeaseDatabase(Dhcp6ServiceConfig config) throws ConfigException {
        ServiceLeaseStore.check(PgsqlLeaseStores.V6, config.leaseDatabase());
    }

    /** Counted in {@code v6-lease-write-fail} (ruru's, as dhcp4's v4-lease-write-fail). */
    public static final String LEASE_WRITE_FAIL = "v6-lease-write-fail";

    /** One query, on a packet worker, while no reconfiguration runs. */
    private void handle(Dhcp6Sockets s, Received6 rx) {
        try {
            Snapshot6 snap = snapshot;
            Optional<QueryProcessor6.Outgoing6> out = processor.process(rx, snap);
            if (out.isPresent()) {
                send(s, out.get(), snap);
            }
        } catch (IOException e) {
            Dhcp6Messages.DHCP6_PACKET_SEND_FAIL.log(e.getMessage());
        } catch (WireFormatException | RuntimeException e) {
            Dhcp6Messages.DHCP6_PACKET_PROCESS_STD_EXCEPTION.log(e.toString());
        }
    }

    private void send(Dhcp6Sockets s, QueryProcessor6.Outgoing6 o, Snapshot6 snap) throws IOException,
            WireFormatException {
        byte[] bytes = QueryProcessor6.hooksOnSend(snap) ? QueryProcessor6.finish(o, snap) : o.answer().reply().encode();
        if (bytes == null) {
            return;
        }
        Dhcp6SocketSettings settings = runtime.settings();
        ruru.net.Reply6 out = Reply6.route(o.received(), o.query(), bytes, settings.serverPort(), settings.clientPort());
        if (Dhcp6Messages.DHCP6_PACKET_SEND.enabled()) {
            // Kea names the query's destination as the reply's source (ff02::1:2 for a multicast query)
            Dhcp6MessageType type = o.answer().reply().messageType().orElse(null);
            Dhcp6Messages.DHCP6_PACKET_SEND.log(ruru.dhcp6.log.Labels6.label(o.answer().reply()), type == null ? "UNKNOWN"
                    : type.keaName(), o.answer().reply().type(), o.received().local(), settings.serverPort(),
                    out.destination(), out.port(), o.received().iface().name());
        }
        QueryProcessor6.responseData(o, snap, settings.serverPort(), out);
        s.send(out);
    }

    /** A parked exchange the library resumed: sent on the sockets in force now, from the library's thread. */
    private void sendResumed(QueryProcessor6.Outgoing6 o) {
        runtime.withSockets(s -> {
            try {
                send(s, o, snapshot);
            } catch (IOException e) {
                Dhcp6Messages.DHCP6_PACKET_SEND_FAIL.log(e.getMessage());
            } catch (WireFormatException | RuntimeException e) {
                Dhcp6Messages.DHCP6_PACKET_PROCESS_STD_EXCEPTION.log(e.toString());
            }
        });
    }

    @Override
    public synchronized void close() {
        reclamation.close();
        runtime.close();
        stores.close();
        ddns.close();
    }
}
