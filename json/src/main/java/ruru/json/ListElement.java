package ruru.json;

import java.util.List;
import java.util.Objects;

/** A JSON array. The list is unmodifiable. */
public record ListElement(List<Element> items, Position position) implements Element {

    public ListElement {
        items = List.copyOf(items);
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String typeName() {
        return "list";
    }

    public int size() {
        return items.size();
    }

    public Element get(int index) {
        return items.get(index);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListElement l && l.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }
}
