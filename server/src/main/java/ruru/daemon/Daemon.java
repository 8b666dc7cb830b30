package ruru.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.CommandRegistry;
import ruru.control.http.DaemonHttpHandler;
import ruru.control.http.HttpControlServer;
import ruru.control.http.HttpSocketSpec;
import ruru.control.http.Limits;
import ruru.control.unix.UnixControlSocket;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.PoolText;
import ruru.daemon.config.UnixSocketSpec;
import ruru.daemon.config.schema.KeaDefaults;
import ruru.daemon.config.schema.TopLevel;
import ruru.daemon.logging.LoggerSpec;
import ruru.daemon.logging.LoggingApplier;
import ruru.daemon.metrics.DaemonMetrics;
import ruru.daemon.metrics.ExporterTables;
import ruru.daemon.metrics.StatSource;
import ruru.daemon.metrics.SubnetDirectory;
import ruru.daemon.stats.StatsManager;
import ruru.daemon.web.WebRoutes;
import ruru.io.IoErrors;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;

/**
 * The runtime every daemon shares: it owns the configuration in force, the command registry, the
 * statistics, the control socket and the exit code. A new configuration goes text → elements →
 * typed record (pure, so config-test runs exactly the same steps) → side effects that can fail
 * (a new socket, the personality's services) → one swap. Any failure before the swap leaves the
 * running configuration and its sockets untouched.
 */
public final class Daemon<C extends DaemonConfig> {

    private final Personality<C> personality;
    private final Path configFile;
    private final PathPolicy paths;
    private final boolean debug;
    private final Clock clock;
    private final Instant started;
    private final CommandRegistry registry;
    private final StatsManager stats;
    private final Logger log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final DaemonMetrics metrics;
    private final WebRoutes web;
    /** The subnets of the configuration in force, read once per configuration for the metrics' labels. */
    private volatile SubnetsOf<C> subnets;

    private record SubnetsOf<C extends DaemonConfig>(Loaded<C> loaded, SubnetDirectory directory) {
    }

    private volatile Loaded<C> current;
    private volatile int exitValue;
    private UnixControlSocket socket; // guarded by this
    private List<HttpControlServer> httpServers = List.of(); // guarded by this

    /** COMMAND_REGISTERED written for every command (at construction, or once a DController daemon started). */
    private volatile boolean registeredLogged;

    public Daemon(Personality<C> personality, Path configFile, PathPolicy paths, boolean debug, Clock clock) {
        this.personality = personality;
        this.configFile = configFile;
        this.paths = paths;
        this.debug = debug;
        this.clock = clock;
        this.started = clock.instant();
        this.stats = new StatsManager(clock);
        this.registry = new CommandRegistry(personality.kind().processName() + ".commands");
        this.log = LoggerFactory.getLogger(personality.kind().processName() + "." + personality.kind().word());
        this.metrics = new DaemonMetrics(personality.kind(), this::statSources);
        this.web = new WebRoutes(personality.kind(), metrics);
        CommonCommands.register(this);
        personality.registerCommands(registry, this);
        Optional<List<String>> atInit = personality.keaCommandsAtInit();
        if (atInit.isPresent()) {
            registry.logRegisteredOnly(atInit.get());
        } else {
            registry.logRegistered(personality.keaCommandOrder());
            registeredLogged = true;
        }
    }

    /**
     * A DController daemon's first configuration is in force and its STARTED line written: Kea
     * registers its commands now (COMMAND_REGISTERED in its order, {@link Personality#keaCommandsAtInit}).
     */
    public void logDeferredRegistrations() {
        Optional<List<String>> atInit = personality.keaCommandsAtInit();
        if (atInit.isPresent() && !registeredLogged) {
            registry.logRegistered(personality.keaCommandOrder(), atInit.get());
            registeredLogged = true;
        }
    }

    public Personality<C> personality() {
        return personality;
    }

    public DaemonKind kind() {
        return personality.kind();
    }

    public CommandRegistry registry() {
        return registry;
    }

    public StatsManager stats() {
        return stats;
    }

    /** The daemon's Prometheus registry and instruments (GET /metrics). */
    public DaemonMetrics metrics() {
        return metrics;
    }

    /** What the HTTP sockets serve on GET: /metrics, the dashboard. */
    public WebRoutes web() {
        return web;
    }

    /** The statistics under kea-exporter's names, labelled from the configuration in force. */
    private List<StatSource> statSources() {
        return ExporterTables.of(kind())
                .map(table -> List.of(StatSource.of(table, stats.snapshot(), subnetDirectory())))
                .orElse(List.of());
    }

