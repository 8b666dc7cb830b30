package ruru.dhcp6;

import java.util.Map;
import java.util.function.Supplier;

import ruru.classify.ClassCommands;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Flags;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.DhcpPersonality;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp6.leasecmds.Lease6CommandContext;
import ruru.dhcp6.service.ServiceLease6Context;
import ruru.dhcp6.leasecmds.Lease6Commands;
import ruru.dhcp6.leasecmds.StatLease6;
import ruru.dhcp6.service.Dhcp6Hooks;
import ruru.dhcp6.service.Dhcp6Service;
import ruru.ha.HaLibrary;
import ruru.hooks.Dhcp6SrvConfiguredCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.json.MapElement;

/** The composition of the DHCPv6 daemon: its config, its packet service, its commands, its status. */
public final class Dhcp6Personality extends DhcpPersonality<Dhcp6Config, Dhcp6Service> {

    /** Kea's class_cmds library, built in. */
    static final String CLASS_CMDS = "libdhcp_class_cmds.so";
    /** The hook libraries the DHCPv6 daemon has built in. */
    static final java.util.Set<String> BUILTINS = union(Dhcp6Ha.BUILTINS, CLASS_CMDS);

    private static java.util.Set<String> union(java.util.Set<String> a, String b) {
        java.util.Set<String> s = new java.util.HashSet<>(a);
        s.add(b);
        return java.util.Set.copyOf(s);
    }

    private volatile Dhcp6Ha.Loaded ha = Dhcp6Ha.Loaded.NONE;

    /** kea-dhcp6's configuration-time lines (received, parsed, lease database, timers, stop). */
    private final ruru.dhcp.log.ConfigTrace trace = new ruru.dhcp.log.ConfigTrace("kea-dhcp6", 6,
            ruru.dhcp6.log.Dhcp6Messages.DHCP6_CONFIG_RECEIVED, ruru.dhcp6.log.Dhcp6Messages.DHCP6_CONFIG_START,
            ruru.dhcp6.log.Dhcp6Messages.DHCP6_COMMAND_RECEIVED, ruru.dhcp6.log.Dhcp6Messages.DHCP6_SHUTDOWN_REQUEST);

    public Dhcp6Personality(Flags flags) {
        super("dhcp6-timers", flags);
    }

    @Override
    public DaemonKind kind() {
        return DaemonKind.DHCP6;
    }

    /** kea-dhcp6's own start and reconfiguration messages, with Kea's IDs and texts. */
    @Override
    public Lifecycle lifecycle() {
        return new ConfigLifecycle(trace) {
            @Override
            protected ruru.dhcp.log.ConfigTrace.HostsTrace hosts() {
                Dhcp6Config config = parsed.get();
                parsed.remove();
                return ruru.dhcp6.service.ConfigHosts6.of(config == null ? null : config.service());
            }

            @Override
            public void starting() {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_STARTING.log(ruru.daemon.BuildInfo.keaVersion(), "stable");
            }

            @Override
            public void started() {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_MULTI_THREADING_INFO.log(multiThreadingInfo());
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_STARTED.log(ruru.daemon.BuildInfo.keaVersion());
            }

            @Override
            public void initFailed(String reason) {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_INIT_FAIL.log(reason);
            }

            @Override
            public void syntaxWarning(ruru.json.JsonWarning w) {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_CONFIG_SYNTAX_WARNING.log(w.keaText());
            }

            @Override
            public void parserFailed(String element, String reason) {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_PARSER_FAIL.log(element, reason);
            }

            @Override
            public void commitFailed(String reason) {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_PARSER_COMMIT_FAIL.log(reason);
            }

            @Override
            public void loadFailed(java.nio.file.Path file, String reason) {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_CONFIG_LOAD_FAIL.log(file, reason);
            }

            @Override
            public void reconfiguring(java.nio.file.Path file) {
                ruru.dhcp6.log.Dhcp6Messages.DHCP6_DYNAMIC_RECONFIGURATION.log(file);
            }

            @Override
            public void reconfigured(java.nio.file.Path file, boolean ok) {
                if (ok) {
                    ruru.dhcp6.log.Dhcp6Messages.DHCP6_MULTI_THREADING_INFO.log(multiThreadingInfo());
                }
                (ok ? ruru.dhcp6.log.Dhcp6Messages.DHCP6_DYNAMIC_RECONFIGURATION_SUCCESS
                        : ruru.dhcp6.log.Dhcp6Messages.DHCP6_DYNAMIC_RECONFIGURATION_FAIL).log(file);
            }
        };
    }

