package ruru.daemon.config.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * What Kea fills into one kind of configuration map when a file leaves it out, as a table: the
 * values of Kea's {@code SimpleParser} default lists, what its {@code toElement} always prints, and
 * which keys a scope takes from the scope above ({@code deriveParameters}). Applied to the
 * normalized JSON, it gives the configuration as Kea's {@code config-get} and {@code config-write}
 * show it; it never changes what a daemon does, since the daemons parse the normalized form.
 *
 * <p>Rules run in the order declared, each seeing the map as the rules before it left it; nested
 * maps and list entries are filled in with the current map as their parent scope. A value given in
 * the file is never replaced.
 */
public final class Defaults {

    /** One line of the table. */
    sealed interface Rule permits Put, Inherit, SameAs, Nested, Each, Values, Sorted, Compute {
    }

    /** {@code key} gets {@code value} unless it, or any of {@code unless}, is present. */
    record Put(String key, Element value, List<String> unless) implements Rule {
    }

    /** {@code key} takes the parent scope's value when the parent has one (Kea's deriveParams). */
    record Inherit(String key) implements Rule {
    }

    /** {@code key} takes this map's value of {@code from} (a triplet's min/max print as its value). */
    record SameAs(String key, String from) implements Rule {
    }

    /** The map under {@code key} filled in by {@code node}; created empty first when {@code create}. */
    record Nested(String key, Defaults node, boolean create) implements Rule {
    }

    /** Each map entry of the list under {@code key} filled in by {@code item}; {@code []} when absent and {@code create}. */
    record Each(String key, Defaults item, boolean create) implements Rule {
    }

    /** Each map value of the map under {@code key} (a map by name, as the agent's sockets) filled in by {@code item}; {@code {}} when absent. */
    record Values(String key, Defaults item) implements Rule {
    }

    /** The map entries of the list under {@code key} in order of their string {@code field}. */
    record Sorted(String key, String field) implements Rule {
    }

    /** A value that depends on the whole configuration (option names and codes from definitions). */
    record Compute(BiFunction<MapElement, Context, MapElement> fill) implements Rule {
    }

    /** The configuration being filled in, for rules that look beyond their own map. */
    public static final class Context {
        private final MapElement root;
        private Object memo;

        Context(MapElement root) {
            this.root = root;
        }

        public MapElement root() {
            return root;
        }

        /** One value computed once per rendering (the option-name lookup). */
        @SuppressWarnings("unchecked")
        <T> T memo(java.util.function.Function<MapElement, T> make) {
            if (memo == null) {
                memo = make.apply(root);
            }
            return (T) memo;
        }
    }

    private final List<Rule> rules;