    private SubnetDirectory subnetDirectory() {
        Loaded<C> l = current;
        if (l == null) {
            return SubnetDirectory.EMPTY;
        }
        SubnetsOf<C> cached = subnets;
        if (cached != null && cached.loaded() == l) {
            return cached.directory();
        }
        SubnetDirectory d = SubnetDirectory.fromConfig(l.config().element(), personality.assignedSubnetIds(l.config()));
        subnets = new SubnetsOf<>(l, d);
        return d;
    }

    public Path configFile() {
        return configFile;
    }

    public PathPolicy paths() {
        return paths;
    }

    public Clock clock() {
        return clock;
    }

    public Instant started() {
        return started;
    }

    /** The configuration in force; null only before the first successful load. */
    public Loaded<C> current() {
        return current;
    }

    /** Reads and parses the -c file (comments, includes); extra-comma warnings are logged. */
    public MapElement readConfigFile() throws ConfigException {
        try {
            // each warning as the parser meets it, as Kea: before a syntax error further on
            var root = Json.parseFile(configFile, w -> personality.lifecycle().syntaxWarning(w));
            if (!(root instanceof MapElement map)) {
                throw new ConfigException(root.position(), "configuration must be a map, got " + root.typeName());
            }
            return map;
        } catch (JsonException e) {
            throw ConfigException.of(e);
        }
    }

    /**
     * Validates a configuration file's content ({@code { "Dhcp4": ... }}) without applying anything;
     * other top-level elements are ignored with a warning, as the Kea manual says.
     */
    public C check(MapElement root) throws ConfigException {
        return check(root, true);
    }

    /** As {@link #check(MapElement)}; {@code applying} false for a check that applies nothing (-t). */
    public C check(MapElement root, boolean applying) throws ConfigException {
        MapElement own = TopLevel.check(root, kind().configKey(), w -> log.warn("DCTL_CONFIG_WARNING {}", w));
        return parse(own, applying, true);
    }

    /** Validates config-set or config-test arguments, where Kea refuses other top-level elements. */
    public C checkCommand(MapElement arguments) throws ConfigException {
        return checkCommand(arguments, true);
    }

    /** As {@link #checkCommand(MapElement)}; {@code applying} false for config-test. */
    public C checkCommand(MapElement arguments, boolean applying) throws ConfigException {
        return parse(TopLevel.checkCommand(arguments, kind().configKey()), applying, false);
    }

    /** The daemon's own map parsed, between the personality's received and parsed messages. */
    private C parse(MapElement own, boolean applying, boolean fromFile) throws ConfigException {
        if (applying) {
            earlyLogging(own);
        }
        Personality.Lifecycle lifecycle = personality.lifecycle();
        try {
            lifecycle.configReceived(own, applying);
            C parsed = personality.parse(own, paths, applying);
            lifecycle.configParsed(own, applying);
            return parsed;
        } catch (ConfigException | RuntimeException e) {
            // Kea's file grammar refuses unknown keywords and wrong types before any parser runs;
            // through a command they reach its parsers, which name the element they were in
            if (applying && e instanceof ConfigException ce && !(fromFile && ce.isGrammar())) {
                lifecycle.parserFailed(FailedElement.of(own, ce.position()), ce.getMessage());
            }
            if (applying) {
                Loaded<C> l = current;
                if (l != null) {
                    restoreLogging(l.config().common().loggers());
                }
            }
            throw e;
        }
    }

    /**
     * As Kea, a configuration to apply sets its loggers first, so what is written while it is
     * processed goes where it says; a loggers list that does not parse is left to the full parse.
     */
    private void earlyLogging(MapElement own) {
        if (own.get("loggers") instanceof ruru.json.ListElement list) {
            try {
                applyLogging(ruru.daemon.logging.LoggingConfigParser.parse(list, paths));
            } catch (ConfigException e) {
                // reported by the full parse, with the position
            }
        }
    }

    /**
     * Makes a validated configuration current; on failure nothing changes. Runs exclusive of
     * commands (the command registry's lock), so no command ever sees a half-applied state.
     */
    public Loaded<C> apply(C config) throws ConfigException {
        return registry.exclusive(() -> applyExclusive(config));
    }

    /** The part of a configuration a command changes in the running service (see {@link #amend}). */
    @FunctionalInterface
    public interface Swap<C> {
        void apply(C config) throws ConfigException;
    }

