package ruru.classify.expr;

import java.util.Objects;

/**
 * An expression that cannot be compiled: a character the lexer does not know, a syntax error, or a
 * meaning check (option code range, undefined class, a token of the other address family). The
 * message is Kea's: {@code <string>:1.8-10: Not defined client class 'b'}.
 */
public final class ExpressionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Location location;
    private final String detail;

    public ExpressionException(Location location, String detail) {
        super(location + ": " + detail);
        this.location = Objects.requireNonNull(location, "location");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public Location location() {
        return location;
    }

    /** The text after the location. */
    public String detail() {
        return detail;
    }
}
