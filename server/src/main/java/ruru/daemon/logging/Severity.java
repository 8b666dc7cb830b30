package ruru.daemon.logging;

import java.util.Locale;
import java.util.Optional;

/**
 * Kea's logging severities, most severe first. A logger set to a severity emits messages of that
 * severity and above; {@link #NONE} silences it.
 */
public enum Severity {
    FATAL, ERROR, WARN, INFO, DEBUG, NONE;

    /** Kea compares severity names case-insensitively (log/logger_level.cc uses boost::iequals). */
    public static Optional<Severity> fromName(String name) {
        for (Severity s : values()) {
            if (s.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether a message of severity {@code message} passes a logger set to this threshold. */
    public boolean admits(Severity message) {
        return this != NONE && message != NONE && message.ordinal() <= ordinal();
    }
}