    /**
     * Makes {@code config} current through {@code swap} alone, for commands that change one part
     * of the configuration in force (class_cmds change its client classes): sockets, loggers and
     * hook libraries stay as they are. config-get, config-hash-get and config-write see it at once.
     */
    public Loaded<C> amend(C config, Swap<C> swap) throws ConfigException {
        return registry.exclusive(() -> amendExclusive(config, swap));
    }

    private synchronized Loaded<C> amendExclusive(C config, Swap<C> swap) throws ConfigException {
        swap.apply(config);
        Loaded<C> loaded = new Loaded<>(config, () -> keaView(config), current.loadedAt());
        current = loaded;
        return loaded;
    }

    /**
     * The configuration as Kea's config-get, config-write and config hash show it: {@code { "Dhcp4": ... }}
     * with every default Kea fills in (the daemon's {@link KeaDefaults} table) and pools in Kea's text.
     */
    private MapElement keaView(C config) {
        MapElement filled = KeaDefaults.fill(kind().configKey(), config.element());
        return PoolText.keaView(MapElement.builder().put(kind().configKey(), filled).build());
    }

    private synchronized Loaded<C> applyExclusive(C config) throws ConfigException {
        Loaded<C> previous = current;
        UnixControlSocket opened = openSocketIfChanged(config.common().unixSocket());
        HttpChanges http;
        try {
            http = prepareHttp(config.common().httpSockets());
        } catch (ConfigException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
        try {
            applyLogging(config.common().loggers());
            personality.apply(config, previous == null ? null : previous.config());
        } catch (ConfigException | RuntimeException e) {
            if (e instanceof ConfigException ce) {
                personality.lifecycle().commitFailed(ce.getMessage());
            }
            if (opened != null) {
                opened.close();
            }
            http.abandon();
            if (previous != null) {
                restoreLogging(previous.config().common().loggers());
            }
            throw e;
        }
        Loaded<C> loaded = new Loaded<>(config, () -> keaView(config), clock.instant());
        current = loaded;
        stats.setDefaults(config.common().statsDefaults().sampleCount(), config.common().statsDefaults().sampleAge());
        swapSocket(opened, config.common().unixSocket().isPresent());
        httpServers = http.commit(httpServers);
        Optional<String> summary = personality.configSummary(config);
        if (summary.isPresent()) {
            LoggerFactory.getLogger(kind().processName() + ".dctl")
                    .info("DCTL_CONFIG_COMPLETE server has completed configuration: {}", summary.get());
        } else if (log.isInfoEnabled()) {
            // the hash only when the line is written: making it is start-up work a server at WARN skips
            log.info("DCTL_CONFIG_COMPLETE server has completed configuration (hash {})", loaded.hash());
        }
        return loaded;
    }

    private void applyLogging(List<LoggerSpec> loggers) throws ConfigException {
        LoggingApplier.apply(kind().processName(), loggers, debug);
    }

    private void restoreLogging(List<LoggerSpec> loggers) {
        try {
            LoggingApplier.apply(kind().processName(), loggers, debug);
        } catch (ConfigException e) {
            log.error("DCTL_LOGGING_RESTORE_FAIL {}", e.getMessage());
        }
    }

    private UnixControlSocket openSocketIfChanged(Optional<UnixSocketSpec> wanted) throws ConfigException {
        if (wanted.isEmpty() || (socket != null && socket.path().equals(wanted.get().path()))) {
            return null;
        }
        UnixSocketSpec spec = wanted.get();
        try {
            return UnixControlSocket.open(spec.path(), socketMode(), registry);
        } catch (IOException e) {
            throw new ConfigException(spec.position(),
                    "unable to open control socket " + spec.path() + ": " + IoErrors.describe(e));
        }
    }

    /**
     * Replaces or drops the listener. The old listener is closed without cutting the connection
     * that may be carrying this very config-set: it stops accepting and lets answers finish.
     */
    private void swapSocket(UnixControlSocket opened, boolean wanted) {
        UnixControlSocket old = null;
        if (opened != null) {
            old = socket;
            socket = opened;
        } else if (!wanted) {
            old = socket;
            socket = null;
        }
        if (old != null) {
            old.close();
        }
    }

    /**
     * What a new configuration does to the HTTP listeners: the listeners to use afterwards, those
     * opened for it (closed again if the configuration fails), and reconfigurations of listeners
     * kept on the same address and port (committed only after the swap).
     */
    private record HttpChanges(List<HttpControlServer> next, List<HttpControlServer> opened,
            List<HttpControlServer.Pending> updates) {

        void abandon() {
            opened.forEach(HttpControlServer::close);
        }

        /** Commits the updates, closes the listeners no longer wanted, returns the new list. */
        List<HttpControlServer> commit(List<HttpControlServer> before) {
            updates.forEach(HttpControlServer.Pending::commit);
            for (HttpControlServer old : before) {
                if (next.stream().noneMatch(s -> s == old)) {
                    old.close();
                }
            }
            return List.copyOf(next);
        }
    }

    /**
     * Opens the new HTTP listeners and prepares changed ones, before anything is swapped. A
     * listener whose address and port stay is kept (its clients, headers or certificates change in
     * place), so a config-set arriving over HTTP keeps its connection; switching it between http
     * and https is refused, as Kea does.
     */
    private HttpChanges prepareHttp(List<HttpSocketSpec> wanted) throws ConfigException {
        List<HttpControlServer> next = new ArrayList<>();
        List<HttpControlServer> opened = new ArrayList<>();
        List<HttpControlServer.Pending> updates = new ArrayList<>();
        try {
            for (HttpSocketSpec spec : wanted) {
                HttpControlServer existing = spec.port() == 0 ? null : httpServers.stream()
                        .filter(s -> s.spec().sameEndpoint(spec)).findFirst().orElse(null);
                if (existing == null) {
                    opened.add(openHttp(spec));
                    next.add(opened.getLast());
                    continue;
                }
                if (existing.spec().isTls() != spec.isTls()) {
                    throw new ConfigException(spec.position(), "cannot switch the control socket on address "
                            + spec.address() + " port " + spec.port() + " from " + existing.spec().scheme() + " to "
                            + spec.scheme() + "; remove it first");
                }
                if (!existing.spec().sameListener(spec)) {
                    try {
                        updates.add(existing.prepare(spec));
                    } catch (IOException e) {
                        throw new ConfigException(spec.position(),
                                "unable to set up control socket " + spec + ": " + IoErrors.describe(e));
                    }
                }
                next.add(existing);
            }
        } catch (ConfigException | RuntimeException e) {
            opened.forEach(HttpControlServer::close);
            throw e;
        }
        return new HttpChanges(next, opened, updates);
    }

    private HttpControlServer openHttp(HttpSocketSpec spec) throws ConfigException {
        try {
            return HttpControlServer.start(spec, new DaemonHttpHandler(registry, web::get), Limits.KEA, kind().processName());
        } catch (IOException e) {
            throw new ConfigException(spec.position(), "unable to open control socket " + spec + ": " + IoErrors.describe(e));
        }
    }

    /** The HTTP listeners serving now (tests, status). */
    public synchronized List<HttpControlServer> httpServers() {
        return httpServers;
    }

    /** 0600 unless RURU_CONTROL_SOCKET_MODE says 0660 (a group of operators may then connect). */
    static Set<PosixFilePermission> socketMode() {
        String mode = System.getenv("RURU_CONTROL_SOCKET_MODE");
        return PosixFilePermissions.fromString("0660".equals(mode) ? "rw-rw----" : "rw-------");
    }

    /** Seconds since start and since the last configuration load (status-get). */
    public long uptimeSeconds() {
        return Duration.between(started, clock.instant()).toSeconds();
    }

    public long reloadSeconds() {
        Loaded<C> l = current;
        return l == null ? 0 : Duration.between(l.loadedAt(), clock.instant()).toSeconds();
    }

    /** Asks the daemon to stop; {@link #awaitExit} then returns this value. */
    public void requestShutdown(int value) {
        exitValue = value;
        registry.markClosing();
        stopped.countDown();
    }

    /** Blocks until shutdown is requested, stops everything and returns the exit value. */
    public int awaitExit() throws InterruptedException {
        stopped.await();
        stop();
        return exitValue;
    }

    /**
     * Kea's order: the services (DHCP4_SHUTDOWN, the lease database, the timers), the command socket
     * with the connections still open (the one that asked for the shutdown among them), the commands
     * deregistered, then the hook libraries.
     */
    public synchronized void stop() {
        personality.stop();
        if (socket != null) {
            socket.close();
            socket = null;
        }
        httpServers.forEach(HttpControlServer::close);
        httpServers = List.of();
        // (a DController daemon that never started, -t, registered none of them: Kea deregisters none)
        if (!personality.keaCommandOrder().isEmpty() && registeredLogged) {
            registry.deregisterAll();
        }
        personality.stopLibraries();
    }

}
