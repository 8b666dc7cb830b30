package ruru.dhcp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;
import ruru.wire.Universe;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;

/** Kea's {@code option-def} list: custom definitions added to a family's standard ones. */
public final class OptionDefParser {

    /** Kea's option name rule (OptionDefinition::validate). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private OptionDefParser() {
    }

    public static OptionDefinitions parse(MapElement daemon, OptionDefinitions standard) throws ConfigException {
        OptionDefinitions result = standard;
        List<OptionDefinition> custom = new ArrayList<>();
        for (MapElement m : Fields.maps(daemon, "option-def")) {
            custom.add(definition(m, standard.universe()));
            try {
                // Adding the list so far (not one by one) lets the registry check the new one against
                // the earlier custom ones, and the error lands on the definition that caused it.
                result = standard.withCustom(List.copyOf(custom));
            } catch (WireFormatException e) {
                throw new ConfigException(m.position(), e.getMessage());
            }
        }
        return result;
    }

    /**
     * A DHCPv4 client class's own {@code option-def} list laid over the configuration's definitions.
     * Kea lets a class define only option 43 and the private codes 224-254 of the dhcp4 space: what
     * it re-decodes in a member's query and encodes in its reply.
     */
    public static OptionDefinitions classDefinitions(MapElement classMap, OptionDefinitions base)
            throws ConfigException {
        List<OptionDefinition> own = new ArrayList<>();
        for (MapElement m : Fields.maps(classMap, "option-def")) {
            OptionDefinition d = definition(m, Universe.V4);
            boolean allowed = d.space().equals(OptionValue.DHCP4)
                    && (d.code() == ruru.wire.v4.OptionCodes.VENDOR_ENCAPSULATED_OPTIONS
                        || (d.code() >= 224 && d.code() <= 254));
            if (!allowed) {
                throw new ConfigException("Not allowed option definition for code '" + d.code() + "' in space '"
                        + d.space() + "' at (" + m.position() + ")");
            }
            for (OptionDefinition other : own) {
                if (other.code() == d.code() || other.name().equals(d.name())) {
                    throw new ConfigException(m.position(), "option definition with "
                            + (other.code() == d.code() ? "code '" + d.code() : "name '" + d.name())
                            + "' already exists in option space '" + d.space() + "'");
                }
            }
            own.add(d);
        }
        return base.overlay(own);
    }

    /** One {@code option-def} entry of a family, with Kea's checks and texts. */
    public static OptionDefinition definition(MapElement m, Universe universe) throws ConfigException {
        String name = Fields.require(m, "name").asString().orElseThrow();
        long code = Fields.require(m, "code").asLong().orElseThrow();
        String typeName = Fields.require(m, "type").asString().orElseThrow();
        String ownSpace = universe == Universe.V4 ? "dhcp4" : "dhcp6";
        String space = Fields.string(m, "space", ownSpace);
        if (code < 0 || code > universe.maxCode()) {
            throw new ConfigException(Fields.at(m, "code"), "invalid option code '" + (code & 0xFFFF_FFFFL)
                    + "', it must not be greater than '" + universe.maxCode() + "'");
        }
        if (universe == Universe.V4 && space.equals(ownSpace) && (code == 0 || code == 255)) {
            throw new ConfigException(Fields.at(m, "code"),
                    "invalid option code '" + code + "': reserved for " + (code == 0 ? "PAD" : "END"));
        }
        if (universe == Universe.V6 && space.equals(ownSpace) && code == 0) {
            throw new ConfigException(Fields.at(m, "code"), "invalid option code '0': reserved value");
        }
        if (!OptionDataParser.SPACE_NAME.matcher(space).matches()) {
            throw new ConfigException(Fields.at(m, "space"), "invalid option space name '" + space + "'");
        }
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(m.position(), "invalid option name '" + name + "'");
        }
        Optional<OptionDataType> type = OptionDataType.byKeaName(typeName);
        if (type.isEmpty()) {
            // Kea 2.2 prints the number of its "unknown" type enum here, whatever the name was.
            throw new ConfigException(m.position(), "option type 18 not supported.");
        }
        List<OptionDataType> recordTypes = new ArrayList<>();
        String records = Fields.string(m, "record-types", "");
        if (!records.isBlank()) {
            for (String part : records.split(",")) {
                Optional<OptionDataType> t = OptionDataType.byKeaName(part.trim());
                if (t.isEmpty()) {
                    throw new ConfigException(Fields.at(m, "record-types"), "invalid record type values specified"
                            + " for the option definition: attempted to add invalid data type 'unknown' to the record.");
                }
                recordTypes.add(t.get());
            }
        }
        if (type.get() == OptionDataType.RECORD && recordTypes.size() < 2) {
            throw new ConfigException(m.position(), "invalid number of data fields: " + recordTypes.size()
                    + " specified for the option of type 'record'. Expected at least 2 fields.");
        }
        return new OptionDefinition(name, (int) code, space, type.get(), Fields.bool(m, "array", false),
                List.copyOf(recordTypes), Fields.string(m, "encapsulate", ""), universe);
    }
}
