package ruru.wire.v4;

import java.util.List;
import java.util.Objects;

import ruru.wire.Universe;

/**
 * One option definition, as Kea's "option-def" entries and standard tables describe it. For a
 * record, {@code recordTypes} lists the fields and {@code array} makes the last field repeat.
 * {@code encapsulate} names the option space of the sub-options carried after the data ("" when none).
 * {@code universe} is the family of the space (tuples have 1-byte lengths in DHCPv4, 2 in DHCPv6).
 */
public record OptionDefinition(String name, int code, String space, OptionDataType type, boolean array,
        List<OptionDataType> recordTypes, String encapsulate, Universe universe) {

    public OptionDefinition {
        recordTypes = List.copyOf(recordTypes);
        encapsulate = encapsulate == null ? "" : encapsulate;
        Objects.requireNonNull(universe, "universe");
    }

    /** A DHCPv4 definition. */
    public OptionDefinition(String name, int code, String space, OptionDataType type, boolean array,
            List<OptionDataType> recordTypes, String encapsulate) {
        this(name, code, space, type, array, recordTypes, encapsulate, Universe.V4);
    }

    /** This definition in {@code u}'s family. */
    public OptionDefinition in(Universe u) {
        return u == universe ? this : new OptionDefinition(name, code, space, type, array, recordTypes, encapsulate, u);
    }

    public static OptionDefinition of(String name, int code, String space, OptionDataType type, boolean array) {
        return new OptionDefinition(name, code, space, type, array, List.of(), "");
    }

    public static OptionDefinition record(String name, int code, String space, boolean array, OptionDataType... fields) {
        return new OptionDefinition(name, code, space, OptionDataType.RECORD, array, List.of(fields), "");
    }

    public static OptionDefinition encapsulating(String name, int code, String space, OptionDataType type,
            String encapsulated) {
        return new OptionDefinition(name, code, space, type, false, List.of(), encapsulated);
    }

    /** Kea's "record-types" text: the field names joined by ", ". */
    public String recordTypesText() {
        StringBuilder sb = new StringBuilder();
        for (OptionDataType t : recordTypes) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(t.keaName());
        }
        return sb.toString();
    }
}
