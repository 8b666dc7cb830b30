package ruru.dhcp4;

import ruru.dhcp4.log.Dhcp4Messages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import ruru.classify.ClassCommands;
import ruru.control.Answer;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Flags;
import ruru.daemon.Personality;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.HookLibraries;
import ruru.daemon.hooks.HooksConfig;
import ruru.daemon.state.DhcpStateCommands;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatisticCommands;
import ruru.dhcp4.leasecmds.LeaseCommands;
import ruru.dhcp4.leasecmds.StatCommands;
import ruru.dhcp4.service.Dhcp4Hooks;
import ruru.dhcp4.service.Dhcp4Service;
import ruru.dhcp4.service.ServiceLeaseCommandContext;
import ruru.hooks.Dhcp4SrvConfiguredCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.lease.LeaseStoreException;
import ruru.dhcp.config.MultiThreading;

/** The composition of the DHCPv4 daemon: its config, its packet service, its commands, its status. */
public final class Dhcp4Personality implements Personality<Dhcp4Config> {

    static final String LEASE_CMDS = "libdhcp_lease_cmds.so";
    static final String STAT_CMDS = "libdhcp_stat_cmds.so";
    static final String CLASS_CMDS = "libdhcp_class_cmds.so";
    /** Kea's bootp library: no commands; it makes the packet path answer BOOTP clients. */
    static final String BOOTP = "libdhcp_bootp.so";
    /** Kea 3 loads its PostgreSQL backends from this library; ruru has them built in (no commands). */
    static final String PGSQL = "libdhcp_pgsql.so";

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dhcp4-timers").factory());
    private final NetworkState networkState = new NetworkState(timers);
    private final Dhcp4Service.Ports ports;
    private volatile Daemon<Dhcp4Config> daemon;
    private volatile Dhcp4Service service;
    private volatile HookLibraries hooks;
    /** The configuration being applied (built-in libraries load against it). */
    private volatile Dhcp4Config applying;
    private volatile Dhcp4Ha.Loaded ha = Dhcp4Ha.Loaded.NONE;

    /** Kea's file names of the libraries ruru has built in (matched by file name, any directory). */
    static final Set<String> BUILTINS = Set.of(LEASE_CMDS, STAT_CMDS, CLASS_CMDS, BOOTP, PGSQL, Dhcp4Ha.FILE_NAME);

    public Dhcp4Personality(Flags flags) {
        this.ports = new Dhcp4Service.Ports(flags.serverPort(), flags.clientPort());
    }

    @Override
    public DaemonKind kind() {
        return DaemonKind.DHCP4;
    }

    public NetworkState networkState() {
        return networkState;
    }

    /** The HA_<server> classes of a query, for the classification engine (empty without libdhcp_ha.so). */
    public HaScopeClasses haScopeClasses() {
        return (query, subnetId) -> ha.classesOf(query, subnetId);
    }

    @Override
    public Dhcp4Config parse(MapElement dhcp4, PathPolicy paths) throws ConfigException {
        return Dhcp4ConfigParser.parse(dhcp4, paths);
    }

