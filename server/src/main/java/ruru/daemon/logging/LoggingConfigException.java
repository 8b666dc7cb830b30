package ruru.daemon.logging;

import java.util.Objects;
import ruru.json.Position;

/** A {@code loggers} configuration Kea would refuse, with where in the file it is. */
public final class LoggingConfigException extends Exception {

    private final String detail;
    private final Position position;

    public LoggingConfigException(String detail, Position position) {
        super(format(detail, position));
        this.detail = Objects.requireNonNull(detail, "detail");
        this.position = Objects.requireNonNull(position, "position");
    }

    /** The message without the position suffix. */
    public String detail() {
        return detail;
    }

    public Position position() {
        return position;
    }

    private static String format(String detail, Position position) {
        return position.isKnown() ? detail + " (" + position + ")" : detail;
    }
}
