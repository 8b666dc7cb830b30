package ruru.json;

import java.util.Objects;

/** A JSON string. Kea strings are byte strings; here they hold the UTF-8 decoding of those bytes. */
public record StringElement(String value, Position position) implements Element {

    public StringElement {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringElement s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
