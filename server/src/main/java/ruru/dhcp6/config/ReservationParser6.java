package ruru.dhcp6.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostIdentifiers;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.OptionValue;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;

/** Host reservations of one subnet (or the global ones, subnet id 0), with Kea's checks and texts. */
final class ReservationParser6 {

    /** The identifier types DHCPv6 reservations take, in the order Kea's parser walks them. */
    private static final List<HostIdentifierType> V6_TYPES = List.of(HostIdentifierType.DUID,
            HostIdentifierType.FLEX_ID, HostIdentifierType.HW_ADDRESS);

    private ReservationParser6() {
    }

    /** @param subnet the subnet's prefix, empty for global reservations */
    static List<Reservation6> parseList(List<MapElement> maps, long subnetId, Optional<Ipv6Prefix> subnet,
            OptionDataParser options) throws ConfigException {
        List<Reservation6> out = new ArrayList<>();
        Map<String, Reservation6> byIdentifier = new HashMap<>();
        Map<String, Reservation6> byResource = new HashMap<>();
        for (MapElement m : maps) {
            Reservation6 r = parse(m, subnetId, subnet, options);
            String key = HostIdentifiers.key(r.identifierType(), r.identifier());
            if (byIdentifier.putIfAbsent(key, r) != null) {
                throw new ConfigException(m.position(), "failed to add new host using the "
                        + (r.identifierType() == HostIdentifierType.HW_ADDRESS ? "HW address" : "DUID") + " '"
                        + HostIdentifiers.colons(r.identifier()) + "' to the IPv6 subnet id '" + subnetId
                        + "' as this host has already been added");
            }
            List<String> resources = new ArrayList<>();
            r.addresses().forEach(a -> resources.add(a.toString()));
            r.prefixes().forEach(p -> resources.add(p.toString()));
            for (String res : resources) {
                if (byResource.putIfAbsent(res, r) != null) {
                    throw new ConfigException(m.position(), "failed to add address reservation for host using the"
                            + " HW address '" + shown(r, HostIdentifierType.HW_ADDRESS) + " and DUID '"
                            + shown(r, HostIdentifierType.DUID) + "' to the IPv6 subnet id '" + subnetId
                            + "' for address/prefix " + res.replace("/128", "")
                            + ": There's already reservation for this address/prefix");
                }
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    private static String shown(Reservation6 r, HostIdentifierType type) {
        return HostIdentifiers.shown(r.identifierType(), r.identifier(), type);
    }

    static Reservation6 parse(MapElement m, long subnetId, Optional<Ipv6Prefix> subnet, OptionDataParser options)
            throws ConfigException {
        HostIdentifiers.Identifier id = HostIdentifiers.parse(m, V6_TYPES);
        HostIdentifierType type = id.type();
        byte[] identifier = id.value();

        List<Ipv6Address> addresses = new ArrayList<>();
        for (Element e : list(m, "ip-addresses")) {
            Ipv6Address a = reserved(e.asString().orElseThrow(), e.position());
            if (subnet.isPresent() && !subnet.get().contains(a)) {
                throw new ConfigException(Fields.at(m, "ip-addresses"), "specified reservation '" + a
                        + "' is not within the IPv6 subnet '" + subnet.get() + "'");
            }
            addresses.add(a);
        }
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        for (Element e : list(m, "prefixes")) {
            prefixes.add(prefix(e.asString().orElseThrow(), e.position()));
        }
        Map<Ipv6Prefix, Ipv6Prefix> excluded = new LinkedHashMap<>();
        List<Element> excludedList = list(m, "excluded-prefixes");
        if (!excludedList.isEmpty() && excludedList.size() != prefixes.size()) {
            throw new ConfigException(Fields.at(m, "excluded-prefixes"), "'excluded-prefixes' and 'prefixes' must"
                    + " have the same number of entries");
        }
        for (int i = 0; i < excludedList.size(); i++) {
            String text = excludedList.get(i).asString().orElseThrow();
            if (text.isEmpty()) {
                continue;
            }
            Ipv6Prefix ex = prefix(text, Fields.at(m, "excluded-prefixes"));
            Ipv6Prefix delegated = prefixes.get(i);
            if (ex.length() <= delegated.length() || !delegated.contains(ex.address())) {
                throw new ConfigException(Fields.at(m, "excluded-prefixes"), "excluded prefix " + ex
                        + " must be longer than and within the reserved prefix " + delegated);
            }
            excluded.put(delegated, ex);
        }
        String hostname = Fields.string(m, "hostname", "");
        List<OptionValue> opts = options.parseList(m, "option-data");
        List<String> classes = Fields.strings(m, "client-classes").stream().distinct().toList();
        if (addresses.isEmpty() && prefixes.isEmpty() && hostname.isEmpty() && opts.isEmpty() && classes.isEmpty()) {
            // Kea's text, which says "HW address" whatever the identifier is.
            throw new ConfigException(m.position(), "specified reservation for HW address: "
                    + HostIdentifiers.colons(identifier) + " must include at least one resource, i.e. hostname, IPv4"
                    + " address, IPv6 address/prefix, options");
        }
        return new Reservation6(type, identifier, addresses, prefixes, excluded, hostname, opts, subnetId, classes);
    }

    private static List<Element> list(MapElement m, String key) {
        return m.find(key).flatMap(Element::asList).map(ListElement::items).orElse(List.of());
    }

    /** Kea's IPv6Resrv: any address parses, only a unicast IPv6 one is reserved. */
    private static Ipv6Address reserved(String text, Position at) throws ConfigException {
        try {
            ruru.wire.Ipv4Address.parse(text);
            throw new ConfigException(at, "invalid prefix '" + text + "' for new IPv6 reservation");
        } catch (ruru.wire.WireFormatException notIpv4) {
            Ipv6Address a = Fields.ipv6(text, at, "");
            if (a.isMulticast()) {
                throw new ConfigException(at, "invalid prefix '" + a + "' for new IPv6 reservation");
            }
            return a;
        }
    }

    private static Ipv6Prefix prefix(String text, Position at) throws ConfigException {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new ConfigException(at, "prefix reservation requires prefix length be specified in '" + text + "'");
        }
        String lenText = text.substring(slash + 1);
        int len;
        try {
            len = Integer.parseInt(lenText);
        } catch (NumberFormatException e) {
            throw new ConfigException(at, "prefix length value '" + lenText + "' is invalid");
        }
        Ipv6Address a = reserved(text.substring(0, slash), at);
        if (len < 1 || len > 128) {
            throw new ConfigException(at, "invalid prefix length '" + len + "' for new IPv6 reservation");
        }
        return new Ipv6Prefix(a, len);
    }
}
