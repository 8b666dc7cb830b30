package ruru.dhcp6.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ruru.daemon.config.ConfigException;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostIdentifiers;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Hex;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;

/** The DHCPv6 global maps and lists that are not networks, with Kea's checks and texts. */
final class GlobalSections6 {

    /** Kea's {@code host-reservation-identifiers} default for DHCPv6. */
    static final List<HostIdentifierType> DEFAULT_IDENTIFIERS = List.of(HostIdentifierType.HW_ADDRESS,
            HostIdentifierType.DUID);

    private GlobalSections6() {
    }

    static List<String> interfaces(MapElement dhcp6) {
        return Fields.map(dhcp6, "interfaces-config").map(c -> Fields.strings(c, "interfaces")).orElse(List.of());
    }

    static List<HostIdentifierType> hostIdentifiers(MapElement dhcp6) throws ConfigException {
        return HostIdentifiers.order(dhcp6, DEFAULT_IDENTIFIERS);
    }

    /** {@code mac-sources}: Kea's names (and RFC aliases), "any" for all; default all. */
    static List<MacSource> macSources(MapElement dhcp6) throws ConfigException {
        Optional<ListElement> list = dhcp6.find("mac-sources").flatMap(Element::asList);
        if (list.isEmpty()) {
            return MacSource.ANY;
        }
        if (list.get().isEmpty()) {
            throw new ConfigException(list.get().position(), "syntax error, unexpected ], expecting duid or"
                    + " constant string");
        }
        Set<MacSource> out = new LinkedHashSet<>();
        for (Element e : list.get().items()) {
            String name = e.asString().orElseThrow();
            if (name.equals("any")) {
                out.addAll(MacSource.ANY);
                continue;
            }
            out.add(MacSource.byKeaName(name).orElseThrow(() -> new ConfigException(list.get().position(),
                    "Failed to convert '" + name + "' to any recognized MAC source:Can't convert '" + name
                            + "' to any known MAC source.")));
        }
        return List.copyOf(out);
    }

    /** {@code relay-supplied-options}: codes or dhcp6 option names; Kea's default is 65 (erp-local-domain-name). */
    static Set<Integer> relaySuppliedOptions(MapElement dhcp6, OptionDefinitions definitions)
            throws ConfigException {
        Optional<ListElement> list = dhcp6.find("relay-supplied-options").flatMap(Element::asList);
        if (list.isEmpty()) {
            return Set.of(65);
        }
        Position at = list.get().position();
        Set<Integer> out = new LinkedHashSet<>();
        for (Element e : list.get().items()) {
            String text = e.asString().orElseThrow().trim();
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() < 10) {
                long code = Long.parseLong(text);
                if (code > 65535) {
                    throw new ConfigException(at, "invalid option code value specified '" + code
                            + "', the option code must not be greater than '65535'");
                }
                out.add((int) code);
                continue;
            }
            Optional<OptionDefinition> def = definitions.byName("dhcp6", text);
            if (def.isEmpty()) {
                throw new ConfigException(at, "unable to find option code for the  specified option name '" + text
                        + "' while parsing the list of enabled relay-supplied-options");
            }
            out.add(def.get().code());
        }
        return out;
    }

    static ServerIdConfig serverId(MapElement dhcp6) throws ConfigException {
        Optional<MapElement> m = Fields.map(dhcp6, "server-id");
        if (m.isEmpty()) {
            return ServerIdConfig.defaults();
        }
        MapElement s = m.get();
        ServerIdConfig.Type type = ServerIdConfig.Type.valueOf(Fields.string(s, "type", "LLT"));
        Optional<byte[]> identifier = Optional.empty();
        String text = Fields.string(s, "identifier", "");
        if (!text.isEmpty()) {
            try {
                identifier = Optional.of(Hex.parseBytes(text, 128));
            } catch (WireFormatException e) {
                throw new ConfigException(Fields.at(s, "identifier"), "identifier specified in the DUID"
                        + " configuration '" + text + "' is not a valid string of hexadecimal digits");
            }
        }
        // Kea reads them in this order, each with getUint16/getUint32's range text.
        long htype = Fields.unsigned(s, "htype", 0xFFFF, 0);
        long time = Fields.unsigned(s, "time", 0xFFFF_FFFFL, 0);
        long enterprise = Fields.unsigned(s, "enterprise-id", 0xFFFF_FFFFL, 0);
        return new ServerIdConfig(type, identifier, (int) htype, time, enterprise, Fields.bool(s, "persist", true));
    }
}
