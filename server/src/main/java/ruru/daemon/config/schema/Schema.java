package ruru.daemon.config.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * The allowed keys of one kind of configuration map, each with its value {@link Kind} and
 * {@link Status}. Built once with {@link #builder()}, immutable, shared by every check.
 *
 * <p>{@link #check} is the seam between text and meaning: what it returns has only known keys, every
 * value of its declared type and range, {@code comment} folded into {@code user-context}. The typed
 * parsers that follow (subnets, pools, reservations) can therefore cast without re-checking shapes
 * and keep to semantic checks (overlaps, duplicate ids, address syntax).
 */
public final class Schema {

    /** Kea's wording for a key its {@code SimpleParser::checkKeywords} does not know. */
    static final Function<String, String> SPURIOUS = key -> "spurious '" + key + "' parameter";

    private final Map<String, Field> fields;
    private final boolean userContext;
    private final Kind otherKeys;
    private final Function<String, String> unknownKey;
    private final boolean unplacedKeywordErrors;

    private Schema(Builder b) {
        this.unplacedKeywordErrors = b.unplacedKeywordErrors;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
        this.userContext = b.userContext;
        this.otherKeys = b.otherKeys;
        this.unknownKey = b.unknownKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A declared key: its value kind and whether ruru implements it. */
    public record Field(Kind kind, Status status) {
        public Field {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
        }
    }

    /** The normalized map and every problem found, in document order. */
    public record Result(MapElement normalized, List<Problem> problems) {
        public Result {
            Objects.requireNonNull(normalized, "normalized");
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks {@code map} and returns its normalized copy.
     *
     * @throws ConfigException for the first problem in document order, at the offending value
     */
    public MapElement check(MapElement map) throws ConfigException {
        Result result = validate(map);
        if (!result.ok()) {
            throw result.problems().getFirst().toException();
        }
        return result.normalized();
    }

    /** Checks everything and reports all problems, for tools and tests that want the full list. */
    public Result validate(MapElement map) {
        Validation v = new Validation();
        MapElement normalized = v.map(this, map);
        return new Result(normalized, v.problems());
    }

    public Set<String> keys() {
        return fields.keySet();
    }

    public Optional<Field> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** Whether {@code comment} and {@code user-context} are allowed here (as Kea's grammar has them). */
    public boolean allowsUserContext() {
        return userContext;
    }

    /** The kind of keys not declared, for open maps such as {@code dhcp-queue-control}; else empty. */
    public Optional<Kind> otherKeys() {
        return Optional.ofNullable(otherKeys);
    }

    /**
     * Whether a wrong type or an unknown key here is reported without a position, as Kea's
     * {@code SimpleParser::checkKeywords} words it (option-data entries read over the control channel).
     */
    boolean unplacedKeywordErrors() {
        return unplacedKeywordErrors;
    }

    String unknownKeyMessage(String key) {
        return unknownKey.apply(key);
    }

    public static final class Builder {
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private boolean userContext;
        private Kind otherKeys;
        private Function<String, String> unknownKey = SPURIOUS;
        private boolean unplacedKeywordErrors;

        private Builder() {
        }

        /** Wrong types and unknown keys of this map's own keys carry no position (see {@link #unplacedKeywordErrors()}). */
        public Builder unplacedKeywordErrors() {
            this.unplacedKeywordErrors = true;
            return this;
        }

        public Builder key(String name, Kind kind) {
            return key(name, kind, Status.SUPPORTED);
        }

        public Builder key(String name, Kind kind, Status status) {
            Objects.requireNonNull(name, "name");
            if (name.equals("comment") || name.equals("user-context")) {
                throw new IllegalArgumentException("use userContext() for '" + name + "'");
            }
            if (fields.putIfAbsent(name, new Field(kind, status)) != null) {
                throw new IllegalStateException("key '" + name + "' declared twice");
            }
            return this;
        }

        /** Several supported keys of the same kind. */
        public Builder keys(Kind kind, String... names) {
            for (String n : names) {
                key(n, kind);
            }
            return this;
        }

        /** Kea keys of a feature ruru does not implement yet; their values are not looked at. */
        public Builder notYet(String feature, String... names) {
            Status status = Status.notYet(feature);
            for (String n : names) {
                key(n, Kind.any(), status);
            }
            return this;
        }

        /**
         * Kea keys of a feature ruru does not implement yet, accepted only with the value {@code off}
         * that leaves the feature off (the default Kea's config-get prints).
         */
        public Builder notYetUnless(Element off, String feature, String... names) {
            Status status = new Status.NotYet(feature, java.util.Optional.of(off));
            for (String n : names) {
                key(n, Kind.any(), status);
            }
            return this;
        }

        /** Allows {@code user-context} (a map, kept unchanged) and {@code comment} (folded into it). */
        public Builder userContext() {
            this.userContext = true;
            return this;
        }

        /** Accepts undeclared keys of this kind (Kea lets queue implementations take extra keys). */
        public Builder otherKeys(Kind kind) {
            this.otherKeys = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** Replaces Kea's default {@code spurious 'x' parameter} wording for unknown keys. */
        public Builder unknownKey(Function<String, String> message) {
            this.unknownKey = Objects.requireNonNull(message, "message");
            return this;
        }

        /** Adds a shared group of keys (e.g. those subnets inherit from shared networks). */
        public Builder apply(Consumer<Builder> group) {
            group.accept(this);
            return this;
        }

        public Schema build() {
            return new Schema(this);
        }
    }
}
