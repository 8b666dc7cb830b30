package ruru.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object. Entries keep the order they were read in (the writer sorts keys, as Kea does);
 * the map is unmodifiable: {@link #with} and {@link #without} return changed copies.
 */
public final class MapElement implements Element {

    private final Map<String, Element> entries;
    private final Position position;
    private final Map<String, Position> keyPositions;

    public MapElement(Map<String, ? extends Element> entries, Position position) {
        this(entries, position, Map.of());
    }

    /** {@code keyPositions}: where each key was read (not part of equality). */
    public MapElement(Map<String, ? extends Element> entries, Position position, Map<String, Position> keyPositions) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.position = Objects.requireNonNull(position, "position");
        this.keyPositions = Map.copyOf(keyPositions);
    }

    /**
     * Where {@code key} itself was read, {@link Position#NONE} when not known. Kea's file grammar
     * places a list or map value at its key; ruru's elements are at their opening bracket.
     */
    public Position keyPosition(String key) {
        return keyPositions.getOrDefault(key, Position.NONE);
    }

    /** Every key's position that is known. */
    public Map<String, Position> keyPositions() {
        return keyPositions;
    }

    public static MapElement empty() {
        return new MapElement(Map.of(), Position.NONE);
    }

    public static Builder builder() {
        return new Builder(Position.NONE);
    }

    public static Builder builder(Position position) {
        return new Builder(position);
    }

    @Override
    public Position position() {
        return position;
    }

    @Override
    public String typeName() {
        return "map";
    }

    public Map<String, Element> entries() {
        return entries;
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public Element get(String key) {
        return entries.get(key);
    }

    public Optional<Element> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A copy with {@code key} set to {@code value} (replacing in place, or appended). */
    public MapElement with(String key, Element value) {
        Map<String, Element> copy = new LinkedHashMap<>(entries);
        copy.put(key, Objects.requireNonNull(value, "value"));
        return new MapElement(copy, position, keyPositions);
    }

    /** A copy without {@code key}. */
    public MapElement without(String key) {
        if (!entries.containsKey(key)) {
            return this;
        }
        Map<String, Element> copy = new LinkedHashMap<>(entries);
        copy.remove(key);
        Map<String, Position> keys = new LinkedHashMap<>(keyPositions);
        keys.remove(key);
        return new MapElement(copy, position, keys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapElement m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "MapElement" + entries;
    }

    /** Builds a map in insertion order. */
    public static final class Builder {
        private final Map<String, Element> entries = new LinkedHashMap<>();
        private final Position position;

        private Builder(Position position) {
            this.position = position;
        }

        public Builder put(String key, Element value) {
            entries.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, Element.of(value));
        }

        public Builder put(String key, long value) {
            return put(key, Element.of(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, Element.of(value));
        }

        public MapElement build() {
            return new MapElement(entries, position);
        }
    }
}
