package ruru.daemon.stats;

import java.time.Instant;
import java.util.Objects;

/** A value and the moment it was recorded. */
public record Sample(StatValue value, Instant timestamp) {
    public Sample {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
