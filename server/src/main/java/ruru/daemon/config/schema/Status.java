package ruru.daemon.config.schema;

import java.util.Objects;

/**
 * Whether ruru implements what a configuration key (or an enum value) asks for. A Kea key that ruru
 * does not implement yet is refused with the feature's name rather than silently ignored: a server
 * that quietly drops, say, {@code client-classes} would hand out the wrong addresses.
 */
public sealed interface Status permits Status.Supported, Status.NotYet {

    Status SUPPORTED = new Supported();

    static Status notYet(String feature) {
        return new NotYet(feature);
    }

    /** Implemented (or being implemented) by ruru. */
    record Supported() implements Status {
    }

    /** A Kea feature that ruru refuses for now; {@code feature} names it in the error. */
    record NotYet(String feature) implements Status {
        public NotYet {
            Objects.requireNonNull(feature, "feature");
            if (feature.isBlank()) {
                throw new IllegalArgumentException("feature must be named");
            }
        }
    }
}
