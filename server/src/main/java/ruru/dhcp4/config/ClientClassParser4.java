package ruru.dhcp4.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import ruru.classify.ClassDefinitionParser;
import ruru.classify.ClassDictionary;
import ruru.classify.ClientClass;
import ruru.classify.expr.Universe;
import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.OptionDefParser;

/**
 * The DHCPv4 side of {@code client-classes}: Kea 2.2's texts for what only DHCPv4 classes carry
 * (option-def, option-data, next-server, server-hostname, boot-file-name); the shared part is
 * {@link ClassDefinitionParser}'s.
 */
public final class ClientClassParser4 {

    private final ClassDefinitionParser<Class4> parser;

    ClientClassParser4(OptionDefinitions definitions, OptionDataParser options) {
        this.parser = new ClassDefinitionParser<>(Universe.V4, name -> definitions.byName(OptionValue.DHCP4, name)
                .map(OptionDefinition::code).map(OptionalInt::of).orElse(OptionalInt.empty()),
                m -> payload(m, definitions, options));
    }

    ClassDictionary<Class4> parse(MapElement dhcp4) throws ConfigException {
        return parser.parse(Fields.maps(dhcp4, "client-classes"));
    }

    /** For class_cmds: the checked definition of one class against the classes before it. */
    public static ClientClass<Class4> parseOne(MapElement definition, Dhcp4ServiceConfig config,
            java.util.Map<String, ClientClass<Class4>> earlier) throws ConfigException {
        ruru.json.MapElement checked = ruru.daemon.config.schema.Dhcp4Schema.checkClientClass(definition);
        OptionDefinitions defs = config.optionDefinitions();
        return new ClientClassParser4(defs, new OptionDataParser(defs)).parser.parse(checked, earlier);
    }

    private static Class4 payload(MapElement m, OptionDefinitions base, OptionDataParser options)
            throws ConfigException {
        OptionDefinitions defs = OptionDefParser.classDefinitions(m, base);
        List<OptionValue> values = options.forClass(defs).parseList(m, "option-data");
        return new Class4(values, defs, m.has("option-def") && !Fields.maps(m, "option-def").isEmpty(),
                nextServer(m), field(m, "server-hostname", 64, 63), field(m, "boot-file-name", 128, 127),
                m.has("offer-lifetime") ? java.util.OptionalLong.of(Fields.integer(m, "offer-lifetime", 0))
                        : java.util.OptionalLong.empty());
    }

    private static Ipv4Address nextServer(MapElement m) throws ConfigException {
        if (!m.has("next-server")) {
            return Ipv4Address.ANY;
        }
        String text = m.get("next-server").asString().orElseThrow();
        Element at = m.get("next-server");
        Ipv4Address a;
        try {
            a = Ipv4Address.parse(text);
        } catch (WireFormatException e) {
            throw new ConfigException(at.position(), text.indexOf(':') >= 0
                    ? "Invalid next-server value: '" + text + "', must be IPv4 address"
                    : "Invalid next-server value specified: '" + text + "'");
        }
        if (a.equals(Ipv4Address.BROADCAST)) {
            throw new ConfigException(at.position(), "Invalid next-server value: '" + text
                    + "', must not be a broadcast");
        }
        return a;
    }

    /**
     * sname and file. Kea refuses a server-hostname of 64 bytes or more but a boot-file-name only
     * above 128 bytes, though both texts name the field size less one.
     */
    private static String field(MapElement m, String key, int limit, int said) throws ConfigException {
        String v = Fields.string(m, key, "");
        int len = v.getBytes(StandardCharsets.UTF_8).length;
        if (key.equals("server-hostname") ? len >= limit : len > limit) {
            throw new ConfigException(Fields.at(m, key), key + " must be at most " + said + " bytes long, it is "
                    + len);
        }
        return v;
    }
}
