package ruru.dhcp4.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.engine.HostLookup;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp.text.HostText;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.wire.Ipv4Address;
import ruru.hooks.Host4IdentifierCallout;
import ruru.hooks.HookPoint;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * Finds a DHCPv4 client's host reservation in the shared {@link HostLookup} order: this class gives
 * the query's bytes for each identifier type.
 */
final class Hosts {

    private static final int RAI_CIRCUIT_ID = 1;
    private static final int CLIENT_ID_DUID_TYPE = 255;

    private Hosts() {
    }

    static Optional<Reservation4> find(Snapshot snap, Subnet4 subnet, Dhcp4Packet query) {
        return HostLookup.find(snap.hosts(), snap.config().hostIdentifiers(), subnet.id(),
                subnet.reservationsInSubnet(), subnet.reservationsGlobal(), type -> identifier(snap, type, query));
    }

    /** The client's global reservation (Kea's globalHost), whatever the subnet. */
    static Optional<Reservation4> global(Snapshot snap, Dhcp4Packet query) {
        return HostLookup.find(snap.hosts(), snap.config().hostIdentifiers(), 0, false, true,
                type -> identifier(snap, type, query));
    }

    /**
     * Kea's kea-dhcp4.hosts traces of the reservation lookup that follows subnet selection
     * ({@code AllocEngine::findReservation}): the global reservations first when the subnet uses
     * them, then each subnet the client may use (the selected one and, in a shared network, its
     * siblings the classes admit) with each identifier the query carries, in
     * {@code host-reservation-identifiers} order until one matches (a flex-id as the host4_identifier
     * callouts give it); a shared network with more subnets than identifiers is searched with one
     * query per identifier instead, as Kea does.
     */
    static void trace(Exchange ex, Subnet4 subnet) {
        if (!Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER.enabled()) {
            return;
        }
        Snapshot snap = ex.snap();
        Dhcp4Packet query = ex.query();
        ruru.classify.ClassSet classes = ex.classes().classes();
        List<Subnet4> candidates = snap.candidates(subnet).stream().filter(s -> s == subnet || s.admits(classes))
                .toList();
        List<HostIdentifierType> types = new ArrayList<>();
        List<byte[]> ids = new ArrayList<>();
        for (HostIdentifierType t : snap.config().hostIdentifiers()) {
            byte[] id = identifier(snap, t, query);
            if (id != null) {
                types.add(t);
                ids.add(id);
            }
        }
        if (subnet.reservationsGlobal() && lookups(snap, 0, types, ids)) {
            return;
        }
        // kea-dhcp4 2.2 queries a large shared network's hosts once per identifier even when its
        // subnets hold no reservations (reservations-in-subnet false)
        boolean sharedQuery = subnet.sharedNetworkName().isPresent() && candidates.size() > types.size();
        if (!subnet.reservationsInSubnet() && !(sharedQuery && subnet.reservationsGlobal())) {
            return;
        }
        if (sharedQuery) {
            for (int i = 0; i < types.size(); i++) {
                all(HostSource.of(snap.hosts()), types.get(i), ids.get(i));
            }
            return;
        }
        for (Subnet4 s : candidates) {
            if (s.reservationsInSubnet() && lookups(snap, s.id(), types, ids)) {
                return;
            }
        }
    }

