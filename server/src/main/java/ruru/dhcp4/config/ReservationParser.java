package ruru.dhcp4.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.charset.StandardCharsets;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Ipv4Address;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostIdentifiers;

/** Host reservations of one subnet (or the global ones, subnet id 0), with Kea 2.2's checks and texts. */
final class ReservationParser {

    /** DHCPv4 takes every identifier type, in this order. */
    private static final List<HostIdentifierType> V4_TYPES = List.of(HostIdentifierType.values());

    private ReservationParser() {
    }

    /**
     * @param subnet the subnet the reservations belong to, empty for global reservations
     */
    static List<Reservation4> parseList(List<MapElement> maps, long subnetId, Optional<Prefix> subnet,
            OptionDataParser options) throws ConfigException {
        List<Reservation4> out = new ArrayList<>();
        Map<String, Reservation4> byIdentifier = new HashMap<>();
        Map<Ipv4Address, Reservation4> byAddress = new HashMap<>();
        for (MapElement m : maps) {
            Reservation4 r = parse(m, subnetId, subnet, options);
            String key = HostIdentifiers.key(r.identifierType(), r.identifier());
            if (byIdentifier.putIfAbsent(key, r) != null) {
                throw new ConfigException(m.position(), duplicateIdentifier(r));
            }
            // ip-reservations-unique false is refused by the schema, so addresses are unique (Kea's default).
            if (r.address().isPresent() && byAddress.putIfAbsent(r.address().get(), r) != null) {
                throw new ConfigException(m.position(), "failed to add new host using the HW address '"
                        + shown(r, HostIdentifierType.HW_ADDRESS) + " and DUID '" + shown(r, HostIdentifierType.DUID)
                        + "' to the IPv4 subnet id '" + subnetId + "' for the address " + r.address().get()
                        + ": There's already a reservation for this address");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static String shown(Reservation4 r, HostIdentifierType type) {
        return HostIdentifiers.shown(r.identifierType(), r.identifier(), type);
    }

    private static String duplicateIdentifier(Reservation4 r) {
        return switch (r.identifierType()) {
            case HW_ADDRESS, DUID -> "failed to add new host using the "
                    + (r.identifierType() == HostIdentifierType.HW_ADDRESS ? "HW address" : "DUID") + " '"
                    + HostIdentifiers.colons(r.identifier()) + "' to the IPv4 subnet id '" + r.subnetId()
                    + "' as this host has already been added";
            default -> "failed to add duplicate IPv4 host using identifier: " + r.identifierType().keaName() + "="
                    + HexFormat.of().formatHex(r.identifier());
        };
    }

    static Reservation4 parse(MapElement m, long subnetId, Optional<Prefix> subnet, OptionDataParser options)
            throws ConfigException {
        HostIdentifiers.Identifier id = HostIdentifiers.parse(m, V4_TYPES);
        HostIdentifierType type = id.type();
        byte[] identifier = id.value();

        Optional<Ipv4Address> address = Optional.empty();
        if (m.has("ip-address")) {
            Position at = Fields.at(m, "ip-address");
            String text = Fields.string(m, "ip-address").orElseThrow();
            Ipv4Address a = Fields.address(text, at, "");
            if (a.isZero() || a.equals(Ipv4Address.BROADCAST)) {
                throw new ConfigException(at, "must not make reservation for the '" + a + "' address");
            }
            if (subnet.isPresent() && !subnet.get().contains(a)) {
                throw new ConfigException(at, "specified reservation '" + a + "' is not within the IPv4 subnet '"
                        + subnet.get().text() + "'");
            }
            address = Optional.of(a);
        }
        Optional<Ipv4Address> nextServer = Optional.empty();
        if (m.has("next-server")) {
            nextServer = Optional.of(Fields.address(Fields.string(m, "next-server").orElseThrow(),
                    Fields.at(m, "next-server"), ""));
        }
        String serverHostname = Fields.string(m, "server-hostname", "");
        if (serverHostname.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new ConfigException(Fields.at(m, "server-hostname"), "server hostname length must not exceed 63");
        }
        String bootFileName = Fields.string(m, "boot-file-name", "");
        if (bootFileName.getBytes(StandardCharsets.UTF_8).length > 127) {
            throw new ConfigException(Fields.at(m, "boot-file-name"), "boot file length must not exceed 127");
        }
        String hostname = Fields.string(m, "hostname", "");
        List<OptionValue> opts = options.parseList(m, "option-data");
        // Kea skips empty class names; a reservation that only assigns classes is a resource too.
        List<String> classes = Fields.strings(m, "client-classes").stream().filter(c -> !c.isEmpty()).distinct()
                .toList();
        if (address.isEmpty() && hostname.isEmpty() && opts.isEmpty() && classes.isEmpty()
                && nextServer.map(Ipv4Address::isZero).orElse(true) && serverHostname.isEmpty()
                && bootFileName.isEmpty()) {
            // Kea 2.2's text, double space included (it prints an empty address there).
            throw new ConfigException(m.position(), "specified reservation  must include at least one resource, i.e."
                    + " hostname, IPv4 address, IPv6 address/prefix, options");
        }
        return new Reservation4(Map.of(type, identifier), address, hostname, opts, nextServer, serverHostname,
                bootFileName, subnetId, classes);
    }
}