    @Override
    public void registerCommands(CommandRegistry registry, Daemon<Dhcp4Config> d) {
        this.daemon = d;
        Map<String, Supplier<BuiltinLibrary>> builtins = Map.of(
                LEASE_CMDS, () -> () -> LeaseCommands.handlers(leaseContext(d)),
                STAT_CMDS, () -> () -> StatCommands.handlers(leaseContext(d)),
                CLASS_CMDS, () -> () -> ClassCommands.handlers(new Dhcp4ClassStore(d, () -> service),
                        kind().processName()),
                BOOTP, () -> Map::of,
                PGSQL, () -> () -> Map.of(),
                Dhcp4Ha.FILE_NAME, Dhcp4Ha.builtin(networkState, registry, d.clock(), d.paths(), () -> applying,
                        () -> leaseContext(d), loaded -> ha = loaded));
        d.metrics().register(new ruru.ha.HaMetrics("ruru_dhcp4", () -> ha.services()));
        this.hooks = new HookLibraries(registry, d.stats(), kind().processName(), builtins);
        this.service = new Dhcp4Service(d.stats(), networkState, d.clock(), ports, new Dhcp4Hooks(hooks.callouts()));
        service.shutdownBy(d::requestShutdown);
        service.hooks().queryClasses(q -> ha.classesOf(q, java.util.OptionalLong.empty()));
        service.instrument(d.metrics().packetProcessing(), d.metrics().leaseWrite());
        d.metrics().queueDepth(service::queueDepth);
        StatisticCommands.register(registry, d.stats(), true);
        DhcpStateCommands.register(registry, networkState, "DHCPv4");
        registry.register("server-tag-get", cmd -> Answer.okArgs(
                MapElement.builder().put("server-tag", d.current().config().serverTag()).build()));
        registry.register("config-backend-pull", cmd -> Answer.empty("No config backend."));
        registry.register("libreload", cmd -> libreload());
        registry.register("leases-reclaim", cmd -> leasesReclaim(cmd.arguments()));
    }

