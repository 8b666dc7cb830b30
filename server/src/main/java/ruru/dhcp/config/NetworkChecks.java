package ruru.dhcp.config;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import ruru.daemon.config.ConfigException;
import ruru.json.Position;

/**
 * The checks Kea makes on a network's resolved (inherited) parameters, with Kea's texts, for both
 * families. Kea reports them without a position; ruru names the subnet (or the value, where one is
 * known).
 */
public final class NetworkChecks {

    public static final String SUBNET_FAILED = "subnet configuration failed: ";

    private NetworkChecks() {
    }

    /**
     * A lifetime triplet named {@code name} ("valid" or "preferred"): a missing bound takes the
     * default's value, and the default must lie between the bounds. Empty when the scope has no
     * default (a DHCPv6 preferred lifetime in Kea 3, derived from the valid one).
     */
    public static Optional<Lifetime> triplet(Scope s, String name, String prefix, Position at) throws ConfigException {
        String key = name + "-lifetime";
        Optional<Long> min = s.optionalInteger("min-" + key);
        Optional<Long> max = s.optionalInteger("max-" + key);
        Optional<Long> dflt = s.optionalInteger(key);
        if (dflt.isEmpty()) {
            if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
                throw new ConfigException(at, prefix + "the value of min-" + key + " (" + min.get()
                        + ") is not less than max-" + key + " (" + max.get() + ")");
            }
            return Optional.empty();
        }
        long v = dflt.get();
        if (min.isEmpty() && max.isEmpty()) {
            return Optional.of(new Lifetime(v, v, v));
        }
        if (min.isEmpty()) {
            if (v > max.get()) {
                throw new ConfigException(at, prefix + "the value of (default) " + key + " (" + v
                        + ") is not less than max-" + key + " (" + max.get() + ")");
            }
            return Optional.of(new Lifetime(v, v, max.get()));
        }
        if (max.isEmpty()) {
            if (min.get() > v) {
                throw new ConfigException(at, prefix + "the value of min-" + key + " (" + min.get()
                        + ") is not less than (default) " + key + " (" + v + ")");
            }
            return Optional.of(new Lifetime(min.get(), v, v));
        }
        if (min.get() > max.get()) {
            throw new ConfigException(at, prefix + "the value of min-" + key + " (" + min.get()
                    + ") is not less than max-" + key + " (" + max.get() + ")");
        }
        if (v < min.get() || v > max.get()) {
            throw new ConfigException(at, prefix + "the value of (default) " + key + " (" + v
                    + ") is not between min-" + key + " (" + min.get() + ") and max-" + key + " ("
                    + max.get() + ")");
        }
        return Optional.of(new Lifetime(min.get(), v, max.get()));
    }

    /** Kea refuses renew > rebind (equal is fine); renew or rebind above the lifetime is allowed. */
    /** The valid-lifetime triplet, which always has a value (Kea's global default 7200). */
    public static Lifetime lifetime(Scope s, String prefix, Position at) throws ConfigException {
        return triplet(s, "valid", prefix, at).orElseThrow();
    }

    public static void timers(OptionalLong renew, OptionalLong rebind, Position at) throws ConfigException {
        if (renew.isPresent() && rebind.isPresent() && renew.getAsLong() > rebind.getAsLong()) {
            throw new ConfigException(at, SUBNET_FAILED + "the value of renew-timer (" + renew.getAsLong()
                    + ") is greater than the value of rebind-timer (" + rebind.getAsLong() + ")");
        }
    }

    /** Only checked when the percentages are used, as Kea does. */
    public static void teePercents(boolean calculate, double t1, double t2, Position at) throws ConfigException {
        if (!calculate) {
            return;
        }
        // Kea's texts: two spaces after the colon; the t1 range text has no comma, the t2 one has.
        if (t1 <= 0.0 || t1 >= 1.0) {
            throw new ConfigException(at, SUBNET_FAILED + "t1-percent:  " + Fields.cpp(t1)
                    + " is invalid it must be greater than 0.0 and less than 1.0");
        }
        if (t2 <= 0.0 || t2 >= 1.0) {
            throw new ConfigException(at, SUBNET_FAILED + "t2-percent:  " + Fields.cpp(t2)
                    + " is invalid, it must be greater than 0.0 and less than 1.0");
        }
        if (t1 >= t2) {
            throw new ConfigException(at, SUBNET_FAILED + "t1-percent:  " + Fields.cpp(t1)
                    + " is invalid, it must be less than t2-percent: " + Fields.cpp(t2));
        }
    }

    public static OptionalDouble cacheThreshold(Scope s, Position at) throws ConfigException {
        if (!s.has("cache-threshold")) {
            return OptionalDouble.empty();
        }
        double v = s.real("cache-threshold");
        // Kea 3 accepts 0 and takes it as "no lease caching" (2.2 refused it); the text is Kea's.
        if (v < 0.0 || v >= 1.0) {
            throw new ConfigException(at, SUBNET_FAILED + "cache-threshold: " + Fields.cpp(v)
                    + " is invalid, it must be greater than 0.0 and less than 1.0");
        }
        return OptionalDouble.of(v);
    }

    public static OptionalLong optionalLong(Scope s, String key) {
        return s.optionalInteger(key).map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
