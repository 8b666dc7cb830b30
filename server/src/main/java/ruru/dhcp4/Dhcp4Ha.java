package ruru.dhcp4;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.helpers.NOPLogger;

import ruru.control.CommandRegistry;
import ruru.control.http.HttpSocketSpec;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.HookLibrarySpec;
import ruru.daemon.hooks.HooksConfig;
import ruru.daemon.state.NetworkState;
import ruru.dhcp4.leasecmds.LeaseCommandContext;
import ruru.dhcp4.leasecmds.LeaseReplica;
import ruru.dhcp4.service.Dhcp4Hooks;
import ruru.ha.HaFamily;
import ruru.ha.HaHost;
import ruru.ha.HaLibrary;
import ruru.ha.config.HaConfigParser;
import ruru.ha.v4.Dhcp4HaFamily;
import ruru.ha.v4.Ha4Binding;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.dhcp.config.MultiThreading;

/**
 * Kea's {@code libdhcp_ha.so} in the DHCPv4 daemon: the HA library over this daemon's network
 * state, command registry and lease commands, for the configuration being applied.
 */
final class Dhcp4Ha {

    static final String FILE_NAME = HaLibrary.FILE_NAME;

    private Dhcp4Ha() {
    }

    /** The built-in's factory; {@code applying} gives the configuration being applied at load time. */
    static Supplier<BuiltinLibrary> builtin(NetworkState network, CommandRegistry registry, Clock clock,
                                            PathPolicy paths, Supplier<Dhcp4Config> applying,
                                            Supplier<LeaseCommandContext> leases,
                                            java.util.function.Consumer<Loaded> loaded) {
        return () -> {
            Dhcp4Config config = applying.get();
            HaHost host = new Host(network, registry, clock, files(paths), config);
            Dhcp4HaFamily family = new Dhcp4HaFamily(lease -> switch (LeaseReplica.applyIfNewer(leases.get(), lease)) {
                case ADDED -> HaFamily.SyncOutcome.ADDED;
                case UPDATED -> HaFamily.SyncOutcome.UPDATED;
                case STALE -> HaFamily.SyncOutcome.STALE;
            });
            Ha4Binding binding = new Ha4Binding(family, network,
                    info -> LeaseReplica.toElement(Dhcp4Hooks.fromView(info)), subnetServerNames(config.element()),
                    host.loggerRoot());
            HaLibrary library = new HaLibrary(host, binding);
            loaded.accept(new Loaded(library, binding));
            return BuiltinLibrary.of(library);
        };
    }

    /** The library last loaded, and its DHCPv4 binding (what status, metrics and classes read). */
    record Loaded(HaLibrary library, Ha4Binding binding) {

        static final Loaded NONE = new Loaded(null, null);

        /** The running services; null when HA is not loaded. */
        ruru.ha.HaServices services() {
            return library == null ? null : library.services();
        }

        /** The HA_<server> class of a query (none without HA). */
        List<String> classesOf(ruru.wire.v4.Dhcp4Packet query, java.util.OptionalLong subnetId) {
            return binding == null ? List.of() : binding.scopeClasses(library.services(), query, subnetId);
        }
    }

    /** Relative file names (TLS files, password files) resolve against the configuration's directory. */
    private static Function<String, Path> files(PathPolicy paths) {
        return name -> paths.configDirectory().resolve(name).normalize();
    }

    /**
     * Validates the {@code high-availability} parameters at config-test and -t time, so a broken HA
     * configuration is reported before anything is applied (Kea finds it only when loading).
     */
    static void validate(HooksConfig hooks, PathPolicy paths, MultiThreading mt) throws ConfigException {
        for (HookLibrarySpec spec : hooks.libraries()) {
            if (spec.source() instanceof HookLibrarySpec.Builtin b && b.name().equals(FILE_NAME)) {
                try {
                    HaLibrary.validate(spec.parameters(), new HaConfigParser.Environment(files(paths), mt.enabled(),
                            mt.effectiveThreads(), NOPLogger.NOP_LOGGER));
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
     */
    static Map<Long, String> subnetServerNames(MapElement dhcp4) {
        Map<Long, String> names = new HashMap<>();
        collect(dhcp4.get("subnet4"), null, names);
        if (dhcp4.get("shared-networks") instanceof ListElement networks) {
            for (Element n : networks.items()) {
                if (n instanceof MapElement net) {
                    collect(net.get("subnet4"), serverName(net), names);
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

    private record Host(NetworkState networkState, CommandRegistry registry, Clock clock, Function<String, Path> files,
                        Dhcp4Config config) implements HaHost {

        @Override
        public boolean dhcpMultiThreading() {
            return config.multiThreading().enabled();
        }

        @Override
        public int dhcpThreads() {
            return config.multiThreading().effectiveThreads();
        }

        @Override
        public List<HttpSocketSpec> controlSockets() {
            return config.common().httpSockets();
        }

        @Override
        public String loggerRoot() {
            return "kea-dhcp4";
        }
    }
}
