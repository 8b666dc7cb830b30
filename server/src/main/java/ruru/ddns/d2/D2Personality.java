package ruru.ddns.d2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.Answer;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Flags;
import ruru.daemon.Personality;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.HookLibraries;
import ruru.daemon.hooks.HooksConfig;
import ruru.daemon.stats.StatisticCommands;
import ruru.ddns.d2.config.D2Config;
import ruru.ddns.d2.config.D2ConfigParser;
import ruru.ddns.d2.update.D2Statistics;
import ruru.ddns.d2.update.UpdateManager;
import ruru.io.IoErrors;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * The composition of the DNS update daemon (Kea's kea-dhcp-ddns, "D2"): the NCR listener, the queue
 * and transactions, the TSIG keys and domains of its configuration, its statistics, hooks and
 * commands. Control sockets, config-* commands, PID file and signals are the shared runtime's.
 */
public final class D2Personality implements Personality<D2Config> {

    /** How long shutdown waits for queued or in-flight transactions before exiting anyway. */
    static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    private final Logger log = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");
    private volatile Daemon<D2Config> daemon;
    private volatile D2Statistics stats;
    private volatile UpdateManager updates;
    private volatile HookLibraries hooks;
    private NcrListener listener; // guarded by this

    public D2Personality(Flags flags) {
    }

    public D2Personality() {
    }

    @Override
    public DaemonKind kind() {
        return DaemonKind.DDNS;
    }

    @Override
    public D2Config parse(MapElement element, PathPolicy paths) throws ConfigException {
        return D2ConfigParser.parse(element, paths);
    }

    @Override
    public void registerCommands(CommandRegistry registry, Daemon<D2Config> d) {
        this.daemon = d;
        this.stats = new D2Statistics(d.stats());
        stats.initGlobal();
        this.updates = new UpdateManager(stats);
        this.hooks = new HookLibraries(registry, d.stats(), kind().processName(), Map.of());
        StatisticCommands.register(registry, d.stats(), false);
        registry.replace("shutdown", cmd -> shutdown(cmd.arguments()));
    }

    @Override
    public void apply(D2Config config, D2Config previous) throws ConfigException {
        HooksConfig before = hooks.current();
        hooks.load(config.hooks());
        NcrListener opened;
        try {
            D2Hooks.configured(hooks.callouts(), config);
            opened = openListenerIfChanged(config);
        } catch (ConfigException | RuntimeException e) {
            hooks.load(before);
            throw e;
        }
        synchronized (this) {
            if (opened != null) {
                if (listener != null) {
                    listener.close();
                }
                listener = opened;
            }
        }
        stats.initKeys(config.keys());
        updates.configure(config, D2Hooks.serverChoice(hooks.callouts()));
        InetSocketAddress at = listener.address();
        if (!at.getAddress().isLoopbackAddress()) {
            log.warn("DHCP_DDNS_NOT_ON_LOOPBACK the DHCP-DDNS server has been configured to listen on {} which is not"
                    + " the local loopback.  This is an insecure configuration supported for testing purposes only",
                    at.getAddress().getHostAddress());
        }
    }

    /** kea-dhcp-ddns 2.2's order (live): list-commands at init, the rest after DHCP_DDNS_STARTED. */
    static final java.util.List<String> KEA_COMMAND_ORDER = java.util.List.of("list-commands", "build-report",
            // config-hash-get is Kea 3's: placed after config-get as in Kea 3's DHCP servers' list (inferred)
            "config-get", "config-hash-get", "config-reload", "config-set", "config-test", "config-write", "shutdown",
            "status-get", "version-get", "statistic-get", "statistic-get-all", "statistic-reset", "statistic-reset-all");

    @Override
    public java.util.List<String> keaCommandOrder() {
        return KEA_COMMAND_ORDER;
    }

    @Override
    public java.util.Optional<java.util.List<String>> keaCommandsAtInit() {
        return java.util.Optional.of(java.util.List.of("list-commands"));
    }

    /** Kea writes DHCP_DDNS_STARTED once the first configuration is complete (after DCTL_CONFIG_COMPLETE). */
    @Override
    public Lifecycle lifecycle() {
        return new Lifecycle() {
            @Override
            public void started() {
                log.info("DHCP_DDNS_STARTED Kea DHCP-DDNS server version {} started", ruru.daemon.BuildInfo.keaVersion());
            }
        };
    }

    private synchronized NcrListener openListenerIfChanged(D2Config config) throws ConfigException {
        InetSocketAddress wanted = new InetSocketAddress(config.params().address(), config.params().port());
        if (listener != null && listener.address().equals(wanted)) {
            return null;
        }
        try {
            return NcrListener.open(wanted, stats, updates);
        } catch (IOException e) {
            throw new ConfigException("DHCP_DDNS_QUEUE_MGR_START_ERROR application could not start the queue manager,"
                    + " reason: unable to listen on " + wanted.getAddress().getHostAddress() + " port "
                    + wanted.getPort() + ": " + IoErrors.describe(e));
        }
    }

    /** The UDP port the NCR listener has bound (tests configure port numbers they chose). */
    public synchronized int listenerPort() throws IOException {
        return listener.boundPort();
    }

    /**
     * Kea's D2 shutdown: answers at once, then stops receiving and, by type, processes everything
     * queued ({@code drain_first}), finishes the transactions in progress and drops the queue
     * ({@code normal}, the default), or exits at once ({@code now}).
     */
    private Answer shutdown(Element args) throws CommandException {
        String type = "normal";
        if (args instanceof MapElement m && m.get("type") != null) {
            if (!(m.get("type") instanceof StringElement s)) {
                throw new CommandException("Invalid Shutdown type: " + m.get("type"));
            }
            type = s.value();
        }
        if (!type.equals("normal") && !type.equals("drain_first") && !type.equals("now")) {
            return Answer.error("Invalid Shutdown type: " + type);
        }
        String chosen = type;
        log.info("DHCP_DDNS_SHUTDOWN_COMMAND application received shutdown command with args: {}",
                args == null ? "(no arguments)" : args.toString());
        Thread.ofPlatform().daemon().name("d2-shutdown").start(() -> {
            stopReceiving();
            try {
                switch (chosen) {
                    case "drain_first" -> updates.drain(SHUTDOWN_LIMIT);
                    case "normal" -> updates.dropQueuedAndFinish(SHUTDOWN_LIMIT);
                    default -> {
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.info("DHCP_DDNS_CLEARED_FOR_SHUTDOWN application has met shutdown criteria for shutdown type: {}",
                    chosen);
            daemon.requestShutdown(0);
        });
        return Answer.ok("Shutdown initiated, type is: " + type);
    }

    private synchronized void stopReceiving() {
        updates.stopAccepting();
        if (listener != null) {
            listener.close();
        }
    }

    /** Signals and the end of a shutdown: a normal stop (transactions in progress finish). */
    @Override
    public void stop() {
        UpdateManager u = updates;
        if (u == null) {
            return;
        }
        stopReceiving();
        try {
            u.dropQueuedAndFinish(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        u.close();
        HookLibraries h = hooks;
        if (h != null) {
            h.unloadAll();
        }
    }

    /** Kea's D2Params::getConfigSummary. */
    @Override
    public Optional<String> configSummary(D2Config config) {
        return Optional.of("listening on " + ruru.ddns.ncr.AddressText.of(config.params().address()) + ", port "
                + config.params().port() + ", using UDP");
    }

    @Override
    public String configSetOk() {
        return "Configuration applied successfully.";
    }

    @Override
    public String configTestOk() {
        return "Configuration check successful";
    }
}
