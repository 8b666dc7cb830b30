package ruru.wire.v4;

import java.util.Optional;

/** Kea's option data types, by the names users write in "option-def" ("type", "record-types"). */
public enum OptionDataType {
    BINARY("binary"), BOOLEAN("boolean"), EMPTY("empty"), FQDN("fqdn"), IPV4_ADDRESS("ipv4-address"),
    IPV6_ADDRESS("ipv6-address"), IPV6_PREFIX("ipv6-prefix"), PSID("psid"), RECORD("record"), STRING("string"),
    TUPLE("tuple"), UINT8("uint8"), UINT16("uint16"), UINT32("uint32"), INT8("int8"), INT16("int16"), INT32("int32"),
    /**
     * Kea's "internal": options with their own codec and text form (classless-static-route, v4-dnr).
     * Not accepted in a user's option-def.
     */
    INTERNAL("internal");

    private final String keaName;

    OptionDataType(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    public static Optional<OptionDataType> byKeaName(String name) {
        for (OptionDataType t : values()) {
            if (t.keaName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Bytes a value of this type always takes, or -1 when variable. */
    int fixedSize() {
        return switch (this) {
            case BOOLEAN, UINT8, INT8 -> 1;
            case UINT16, INT16 -> 2;
            case UINT32, INT32, IPV4_ADDRESS -> 4;
            case IPV6_ADDRESS -> 16;
            case PSID -> 3;
            case EMPTY -> 0;
            default -> -1;
        };
    }

    boolean isInteger() {
        return switch (this) {
            case UINT8, UINT16, UINT32, INT8, INT16, INT32 -> true;
            default -> false;
        };
    }
}
