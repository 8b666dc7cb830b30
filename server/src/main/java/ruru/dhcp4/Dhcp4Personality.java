package ruru.dhcp4;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import ruru.classify.ClassCommands;
import ruru.control.CommandRegistry;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Flags;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.CalloutRegistry;
import ruru.daemon.hooks.HookLibrarySpec;
import ruru.classify.expr.Universe;
import ruru.dhcp.DhcpPersonality;
import ruru.dhcp.leasecmds.BindingVariablesLibrary;
import ruru.dhcp4.leasecmds.LeaseCommands;
import ruru.dhcp4.leasecmds.StatCommands;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.dhcp4.service.Dhcp4Hooks;
import ruru.dhcp4.service.Dhcp4Service;
import ruru.dhcp4.service.ServiceLeaseCommandContext;
import ruru.hooks.Dhcp4SrvConfiguredCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.json.MapElement;

/**
 * The composition of the DHCPv4 daemon on the shared {@link DhcpPersonality}: what is DHCPv4's
 * own is its configuration parser, its packet service, its built-in libraries (lease_cmds and
 * stat_cmds for leases4, class_cmds, bootp, HA), dhcp4_srv_configured and kea-dhcp4's messages.
 */
public final class Dhcp4Personality extends DhcpPersonality<Dhcp4Config, Dhcp4Service> {

    static final String CLASS_CMDS = "libdhcp_class_cmds.so";
    /** Kea's bootp library: no commands; it makes the packet path answer BOOTP clients. */
    static final String BOOTP = "libdhcp_bootp.so";

    /** Kea's file names of the libraries ruru has built in (matched by file name, any directory). */
    static final Set<String> BUILTINS = union(DhcpPersonality.BUILTINS, CLASS_CMDS, BOOTP, Dhcp4Ha.FILE_NAME);

