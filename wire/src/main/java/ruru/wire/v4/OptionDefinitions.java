package ruru.wire.v4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.wire.Universe;
import ruru.wire.WireFormatException;

/**
 * An immutable registry of option definitions by space, code and name: Kea's standard DHCPv4 table
 * plus a configuration's "option-def" entries. Lookups prefer a custom definition, then a standard
 * one, then Kea's last-resort definition of option 43 (which users may redefine).
 */
public final class OptionDefinitions {

    private static final OptionDefinitions STANDARD = new OptionDefinitions(Universe.V4, StandardV4Definitions.all(),
            List.of());

    private final Universe universe;
    private final List<OptionDefinition> standard;
    private final List<OptionDefinition> custom;
    private final Map<String, Map<Integer, OptionDefinition>> byCode = new HashMap<>();
    private final Map<String, Map<String, OptionDefinition>> byName = new HashMap<>();
    private final OptionDefinition lastResort43;

    private OptionDefinitions(Universe universe, List<OptionDefinition> standard, List<OptionDefinition> custom) {
        this.universe = universe;
        this.standard = standard;
        this.custom = custom;
        this.lastResort43 = universe == Universe.V4 ? StandardV4Definitions.lastResort43() : null;
        for (OptionDefinition d : standard) {
            index(d);
        }
        for (OptionDefinition d : custom) {
            index(d);
        }
    }

    private void index(OptionDefinition d) {
        byCode.computeIfAbsent(d.space(), s -> new HashMap<>()).put(d.code(), d);
        byName.computeIfAbsent(d.space(), s -> new HashMap<>()).put(d.name(), d);
    }

    /** Kea's standard DHCPv4 definitions: "dhcp4", "dhcp-agent-options-space" and the DOCSIS 3 vendor space. */
    public static OptionDefinitions standardV4() {
        return STANDARD;
    }

    /** A registry of a family's standard table (the DHCPv6 one is built this way by {@code ruru.wire.v6}). */
    public static OptionDefinitions ofStandard(Universe universe, List<OptionDefinition> table) {
        List<OptionDefinition> own = new ArrayList<>();
        for (OptionDefinition d : table) {
            own.add(d.in(universe));
        }
        return new OptionDefinitions(universe, List.copyOf(own), List.of());
    }

    /** The family whose spaces these are. */
    public Universe universe() {
        return universe;
    }

    public Optional<OptionDefinition> byName(String space, String name) {
        Map<String, OptionDefinition> m = byName.get(space);
        OptionDefinition d = m == null ? null : m.get(name);
        if (d == null && lastResort43 != null && space.equals(lastResort43.space())
                && name.equals(lastResort43.name())) {
            d = lastResort43;
        }
        return Optional.ofNullable(d);
    }

    public Optional<OptionDefinition> byCode(String space, int code) {
        Map<Integer, OptionDefinition> m = byCode.get(space);
        OptionDefinition d = m == null ? null : m.get(code);
        if (d == null && lastResort43 != null && space.equals(lastResort43.space()) && code == lastResort43.code()) {
            d = lastResort43;
        }
        return Optional.ofNullable(d);
    }

    /** The configuration's own definitions, in the order given. */
    public List<OptionDefinition> custom() {
        return custom;
    }

    /** Every definition of a space (standard and custom), for listing. */
    public List<OptionDefinition> inSpace(String space) {
        Map<Integer, OptionDefinition> m = byCode.get(space);
        List<OptionDefinition> list = m == null ? new ArrayList<>() : new ArrayList<>(m.values());
        list.sort(java.util.Comparator.comparingInt(OptionDefinition::code));
        return List.copyOf(list);
    }

    /** True for a code Kea defines itself in that space (such a code cannot be redefined). */
    public static boolean isStandard(String space, int code) {
        return STANDARD.standardCode(space, code);
    }

    private boolean standardCode(String space, int code) {
        for (OptionDefinition d : standard) {
            if (d.code() == code && d.space().equals(space)) {
                return true;
            }
        }
        return false;
    }

