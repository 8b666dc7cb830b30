package ruru.ha;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.helpers.NOPLogger;

import ruru.control.CommandRegistry;
import ruru.control.http.HttpSocketSpec;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.HookLibrarySpec;
import ruru.daemon.hooks.HooksConfig;
import ruru.daemon.state.NetworkState;
import ruru.ha.config.HaConfigParser;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * What a DHCP daemon (v4 or v6) needs to offer {@code libdhcp_ha.so} as a built-in: the host it
 * runs in, config-test validation, and the subnets' {@code ha-server-name}s.
 */
public final class HaBuiltins {

    private HaBuiltins() {
    }

    /** The daemon as the HA library sees it, for the configuration being applied. */
    public record Host(NetworkState networkState, CommandRegistry registry, Clock clock, Function<String, Path> files,
                       boolean dhcpMultiThreading, int dhcpThreads, List<HttpSocketSpec> controlSockets,
                       String loggerRoot) implements HaHost {
    }

    /**
     * The daemon's lease context once its service has a configuration: HA starts when its library
     * loads, which is before the daemon installs the configuration (and, at start-up, its lease
     * store), so a synchronization begun at once waits here for it rather than writing into a store
     * about to be replaced. Fails after {@code timeout}.
     */
    public static <T> T awaitConfigured(java.util.function.Supplier<T> context,
                                        java.util.function.Predicate<T> configured, java.time.Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T ctx = context.get();
        while (!configured.test(ctx)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server has no configuration yet");
            }
            Thread.sleep(10);
            ctx = context.get();
        }
        return ctx;
    }

    /** Relative file names (TLS files, password files) resolve against the configuration's directory. */
    public static Function<String, Path> files(PathPolicy paths) {
        return name -> paths.configDirectory().resolve(name).normalize();
    }

    /**
     * Validates the {@code high-availability} parameters at config-test and -t time, so a broken HA
     * configuration is reported before anything is applied (Kea finds it only when loading).
     */
    public static void validate(HooksConfig hooks, PathPolicy paths, boolean multiThreading, int threads)
            throws ConfigException {
        for (HookLibrarySpec spec : hooks.libraries()) {
            if (spec.source() instanceof HookLibrarySpec.Builtin b && b.name().equals(HaLibrary.FILE_NAME)) {
                try {
                    HaLibrary.validate(spec.parameters(), new HaConfigParser.Environment(files(paths), multiThreading,
                            threads, NOPLogger.NOP_LOGGER));
                } catch (ConfigException e) {
                    // Kea's text names its own position when it has one; else the library's is given
                    throw new ConfigException(e.position().isKnown() ? ruru.json.Position.NONE : spec.position(),
                            "hooks libraries failed to validate - library or libraries in error are: "
                                    + spec.library() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Each subnet's {@code ha-server-name}: its own user-context's, else its shared network's (Kea's
     * HAConfig::getSubnetServerName), read from the configuration as written.
     *
     * @param subnetKey {@code subnet4} or {@code subnet6}
     */
    public static Map<Long, String> subnetServerNames(MapElement daemon, String subnetKey) {
        Map<Long, String> names = new HashMap<>();
        collect(daemon.get(subnetKey), null, names);
        if (daemon.get("shared-networks") instanceof ListElement networks) {
            for (Element n : networks.items()) {
                if (n instanceof MapElement net) {
                    collect(net.get(subnetKey), serverName(net), names);
                }
            }
        }
        return names;
    }

    private static void collect(Element subnets, String inherited, Map<Long, String> names) {
        if (!(subnets instanceof ListElement list)) {
            return;
        }
        for (Element e : list.items()) {
            if (e instanceof MapElement s && s.get("id") != null && s.get("id").asLong().isPresent()) {
                String own = serverName(s);
                String name = own != null ? own : inherited;
                if (name != null) {
                    names.put(s.get("id").asLong().get(), name);
                }
            }
        }
    }

    private static String serverName(MapElement scope) {
        return scope.get("user-context") instanceof MapElement ctx && ctx.get("ha-server-name") instanceof StringElement s
                ? s.value() : null;
    }
}
