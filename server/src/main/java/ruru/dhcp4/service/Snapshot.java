package ruru.dhcp4.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.dhcp.engine.HostIndex;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp4.config.SharedNetwork4;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.ddns.Ddns4;
import ruru.lease.Lease4Store;

/**
 * Everything one configuration gives the packet path, built once and never changed: the config,
 * its indexes, and the lease store in force. A packet reads the snapshot once, at entry.
 */
record Snapshot(Dhcp4ServiceConfig config, Lease4Store leases, HostIndex<Reservation4> hosts,
                Map<String, List<Subnet4>> sharedNetworks, Dhcp4Hooks hooks, Ddns4 ddns,
                Map<String, SharedNetwork4> networks, boolean taggedOptions,
                java.util.concurrent.ConcurrentHashMap<ReplyOptions.Key, ReplyOptions> replyOptions)
        implements ruru.dhcp.engine.ServiceBase.State<Dhcp4ServiceConfig, Lease4Store> {

    static Snapshot of(Dhcp4ServiceConfig config, Lease4Store leases) {
        return of(config, leases, Dhcp4Hooks.NONE);
    }

    /** {@code hooks} is the service's one instance: libreload changes its callouts, not the snapshot. */
    static Snapshot of(Dhcp4ServiceConfig config, Lease4Store leases, Dhcp4Hooks hooks) {
        return of(config, leases, hooks, new Ddns4());
    }

    /** {@code ddns} is the service's one instance (its sender outlives snapshots). */
    static Snapshot of(Dhcp4ServiceConfig config, Lease4Store leases, Dhcp4Hooks hooks, Ddns4 ddns) {
        List<Reservation4> all = new ArrayList<>(config.globalReservations());
        Map<String, List<Subnet4>> networks = new HashMap<>();
        for (Subnet4 s : config.subnets()) {
            all.addAll(s.reservations());
            s.sharedNetworkName().ifPresent(n -> networks.computeIfAbsent(n, k -> new ArrayList<>()).add(s));
        }
        networks.replaceAll((k, v) -> List.copyOf(v));
        Map<String, SharedNetwork4> byName = new HashMap<>();
        config.sharedNetworks().forEach(n -> byName.put(n.name(), n));
        return new Snapshot(config, leases, new HostIndex<>(all), Map.copyOf(networks), hooks, ddns,
                Map.copyOf(byName), tagged(config, all), new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** Whether any option-data anywhere carries client-classes (Kea 3's option class-tagging). */
    private static boolean tagged(Dhcp4ServiceConfig config, List<Reservation4> hosts) {
        List<OptionValue> every = new ArrayList<>(config.globalOptions());
        config.sharedNetworks().forEach(n -> every.addAll(n.options()));
        for (Subnet4 s : config.subnets()) {
            every.addAll(s.ownOptions());
            s.pools().forEach(p -> every.addAll(p.options()));
        }
        hosts.forEach(h -> every.addAll(h.options()));
        config.clientClasses().all().forEach(c -> every.addAll(c.payload().options()));
        return every.stream().anyMatch(v -> !v.clientClasses().isEmpty());
    }

    /** The shared network a subnet belongs to, if any. */
    Optional<SharedNetwork4> network(Subnet4 subnet) {
        return subnet.sharedNetworkName().map(networks::get);
    }

    /**
     * The subnets an allocation may use once {@code selected} is chosen: the selected one first,
     * then the other subnets of its shared network by id (the configuration's subnets are sorted by
     * id, Kea's order).
     */
    List<Subnet4> candidates(Subnet4 selected) {
        Optional<String> network = selected.sharedNetworkName();
        if (network.isEmpty()) {
            return List.of(selected);
        }
        List<Subnet4> members = sharedNetworks.getOrDefault(network.get(), List.of(selected));
        List<Subnet4> ordered = new ArrayList<>(members.size());
        ordered.add(selected);
        for (Subnet4 s : members) {
            if (s.id() != selected.id()) {
                ordered.add(s);
            }
        }
        return ordered;
    }

    Optional<Subnet4> subnet(long id) {
        return config.subnetById(id);
    }
}
