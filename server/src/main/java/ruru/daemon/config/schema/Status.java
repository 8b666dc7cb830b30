package ruru.daemon.config.schema;

import java.util.Objects;
import java.util.Optional;

import ruru.json.Element;

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

    /**
     * A Kea feature that ruru refuses for now; {@code feature} names it in the error. {@code off},
     * when present, is the value that leaves the feature off (Kea's default, which config-get
     * prints): that value is accepted, so config-get's answer reads back through config-set.
     */
    record NotYet(String feature, Optional<Element> off) implements Status {
        public NotYet {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(off, "off");
            if (feature.isBlank()) {
                throw new IllegalArgumentException("feature must be named");
            }
        }

        public NotYet(String feature) {
            this(feature, Optional.empty());
        }

        /** Whether {@code value} is the one that leaves the feature off. */
        public boolean isOff(Element value) {
            return off.isPresent() && off.get().equals(value);
        }
    }
}
