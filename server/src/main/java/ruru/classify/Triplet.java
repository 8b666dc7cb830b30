package ruru.classify;

import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * A lifetime with its bounds, as Kea's {@code parseIntTriplet} reads {@code X}, {@code min-X} and
 * {@code max-X} (valid or preferred lifetime): a missing bound takes the default's value, a lone
 * bound is the default too, and min and max without a default are refused.
 */
public record Triplet(long min, long dflt, long max) {

    /** The lifetime to grant for a client's request (0 or less: none asked). */
    public long grant(long requested) {
        if (requested <= 0) {
            return dflt;
        }
        return Math.max(min, Math.min(max, requested));
    }

    /** Empty when none of the three keys is set. Kea reports these without a position. */
    public static Optional<Triplet> parse(MapElement m, String name) throws ConfigException {
        Optional<Long> v = m.find(name).flatMap(Element::asLong);
        Optional<Long> min = m.find("min-" + name).flatMap(Element::asLong);
        Optional<Long> max = m.find("max-" + name).flatMap(Element::asLong);
        if (v.isEmpty() && min.isEmpty() && max.isEmpty()) {
            return Optional.empty();
        }
        long value;
        long lo;
        long hi;
        if (v.isPresent()) {
            value = v.get();
            lo = min.orElse(value);
            hi = max.orElse(value);
        } else if (min.isPresent()) {
            if (max.isPresent()) {
                throw new ConfigException("have min-" + name + " and max-" + name + " but no " + name
                        + " (default) in " + m.position());
            }
            value = min.get();
            lo = value;
            hi = value;
        } else {
            value = max.get();
            lo = value;
            hi = value;
        }
        if (lo > hi) {
            if (min.isPresent() && max.isPresent()) {
                throw new ConfigException("the value of min-" + name + " (" + lo + ") is not less than max-" + name
                        + " (" + hi + ")");
            }
            if (min.isPresent()) {
                throw new ConfigException("the value of min-" + name + " (" + lo + ") is not less than (default) "
                        + name + " (" + value + ")");
            }
            throw new ConfigException("the value of (default) " + name + " (" + value + ") is not less than max-"
                    + name + " (" + hi + ")");
        }
        if (value < lo || value > hi) {
            throw new ConfigException("the value of (default) " + name + " (" + value + ") is not between min-" + name
                    + " (" + lo + ") and max-" + name + " (" + hi + ")");
        }
        return Optional.of(new Triplet(lo, value, hi));
    }
}
