package ruru.dhcp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;
import ruru.wire.Universe;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v4.OptionValues;

/**
 * Kea's {@code option-data} entries to encoded {@link OptionValue}s, for either family (the
 * definitions' universe gives the default space and the code range). Texts and positions follow
 * Kea's {@code OptionDataParser} as {@code kea-dhcp4 -t} and {@code kea-dhcp6 -t} print them.
 */
public final class OptionDataParser {

    /** Kea's option space name rule (OptionSpace::validateName). */
    public static final Pattern SPACE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private final OptionDefinitions definitions;
    private final String defaultSpace;
    /**
     * A client class's option-data: Kea defers decoding of options it has no definition for
     * there (they may be private options a class defines), so such data is taken as hex whatever
     * {@code csv-format} says, and an unknown name has its own text.
     */
    private final boolean classOptions;

    public OptionDataParser(OptionDefinitions definitions) {
        this(definitions, false);
    }

    private OptionDataParser(OptionDefinitions definitions, boolean classOptions) {
        this.definitions = definitions;
        this.defaultSpace = definitions.universe() == Universe.V4 ? OptionValue.DHCP4 : OptionValue.DHCP6;
        this.classOptions = classOptions;
    }

    /** The parser for a class's option-data, resolving against the class's own definitions too. */
    public OptionDataParser forClass(OptionDefinitions classDefinitions) {
        return new OptionDataParser(classDefinitions, true);
    }

    public OptionDefinitions definitions() {
        return definitions;
    }

    public List<OptionValue> parseList(MapElement scope, String key) throws ConfigException {
        List<OptionValue> out = new ArrayList<>();
        for (MapElement m : Fields.maps(scope, key)) {
            out.add(parse(m));
        }
        return List.copyOf(out);
    }

    public OptionValue parse(MapElement m) throws ConfigException {
        String space = Fields.string(m, "space", defaultSpace);
        if (!SPACE_NAME.matcher(space).matches()) {
            throw new ConfigException(Fields.at(m, "space"), "invalid option space name '" + space + "'");
        }
        Optional<String> name = Fields.string(m, "name");
        Optional<Long> code = Fields.integer(m, "code");
        if (name.isEmpty() && code.isEmpty()) {
            throw new ConfigException(m.position(),
                    "option data configuration requires one of 'code' or 'name' parameters to be specified");
        }
        if (code.isPresent()) {
            checkCode(m, space, code.get());
        }
        boolean csv = Fields.bool(m, "csv-format", true);
        String data = Fields.string(m, "data", "");
        Optional<OptionDefinition> def = definition(m, space, name, code);
        int resolvedCode = def.map(OptionDefinition::code).orElseGet(() -> code.orElseThrow().intValue());
        byte[] bytes = encode(m, space, def, data, csv && (def.isPresent() || !classOptions));
        return new OptionValue(space, resolvedCode, bytes, Fields.bool(m, "always-send", false),
                Fields.bool(m, "never-send", false), Fields.strings(m, "client-classes"));
    }

    private void checkCode(MapElement m, String space, long c) throws ConfigException {
        if (definitions.universe() == Universe.V6) {
            if (c < 0 || c > 65535) {
                throw new ConfigException(Fields.at(m, "code"),
                        "invalid option code '" + (c & 0xFFFF_FFFFL) + "', it must not exceed '65535'");
            }
            return;
        }
        if (c < 0 || c > 255) {
            // Kea reads the code as uint32, so -1 shows as 4294967295.
            throw new ConfigException(Fields.at(m, "code"),
                    "invalid option code '" + (c & 0xFFFF_FFFFL) + "', it must not be greater than '255'");
        }
        if (space.equals("dhcp4") && (c == 0 || c == 255)) {
            throw new ConfigException(m.position(),
                    "invalid option code '" + c + "': reserved for " + (c == 0 ? "PAD" : "END"));
        }
    }

    private Optional<OptionDefinition> definition(MapElement m, String space, Optional<String> name,
            Optional<Long> code) throws ConfigException {
        if (code.isEmpty()) {
            Optional<OptionDefinition> byName = definitions.byName(space, name.orElseThrow());
            if (byName.isEmpty() && classOptions) {
                throw new ConfigException(Fields.at(m, "name"), "definition for the option '" + space + "."
                        + name.get() + "' does not exist");
            }
            if (byName.isEmpty()) {
                // kea-dhcp6 leaves the code out of this text, kea-dhcp4 says '0'.
                throw new ConfigException(Fields.at(m, "name"), "definition for the option '" + space + "."
                        + name.get() + (definitions.universe() == Universe.V6 ? "" : "' having code '0")
                        + "' does not exist");
            }
            return byName;
        }
        int c = code.get().intValue();
        Optional<OptionDefinition> byCode = definitions.byCode(space, c);
        if (byCode.isPresent() && name.isPresent() && !byCode.get().name().equals(name.get())) {
            throw new ConfigException(Fields.at(m, "name"), "specified option name '" + name.get()
                    + "' does not match the option definition: '" + space + "." + byCode.get().name() + "'");
        }
        if (byCode.isEmpty() && name.isPresent()) {
            throw new ConfigException(Fields.at(m, "name"), "definition for the option '" + space + "."
                    + name.get() + "' having code '" + c + "' does not exist");
        }
        return byCode;
    }

    private static byte[] encode(MapElement m, String space, Optional<OptionDefinition> def, String data,
            boolean csv) throws ConfigException {
        if (def.isEmpty()) {
            // Kea only takes an option it has no definition for as raw hex (csv-format false).
            if (csv) {
                throw new ConfigException(m.position(), "definition for the option '" + space + ".' having code '"
                        + Fields.integer(m, "code").orElseThrow() + "' does not exist");
            }
            return hex(m, data);
        }
        if (!csv) {
            hex(m, data);
        }
        try {
            return OptionValues.fromText(def.get(), data, csv);
        } catch (WireFormatException e) {
            // The wire layer's message already carries Kea's "option data does not match ..." prefix.
            throw new ConfigException(Fields.at(m, "data"), e.getMessage());
        }
    }

    private static byte[] hex(MapElement m, String data) throws ConfigException {
        try {
            return OptionValues.fromHex(data);
        } catch (WireFormatException e) {
            throw new ConfigException(Fields.at(m, "data"),
                    "option data is not a valid string of hexadecimal digits: " + data);
        }
    }
}