    private Defaults(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    List<Rule> rules() {
        return rules;
    }

    /** {@code map} with every absent default filled in (a top-level map: no parent scope). */
    public MapElement apply(MapElement map) {
        return apply(map, MapElement.empty(), new Context(map));
    }

    MapElement apply(MapElement map, MapElement parent, Context context) {
        MapElement out = map;
        for (Rule rule : rules) {
            out = switch (rule) {
                case Put p -> out.has(p.key()) || p.unless().stream().anyMatch(out::has) ? out
                        : out.with(p.key(), p.value());
                case Inherit i -> !out.has(i.key()) && parent.has(i.key()) ? out.with(i.key(), parent.get(i.key())) : out;
                case SameAs s -> !out.has(s.key()) && out.has(s.from()) ? out.with(s.key(), out.get(s.from())) : out;
                case Nested n -> nested(out, n, context);
                case Each e -> each(out, e, context);
                case Values v -> values(out, v, context);
                case Sorted s -> sorted(out, s);
                case Compute c -> c.fill().apply(out, context);
            };
        }
        return out;
    }

    private static MapElement nested(MapElement out, Nested n, Context context) {
        if (out.get(n.key()) instanceof MapElement m) {
            return out.with(n.key(), n.node().apply(m, out, context));
        }
        return n.create() && !out.has(n.key())
                ? out.with(n.key(), n.node().apply(MapElement.empty(), out, context)) : out;
    }

    private static MapElement each(MapElement out, Each e, Context context) {
        if (out.get(e.key()) instanceof ListElement list) {
            List<Element> items = new ArrayList<>(list.size());
            for (Element item : list.items()) {
                items.add(item instanceof MapElement m ? e.item().apply(m, out, context) : item);
            }
            return out.with(e.key(), new ListElement(items, list.position()));
        }
        return e.create() && !out.has(e.key()) ? out.with(e.key(), Element.list()) : out;
    }

    private static MapElement values(MapElement out, Values v, Context context) {
        if (!(out.get(v.key()) instanceof MapElement m)) {
            return out.has(v.key()) ? out : out.with(v.key(), MapElement.empty());
        }
        MapElement filled = m;
        for (String name : m.keys()) {
            if (m.get(name) instanceof MapElement item) {
                filled = filled.with(name, v.item().apply(item, out, context));
            }
        }
        return out.with(v.key(), filled);
    }

    private static MapElement sorted(MapElement out, Sorted s) {
        if (!(out.get(s.key()) instanceof ListElement list)) {
            return out;
        }
        List<Element> items = new ArrayList<>(list.items());
        items.sort(Comparator.comparing(e -> e instanceof MapElement m && m.get(s.field()) instanceof StringElement n
                ? n.value() : ""));
        return out.with(s.key(), new ListElement(items, list.position()));
    }

    /** Builds a table line by line; each method is one rule, run in this order. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        public Builder put(String key, Element value) {
            rules.add(new Put(key, Objects.requireNonNull(value, key), List.of()));
            return this;
        }

        public Builder put(String key, long value) {
            return put(key, Element.of(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, (Element) new BoolElement(value, Position.NONE));
        }

        public Builder put(String key, double value) {
            return put(key, Element.of(value));
        }

        public Builder put(String key, String value) {
            return put(key, Element.of(value));
        }

        /** A list of strings as the default. */
        public Builder strings(String key, String... values) {
            List<Element> items = new ArrayList<>();
            for (String v : values) {
                items.add(Element.of(v));
            }
            return put(key, Element.list(items));
        }

        /** {@code key} defaults to {@code value} only when none of {@code others} (its older spellings) is given. */
        public Builder putUnless(String key, Element value, String... others) {
            rules.add(new Put(key, value, List.of(others)));
            return this;
        }

        /** An empty list as the default. */
        public Builder emptyList(String key) {
            return put(key, Element.list());
        }

        public Builder inherit(String... keys) {
            for (String k : keys) {
                rules.add(new Inherit(k));
            }
            return this;
        }

        public Builder sameAs(String key, String from) {
            rules.add(new SameAs(key, from));
            return this;
        }

        /** The map under {@code key}, always present (created when absent). */
        public Builder map(String key, Defaults node) {
            rules.add(new Nested(key, node, true));
            return this;
        }

        /** The map under {@code key}, filled in only when the file has it. */
        public Builder mapIfPresent(String key, Defaults node) {
            rules.add(new Nested(key, node, false));
            return this;
        }

        /** A list of maps, {@code []} when absent, each entry filled in by {@code item}. */
        public Builder each(String key, Defaults item) {
            rules.add(new Each(key, item, true));
            return this;
        }

        /** A list of maps filled in entry by entry, left out when absent. */
        public Builder eachIfPresent(String key, Defaults item) {
            rules.add(new Each(key, item, false));
            return this;
        }

        /** A map of maps by name, {@code {}} when absent, each value filled in by {@code item}. */
        public Builder values(String key, Defaults item) {
            rules.add(new Values(key, item));
            return this;
        }

        public Builder sortedBy(String key, String field) {
            rules.add(new Sorted(key, field));
            return this;
        }

        public Builder compute(BiFunction<MapElement, Context, MapElement> fill) {
            rules.add(new Compute(fill));
            return this;
        }

        /** Adds a shared group of lines. */
        public Builder apply(java.util.function.Consumer<Builder> group) {
            group.accept(this);
            return this;
        }

        public Defaults build() {
            return new Defaults(rules);
        }
    }
}
