package ruru.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.logging.KeaLog;
import ruru.daemon.logging.LoggingApplier;
import ruru.io.IoErrors;

/**
 * Runs one daemon from its command line, as Kea's binaries do: version flags print and exit 0;
 * {@code -t} checks and exits 0 or 1; {@code -c} runs until shutdown and exits with the
 * shutdown's exit value (1 when the configuration cannot be loaded).
 */
public final class DaemonLauncher {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private DaemonLauncher() {
    }

    public static <C extends DaemonConfig> int run(Function<Flags, Personality<C>> factory, DaemonKind kind,
                                                   List<String> args, PrintStream out, PrintStream err) {
        Flags flags;
        try {
            flags = Flags.parse(args);
        } catch (Flags.UsageException e) {
            err.println("ruru " + kind.word() + ": " + e.getMessage());
            err.print(Flags.usage(kind));
            return EXIT_USAGE;
        }
        if (flags.mode() == Flags.Mode.RUN) {
            StartWarmer.start(kind);
        }
        switch (flags.mode()) {
            case VERSION -> {
                out.println(BuildInfo.keaVersion());
                return EXIT_OK;
            }
            case EXTENDED_VERSION -> {
                out.println(BuildInfo.extendedVersion());
                return EXIT_OK;
            }
            case HELP -> {
                out.print(Flags.usage(kind));
                return EXIT_OK;
            }
            case BUILD_REPORT -> {
                out.println(BuildInfo.buildReport());
                return EXIT_OK;
            }
            default -> {
            }
        }
        Path file = flags.configFile().orElseThrow();
        if (!Files.isRegularFile(file)) {
            err.println("ruru " + kind.word() + ": configuration file " + file + " does not exist or is not a file");
            return EXIT_FAILURE;
        }
        try {
            LoggingApplier.apply(kind.processName(), List.of(), flags.debug());
        } catch (ConfigException e) {
            err.println("ruru " + kind.word() + ": " + e.getMessage());
            return EXIT_FAILURE;
        }
        PathPolicy paths = PathPolicy.forConfigFile(file, flags.noPathChecks());
        if (flags.noPathChecks()) {
            LoggerFactory.getLogger(kind.processName() + ".dctl").warn("DCTL_SECURITY_CHECKS_DISABLED Invoked "
                    + "with command line option -X, security checks are disabled (hook libraries excepted)");
        }
        try {
            paths.checkSeparation();
        } catch (ConfigException e) {
            err.println((flags.mode() == Flags.Mode.RUN ? "ruru " + kind.word() + ": " : "Error encountered: ")
                    + e.getMessage());
            return EXIT_FAILURE;
        }
        Daemon<C> daemon = new Daemon<>(factory.apply(flags), file, paths, flags.debug(), Clock.systemDefaultZone());
        if (flags.mode() == Flags.Mode.CHECK || flags.mode() == Flags.Mode.CHECK_DEEP) {
            try {
                C checked = daemon.check(daemon.readConfigFile(), false);
                if (flags.mode() == Flags.Mode.CHECK_DEEP) {
                    daemon.personality().deepCheck(checked);
                }
                out.println("Syntax check OK");
                return EXIT_OK;
            } catch (ConfigException e) {
                err.println("Error encountered: " + e.getMessage());
                return EXIT_FAILURE;
            } finally {
                daemon.stop();
            }
        }
        return serve(daemon, kind, err);
    }

