package ruru.json;

import java.util.List;
import java.util.Optional;

/**
 * A JSON value with the position it was read from. Elements are immutable; equality is structural
 * and ignores positions, so a parsed tree equals the same tree built in code.
 */
public sealed interface Element
        permits MapElement, ListElement, StringElement, IntElement, DoubleElement, BoolElement, NullElement {

    Position position();

    /** Kea's name for the type, used in error messages: map, list, string, integer, real, boolean, null. */
    String typeName();

    /** Convenience for building trees in code. */
    static StringElement of(String value) {
        return new StringElement(value, Position.NONE);
    }

    static IntElement of(long value) {
        return new IntElement(value, Position.NONE);
    }

    static BoolElement of(boolean value) {
        return new BoolElement(value, Position.NONE);
    }

    static DoubleElement of(double value) {
        return new DoubleElement(value, Position.NONE);
    }

    static ListElement list(List<? extends Element> items) {
        return new ListElement(List.copyOf(items), Position.NONE);
    }

    static ListElement list(Element... items) {
        return new ListElement(List.of(items), Position.NONE);
    }

    default Optional<MapElement> asMap() {
        return this instanceof MapElement m ? Optional.of(m) : Optional.empty();
    }

    default Optional<ListElement> asList() {
        return this instanceof ListElement l ? Optional.of(l) : Optional.empty();
    }

    default Optional<String> asString() {
        return this instanceof StringElement s ? Optional.of(s.value()) : Optional.empty();
    }

    default Optional<Long> asLong() {
        return this instanceof IntElement i ? Optional.of(i.value()) : Optional.empty();
    }

    default Optional<Boolean> asBoolean() {
        return this instanceof BoolElement b ? Optional.of(b.value()) : Optional.empty();
    }
}