    private static Set<String> union(Set<String> a, String... more) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(java.util.List.of(more));
        return Set.copyOf(s);
    }

    private volatile Dhcp4Ha.Loaded ha = Dhcp4Ha.Loaded.NONE;

    /** kea-dhcp4's configuration-time lines (received, parsed, lease database, timers, stop). */
    private final ruru.dhcp.log.ConfigTrace trace = new ruru.dhcp.log.ConfigTrace("kea-dhcp4", 4,
            Dhcp4Messages.DHCP4_CONFIG_RECEIVED, Dhcp4Messages.DHCP4_CONFIG_START,
            Dhcp4Messages.DHCP4_COMMAND_RECEIVED, Dhcp4Messages.DHCP4_SHUTDOWN_REQUEST,
            Dhcp4Messages.DHCP4_RESERVATIONS_LOOKUP_FIRST_ENABLED);

    public Dhcp4Personality(Flags flags) {
        super("dhcp4-timers", flags);
    }

    @Override
    public DaemonKind kind() {
        return DaemonKind.DHCP4;
    }

    /** The configuration the calling thread parsed last (its reservations are written after the parse). */
    private final ThreadLocal<Dhcp4Config> parsed = new ThreadLocal<>();

    @Override
    protected Dhcp4Config parse(MapElement dhcp4, PathPolicy paths, ruru.net.SystemInterfaces system)
            throws ConfigException {
        parsed.remove();
        Dhcp4Config config = Dhcp4ConfigParser.parse(dhcp4, paths, system);
        parsed.set(config);
        return config;
    }

    @Override
    protected String familyName() {
        return "DHCPv4";
    }

    @Override
    protected Map<String, Supplier<BuiltinLibrary>> builtins(Daemon<Dhcp4Config> d) {
        return Map.of(
                LEASE_CMDS, () -> BuiltinLibrary.of(LeaseCommands.handlers(leaseContext(d)),
                        new BindingVariablesLibrary(Universe.V4, this::optionCode,
                                vars -> service().hooks().bindingVariables(vars), "kea-dhcp4")),
                STAT_CMDS, () -> () -> StatCommands.handlers(leaseContext(d)),
                CLASS_CMDS, () -> () -> ClassCommands.handlers(new Dhcp4ClassStore(d, this::service),
                        kind().processName()),
                BOOTP, () -> Map::of,
                PGSQL, () -> () -> Map.of(),
                Dhcp4Ha.FILE_NAME, Dhcp4Ha.builtin(d, networkState, this::applying, () -> leaseContext(d),
                        loaded -> ha = loaded));
    }

    /**
     * kea-dhcp4 2.2's registration order (ControlledDhcpv4Srv, seen live with -d), with Kea 3's
     * config-hash-get in its place.
     */
    static final List<String> KEA_COMMAND_ORDER = List.of("list-commands", "build-report", "config-backend-pull",
            "config-get", "config-hash-get", "config-reload", "config-set", "config-test", "config-write", "dhcp-enable",
            "dhcp-disable", "libreload", "leases-reclaim", "server-tag-get", "shutdown", "status-get", "version-get",
            "statistic-get", "statistic-reset", "statistic-remove", "statistic-get-all", "statistic-reset-all",
            "statistic-remove-all", "statistic-sample-age-set", "statistic-sample-age-set-all",
            "statistic-sample-count-set", "statistic-sample-count-set-all");

    @Override
    public List<String> keaCommandOrder() {
        return KEA_COMMAND_ORDER;
    }

    /** A top-level option's code by name in the configuration being applied (binding-variables). */
    private java.util.OptionalInt optionCode(String name) {
        Dhcp4Config c = applying();
        return c == null ? java.util.OptionalInt.empty() : c.service().optionDefinitions()
                .byName(ruru.dhcp.config.OptionValue.DHCP4, name)
                .map(def -> java.util.OptionalInt.of(def.code())).orElse(java.util.OptionalInt.empty());
    }

    @Override
    protected void registerOwnCommands(CommandRegistry registry, Daemon<Dhcp4Config> d) {
        d.metrics().register(new ruru.ha.HaMetrics("ruru_dhcp4", () -> ha.services()));
    }

    private ServiceLeaseCommandContext leaseContext(Daemon<Dhcp4Config> d) {
        return new ServiceLeaseCommandContext(service(), d.stats(), d.clock(), d.paths());
    }

    @Override
    protected Dhcp4Service createService(Daemon<Dhcp4Config> d, CalloutRegistry callouts) {
        Dhcp4Service s = new Dhcp4Service(d.stats(), networkState, d.clock(), ports, new Dhcp4Hooks(callouts));
        s.instrument(d.metrics());
        s.hooks().queryClasses(q -> ha.classesOf(q, java.util.OptionalLong.empty()));
        s.shutdownBy(d::requestShutdown);
        s.trace(trace);
        return s;
    }

    @Override
    protected void applyService(Dhcp4Config config, Dhcp4Service s, int threads, int queueSize) throws ConfigException {
        s.hooks().bootp(config.hooks().libraries().stream()
                .anyMatch(l -> l.source() instanceof HookLibrarySpec.Builtin b && b.name().equals(BOOTP)));
        s.apply(config.service(), threads, queueSize,
                config.element().get("lease-database") instanceof MapElement db ? db : MapElement.builder().build());
    }

    /** Kea writes the DHCP-DDNS setting before it loads the hook libraries. */
    @Override
    protected void beforeHooks(Dhcp4Config config) {
        Dhcp4Service s = service();
        if (s.configured() && ruru.dhcp.log.ConfigTrace.senderStops(s.config().ddns().client(),
                config.service().ddns().client())) {
            trace.senderStopped();
        }
        trace.ddns(config.service().ddns().client().enableUpdates());
    }

    /** Kea's DHCP4_SHUTDOWN, then the lease database closed and the timers gone. */
    @Override
    protected void stopping(Dhcp4Service s) {
        if (s.configured()) {
            Dhcp4Messages.DHCP4_SHUTDOWN.log();
            s.stopping(s.config().leaseDatabase().postgresql().isEmpty());
        }
    }

    /** Kea stops the DHCP-DDNS sender after the command channel closed, before the libraries unload. */
    @Override
    protected void stoppingLibraries(Dhcp4Service s) {
        if (s.configured() && s.config().ddns().client().enableUpdates()) {
            trace.senderStopped();
        }
    }

    /** With leases in a database the automatic pool size is larger (packet threads wait on the database). */
    @Override
    protected boolean leasesInDatabase(Dhcp4Config config) {
        return config.service().leaseDatabase().postgresql().isPresent();
    }

    /** kea-dhcp4's own start and reconfiguration messages, with Kea's IDs and texts. */
    @Override
    public Lifecycle lifecycle() {
        return new ConfigLifecycle(trace) {
            @Override
            protected ruru.dhcp.log.ConfigTrace.HostsTrace hosts() {
                Dhcp4Config config = parsed.get();
                parsed.remove();
                return ruru.dhcp4.service.ConfigHosts4.of(config == null ? null : config.service());
            }

            @Override
            public void starting() {
                Dhcp4Messages.DHCP4_STARTING.log(ruru.daemon.BuildInfo.keaVersion(), "stable");
            }

            @Override
            public void started() {
                Dhcp4Messages.DHCP4_MULTI_THREADING_INFO.log(multiThreadingInfo());
                Dhcp4Messages.DHCP4_STARTED.log(ruru.daemon.BuildInfo.keaVersion());
            }

            @Override
            public void initFailed(String reason) {
                Dhcp4Messages.DHCP4_INIT_FAIL.log(reason);
            }

            @Override
            public void syntaxWarning(ruru.json.JsonWarning w) {
                Dhcp4Messages.DHCP4_CONFIG_SYNTAX_WARNING.log(w.keaText());
            }

            @Override
            public void parserFailed(String element, String reason) {
                Dhcp4Messages.DHCP4_PARSER_FAIL.log(element, reason);
            }

            @Override
            public void commitFailed(String reason) {
                Dhcp4Messages.DHCP4_PARSER_COMMIT_FAIL.log(reason);
            }

            @Override
            public void loadFailed(java.nio.file.Path file, String reason) {
                Dhcp4Messages.DHCP4_CONFIG_LOAD_FAIL.log(file, reason);
            }

            @Override
            public void reconfiguring(java.nio.file.Path file) {
                Dhcp4Messages.DHCP4_DYNAMIC_RECONFIGURATION.log(file);
            }

            @Override
            public void reconfigured(java.nio.file.Path file, boolean ok) {
                if (ok) {
                    Dhcp4Messages.DHCP4_MULTI_THREADING_INFO.log(multiThreadingInfo());
                }
                (ok ? Dhcp4Messages.DHCP4_DYNAMIC_RECONFIGURATION_SUCCESS : Dhcp4Messages.DHCP4_DYNAMIC_RECONFIGURATION_FAIL)
                        .log(file);
            }
        };
    }

    /**
     * dhcp4_srv_configured: DROP aborts the reconfiguration with the callout's error. Runs before
     * the packet service takes the configuration, so an abort leaves the service untouched.
     */
    @Override
    protected void configured(Dhcp4Config config, CalloutRegistry callouts) throws ConfigException {
        if (!callouts.has(HookPoint.DHCP4_SRV_CONFIGURED)) {
            return;
        }
        var args = new Dhcp4SrvConfiguredCallout.Args(config.element(),
                config.service().subnets().stream().map((ruru.dhcp4.config.Subnet4 s) -> Dhcp4Hooks.view(s)).toList());
        if (callouts.call(HookPoint.DHCP4_SRV_CONFIGURED, args, Dhcp4SrvConfiguredCallout::dhcp4SrvConfigured)
                == NextStep.DROP) {
            throw new ConfigException("dhcp4_srv_configured hooks callouts failed: "
                    + (args.error().isEmpty() ? "the configuration was dropped by a hook library" : args.error()));
        }
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
}
