package ruru.json;

import java.util.Objects;

/** JSON {@code null}. */
public record NullElement(Position position) implements Element {

    public NullElement {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NullElement;
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
