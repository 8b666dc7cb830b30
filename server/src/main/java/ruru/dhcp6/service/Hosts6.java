package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.engine.HostIndex;
import ruru.dhcp.engine.HostLookup;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.hooks.Host6IdentifierCallout;
import ruru.hooks.HookPoint;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;

/**
 * Finds a DHCPv6 client's host reservation in the shared {@link HostLookup} order: this class gives
 * the query's bytes for each identifier type (DUID, hardware address, flex-id).
 */
final class Hosts6 {

    private Hosts6() {
    }

    /** @param subnet the selected subnet, or null: then only the global reservations */
    static Optional<Reservation6> find(Snapshot6 snap, Subnet6 subnet, Exchange6 ex) {
        return HostLookup.find(snap.hosts(), snap.config().hostIdentifiers(), subnet == null ? 0 : subnet.id(),
                subnet != null && subnet.reservationsInSubnet(), subnet == null || subnet.reservationsGlobal(),
                type -> identifier(snap, ex, type));
    }

    /**
     * Kea's kea-dhcp6.hosts traces of the reservation lookup that follows subnet selection
     * ({@code AllocEngine::findReservation}): the global reservations first when the subnet uses
     * them, then each subnet the client may use (the selected one and, in a shared network, its
     * siblings) with each identifier the query carries, in {@code host-reservation-identifiers}
     * order until one matches; a shared network with more subnets than identifiers is searched
     * with one query per identifier instead, as Kea does.
     */
    static void trace(Snapshot6 snap, Subnet6 subnet, Exchange6 ex) {
        if (!Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER.enabled()) {
            return;
        }
        List<HostIdentifierType> ids = new ArrayList<>();
        for (HostIdentifierType t : snap.config().hostIdentifiers()) {
            // a flex-id as the host6_identifier callouts give it (they run for each lookup, as in find)
            if (identifier(snap, ex, t) != null) {
                ids.add(t);
            }
        }
        if (subnet.reservationsGlobal()) {
            lookups(snap, ex, 0, ids);
        }
        List<Subnet6> subnets = ClassGuards6.candidates(ex, subnet);
        boolean single = subnet.sharedNetworkName().isPresent() && subnets.size() > ids.size();
        if (single) {
            for (HostIdentifierType t : ids) {
                all(snap, t, identifier(snap, ex, t));
            }
            return;
        }
        for (Subnet6 s : subnets) {
            if (s.reservationsInSubnet()) {
                lookups(snap, ex, s.id(), ids);
            }
        }
    }

    /**
     * Kea's traces of the check whether an address or prefix is reserved in the subnet (a lease
     * candidate that is free, a lease being renewed): done when the subnet has in-subnet
     * reservations, and for a candidate in a pool not when reservations are out of pool.
     */
    static void traceAddress(Snapshot6 snap, Subnet6 subnet, Ipv6Address a, int prefixLength, boolean candidate) {
        if (!Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6.enabled() || !subnet.reservationsInSubnet()) {
            return;
        }
        if (candidate && subnet.reservationsOutOfPool() && (prefixLength == 128 ? subnet.poolOf(a).isPresent()
                : subnet.pdPoolOf(new Ipv6Prefix(a, prefixLength)).isPresent())) {
            return;
        }
        addressLookup(snap.hosts(), subnet.id(), a, prefixLength);
    }

    /** Kea's CfgHosts::get6(subnet, address) traces: one host holding {@code a} (a prefix's address) in the subnet. */
    static void addressLookup(HostIndex<Reservation6> hosts, long subnetId, Ipv6Address a, int prefixLength) {
        Optional<Reservation6> held = prefixLength == 128 ? hosts.holding(subnetId, a)
                : hosts.holding(subnetId, new Ipv6Prefix(a, prefixLength));
        Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6.log(subnetId, a);
        Dhcp6Messages.HOSTS_CFG_GET_ALL_SUBNET_ID_ADDRESS6.log(subnetId, a);
        if (held.isPresent() && Dhcp6Messages.HOSTS_CFG_GET_ALL_SUBNET_ID_ADDRESS6_HOST.enabled()) {
            Dhcp6Messages.HOSTS_CFG_GET_ALL_SUBNET_ID_ADDRESS6_HOST.log(subnetId, a, text(held.get()));
        }
        Dhcp6Messages.HOSTS_CFG_GET_ALL_SUBNET_ID_ADDRESS6_COUNT.log(subnetId, a, held.isPresent() ? 1 : 0);
        if (held.isPresent()) {
            Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6_HOST.log(subnetId, a, text(held.get()));
        } else {
            Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6_NULL.log(subnetId, a);
        }
    }

