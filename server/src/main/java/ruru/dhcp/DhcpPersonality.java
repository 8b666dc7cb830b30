package ruru.dhcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import ruru.control.Answer;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Personality;
import ruru.daemon.config.ConfigException;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.HookLibraries;
import ruru.daemon.hooks.HooksConfig;
import ruru.daemon.state.DhcpStateCommands;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatisticCommands;
import ruru.dhcp.config.MultiThreading;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.lease.LeaseStoreException;

/**
 * What the DHCPv4 and DHCPv6 daemons share as daemons: hook libraries (loaded again on every
 * reconfiguration, as Kea does, and restored when the new configuration fails), the
 * {@code dhcpN_srv_configured} point, the service state (dhcp-disable/enable), the statistic
 * commands, leases-reclaim, libreload, server-tag-get, config-backend-pull, and status-get's
 * threading and queue fields. A family adds its packet service, its built-in libraries and its own
 * commands.
 */
public abstract class DhcpPersonality<C extends DhcpConfig, S extends DhcpService> implements Personality<C> {

    /** Kea's file names of the libraries ruru has built in (matched by file name, any directory). */
    public static final String LEASE_CMDS = "libdhcp_lease_cmds.so";
    public static final String STAT_CMDS = "libdhcp_stat_cmds.so";
    /** Kea 3 loads its PostgreSQL backends from this library; ruru has them built in (no commands). */
    public static final String PGSQL = "libdhcp_pgsql.so";
    public static final Set<String> BUILTINS = Set.of(LEASE_CMDS, STAT_CMDS, PGSQL);

    protected final ScheduledExecutorService timers;
    protected final NetworkState networkState;
    /** The server and client ports of -p and -P. */
    protected final Ports ports;
    private volatile Daemon<C> daemon;
    private volatile S service;
    private volatile HookLibraries hooks;
    /** The configuration being applied (built-in libraries, such as HA, load against it). */
    private volatile C applying;

