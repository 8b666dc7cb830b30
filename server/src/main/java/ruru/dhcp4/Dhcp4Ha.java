package ruru.dhcp4;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ruru.daemon.Daemon;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.HooksConfig;
import ruru.daemon.state.NetworkState;
import ruru.dhcp.config.MultiThreading;
import ruru.dhcp4.leasecmds.LeaseCommandContext;
import ruru.dhcp4.leasecmds.LeaseReplica;
import ruru.dhcp4.service.Dhcp4Hooks;
import ruru.ha.HaBuiltins;
import ruru.ha.HaHost;
import ruru.ha.HaLibrary;
import ruru.ha.v4.Dhcp4HaFamily;
import ruru.ha.v4.Ha4Binding;
import ruru.json.MapElement;

/**
 * Kea's {@code libdhcp_ha.so} in the DHCPv4 daemon: the HA library over this daemon's network
 * state, command registry and lease commands, for the configuration being applied.
 */
final class Dhcp4Ha {

    static final String FILE_NAME = HaLibrary.FILE_NAME;

    private Dhcp4Ha() {
    }

    /** The built-in's factory; {@code applying} gives the configuration being applied at load time. */
    static Supplier<BuiltinLibrary> builtin(Daemon<Dhcp4Config> d, NetworkState network,
                                            Supplier<Dhcp4Config> applying, Supplier<LeaseCommandContext> leases,
                                            java.util.function.Consumer<Loaded> loaded) {
        return () -> {
            Dhcp4Config config = applying.get();
            HaHost host = new HaBuiltins.Host(network, d.registry(), d.clock(), HaBuiltins.files(d.paths()),
                    config.multiThreading().enabled(), config.multiThreading().effectiveThreads(),
                    config.common().httpSockets(), "kea-dhcp4");
            Dhcp4HaFamily family = new Dhcp4HaFamily(lease -> LeaseReplica.applyIfNewer(
                    HaBuiltins.awaitConfigured(leases, c -> c.config() != null, java.time.Duration.ofSeconds(60)),
                    lease));
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

    /** Validates the {@code high-availability} parameters at config-test and -t time. */
    static void validate(HooksConfig hooks, PathPolicy paths, MultiThreading mt) throws ConfigException {
        HaBuiltins.validate(hooks, paths, mt.enabled(), mt.effectiveThreads());
    }

    /** Each subnet's {@code ha-server-name} (its own user-context's, else its shared network's). */
    static Map<Long, String> subnetServerNames(MapElement dhcp4) {
        return HaBuiltins.subnetServerNames(dhcp4, "subnet4");
    }
}