    private static void lookups(Snapshot6 snap, Exchange6 ex, long subnetId, List<HostIdentifierType> ids) {
        for (HostIdentifierType t : ids) {
            if (identifierLookup(snap.hosts(), subnetId, t, identifier(snap, ex, t))) {
                return;
            }
        }
    }

    /** Kea's CfgHosts::get6(subnet, identifier) traces; whether a host was found. */
    static boolean identifierLookup(HostIndex<Reservation6> hosts, long subnetId, HostIdentifierType t, byte[] id) {
        String text = text(t, id);
        Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER.log("IPv6", subnetId, text);
        all(hosts, t, id);
        Optional<Reservation6> found = hosts.find(subnetId, t, id);
        if (found.isPresent()) {
            Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_HOST.log(subnetId, text, text(found.get()));
            return true;
        }
        Dhcp6Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_NULL.log(subnetId, text);
        return false;
    }

    private static void all(Snapshot6 snap, HostIdentifierType t, byte[] id) {
        all(snap.hosts(), t, id);
    }

    private static void all(HostIndex<Reservation6> index, HostIdentifierType t, byte[] id) {
        String text = text(t, id);
        Dhcp6Messages.HOSTS_CFG_GET_ALL_IDENTIFIER.log(text);
        List<Reservation6> hosts = index.allWith(t, id);
        if (Dhcp6Messages.HOSTS_CFG_GET_ALL_IDENTIFIER_HOST.enabled()) {
            hosts.forEach(h -> Dhcp6Messages.HOSTS_CFG_GET_ALL_IDENTIFIER_HOST.log(text, text(h)));
        }
        Dhcp6Messages.HOSTS_CFG_GET_ALL_IDENTIFIER_COUNT.log(text, hosts.size());
    }

    /** Kea's {@code Host::toText} of a DHCPv6 reservation: addresses, then prefixes with their length. */
    static String text(Reservation6 h) {
        List<String> v6 = new ArrayList<>();
        h.addresses().forEach(a -> v6.add(a.toString()));
        h.prefixes().forEach(p -> v6.add(p.toString()));
        return ruru.dhcp.text.HostText.host(h.identifierType(), h.identifier(), true, h.subnetId(), h.hostname(),
                Optional.empty(), Optional.empty(), "", "", v6, h.clientClasses());
    }

    /** Kea's {@code Host::getIdentifierAsText}: {@code hwaddr=02550000000B}, {@code duid=0003...} (upper-case hex). */
    private static String text(HostIdentifierType t, byte[] id) {
        return ruru.dhcp.text.HostText.identifier(t, id);
    }

    private static byte[] identifier(Snapshot6 snap, Exchange6 ex, HostIdentifierType t) {
        return switch (t) {
            case DUID -> ex.client().duid();
            case HW_ADDRESS -> ex.client().hwAddress() == null ? null : ex.client().hwAddress().bytes();
            case FLEX_ID -> flexId(snap, ex);
            default -> null;
        };
    }

    /** The client's global reservation (early-global-reservations-lookup, before subnet selection). */
    static Optional<Reservation6> global(Snapshot6 snap, Exchange6 ex) {
        return find(snap, null, ex);
    }

    /** Kea's flex-id comes from the host6_identifier callouts; none registered means no flex-id. */
    private static byte[] flexId(Snapshot6 snap, Exchange6 ex) {
        var callouts = snap.hooks().callouts();
        if (!callouts.has(HookPoint.HOST6_IDENTIFIER)) {
            return null;
        }
        var args = new Host6IdentifierCallout.Args(ex.query());
        callouts.call(HookPoint.HOST6_IDENTIFIER, args, Host6IdentifierCallout::host6Identifier);
        return args.idValue().orElse(null);
    }
}