    protected DhcpPersonality(String timerName, ruru.daemon.Flags flags) {
        this.ports = Ports.of(flags);
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(timerName).factory());
        this.networkState = new NetworkState(timers);
    }

    public NetworkState networkState() {
        return networkState;
    }

    protected S service() {
        return service;
    }

    protected Daemon<C> daemon() {
        return daemon;
    }

    protected HookLibraries hookLibraries() {
        return hooks;
    }

    /**
     * The configuration being applied while its hook libraries load, else the one in force (a
     * built-in library reads its parameters' surroundings from it).
     */
    protected C applying() {
        return applying;
    }

    /**
     * The packet workers for {@code config}: {@code thread-pool-size} with multi-threading (more
     * when leases are in a database and the size is automatic), else one.
     */
    protected final int threads(C config) {
        MultiThreading mt = config.multiThreading();
        return mt.enabled() ? mt.effectiveThreads(leasesInDatabase(config)) : 1;
    }

    /**
     * Kea's DHCPn_MULTI_THREADING_INFO arguments for the configuration in force (written after a
     * configuration file was applied, at start and reload): "yes" or "no", the packet threads and
     * the packet queue size (0 and 0 when off).
     */
    protected final Object[] multiThreadingInfo() {
        Daemon<C> d = daemon;
        if (d == null || d.current() == null || !d.current().config().multiThreading().enabled()) {
            return new Object[] {"no", 0, 0};
        }
        C config = d.current().config();
        return new Object[] {"yes", threads(config), config.multiThreading().packetQueueSize()};
    }

    /** The family's parse, against {@code system}'s interfaces. */
    protected abstract C parse(MapElement own, ruru.daemon.config.PathPolicy paths, ruru.net.SystemInterfaces system)
            throws ConfigException;

    /** As {@code kea-dhcpN -t}: against the interfaces detected last. */
    @Override
    public final C parse(MapElement own, ruru.daemon.config.PathPolicy paths) throws ConfigException {
        return parse(own, paths, ruru.net.SystemInterfaces.lastDetected());
    }

    /**
     * Kea detects the interfaces again when it applies a configuration whose
     * {@code interfaces-config} has {@code re-detect} true (the default), before checking its names;
     * config-test and -t check against the interfaces detected last (its parser does not re-detect
     * in check-only mode, 2.2 and 3.0 alike).
     */
    @Override
    public final C parse(MapElement own, ruru.daemon.config.PathPolicy paths, boolean applying)
            throws ConfigException {
        boolean redetect = applying && own.get("interfaces-config") instanceof MapElement ic
                && !(ic.get("re-detect") instanceof BoolElement b && !b.value());
        return parse(own, paths, redetect ? ruru.net.SystemInterfaces.redetect()
                : ruru.net.SystemInterfaces.lastDetected());
    }

    /** The family's built-in libraries (lease_cmds, stat_cmds) as factories. */
    protected abstract Map<String, Supplier<BuiltinLibrary>> builtins(Daemon<C> d);

    /** The family's packet service, created once at start with the callouts in force. */
    protected abstract S createService(Daemon<C> d, ruru.daemon.hooks.CalloutRegistry callouts);

    /** "DHCPv4" or "DHCPv6" in the service-state commands' texts. */
    protected abstract String familyName();

    /** The family's own commands, beyond the shared ones. */
    protected void registerOwnCommands(CommandRegistry registry, Daemon<C> d) {
    }

    /** dhcpN_srv_configured: throws to abort the reconfiguration. */
    protected abstract void configured(C config, ruru.daemon.hooks.CalloutRegistry callouts) throws ConfigException;

    /** Whether {@code config} keeps its leases in a database (the automatic thread count is larger then). */
    protected boolean leasesInDatabase(C config) {
        return false;
    }

    /**
     * Makes the service part of {@code config} live, with {@code threads} packet workers and Kea's
     * {@code packet-queue-size} {@code queueSize} (0 without multi-threading: the family's default bound).
     */
    protected abstract void applyService(C config, S s, int threads, int queueSize) throws ConfigException;

    @Override
    public final void registerCommands(CommandRegistry registry, Daemon<C> d) {
        this.daemon = d;
        this.hooks = new HookLibraries(registry, d.stats(), kind().processName(), builtins(d));
        this.service = createService(d, hooks.callouts());
        StatisticCommands.register(registry, d.stats(), true);
        DhcpStateCommands.register(registry, networkState, familyName());
        registry.register("server-tag-get", cmd -> Answer.okArgs(
                MapElement.builder().put("server-tag", d.current().config().serverTag()).build()));
        registry.register("config-backend-pull", cmd -> Answer.empty("No config backend."));
        registry.register("libreload", cmd -> libreload());
        registry.register("leases-reclaim", cmd -> leasesReclaim(cmd.arguments()));
        registerOwnCommands(registry, d);
    }

    /** Kea 2.2's libreload: the libraries in force, unloaded and loaded again with the same parameters. */
    private Answer libreload() {
        try {
            service.quiesced(() -> {
                hooks.reload();
                return null;
            });
            return Answer.ok("Hooks libraries successfully reloaded.");
        } catch (ConfigException e) {
            return Answer.error("Failed to reload hooks libraries: " + e.getMessage());
        }
    }

    /** Seed 000: {@code remove} is mandatory; every expired lease is reclaimed, with no limits. */
    private Answer leasesReclaim(Element args) throws CommandException {
        if (!(args instanceof MapElement m) || !m.has("remove")) {
            throw new CommandException("Missing mandatory 'remove' parameter.");
        }
        if (!(m.get("remove") instanceof BoolElement remove)) {
            throw new CommandException("'remove' parameter expected to be a boolean.");
        }
        try {
            service.reclaimNow(remove.value());
        } catch (LeaseStoreException e) {
            return Answer.error("Reclamation of expired leases failed: " + e.getMessage());
        }
        return Answer.ok("Reclamation of expired leases is complete.");
    }

    /** The lifecycle lines both families write while they take a configuration and stop (their ConfigTrace's). */
    protected abstract static class ConfigLifecycle implements Lifecycle {
        private final ruru.dhcp.log.ConfigTrace trace;

        protected ConfigLifecycle(ruru.dhcp.log.ConfigTrace trace) {
            this.trace = trace;
        }

        @Override
        public void reloadRead(MapElement root) {
            trace.reloadRead(root);
        }

        @Override
        public void configReceived(MapElement own, boolean applying) {
            trace.received(own, applying);
        }

        @Override
        public void configParsed(MapElement own, boolean applying) {
            trace.parsed(own, hosts());
        }

        /** The family's lines for the host reservations of the configuration just parsed (none by default). */
        protected ruru.dhcp.log.ConfigTrace.HostsTrace hosts() {
            return ruru.dhcp.log.ConfigTrace.HostsTrace.NONE;
        }

        @Override
        public void shutdownRequested() {
            trace.shutdownRequested();
        }
    }

    /** What the family writes after parsing, before the hook libraries load (Kea: the DHCP-DDNS setting). */
    protected void beforeHooks(C config) {
    }

    /** The family's last lines before its service stops (Kea: DHCPn_SHUTDOWN and the lease database closed). */
    protected void stopping(S s) {
    }

    /** The family's lines between the command channel's close and the libraries' unload. */
    protected void stoppingLibraries(S s) {
    }

    @Override
    public void apply(C config, C previous) throws ConfigException {
        beforeHooks(config);
        HooksConfig before = hooks.current();
        C applyingBefore = applying;
        applying = config;
        // Kea reloads the libraries on every reconfiguration, even an unchanged list.
        service.quiesced(() -> {
            hooks.load(config.hooks());
            return null;
        });
        try {
            configured(config, hooks.callouts());
            service.parkedPacketLimit(config.parkedPacketLimit());
            applyService(config, service, threads(config), config.multiThreading().queueSize());
        } catch (ConfigException | RuntimeException e) {
            applying = applyingBefore;
            service.quiesced(() -> {
                hooks.load(before);
                return null;
            });
            throw e;
        }
    }

    /** The family's own members of status-get (none by default). */
    protected void familyStatus(MapElement.Builder b) {
    }

    @Override
    public void status(MapElement.Builder b) {
        familyStatus(b);
        Daemon<C> d = daemon;
        MultiThreading mt = d == null || d.current() == null ? MultiThreading.DEFAULT
                : d.current().config().multiThreading();
        b.put("multi-threading-enabled", mt.enabled());
        if (mt.enabled()) {
            b.put("thread-pool-size", d == null || d.current() == null ? mt.effectiveThreads()
                    : threads(d.current().config()));
            b.put("packet-queue-size", mt.packetQueueSize());
            double[] q = service.queueStatistics();
            b.put("packet-queue-statistics", new ListElement(List.<Element>of(Element.of(q[0]), Element.of(q[1]),
                    Element.of(q[2])), Position.NONE));
        }
        b.put("sockets", MapElement.builder().put("status", "ready").build());
        b.put("dhcp-state", networkState.toElement());
        leaseDatabaseStatus().ifPresent(s -> b.put("lease-database", s));
        // Stork tails the memfile itself and needs the absolute path (Kea 3.1+ reports it).
        S s = service;
        if (s != null) {
            s.leaseFile().ifPresent(f -> b.put("csv-lease-file", f.toString()));
        }
    }

    /**
     * A ruru extension of status-get (as dhcp4's), shaped like Kea's {@code sockets}: {@code "ready"},
     * or {@code "failed"} with the error while lease writes keep failing; {@code write-errors} counts
     * every failed write since start.
     */
    private java.util.Optional<MapElement> leaseDatabaseStatus() {
        S s = service;
        var health = s == null ? java.util.Optional.<ruru.lease.WriteHealth>empty() : s.leaseWriteHealth();
        if (health.isEmpty()) {
            return java.util.Optional.empty();
        }
        MapElement.Builder m = MapElement.builder();
        var st = health.get().status();
        if (st.healthy()) {
            m.put("status", "ready");
        } else {
            m.put("status", "failed");
            m.put("errors", new ListElement(List.<Element>of(Element.of(st.error().orElseThrow())), Position.NONE));
            st.failingSince().ifPresent(t -> m.put("failing-since", t.toString()));
        }
        m.put("write-errors", health.get().failures());
        return java.util.Optional.of(m.build());
    }

    @Override
    public void stop() {
        S s = service;
        if (s != null) {
            stopping(s);
            s.close();
        }
    }

    @Override
    public void stopLibraries() {
        S s = service;
        if (s != null) {
            stoppingLibraries(s);
        }
        HookLibraries h = hooks;
        if (h != null) {
            h.unloadAll();
        }
        timers.shutdownNow();
    }

    /** The daemon kind (for the hook libraries' process name); the family answers. */
    @Override
    public abstract DaemonKind kind();
}
