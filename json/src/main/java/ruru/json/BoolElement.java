package ruru.json;

import java.util.Objects;

/** {@code true} or {@code false}; Kea refuses {@code True} and {@code False}. */
public record BoolElement(boolean value, Position position) implements Element {

    public BoolElement {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoolElement b && b.value == value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(value);
    }
}