    private ServiceLeaseCommandContext leaseContext(Daemon<Dhcp4Config> d) {
        return new ServiceLeaseCommandContext(service, d.stats(), d.clock(), d.paths());
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

    /** kea-dhcp4's own start and reconfiguration messages, with Kea's IDs and texts. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle() {
            @Override
            public void starting() {
                Dhcp4Messages.DHCP4_STARTING.log(ruru.daemon.BuildInfo.keaVersion(), "stable");
            }

            @Override
            public void started() {
                Dhcp4Messages.DHCP4_STARTED.log(ruru.daemon.BuildInfo.keaVersion());
            }

            @Override
            public void initFailed(String reason) {
                Dhcp4Messages.DHCP4_INIT_FAIL.log(reason);
            }

            @Override
            public void reconfiguring(java.nio.file.Path file) {
                Dhcp4Messages.DHCP4_DYNAMIC_RECONFIGURATION.log(file);
            }

            @Override
            public void reconfigured(java.nio.file.Path file, boolean ok) {
                (ok ? Dhcp4Messages.DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS : Dhcp4Messages.DHCP4_DYNAMIC_RECONFIGURATION_FAIL)
                        .log(file);
            }
        };
    }

    @Override
    public void apply(Dhcp4Config config, Dhcp4Config previous) throws ConfigException {
        MultiThreading mt = config.multiThreading();
        HooksConfig before = hooks.current();
        Dhcp4Config applyingBefore = previous;
        applying = config;
        // Kea reloads the libraries on every reconfiguration, even an unchanged list.
        service.quiesced(() -> {
            hooks.load(config.hooks());
            return null;
        });
        try {
            configured(config);
            service.hooks().parkedPacketLimit(config.parkedPacketLimit());
            service.hooks().bootp(config.hooks().libraries().stream()
                    .anyMatch(l -> l.source() instanceof ruru.daemon.hooks.HookLibrarySpec.Builtin b
                            && b.name().equals(BOOTP)));
            service.apply(config.service(), mt.enabled() ? mt.effectiveThreads(database(config)) : 1,
                    mt.enabled() ? mt.packetQueueSize() : 0);
        } catch (ConfigException | RuntimeException e) {
            applying = applyingBefore;
            service.quiesced(() -> {
                hooks.load(before);
                return null;
            });
            throw e;
        }
    }

    /**
     * dhcp4_srv_configured: DROP aborts the reconfiguration with the callout's error. Runs before
     * the packet service takes the configuration, so an abort leaves the service untouched.
     */
    private void configured(Dhcp4Config config) throws ConfigException {
        if (!hooks.callouts().has(HookPoint.DHCP4_SRV_CONFIGURED)) {
            return;
        }
        var args = new Dhcp4SrvConfiguredCallout.Args(config.element(),
                config.service().subnets().stream().map((ruru.dhcp4.config.Subnet4 s) -> Dhcp4Hooks.view(s)).toList());
        if (hooks.callouts().call(HookPoint.DHCP4_SRV_CONFIGURED, args, Dhcp4SrvConfiguredCallout::dhcp4SrvConfigured)
                == NextStep.DROP) {
            throw new ConfigException("dhcp4_srv_configured hooks callouts failed: "
                    + (args.error().isEmpty() ? "the configuration was dropped by a hook library" : args.error()));
        }
    }

    private static boolean database(Dhcp4Config config) {
        return config.service().leaseDatabase().postgresql().isPresent();
    }

    /** -T: Kea also opens the lease database (a PostgreSQL connection and its schema version). */
    @Override
    public void deepCheck(Dhcp4Config config) throws ConfigException {
        Dhcp4Service.checkLeaseDatabase(config.service());
    }

    /** Subnets written without an id got one from the parser: the metrics label them by it. */
    @Override
    public Map<String, Long> assignedSubnetIds(Dhcp4Config config) {
        Map<String, Long> ids = new java.util.HashMap<>();
        for (ruru.dhcp4.config.Subnet4 s : config.service().subnets()) {
            ids.putIfAbsent(s.prefix() + "/" + s.prefixLength(), s.id());
        }
        return ids;
    }

    @Override
    public void status(MapElement.Builder b) {
        Daemon<Dhcp4Config> d = daemon;
        MultiThreading mt = d == null || d.current() == null ? MultiThreading.DEFAULT
                : d.current().config().multiThreading();
        b.put("multi-threading-enabled", mt.enabled());
        if (mt.enabled()) {
            b.put("thread-pool-size", mt.effectiveThreads(d != null && d.current() != null && database(d.current().config())));
            b.put("packet-queue-size", mt.packetQueueSize());
            double[] q = service.queueStatistics();
            b.put("packet-queue-statistics", new ListElement(List.<Element>of(Element.of(q[0]), Element.of(q[1]),
                    Element.of(q[2])), Position.NONE));
        }
        b.put("sockets", MapElement.builder().put("status", "ready").build());
        leaseDatabaseStatus().ifPresent(s -> b.put("lease-database", s));
        // Stork tails the memfile itself and needs the absolute path (Kea 3.1+ reports it).
        service.leaseFile().ifPresent(f -> b.put("csv-lease-file", f.toString()));
        b.put("dhcp-state", networkState.toElement());
    }

    /**
     * A ruru extension of status-get, shaped like Kea's {@code sockets}: {@code "ready"}, or
     * {@code "failed"} with the error while lease writes keep failing; {@code write-errors} counts
     * every failed write since start (the statistic {@code v4-lease-write-fail}). Absent for a store
     * that does not report its writes (a database reports its losses in {@code dhcp-state}).
     */
    private java.util.Optional<MapElement> leaseDatabaseStatus() {
        var store = service.leases();
        var health = store == null ? java.util.Optional.<ruru.lease.WriteHealth>empty() : store.writeHealth();
        if (health.isEmpty()) {
            return java.util.Optional.empty();
        }
        MapElement.Builder m = MapElement.builder();
        if (health.get().status().healthy()) {
            m.put("status", "ready");
        } else {
            var st = health.get().status();
            m.put("status", "failed");
            m.put("errors", new ListElement(List.<Element>of(Element.of(st.error().orElseThrow())), Position.NONE));
            st.failingSince().ifPresent(t -> m.put("failing-since", t.toString()));
        }
        m.put("write-errors", health.get().failures());
        return java.util.Optional.of(m.build());
    }

    @Override
    public void stop() {
        Dhcp4Service s = service;
        if (s != null) {
            s.close();
        }
        HookLibraries h = hooks;
        if (h != null) {
            h.unloadAll();
        }
        timers.shutdownNow();
    }
}