    private static <C extends DaemonConfig> int serve(Daemon<C> daemon, DaemonKind kind, PrintStream err) {
        ProcessName.set(kind.processName());
        Logger log = LoggerFactory.getLogger(kind.processName() + "." + kind.word());
        Path pidPath = PidFile.locate(daemon.configFile(), kind, daemon.paths().environment());
        try (PidFile pid = PidFile.acquire(pidPath)) {
            // Before the first configuration opens the control socket: a SIGTERM sent as soon as the
            // socket answers must shut down cleanly (socket and PID file removed), not kill the JVM.
            Signals.install(daemon);
            Personality.Lifecycle lifecycle = daemon.personality().lifecycle();
            lifecycle.starting();
            try {
                // Kea accepts command connections once it has started (one thread): so does this
                daemon.registry().exclusive(() -> {
                    daemon.apply(daemon.check(daemon.readConfigFile()));
                    log.info("DCTL_STARTING {} starting, pid {}, configuration {}", kind.processName(),
                            ProcessHandle.current().pid(), daemon.configFile());
                    lifecycle.started();
                    daemon.logDeferredRegistrations();
                    return null;
                });
            } catch (ConfigException e) {
                String reason = "configuration error using file '" + daemon.configFile() + "': " + e.getMessage();
                err.println("ruru " + kind.word() + ": " + reason);
                loadFailed(kind, log, lifecycle, daemon.configFile(), e.getMessage(), null);
                lifecycle.initFailed(reason);
                daemon.stop();
                return EXIT_FAILURE;
            } catch (RuntimeException e) {
                // Not a configuration error: say what failed in words, keep the details for the log.
                String text = IoErrors.describe(e);
                err.println("ruru " + kind.word() + ": Fatal error during start up: " + text);
                loadFailed(kind, log, lifecycle, daemon.configFile(), text, e);
                lifecycle.initFailed(text);
                daemon.stop();
                return EXIT_FAILURE;
            }
            int exit = daemon.awaitExit();
            log.info("DCTL_SHUTDOWN {} shut down, exit value {}", kind.processName(), exit);
            return exit;
        } catch (PidFile.Held e) {
            err.println("ruru " + kind.word() + ": " + e.getMessage());
            pidFileFailure(kind, true, e.getMessage());
            return EXIT_FAILURE;
        } catch (IOException e) {
            String text = e instanceof PidFile.Unwritable ? e.getMessage() : IoErrors.describe(e);
            err.println("ruru " + kind.word() + ": Fatal error during start up: " + text);
            pidFileFailure(kind, false, text);
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILURE;
        }
    }

    /**
     * The start's configuration did not load: the DHCP servers write their own
     * {@code DHCPn_CONFIG_LOAD_FAIL} (Kea 2.2 live; no DCTL line), D2 and the agent the process
     * library's {@code DCTL_CONFIG_FILE_LOAD_FAIL}.
     */
    private static void loadFailed(DaemonKind kind, Logger log, Personality.Lifecycle lifecycle, Path file,
            String reason, RuntimeException cause) {
        if (kind == DaemonKind.DHCP4 || kind == DaemonKind.DHCP6) {
            lifecycle.loadFailed(file, reason);
            if (cause != null) {
                log.debug("start-up failure", cause);
            }
        } else if (cause != null) {
            log.error("DCTL_CONFIG_FILE_LOAD_FAIL {}", reason, cause);
        } else {
            log.error("DCTL_CONFIG_FILE_LOAD_FAIL {}", reason);
        }
    }

    /**
     * Kea's FATAL line when the PID file stops the start: the DHCP servers' own message IDs
     * ({@code DHCP4_ALREADY_RUNNING}, {@code DHCP4_SERVER_FAILED}), the process library's for D2 and
     * the Control Agent ({@code DCTL_ALREADY_RUNNING}, {@code DCTL_PID_FILE_ERROR}).
     */
    private static void pidFileFailure(DaemonKind kind, boolean running, String text) {
        switch (kind) {
            case DHCP4, DHCP6 -> {
                String prefix = kind == DaemonKind.DHCP4 ? "DHCP4" : "DHCP6";
                Logger log = LoggerFactory.getLogger(kind.processName() + "." + kind.word());
                if (running) {
                    KeaLog.fatal(log, prefix + "_ALREADY_RUNNING", "{} already running? {}", kind.processName(), text);
                } else {
                    KeaLog.fatal(log, prefix + "_SERVER_FAILED", "server failed: {}", text);
                }
            }
            default -> {
                Logger log = LoggerFactory.getLogger(kind.processName() + ".dctl");
                if (running) {
                    KeaLog.fatal(log, "DCTL_ALREADY_RUNNING", "{} already running? {}", kind.processName(), text);
                } else {
                    KeaLog.fatal(log, "DCTL_PID_FILE_ERROR", "{} could not create a PID file: {}", kind.configKey(), text);
                }
            }
        }
    }
}
