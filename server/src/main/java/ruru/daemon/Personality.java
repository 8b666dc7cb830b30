package ruru.daemon;

import ruru.control.CommandRegistry;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.MapElement;

/**
 * What makes one daemon different from another, plugged into the shared {@link Daemon} runtime:
 * how its configuration is read, which commands it adds, what a new configuration does to its
 * services, and what status-get reports beyond the common fields.
 */
public interface Personality<C extends DaemonConfig> {

    DaemonKind kind();

    /** Validates and types the daemon's own map. Pure: no side effects, safe for config-test. */
    C parse(MapElement daemonElement, PathPolicy paths) throws ConfigException;

    /**
     * As {@link #parse(MapElement, PathPolicy)}; {@code applying} is true for a configuration about
     * to be applied (-c, config-set, config-reload), false for -t and config-test.
     */
    default C parse(MapElement daemonElement, PathPolicy paths, boolean applying) throws ConfigException {
        return parse(daemonElement, paths);
    }

    /** Registers the daemon's own commands; called once at start. */
    void registerCommands(CommandRegistry registry, Daemon<C> daemon);

    /**
     * Makes a new configuration live in the daemon's services (packet service, lease store...).
     * Called before the new configuration becomes current; throwing leaves the old one in force.
     */
    default void apply(C config, C previous) throws ConfigException {
    }

    /**
     * Ids the daemon gave subnets written without one, by their {@code subnet} text, so metrics
     * can label those subnets too (Kea numbers them itself).
     */
    default java.util.Map<String, Long> assignedSubnetIds(C config) {
        return java.util.Map.of();
    }

    /** Adds daemon-specific fields to status-get's arguments. */
    /** -T: checks what -t does not (Kea opens the lease database); throwing fails the check. */
    default void deepCheck(C config) throws ConfigException {
    }

    default void status(MapElement.Builder arguments) {
    }

    /** Stops the daemon's services at shutdown. */
    default void stop() {
    }

    /**
     * Unloads what must outlive the command channel at shutdown (the hook libraries, after Kea's
     * daemons have closed the command socket and deregistered their commands); {@link #stop} comes
     * first. The default has nothing such.
     */
    default void stopLibraries() {
    }

    /**
     * The built-in commands in the order Kea's daemon registers them, for COMMAND_REGISTERED and
     * COMMAND_DEREGISTERED; empty (the default): the commands are registered by name and none is
     * deregistered at stop (every daemon gives its own Kea order).
     */
    default java.util.List<String> keaCommandOrder() {
        return java.util.List.of();
    }

    /**
     * Kea's DController daemons (kea-dhcp-ddns, kea-ctrl-agent 2.2, live) register their commands
     * once the first configuration is in force, after their STARTED line, and only these (D2:
     * list-commands, its command manager's own; the agent: none) as the daemon is made; so -t
     * registers and deregisters nothing else. Empty: every command at construction (the DHCP servers).
     */
    default java.util.Optional<java.util.List<String>> keaCommandsAtInit() {
        return java.util.Optional.empty();
    }

    /**
     * Kea's {@code getConfigSummary} for its DController daemons (D2): when present, the daemon
     * reports a new configuration with {@code DCTL_CONFIG_COMPLETE server has completed
     * configuration: <summary>} and a config-test with {@code DCTL_CONFIG_CHECK_COMPLETE}.
     */
    default java.util.Optional<String> configSummary(C config) {
        return java.util.Optional.empty();
    }

    /**
     * The daemon's own start and reconfiguration messages (kea-dhcp4's DHCP4_STARTED and friends);
     * the default logs nothing beyond the common DCTL_ messages.
     */
    default Lifecycle lifecycle() {
        return Lifecycle.NONE;
    }

    /** Kea's per-daemon lifecycle log messages, around the shared runtime's steps. */
    interface Lifecycle {
        Lifecycle NONE = new Lifecycle() {
        };

        /** Before the configuration file is read (Kea: DHCP4_STARTING). */
        default void starting() {
        }

        /** The server is configured and answers (Kea: DHCP4_STARTED). */
        default void started() {
        }

        /** The configuration at start failed (Kea: DHCP4_INIT_FAIL "configuration error using file ..."). */
        default void initFailed(String reason) {
        }

        /**
         * Parsing a configuration to apply failed in {@code element}, its top-level key (Kea:
         * DHCP4_PARSER_FAIL); not written for what Kea's file grammar refuses before its parsers run.
         */
        default void parserFailed(String element, String reason) {
        }

        /** A parsed configuration failed while being applied (Kea: DHCP4_PARSER_COMMIT_FAIL). */
        default void commitFailed(String reason) {
        }

        /** The configuration file at start did not load (Kea: DHCP4_CONFIG_LOAD_FAIL, before INIT_FAIL). */
        default void loadFailed(java.nio.file.Path file, String reason) {
        }

        /**
         * The configuration file's parser warned (an extra comma): D2 and the agent write
         * DCTL_CONFIG_FILE_WARNING; the DHCP servers Kea's DHCPn_CONFIG_SYNTAX_WARNING.
         */
        default void syntaxWarning(ruru.json.JsonWarning warning) {
            org.slf4j.LoggerFactory.getLogger(Personality.class).warn("DCTL_CONFIG_FILE_WARNING {}", warning);
        }

        /** A reload of {@code file} (SIGHUP or config-reload) starts. */
        default void reconfiguring(java.nio.file.Path file) {
        }

        /** The reload of {@code file} succeeded or failed. */
        default void reconfigured(java.nio.file.Path file, boolean ok) {
        }

        /** A reload read {@code root} from its file (Kea: DHCP4_COMMAND_RECEIVED for its internal config-set). */
        default void reloadRead(MapElement root) {
        }

        /**
         * A configuration (the daemon's own map) arrived and is about to be parsed: at start-up, by
         * config-set, config-reload, or, with {@code applying} false, config-test and -t.
         */
        default void configReceived(MapElement own, boolean applying) {
        }

        /** The configuration {@link #configReceived} announced parsed without error. */
        default void configParsed(MapElement own, boolean applying) {
        }

        /** A shutdown command arrived (Kea: DHCP4_SHUTDOWN_REQUEST). */
        default void shutdownRequested() {
        }
    }

    /** config-set's success text (the Control Agent words it differently). */
    default String configSetOk() {
        return "Configuration successful.";
    }

    /** config-test's success text. */
    default String configTestOk() {
        return "Configuration seems sane. Control-socket, hook-libraries, and D2 configuration were sanity checked, but not applied.";
    }
}
