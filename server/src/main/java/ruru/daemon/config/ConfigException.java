package ruru.daemon.config;

import java.util.Objects;

import ruru.json.JsonException;
import ruru.json.Position;

/**
 * A configuration that cannot be used, with the position of the offending element. The message
 * is Kea's shape: {@code detail (file:line:col)}, or just the detail when no position is known.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Position position;
    private final String detail;

    public ConfigException(Position position, String detail) {
        super(format(position, detail));
        this.position = Objects.requireNonNull(position, "position");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public ConfigException(String detail) {
        this(Position.NONE, detail);
    }

    /** A syntax error from the JSON layer keeps its own {@code file:line:col: detail} form. */
    public static ConfigException of(JsonException e) {
        return new ConfigException(e.position(), e.detail());
    }

    public Position position() {
        return position;
    }

    public String detail() {
        return detail;
    }

    private static String format(Position position, String detail) {
        return position.isKnown() ? detail + " (" + position + ")" : detail;
    }
}
