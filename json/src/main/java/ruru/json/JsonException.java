package ruru.json;

import java.util.Objects;

/**
 * Bad JSON input: carries the position of the fault and a detail text. The message is
 * {@code file:line:col: detail}, the form every config error shows.
 */
public final class JsonException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Position position;
    private final String detail;

    public JsonException(Position position, String detail) {
        super(format(position, detail));
        this.position = Objects.requireNonNull(position, "position");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public Position position() {
        return position;
    }

    public String detail() {
        return detail;
    }

    private static String format(Position position, String detail) {
        return position.isKnown() ? position + ": " + detail : detail;
    }
}
