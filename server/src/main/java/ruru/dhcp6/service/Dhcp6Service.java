package ruru.dhcp6.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.CommandRegistry;
import ruru.daemon.config.ConfigException;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp.engine.PacketRuntime;
import ruru.dhcp.engine.Reclaimer;
import ruru.dhcp.engine.Reclamation;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.ddns.Ddns6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.lease.Lease6;
import ruru.lease.Lease6Store;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreException;
import ruru.lease.MemfileLease6Store;
import ruru.lease.MemfileSettings;
import ruru.lease.TimedLease6Store;
import ruru.lease.pgsql.DbLossPolicy;
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
 * The DHCPv6 packet service: sockets, worker threads, the lease store, the server DUID,
 * reclamation. A new configuration opens what changed (a new lease file, new sockets) before
 * anything is swapped, so a failure leaves the running service as it was; the swap itself waits
 * for the packets in flight (workers hold a read lock per packet) so no packet mixes two
 * configurations.
 */
public final class Dhcp6Service implements ruru.dhcp.DhcpService {

    private static final Logger PACKETS = LoggerFactory.getLogger("kea-dhcp6.packets");
    private static final int SERVER_PORT = 547;
    private static final int CLIENT_PORT = 546;

    /** Ports from -p and -P, when given. */
    public record Ports(Optional<Integer> server, Optional<Integer> client) {
        public static final Ports DEFAULT = new Ports(Optional.empty(), Optional.empty());
    }

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
    private final ReentrantReadWriteLock quiesce = new ReentrantReadWriteLock();
    private final Ddns6 ddns = new Ddns6();

