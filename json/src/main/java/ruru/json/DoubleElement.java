package ruru.json;

import java.util.Objects;

/** A JSON number with a fraction or exponent. */
public record DoubleElement(double value, Position position) implements Element {

    public DoubleElement {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String typeName() {
        return "real";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleElement d && Double.compare(d.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }
}