    /** Kea writes the DHCP-DDNS setting before it loads the hook libraries. */
    @Override
    protected void beforeHooks(Dhcp6Config config) {
        Dhcp6Service s = service();
        if (s.configured() && ruru.dhcp.log.ConfigTrace.senderStops(s.config().ddns().client(),
                config.service().ddns().client())) {
            trace.senderStopped();
        }
        trace.ddns(config.service().ddns().client().enableUpdates());
    }

    /** Kea's DHCP6_SHUTDOWN, then the lease database closed and the timers gone. */
    @Override
    protected void stopping(Dhcp6Service s) {
        if (s.configured()) {
            ruru.dhcp6.log.Dhcp6Messages.DHCP6_SHUTDOWN.log();
            s.stopping(s.config().leaseDatabase().postgresql().isEmpty());
        }
    }

    /** Kea stops the DHCP-DDNS sender after the command channel closed, before the libraries unload. */
    @Override
    protected void stoppingLibraries(Dhcp6Service s) {
        if (s.configured() && s.config().ddns().client().enableUpdates()) {
            trace.senderStopped();
        }
    }

    @Override
    protected Dhcp6Config parse(MapElement dhcp6, PathPolicy paths, ruru.net.SystemInterfaces system)
            throws ConfigException {
        parsed.remove();
        Dhcp6Config config = Dhcp6ConfigParser.parse(dhcp6, paths, system);
        parsed.set(config);
        return config;
    }

    /** The configuration the calling thread parsed last (its reservations are written after the parse). */
    private final ThreadLocal<Dhcp6Config> parsed = new ThreadLocal<>();

    @Override
    protected String familyName() {
        return "DHCPv6";
    }

    /**
     * Kea 3's kea-dhcp6 reports whether the lease backend keeps the extended info tables
     * ({@code lease6_relay_id}, {@code lease6_remote_id}); Kea enables them only for its Leasequery
     * library's bulk leasequery ({@code extended-info-tables-enabled}), which ruru does not have.
     */
    @Override
    protected void familyStatus(ruru.json.MapElement.Builder b) {
        b.put("extended-info-tables", false);
    }

    @Override
    protected Map<String, Supplier<BuiltinLibrary>> builtins(Daemon<Dhcp6Config> d) {
        return Map.of(
                LEASE_CMDS, () -> BuiltinLibrary.of(Lease6Commands.handlers(leaseContext(d)),
                        new ruru.dhcp.leasecmds.BindingVariablesLibrary(ruru.classify.expr.Universe.V6, this::optionCode,
                                vars -> service().hooks().bindingVariables(vars), "kea-dhcp6")),
                STAT_CMDS, () -> () -> StatLease6.handlers(leaseContext(d)),
                CLASS_CMDS, () -> () -> ClassCommands.handlers(new Dhcp6ClassStore(d, this::service), "kea-dhcp6"),
                HaLibrary.FILE_NAME, Dhcp6Ha.builtin(d, networkState, this::applying, () -> leaseContext(d),
                        loaded -> ha = loaded),
                PGSQL, () -> () -> Map.of());
    }