    private boolean standardName(String space, String name) {
        for (OptionDefinition d : standard) {
            if (d.name().equals(name) && d.space().equals(space)) {
                return true;
            }
        }
        return false;
    }

    /**
     * This registry plus {@code definitions}, each checked as Kea checks an "option-def" entry.
     * The message is Kea's text (without the config position, which the caller knows).
     */
    public OptionDefinitions withCustom(List<OptionDefinition> definitions) throws WireFormatException {
        List<OptionDefinition> all = new ArrayList<>(custom);
        for (OptionDefinition given : definitions) {
            OptionDefinition d = given.in(universe);
            validate(d);
            for (OptionDefinition other : all) {
                if (other.space().equals(d.space()) && other.code() == d.code()) {
                    throw new WireFormatException("option definition with code '" + d.code()
                            + "' already exists in option space '" + d.space() + "'");
                }
                if (other.space().equals(d.space()) && other.name().equals(d.name())) {
                    throw new WireFormatException("option definition with name '" + d.name()
                            + "' already exists in option space '" + d.space() + "'");
                }
            }
            if (standardCode(d.space(), d.code())) {
                throw new WireFormatException("unable to override definition of option '" + d.code()
                        + "' in standard option space '" + d.space() + "'");
            }
            if (standardName(d.space(), d.name())) {
                throw new WireFormatException("unable to override definition of option '" + d.name()
                        + "' in standard option space '" + d.space() + "'");
            }
            all.add(d);
        }
        return new OptionDefinitions(universe, standard, List.copyOf(all));
    }

    /**
     * This registry with {@code definitions} laid over it: each replaces whatever the registry
     * has under the same space and code (a client class's own "option-def", which may redefine
     * option 43 or a private code the global configuration defines too). No checks are made.
     */
    public OptionDefinitions overlay(List<OptionDefinition> definitions) {
        if (definitions.isEmpty()) {
            return this;
        }
        List<OptionDefinition> all = new ArrayList<>(custom);
        all.addAll(definitions);
        return new OptionDefinitions(universe, standard, List.copyOf(all));
    }

    /**
     * Builds a definition from an "option-def" entry's text fields (type and record-types as Kea
     * spells them), checked as {@link #withCustom} would.
     */
    public static OptionDefinition parse(String name, long code, String space, String type, boolean array,
            String recordTypes, String encapsulate) throws WireFormatException {
        if (code > 255) {
            throw new WireFormatException("invalid option code '" + code + "', it must not be greater than '255'");
        }
        if (code < 0) {
            throw new WireFormatException("invalid option code '" + code + "'");
        }
        OptionDataType t = OptionDataType.byKeaName(type.trim())
                .filter(x -> x != OptionDataType.INTERNAL)
                .orElseThrow(() -> new WireFormatException("option type '" + type + "' not supported."));
        List<OptionDataType> fields = new ArrayList<>();
        for (String token : recordTypes.split(",")) {
            String f = token.trim();
            if (f.isEmpty()) {
                continue;
            }
            if (t != OptionDataType.RECORD) {
                throw new WireFormatException("invalid record type values specified for the option definition: "
                        + "'record' option type must be used instead of '" + t.keaName()
                        + "' to add data fields to the record");
            }
            OptionDataType ft = OptionDataType.byKeaName(f).orElse(null);
            if (ft == null || ft == OptionDataType.RECORD || ft == OptionDataType.EMPTY
                    || ft == OptionDataType.INTERNAL) {
                throw new WireFormatException("invalid record type values specified for the option definition: "
                        + "attempted to add invalid data type '" + (ft == null ? "unknown" : ft.keaName())
                        + "' to the record.");
            }
            fields.add(ft);
        }
        OptionDefinition d = new OptionDefinition(name, (int) code, space, t, array, fields, encapsulate);
        validate(d);
        return d;
    }

