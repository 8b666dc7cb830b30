package ruru.dhcp6;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import ruru.daemon.Daemon;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.HooksConfig;
import ruru.daemon.state.NetworkState;
import ruru.dhcp.DhcpPersonality;
import ruru.dhcp.config.MultiThreading;
import ruru.dhcp6.leasecmds.Lease6CommandContext;
import ruru.dhcp6.leasecmds.Lease6Replica;
import ruru.ha.HaBuiltins;
import ruru.ha.HaLibrary;
import ruru.ha.HaServices;
import ruru.ha.v6.Dhcp6HaFamily;
import ruru.ha.v6.Ha6Binding;
import ruru.wire.v6.Dhcp6Packet;

/**
 * Kea's {@code libdhcp_ha.so} in the DHCPv6 daemon: the HA library over this daemon's network
 * state, command registry and lease commands, for the configuration being applied.
 */
final class Dhcp6Ha {

    /** The libraries the DHCPv6 daemon has built in: the shared ones and HA. */
    static final Set<String> BUILTINS = union(DhcpPersonality.BUILTINS, HaLibrary.FILE_NAME);

    /** How long a synchronization waits for the daemon's first configuration to be in force. */
    private static final java.time.Duration SERVICE_WAIT = java.time.Duration.ofSeconds(60);

    private Dhcp6Ha() {
    }

    private static Set<String> union(Set<String> a, String b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.add(b);
        return Set.copyOf(s);
    }

    /** The built-in's factory; {@code applying} gives the configuration being applied at load time. */
    static Supplier<BuiltinLibrary> builtin(Daemon<Dhcp6Config> d, NetworkState network,
                                            Supplier<Dhcp6Config> applying, Supplier<Lease6CommandContext> leases,
                                            Consumer<Loaded> loaded) {
        return () -> {
            Dhcp6Config config = applying.get();
            MultiThreading mt = config.multiThreading();
            HaBuiltins.Host host = new HaBuiltins.Host(network, d.registry(), d.clock(), HaBuiltins.files(d.paths()),
                    mt.enabled(), mt.effectiveThreads(), config.common().httpSockets(), "kea-dhcp6");
            Dhcp6HaFamily family = new Dhcp6HaFamily(lease -> Lease6Replica.applyIfNewer(HaBuiltins.awaitConfigured(
                    leases, c -> c.config() != null, SERVICE_WAIT), lease));
            Ha6Binding binding = new Ha6Binding(family, network, Lease6Replica::toElement,
                    HaBuiltins.subnetServerNames(config.element(), "subnet6"), host.loggerRoot());
            HaLibrary library = new HaLibrary(host, binding);
            loaded.accept(new Loaded(library, binding));
            return BuiltinLibrary.of(library);
        };
    }

    /** Validates the {@code high-availability} parameters at config-test and -t time. */
    static void validate(HooksConfig hooks, PathPolicy paths, MultiThreading mt) throws ConfigException {
        HaBuiltins.validate(hooks, paths, mt.enabled(), mt.effectiveThreads());
    }

    /** The library last loaded, and its DHCPv6 binding (what status, metrics and classes read). */
    record Loaded(HaLibrary library, Ha6Binding binding) {

        static final Loaded NONE = new Loaded(null, null);

        /** The running services; null when HA is not loaded. */
        HaServices services() {
            return library == null ? null : library.services();
        }

        /** The HA_<server> class of a query (none without HA). */
        List<String> classesOf(Dhcp6Packet query, OptionalLong subnetId) {
            return binding == null ? List.of() : binding.scopeClasses(library.services(), query, subnetId);
        }
    }
}
