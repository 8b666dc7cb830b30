package ruru.daemon.stats;

import java.time.Duration;
import java.util.Objects;

/**
 * How many samples an observation keeps. Kea holds both limits with an "active" flag, and setting
 * one deactivates the other (observation.cc setMaxSampleCount/setMaxSampleAge), so exactly one is
 * in force at a time: that is what this type says.
 */
public sealed interface SampleLimit {

    /** Keep at most {@code max} samples, newest first. */
    record Count(long max) implements SampleLimit {
        public Count {
            if (max < 0) {
                throw new IllegalArgumentException("max must not be negative: " + max);
            }
        }
    }

    /**
     * Keep the samples whose timestamps lie within {@code max} of the newest sample's (Kea measures
     * the span between the newest and the oldest sample, not the age relative to now).
     */
    record Age(Duration max) implements SampleLimit {
        public Age {
            Objects.requireNonNull(max, "max");
        }
    }
}