    private volatile Snapshot6 snapshot;
    /** MemfileSettings, or the PostgreSQL database the store was opened on. */
    private Object leaseSettings;
    private final NetworkState networkState;
    private volatile java.util.function.IntConsumer shutdown = code -> { };

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
        this.engine = new LeaseEngine6(nas, pds);
        this.processor = new QueryProcessor6(packetStats, networkState, engine, clock,
                this::sendResumed);
        this.reclamation = new Reclamation<>(new Reclaimer<>(new Reclaim6(hooks, nas, pds, ddns), Dhcp6Messages.RECLAIM),
                clock, this::store, "dhcp6");
        this.runtime = new PacketRuntime<>(Dhcp6Sockets::open, this::handle, PACKETS, "dhcp6");
    }

    /** The daemon's lease-write latency histogram (/metrics), once instrumented. */
    private volatile ruru.daemon.metrics.LatencyHistogram leaseWriteTimes;

    /** Feeds the daemon's /metrics: packet-processing and lease-write times and the receive queue's depth. */
    public void instrument(ruru.daemon.metrics.DaemonMetrics metrics) {
        runtime.instrument(metrics.packetProcessing());
        leaseWriteTimes = metrics.leaseWrite();
        metrics.queueDepth(runtime::queueDepth);
    }

    private LeaseStore<Ipv6Address, Lease6> store() {
        Snapshot6 s = snapshot;
        return s == null ? null : s.leases();
    }

    @Override
    public void parkedPacketLimit(int limit) {
        hooks.parking().limit(limit);
    }

    @Override
    public <E extends Exception> void quiesced(CommandRegistry.Work<Void, E> work) throws E {
        quiesce.writeLock().lock();
        try {
            work.run();
        } finally {
            quiesce.writeLock().unlock();
        }
    }

    public Dhcp6Hooks hooks() {
        return hooks;
    }

    /** The service's DDNS (name decisions, NCRs); lease6-del and lease6-resend-ddns use it. */
    public Ddns6 ddns() {
        return ddns;
    }

    /** The configuration in force; null before the first one. */
    public Dhcp6ServiceConfig config() {
        Snapshot6 s = snapshot;
        return s == null ? null : s.config();
    }

    /** The lease store in force (lease commands); null before the first configuration. */
    @Override
    public java.util.Optional<ruru.lease.WriteHealth> leaseWriteHealth() {
        Lease6Store s = leases();
        return s == null ? java.util.Optional.empty() : s.writeHealth();
    }

    public Lease6Store leases() {
        Snapshot6 s = snapshot;
        return s == null ? null : s.leases();
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
        quiesce.writeLock().lock();
        try {
            Snapshot6 current = snapshot;
            snapshot = Snapshot6.of(config, current.leases(), current.serverId(), hooks);
        } finally {
            quiesce.writeLock().unlock();
        }
    }

    /**
     * Makes {@code config} the service's configuration with {@code threads} packet workers and a
     * packet queue of {@code queueSize} (0: the default bound).
     */
    public synchronized void apply(Dhcp6ServiceConfig config, int threads, int queueSize) throws ConfigException {
        // The NCR sender first: a dhcp-ddns block that cannot be used fails the configuration untouched.
        ddns.configure(config.ddns());
        Object newLeaseSettings = config.leaseDatabase().postgresql()
                .<Object>map(p -> PgsqlLeaseStores.settings(p, threads)).orElseGet(() -> config.leaseDatabase().memfile());
        Dhcp6SocketSettings sockets = new Dhcp6SocketSettings(config.interfaces(), ports.server().orElse(SERVER_PORT),
                ports.client().orElse(CLIENT_PORT), queueSize > 0 ? queueSize : Dhcp6SocketSettings.DEFAULT_QUEUE_SIZE);
        // first, so a server identifier that cannot be stored refuses the configuration as Kea does
        Duid serverId = ServerDuid.resolve(config.serverId(), dataDirectory.resolve(ServerDuid.FILE_NAME),
                interfaces(), clock.instant());
        Lease6Store oldStore = snapshot == null ? null : snapshot.leases();
        Lease6Store store = oldStore;
        if (oldStore == null || !sameStore(newLeaseSettings, leaseSettings)) {
            store = openStore(newLeaseSettings);
        }
        try {
            runtime.reconfigure(sockets, threads, "DHCPv6");
        } catch (ConfigException e) {
            if (store != oldStore) {
                store.close();
            }
            throw e;
        }
        Snapshot6 next = Snapshot6.of(config, store, serverId, hooks, ddns);
        quiesce.writeLock().lock();
        try {
            snapshot = next;
            engine.reconfigured();
        } finally {
            quiesce.writeLock().unlock();
        }
        if (oldStore != null && oldStore != store) {
            oldStore.close();
            // a lost database the old store was reconnecting to no longer holds the service down
            if (!(store instanceof PgsqlLease6Store p && !p.database().connected())) {
                networkState.enable(DbLossPolicy.LEASE_DB_ORIGIN);
            }
        }
        if (store != oldStore) {
            leaseSettings = newLeaseSettings;
        }
        packetStats.initialize();
        if (!stats.has(LEASE_WRITE_FAIL)) {
            stats.setValue(LEASE_WRITE_FAIL, 0L);
        }
        StatisticsRecount6.recount(stats, next, nas, pds);
        reclamation.configure(config.expiredLeases());
        Dhcp6Messages.DHCP6_CONFIG_COMPLETE.log((config.subnets().isEmpty() ? "no IPv6 subnets!"
                : "added IPv6 subnets: " + config.subnets().size()) + "; DDNS: "
                + (config.ddns().client().enableUpdates() ? "enabled" : "disabled"));
    }

    private static List<ruru.net.NetInterface6> interfaces() {
        try {
            return Interfaces6.detect();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public java.util.Optional<java.nio.file.Path> leaseFile() {
        return leaseSettings instanceof MemfileSettings m && m.persist()
                ? java.util.Optional.of(m.file().toAbsolutePath()) : java.util.Optional.empty();
    }

    private static boolean sameStore(Object a, Object b) {
        if (a instanceof MemfileSettings m && b instanceof MemfileSettings n) {
            return m.persist() == n.persist() && Objects.equals(m.file(), n.file());
        }
        return a instanceof PgsqlLeaseStores.Opened && a.equals(b);
    }

    /** Who is told to shut the daemon down when the lease database is lost for good (on-fail *-exit). */
    public void shutdownBy(java.util.function.IntConsumer action) {
        this.shutdown = Objects.requireNonNull(action, "action");
    }

    /** -T: opens the PostgreSQL lease database the configuration names (connection, schema), then closes it. */
    public static void checkLeaseDatabase(Dhcp6ServiceConfig config) throws ConfigException {
        Optional<ruru.lease.pgsql.PgsqlSettings> p = config.leaseDatabase().postgresql();
        if (p.isPresent()) {
            try {
                PgsqlLeaseStores.V6.check(p.get());
            } catch (LeaseStoreException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** Counted in {@code v6-lease-write-fail} (ruru's, as dhcp4's v4-lease-write-fail). */
    public static final String LEASE_WRITE_FAIL = "v6-lease-write-fail";

    private Lease6Store openStore(Object settings) throws ConfigException {
        boolean database = settings instanceof PgsqlLeaseStores.Opened;
        try {
            Lease6Store raw = database
                    ? new PgsqlLease6Store(PgsqlLeaseStores.V6.open((PgsqlLeaseStores.Opened) settings, networkState,
                            code -> shutdown.accept(code)))
                    : MemfileLease6Store.open((MemfileSettings) settings, clock);
            Lease6Store store = new TimedLease6Store(raw, nanos -> {
                ruru.daemon.metrics.LatencyHistogram h = leaseWriteTimes;
                if (h != null) {
                    h.observeNanos(nanos);
                }
            });
            store.writeHealth().ifPresent(h -> h.onFailure(() -> stats.addValue(LEASE_WRITE_FAIL, 1L)));
            return store;
        } catch (LeaseStoreException e) {
            throw new ConfigException(database ? e.getMessage() : "unable to open the lease database: " + e.getMessage());
        }
    }

    private void handle(Dhcp6Sockets s, Received6 rx) {
        long drops = runtime.newQueueDrops(s);
        if (drops > 0) {
            packetStats.queueDropped(drops);
        }
        quiesce.readLock().lock();
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
        } finally {
            quiesce.readLock().unlock();
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
        s.send(out);
    }

    /** A parked exchange the library resumed: sent on the sockets in force now, from the library's thread. */
    private void sendResumed(QueryProcessor6.Outgoing6 o) {
        quiesce.readLock().lock();
        try {
            Dhcp6Sockets s = runtime.sockets();
            if (s != null) {
                send(s, o, snapshot);
            }
        } catch (IOException e) {
            Dhcp6Messages.DHCP6_PACKET_SEND_FAIL.log(e.getMessage());
        } catch (WireFormatException | RuntimeException e) {
            Dhcp6Messages.DHCP6_PACKET_PROCESS_STD_EXCEPTION.log(e.toString());
        } finally {
            quiesce.readLock().unlock();
        }
    }

    @Override
    public double[] queueStatistics() {
        return runtime.queueStatistics();
    }

    @Override
    public int reclaimNow(boolean remove) throws LeaseStoreException {
        return reclamation.reclaimAll(remove);
    }

    @Override
    public synchronized void close() {
        reclamation.close();
        runtime.close();
        Snapshot6 s = snapshot;
        if (s != null) {
            s.leases().close();
        }
        ddns.close();
    }
}
