package ruru.dhcp6.config;

import java.util.Map;
import java.util.OptionalInt;

import ruru.classify.ClassDefinitionParser;
import ruru.classify.ClassDictionary;
import ruru.classify.ClientClass;
import ruru.classify.expr.Universe;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.schema.Dhcp6Schema;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.OptionDataParser;
import ruru.json.MapElement;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v6.StandardV6Definitions;

/**
 * The DHCPv6 side of {@code client-classes}: a class's option-data (DHCPv6 options, resolved with
 * the configuration's definitions); the shared part (name, test, lifetimes incl. the preferred
 * triplet, additional-only flag, built-in rules) is {@link ClassDefinitionParser}'s.
 */
public final class ClientClassParser6 {

    private final ClassDefinitionParser<Class6> parser;

    ClientClassParser6(OptionDefinitions definitions, OptionDataParser options) {
        this.parser = new ClassDefinitionParser<>(Universe.V6, name -> definitions
                .byName(StandardV6Definitions.DHCP6, name).map(OptionDefinition::code).map(OptionalInt::of)
                .orElse(OptionalInt.empty()), m -> new Class6(options.parseList(m, "option-data")));
    }

    ClassDictionary<Class6> parse(MapElement dhcp6) throws ConfigException {
        return parser.parse(Fields.maps(dhcp6, "client-classes"));
    }

    /** For class_cmds: the checked definition of one class against the classes before it. */
    public static ClientClass<Class6> parseOne(MapElement definition, Dhcp6ServiceConfig config,
            Map<String, ClientClass<Class6>> earlier) throws ConfigException {
        MapElement checked = Dhcp6Schema.checkClientClass(definition);
        OptionDefinitions defs = config.optionDefinitions();
        return new ClientClassParser6(defs, new OptionDataParser(defs)).parser.parse(checked, earlier);
    }
}