    /** Kea's get4(subnet-id, type, id) per identifier until one finds a host; whether one did. */
    private static boolean lookups(Snapshot snap, long subnetId, List<HostIdentifierType> types, List<byte[]> ids) {
        HostSource src = HostSource.of(snap.hosts());
        for (int i = 0; i < types.size(); i++) {
            if (lookup(src, subnetId, types.get(i), ids.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The reservations a trace looks in: the configuration's, or those added so far while one is parsed. */
    interface HostSource {
        /** Every reservation (any subnet, or global) with this identifier. */
        List<Reservation4> allWith(HostIdentifierType type, byte[] id);

        /** Every reservation (any subnet, or global) holding this address. */
        List<Reservation4> allHolding(Ipv4Address a);

        static HostSource of(ruru.dhcp.engine.HostIndex<Reservation4> index) {
            return new HostSource() {
                @Override
                public List<Reservation4> allWith(HostIdentifierType type, byte[] id) {
                    return index.allWith(type, id);
                }

                @Override
                public List<Reservation4> allHolding(Ipv4Address a) {
                    return index.allHolding(a);
                }
            };
        }
    }

    /** Kea's get4(subnet-id, type, id) with its traces; whether it found a host. */
    static boolean lookup(HostSource src, long subnetId, HostIdentifierType t, byte[] id) {
        String text = HostText.identifier(t, id);
        Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER.log("IPv4", subnetId, text);
        Optional<Reservation4> found = all(src, t, id).stream().filter(h -> h.subnetId() == subnetId).findFirst();
        if (found.isPresent()) {
            Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_HOST.log(subnetId, text, text(found.get()));
            return true;
        }
        Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_NULL.log(subnetId, text);
        return false;
    }

    private static List<Reservation4> all(HostSource src, HostIdentifierType t, byte[] id) {
        String text = HostText.identifier(t, id);
        Dhcp4Messages.HOSTS_CFG_GET_ALL_IDENTIFIER.log(text);
        List<Reservation4> hosts = src.allWith(t, id);
        if (Dhcp4Messages.HOSTS_CFG_GET_ALL_IDENTIFIER_HOST.enabled()) {
            hosts.forEach(h -> Dhcp4Messages.HOSTS_CFG_GET_ALL_IDENTIFIER_HOST.log(text, text(h)));
        }
        Dhcp4Messages.HOSTS_CFG_GET_ALL_IDENTIFIER_COUNT.log(text, hosts.size());
        return hosts;
    }

    /**
     * Kea's traces of the check whether an address is reserved in the subnet (get4(subnet-id,
     * address)): every host holding it in any subnet, then the one of this subnet or none.
     */
    static void traceAddress(Snapshot snap, long subnetId, Ipv4Address a) {
        if (Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4.enabled()) {
            lookup(HostSource.of(snap.hosts()), subnetId, a);
        }
    }

    /** Kea's get4(subnet-id, address) with its traces. */
    static void lookup(HostSource src, long subnetId, Ipv4Address a) {
        Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4.log(subnetId, a);
        Dhcp4Messages.HOSTS_CFG_GET_ALL_ADDRESS4.log(a);
        List<Reservation4> hosts = src.allHolding(a);
        if (Dhcp4Messages.HOSTS_CFG_GET_ALL_ADDRESS4_HOST.enabled()) {
            hosts.forEach(h -> Dhcp4Messages.HOSTS_CFG_GET_ALL_ADDRESS4_HOST.log(a, text(h)));
        }
        Dhcp4Messages.HOSTS_CFG_GET_ALL_ADDRESS4_COUNT.log(a, hosts.size());
        Optional<Reservation4> mine = hosts.stream().filter(h -> h.subnetId() == subnetId).findFirst();
        if (mine.isPresent()) {
            Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_HOST.log(subnetId, a, text(mine.get()));
        } else {
            Dhcp4Messages.HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_NULL.log(subnetId, a);
        }
    }

    /** Kea's {@code Host::toText} of a DHCPv4 reservation. */
    static String text(Reservation4 h) {
        return HostText.host(h.identifierType(), h.identifier(), false, h.subnetId(), h.hostname(), h.address(),
                h.nextServer(), h.serverHostname(), h.bootFileName(), List.of(), h.clientClasses());
    }

    private static byte[] identifier(Snapshot snap, HostIdentifierType type, Dhcp4Packet query) {
        return type == HostIdentifierType.FLEX_ID ? flexId(snap.hooks(), query) : identifier(type, query);
    }

    /** The query's bytes for one identifier type, or null when it carries none. */
    static byte[] identifier(HostIdentifierType type, Dhcp4Packet query) {
        return switch (type) {
            case HW_ADDRESS -> query.chaddr().bytes();
            case CLIENT_ID -> query.options().get(OptionCodes.CLIENT_ID).orElse(null);
            case DUID -> {
                // RFC 4361: client identifier type 255, then a 4-byte IAID, then the DUID.
                byte[] id = query.options().get(OptionCodes.CLIENT_ID).orElse(null);
                yield id != null && id.length > 5 && (id[0] & 0xff) == CLIENT_ID_DUID_TYPE
                        ? Arrays.copyOfRange(id, 5, id.length) : null;
            }
            case CIRCUIT_ID -> subOption(query.options().get(OptionCodes.AGENT_INFO).orElse(null), RAI_CIRCUIT_ID);
            case FLEX_ID -> null; // only a host4_identifier callout can tell (flexId)
        };
    }

    /** Kea's flex-id comes from the host4_identifier callouts; none registered means no flex-id. */
    static byte[] flexId(Dhcp4Hooks hooks, Dhcp4Packet query) {
        if (!hooks.callouts().has(HookPoint.HOST4_IDENTIFIER)) {
            return null;
        }
        var args = new Host4IdentifierCallout.Args(query);
        hooks.callouts().call(HookPoint.HOST4_IDENTIFIER, args, Host4IdentifierCallout::host4Identifier);
        return args.idValue().orElse(null);
    }

    /** A relay agent information sub-option as Kea reads it (Dhcp4Options.subOption), or null. */
    static byte[] subOption(byte[] data, int wanted) {
        return ruru.wire.v4.Dhcp4Options.subOption(data, wanted);
    }
}