    /** Kea's OptionDefinition::validate and option-def parser checks, with Kea's texts. */
    static void validate(OptionDefinition d) throws WireFormatException {
        if (!validName(d.name())) {
            throw new WireFormatException("invalid option name '" + d.name() + "'");
        }
        if (!validName(d.space())) {
            throw new WireFormatException("invalid option space name: '" + d.space() + "'");
        }
        if (!d.encapsulate().isEmpty() && !validName(d.encapsulate())) {
            throw new WireFormatException("invalid encapsulated option space name: '" + d.encapsulate() + "'");
        }
        int maxCode = d.universe().maxCode();
        if (d.code() < 0 || d.code() > maxCode) {
            throw new WireFormatException("invalid option code '" + d.code() + "', it must not be greater than '"
                    + maxCode + "'");
        }
        if (d.space().equals(StandardV4Definitions.DHCP4) && d.code() == 0) {
            throw new WireFormatException("invalid option code '0': reserved for PAD");
        }
        if (d.space().equals(StandardV4Definitions.DHCP4) && d.code() == 255) {
            throw new WireFormatException("invalid option code '255': reserved for END");
        }
        if (d.type() == OptionDataType.INTERNAL) {
            throw new WireFormatException("option type 'internal' not supported.");
        }
        if (!d.encapsulate().isEmpty()) {
            String where = d.space() + "." + d.name();
            if (d.array()) {
                throw new WireFormatException("option '" + where + "', comprising an array of data fields may not"
                        + " encapsulate any option space");
            }
            if (d.encapsulate().equals(d.space())) {
                throw new WireFormatException("option must not encapsulate an option space it belongs to: '"
                        + where + "' is set to encapsulate '" + d.space() + "'");
            }
        }
        if (d.type() != OptionDataType.RECORD && !d.recordTypes().isEmpty()) {
            throw new WireFormatException("invalid record type values specified for the option definition: "
                    + "'record' option type must be used instead of '" + d.type().keaName()
                    + "' to add data fields to the record");
        }
        if (d.type() == OptionDataType.RECORD) {
            List<OptionDataType> fields = d.recordTypes();
            if (fields.size() < 2) {
                throw new WireFormatException("invalid number of data fields: " + fields.size()
                        + " specified for the option of type 'record'. Expected at least 2 fields.");
            }
            for (int i = 0; i < fields.size(); i++) {
                OptionDataType f = fields.get(i);
                boolean last = i == fields.size() - 1;
                if (f == OptionDataType.RECORD || f == OptionDataType.INTERNAL) {
                    throw new WireFormatException("invalid record type values specified for the option definition: "
                            + "attempted to add invalid data type '" + f.keaName() + "' to the record.");
                }
                if (f == OptionDataType.STRING && !last) {
                    throw new WireFormatException("string data field can't be laid before data fields of other types.");
                }
                if (f == OptionDataType.BINARY && !last) {
                    throw new WireFormatException("binary data field can't be laid before data fields of other types.");
                }
                if (f == OptionDataType.EMPTY) {
                    throw new WireFormatException("empty data type can't be stored as a field in an option record.");
                }
            }
            OptionDataType last = fields.get(fields.size() - 1);
            if (d.array() && last == OptionDataType.STRING) {
                throw new WireFormatException("array of strings is not a valid option definition.");
            }
            if (d.array() && last == OptionDataType.BINARY) {
                throw new WireFormatException("array of binary values is not a valid option definition.");
            }
        } else if (d.array()) {
            switch (d.type()) {
                case STRING -> throw new WireFormatException("array of strings is not a valid option definition.");
                case BINARY -> throw new WireFormatException("array of binary values is not a valid option definition.");
                case EMPTY -> throw new WireFormatException("array of empty value is not a valid option definition.");
                default -> {
                }
            }
        }
    }

    /** Kea's rule for option and space names: letters, digits, '-' and '_', not starting or ending with '-' or '_'. */
    static boolean validName(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        return first != '-' && first != '_' && last != '-' && last != '_';
    }
}
