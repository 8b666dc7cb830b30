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
    private final boolean grammar;

    public ConfigException(Position position, String detail) {
        this(position, detail, false);
    }

    private ConfigException(Position position, String detail, boolean grammar) {
        super(format(position, detail));
        this.position = Objects.requireNonNull(position, "position");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.grammar = grammar;
    }

    /**
     * An error Kea's configuration grammar finds while it reads a file (an unknown keyword, a value
     * of the wrong JSON type): Kea logs no parser failure line for it at start or config-reload.
     */
    public static ConfigException grammar(Position position, String detail) {
        return new ConfigException(position, detail, true);
    }

    /** True for a syntax error or an error of Kea's file grammar ({@link #grammar}). */
    public boolean isGrammar() {
        return grammar;
    }

    public ConfigException(String detail) {
        this(Position.NONE, detail);
    }

    /** A syntax error from the JSON layer keeps its own {@code file:line:col: detail} form. */
    public static ConfigException of(JsonException e) {
        return new ConfigException(e.position(), e.detail(), true);
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
