package ruru.daemon.config.schema;

import java.util.Objects;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.json.Position;

/**
 * One thing wrong with a configuration, where it is, and (for {@link Category#NOT_YET}) which
 * missing ruru feature it needs.
 */
public record Problem(Category category, Position position, String detail, Optional<String> feature) {

    public enum Category {
        /** A key Kea does not know here. */
        UNKNOWN_KEY,
        /** A value of the wrong JSON type. */
        WRONG_TYPE,
        /** A value of the right type but outside its range or enum. */
        BAD_VALUE,
        /** A valid Kea key or value for a feature ruru does not implement yet. */
        NOT_YET
    }

    public Problem {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(feature, "feature");
    }

    public ConfigException toException() {
        return category == Category.UNKNOWN_KEY || category == Category.WRONG_TYPE
                ? ConfigException.grammar(position, detail) : new ConfigException(position, detail);
    }

    @Override
    public String toString() {
        return position.isKnown() ? detail + " (" + position + ")" : detail;
    }
}
