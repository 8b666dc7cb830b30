package ruru.daemon.config.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a configuration value must look like. Only shape is checked here (JSON type, integer range,
 * enum membership); meaning (address syntax, pool inside subnet, unique ids) is the typed parser's.
 */
public sealed interface Kind {

    /** The JSON type name Kea uses in its messages ({@code Element::typeToName}). */
    String typeName();

    static Kind string() {
        return Str.PLAIN;
    }

    /** A string that holds an IPv4 address; checked only as a string here. */
    static Kind ipv4() {
        return Str.IPV4;
    }

    /** A string that holds an IPv6 address; checked only as a string here. */
    static Kind ipv6() {
        return Str.IPV6;
    }

    static Kind integer() {
        return new Int(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Kind integer(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + " - " + max);
        }
        return new Int(min, max);
    }

    static Kind real() {
        return new Real();
    }

    static Kind bool() {
        return new Bool();
    }

    /** Anything at all, kept as is. */
    static Kind any() {
        return new AnyValue();
    }

    /** A map whose content is not ours to check (user-context, hook parameters). */
    static Kind anyMap() {
        return new AnyMap();
    }

    static Kind map(Schema schema) {
        return new MapOf(schema);
    }

    static Kind list(Kind item) {
        return new ListOf(item);
    }

    /** A list whose malformations Kea words its own way at this place (see {@link ListTexts}). */
    static Kind list(Kind item, ListTexts texts) {
        return new ListOf(item, texts);
    }

    /**
     * How Kea words a malformed list where its parser reads it with {@code listValue()} and
     * {@code mapValue()} rather than checking it first: {@code notList} and {@code entryNotMap}
     * take the offending element's position for {@code %s} (null: ruru's usual
     * {@code 'x' parameter is not a list (pos)}); {@code entryNamesParent}: an entry's text also
     * names the enclosing map's position (Kea's shared-network parser appends it to such errors);
     * {@code appendOwnPosition}: every error inside the list gets the list's position appended
     * (Kea's pool parser does that to option-data errors).
     */
    record ListTexts(String notList, String entryNotMap, boolean entryNamesParent, boolean appendOwnPosition) {
        static final ListTexts PLAIN = new ListTexts(null, null, false, false);
    }

    /** A string from a fixed set, every value supported. */
    static Kind oneOf(String... values) {
        Map<String, Status> choices = new LinkedHashMap<>();
        for (String v : values) {
            choices.put(v, Status.SUPPORTED);
        }
        return new Choice(choices);
    }

    /** Starts a string enum whose values may differ in status. */
    static ChoiceBuilder choice() {
        return new ChoiceBuilder();
    }

    record Str(String label) implements Kind {
        static final Str PLAIN = new Str("string");
        static final Str IPV4 = new Str("IPv4 address");
        static final Str IPV6 = new Str("IPv6 address");

        @Override
        public String typeName() {
            return "string";
        }
    }

    record Int(long min, long max) implements Kind {
        @Override
        public String typeName() {
            return "integer";
        }

        boolean bounded() {
            return min != Long.MIN_VALUE || max != Long.MAX_VALUE;
        }
    }

    record Real() implements Kind {
        @Override
        public String typeName() {
            return "real";
        }
    }

    record Bool() implements Kind {
        @Override
        public String typeName() {
            return "boolean";
        }
    }

    record AnyValue() implements Kind {
        @Override
        public String typeName() {
            return "any";
        }
    }

    record AnyMap() implements Kind {
        @Override
        public String typeName() {
            return "map";
        }
    }

    record MapOf(Schema schema) implements Kind {
        public MapOf {
            Objects.requireNonNull(schema, "schema");
        }

        @Override
        public String typeName() {
            return "map";
        }
    }

    record ListOf(Kind item, ListTexts texts) implements Kind {
        public ListOf {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(texts, "texts");
        }

        public ListOf(Kind item) {
            this(item, ListTexts.PLAIN);
        }

        @Override
        public String typeName() {
            return "list";
        }
    }

    /** A string enum; each value carries its own status (e.g. lease backend "mysql" not yet). */
    record Choice(Map<String, Status> values) implements Kind {
        public Choice {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an enum needs values");
            }
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    final class ChoiceBuilder {
        private final Map<String, Status> values = new LinkedHashMap<>();

        private ChoiceBuilder() {
        }

        public ChoiceBuilder supported(String... names) {
            for (String n : names) {
                values.put(n, Status.SUPPORTED);
            }
            return this;
        }

        public ChoiceBuilder notYet(String feature, String... names) {
            for (String n : names) {
                values.put(n, Status.notYet(feature));
            }
            return this;
        }

        public Kind build() {
            return new Choice(values);
        }
    }
}