    /**
     * kea-dhcp6 2.2's registration order (ControlledDhcpv6Srv, seen live with -d: not dhcp4's), with
     * Kea 3's config-hash-get after config-get.
     */
    static final java.util.List<String> KEA_COMMAND_ORDER = java.util.List.of("list-commands", "build-report",
            "config-backend-pull", "config-get", "config-hash-get", "config-reload", "config-test", "config-write",
            "dhcp-disable", "dhcp-enable", "leases-reclaim", "server-tag-get", "libreload", "config-set", "shutdown",
            "status-get", "version-get", "statistic-get", "statistic-get-all", "statistic-reset", "statistic-reset-all",
            "statistic-remove", "statistic-remove-all", "statistic-sample-age-set", "statistic-sample-age-set-all",
            "statistic-sample-count-set", "statistic-sample-count-set-all");

    @Override
    public java.util.List<String> keaCommandOrder() {
        return KEA_COMMAND_ORDER;
    }

    /** A top-level option's code by name in the configuration being applied (binding-variables). */
    private java.util.OptionalInt optionCode(String name) {
        Dhcp6Config c = applying();
        return c == null ? java.util.OptionalInt.empty() : c.service().optionDefinitions()
                .byName(ruru.wire.v6.StandardV6Definitions.DHCP6, name)
                .map(def -> java.util.OptionalInt.of(def.code())).orElse(java.util.OptionalInt.empty());
    }

    @Override
    protected void registerOwnCommands(ruru.control.CommandRegistry registry, Daemon<Dhcp6Config> d) {
        d.metrics().register(new ruru.ha.HaMetrics("ruru_dhcp6", () -> ha.services()));
    }

    /** What lease_cmds and stat_cmds see of the running service: read at each call. */
    private Lease6CommandContext leaseContext(Daemon<Dhcp6Config> d) {
        return new ServiceLease6Context(this::service, d.stats(), d.clock(), d.paths());
    }

    @Override
    protected Dhcp6Service createService(Daemon<Dhcp6Config> d, CalloutRegistry callouts) {
        Dhcp6Service s = new Dhcp6Service(d.stats(), networkState, d.clock(), ports,
                LeaseDatabase.dataDirectory(d.paths()), new Dhcp6Hooks(callouts));
        s.instrument(d.metrics());
        s.hooks().queryClasses(q -> ha.classesOf(q, java.util.OptionalLong.empty()));
        s.shutdownBy(d::requestShutdown);
        s.trace(trace);
        return s;
    }

    @Override
    protected void applyService(Dhcp6Config config, Dhcp6Service s, int threads, int queueSize) throws ConfigException {
        s.apply(config.service(), threads, queueSize,
                config.element().get("lease-database") instanceof MapElement db ? db : MapElement.builder().build());
    }

    /** With leases in a database the automatic pool size is larger (packet threads wait on the database). */
    @Override
    protected boolean leasesInDatabase(Dhcp6Config config) {
        return config.service().leaseDatabase().postgresql().isPresent();
    }

    /** -T: Kea also opens the lease database (a PostgreSQL connection and its schema version). */
    @Override
    public void deepCheck(Dhcp6Config config) throws ConfigException {
        Dhcp6Service.checkLeaseDatabase(config.service());
    }

    /** dhcp6_srv_configured: DROP aborts the reconfiguration with the callout's error. */
    @Override
    protected void configured(Dhcp6Config config, CalloutRegistry callouts) throws ConfigException {
        if (!callouts.has(HookPoint.DHCP6_SRV_CONFIGURED)) {
            return;
        }
        var args = new Dhcp6SrvConfiguredCallout.Args(config.element(),
                config.service().subnets().stream().map(Dhcp6Hooks::view).toList());
        if (callouts.call(HookPoint.DHCP6_SRV_CONFIGURED, args, Dhcp6SrvConfiguredCallout::dhcp6SrvConfigured)
                == NextStep.DROP) {
            throw new ConfigException("dhcp6_srv_configured hooks callouts failed: "
                    + (args.error().isEmpty() ? "the configuration was dropped by a hook library" : args.error()));
        }
    }
}
