package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.dhcp.engine.HostIndex;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.ddns.Ddns6;
import ruru.lease.Lease6Store;
import ruru.wire.v6.Duid;

/**
 * Everything one configuration gives the DHCPv6 packet path, built once and never changed: the
 * config, its indexes, the lease store, the server's DUID, the hooks and DDNS. A packet reads the snapshot once.
 */
record Snapshot6(Dhcp6ServiceConfig config, Lease6Store leases, HostIndex<Reservation6> hosts,
                 Map<String, List<Subnet6>> sharedNetworks, Duid serverId, Dhcp6Hooks hooks, Ddns6 ddns)
        implements ruru.dhcp.engine.ServiceBase.State<Dhcp6ServiceConfig, Lease6Store> {

    static Snapshot6 of(Dhcp6ServiceConfig config, Lease6Store leases, Duid serverId, Dhcp6Hooks hooks) {
        return of(config, leases, serverId, hooks, new Ddns6());
    }

    /** {@code ddns}: the service's DDNS (configured with {@code config}'s before the snapshot is used). */
    static Snapshot6 of(Dhcp6ServiceConfig config, Lease6Store leases, Duid serverId, Dhcp6Hooks hooks, Ddns6 ddns) {
        List<Reservation6> all = new ArrayList<>(config.globalReservations());
        Map<String, List<Subnet6>> networks = new HashMap<>();
        for (Subnet6 s : config.subnets()) {
            all.addAll(s.reservations());
            s.sharedNetworkName().ifPresent(n -> networks.computeIfAbsent(n, k -> new ArrayList<>()).add(s));
        }
        networks.replaceAll((k, v) -> List.copyOf(v));
        return new Snapshot6(config, leases, new HostIndex<>(all), Map.copyOf(networks), serverId, hooks, ddns);
    }

    /** The subnets an allocation may use once {@code selected} is chosen: it first, then its network's others. */
    List<Subnet6> candidates(Subnet6 selected) {
        Optional<String> network = selected.sharedNetworkName();
        if (network.isEmpty()) {
            return List.of(selected);
        }
        List<Subnet6> members = sharedNetworks.getOrDefault(network.get(), List.of(selected));
        List<Subnet6> ordered = new ArrayList<>(members.size());
        ordered.add(selected);
        for (Subnet6 s : members) {
            if (s.id() != selected.id()) {
                ordered.add(s);
            }
        }
        return ordered;
    }

    Optional<Subnet6> subnet(long id) {
        return config.subnetById(id);
    }
}
