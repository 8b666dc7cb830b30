package ruru.json;

import java.util.Objects;

/** A JSON integer: 64-bit signed, as Kea's. */
public record IntElement(long value, Position position) implements Element {

    public IntElement {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String typeName() {
        return "integer";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntElement i && i.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
