package ruru.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.CommandRegistry;
import ruru.control.http.HttpCommandHandler;
import ruru.control.http.HttpControlServer;
import ruru.control.http.HttpSocketSpec;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Flags;
import ruru.daemon.Personality;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.io.IoErrors;
import ruru.json.MapElement;

/**
 * The composition of the Control Agent: a REST listener whose commands the agent answers itself or
 * forwards over the daemons' UNIX sockets. The agent has no UNIX control socket of its own (nor had
 * Kea's), so it is controlled over HTTP only; its PID file and signals are the shared runtime's.
 */
public final class AgentPersonality implements Personality<AgentConfig> {

    /** Overrides the 60 s forward timeout (milliseconds); tests and slow daemons use it. */
    public static final String FORWARD_TIMEOUT_ENV = "RURU_AGENT_FORWARD_TIMEOUT_MS";

    /** How long an old listener outlives its replacement on another address. */
    static final Duration HANDOVER = Duration.ofMillis(500);

    private final Logger log = LoggerFactory.getLogger(DaemonKind.AGENT.processName() + "." + DaemonKind.AGENT.word());
    private final UnixForwarder forwarder;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("agent-listener").factory());
    private volatile AgentCommandHandler handler;
    /**
     * The configuration forwarding uses. Set by {@link #apply}, the last step that can fail, because
     * the listener may take requests before the runtime makes the configuration current.
     */
    private volatile AgentConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile ruru.daemon.web.WebRoutes web;
    private final HttpCommandHandler counted = new HttpCommandHandler() {
        @Override
        public ruru.json.Element handle(ruru.json.Element body, String user) {
            inFlight.incrementAndGet();
            try {
                return handler.handle(body, user);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public Optional<ruru.control.http.HttpResource> get(String path,
                Optional<ruru.control.http.Credential> client) {
            return web.get(path, client);
        }
    };
    private HttpControlServer server; // guarded by this
    private HttpSocketSpec serving; // guarded by this

    public AgentPersonality(Flags flags) {
        this(forwardTimeout(System.getenv()));
    }

    public AgentPersonality(Duration forwardTimeout) {
        this.forwarder = new UnixForwarder(forwardTimeout);
    }

    static Duration forwardTimeout(Map<String, String> env) {
        String value = env.get(FORWARD_TIMEOUT_ENV);
        if (value == null || value.isBlank()) {
            return UnixForwarder.KEA_TIMEOUT;
        }
        try {
            long ms = Long.parseLong(value.trim());
            return ms > 0 ? Duration.ofMillis(ms) : UnixForwarder.KEA_TIMEOUT;
        } catch (NumberFormatException e) {
            return UnixForwarder.KEA_TIMEOUT;
        }
    }

    @Override
    public DaemonKind kind() {
        return DaemonKind.AGENT;
    }

    @Override
    public AgentConfig parse(MapElement agent, PathPolicy paths) throws ConfigException {
        return AgentConfigParser.parse(agent, paths);
    }

    /** kea-ctrl-agent 2.2's order (live): every command after CTRL_AGENT_STARTED, none at init. */
    static final java.util.List<String> KEA_COMMAND_ORDER = java.util.List.of("list-commands", "build-report",
            // config-hash-get is Kea 3's: placed after config-get as in Kea 3's DHCP servers' list (inferred)
            "config-get", "config-hash-get", "config-reload", "config-set", "config-test", "config-write", "shutdown",
            "status-get", "version-get");

    @Override
    public java.util.List<String> keaCommandOrder() {
        return KEA_COMMAND_ORDER;
    }

    @Override
    public Optional<java.util.List<String>> keaCommandsAtInit() {
        return Optional.of(java.util.List.of());
    }

    /** Kea's CTRL_AGENT_STARTED once the first configuration is complete. */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle() {
            @Override
            public void started() {
                LoggerFactory.getLogger(DaemonKind.AGENT.processName() + ".ctrl-agent").info(
                        "CTRL_AGENT_STARTED Kea Control Agent version {} started", ruru.daemon.BuildInfo.keaVersion());
            }
        };
    }

    /** The agent's own commands are exactly the ones the shared runtime registers. */
    @Override
    public void registerCommands(CommandRegistry registry, Daemon<AgentConfig> d) {
        this.handler = new AgentCommandHandler(registry, () -> config, forwarder, log);
        // /metrics: every forwarded daemon's statistics under kea-exporter's names, fetched per scrape.
        AgentStatSources sources = new AgentStatSources(() -> config, forwarder);
        d.metrics().register(new ruru.daemon.metrics.KeaExporterCollector(sources));
        d.metrics().register(new ruru.daemon.metrics.UtilisationCollector(sources));
        d.metrics().register(sources.upGauge());
        this.web = d.web();
    }

    /**
     * Keeps, reconfigures, replaces or starts the REST listener. A new address is bound before the
     * old listener goes, so a configuration that cannot bind leaves the agent serving where it was;
     * new credentials, TLS files or headers on the same address are taken over by the running
     * listener, as Kea's CA reads them per request.
     */
    @Override
    public synchronized void apply(AgentConfig next, AgentConfig previous) throws ConfigException {
        applyListener(next.listener());
        this.config = next;
    }

    private void applyListener(HttpSocketSpec wanted) throws ConfigException {
        if (server != null && sameEndpoint(wanted)) {
            if (!serving.sameListener(wanted)) {
                try {
                    server.prepare(wanted).commit();
                } catch (IOException | IllegalArgumentException e) {
                    throw new ConfigException(wanted.position(), IoErrors.describe(e));
                }
                serving = wanted;
            }
            return;
        }
        HttpControlServer started = start(wanted);
        HttpControlServer old = server;
        server = started;
        serving = wanted;
        if (old != null) {
            // The config-set or config-reload that moved the listener is still being answered on it.
            timers.schedule(old::close, HANDOVER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private HttpControlServer start(HttpSocketSpec spec) throws ConfigException {
        try {
            HttpControlServer s = HttpControlServer.start(spec, counted);
            log.info("CTRL_AGENT_HTTP_SERVICE_STARTED HTTP service bound to address {}:{}", spec.address(),
                    s.address().getPort());
            return s;
        } catch (IOException e) {
            throw new ConfigException(spec.position(), "unable to start the HTTP service on " + spec.address() + ":"
                    + spec.port() + ": " + IoErrors.describe(e));
        }
    }

    /** Whether {@code wanted} names the address being served (port 0 having become a real port). */
    private boolean sameEndpoint(HttpSocketSpec wanted) {
        return serving.address().equals(wanted.address())
                && (serving.port() == wanted.port() || server.address().getPort() == wanted.port());
    }

    /** Where the REST listener is bound (the real port when the configuration says 0). */
    public synchronized Optional<InetSocketAddress> httpAddress() {
        return server == null ? Optional.empty() : Optional.of(server.address());
    }

    @Override
    public String configTestOk() {
        return "Configuration check successful";
    }

    /** FACTS 1.6: the agent's config-set wording. */
    @Override
    public String configSetOk() {
        return "Configuration applied successfully.";
    }

    /**
     * Stops the listener, after the answers being computed (the shutdown command's own, typically)
     * have been handed to it: a client that sent shutdown gets its "Shutting down." as from Kea.
     */
    @Override
    public void stop() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            pause(10);
        }
        synchronized (this) {
            timers.shutdownNow();
            if (server != null) {
                HttpControlServer s = server;
                server = null;
                closeAfterWrite(s);
            }
        }
        forwarder.close();
    }

    /** The last answer is written after its handler returns; give it that moment. */
    private static void closeAfterWrite(HttpControlServer s) {
        pause(100);
        s.close();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
