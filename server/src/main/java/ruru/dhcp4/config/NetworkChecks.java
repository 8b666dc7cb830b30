package ruru.dhcp4.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import ruru.daemon.config.ConfigException;
import ruru.json.Position;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * The checks Kea makes on a subnet's resolved (inherited) parameters, with Kea 2.2's texts. Kea
 * reports them without a position; ruru names the subnet (or the value, where one is known).
 */
final class NetworkChecks {

    static final String SUBNET_FAILED = "subnet configuration failed: ";

    private NetworkChecks() {
    }

    /**
     * Kea's lifetime triplet: a missing bound takes the default's value, and the default must lie
     * between the bounds. {@code valid-lifetime} always has a value (Kea's global default 7200).
     */
    static Lifetime lifetime(Scope s, String prefix, Position at) throws ConfigException {
        long v = s.integer("valid-lifetime");
        Optional<Long> min = s.optionalInteger("min-valid-lifetime");
        Optional<Long> max = s.optionalInteger("max-valid-lifetime");
        if (min.isEmpty() && max.isEmpty()) {
            return new Lifetime(v, v, v);
        }
        if (min.isEmpty()) {
            if (v > max.get()) {
                throw new ConfigException(at, prefix + "the value of (default) valid-lifetime (" + v
                        + ") is not less than max-valid-lifetime (" + max.get() + ")");
            }
            return new Lifetime(v, v, max.get());
        }
        if (max.isEmpty()) {
            if (min.get() > v) {
                throw new ConfigException(at, prefix + "the value of min-valid-lifetime (" + min.get()
                        + ") is not less than (default) valid-lifetime (" + v + ")");
            }
            return new Lifetime(min.get(), v, v);
        }
        if (min.get() > max.get()) {
            throw new ConfigException(at, prefix + "the value of min-valid-lifetime (" + min.get()
                    + ") is not less than max-valid-lifetime (" + max.get() + ")");
        }
        if (v < min.get() || v > max.get()) {
            throw new ConfigException(at, prefix + "the value of (default) valid-lifetime (" + v
                    + ") is not between min-valid-lifetime (" + min.get() + ") and max-valid-lifetime ("
                    + max.get() + ")");
        }
        return new Lifetime(min.get(), v, max.get());
    }

    /** Kea refuses renew > rebind (equal is fine); renew or rebind above the lifetime is allowed. */
    static void timers(OptionalLong renew, OptionalLong rebind, Position at) throws ConfigException {
        if (renew.isPresent() && rebind.isPresent() && renew.getAsLong() > rebind.getAsLong()) {
            throw new ConfigException(at, SUBNET_FAILED + "the value of renew-timer (" + renew.getAsLong()
                    + ") is greater than the value of rebind-timer (" + rebind.getAsLong() + ")");
        }
    }

    /** Only checked when the percentages are used, as Kea 2.2 does. */
    static void teePercents(boolean calculate, double t1, double t2, Position at) throws ConfigException {
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

    static OptionalDouble cacheThreshold(Scope s, Position at) throws ConfigException {
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

    static Ipv4Address nextServer(Scope s) throws ConfigException {
        String text = s.string("next-server");
        try {
            return Ipv4Address.parse(text);
        } catch (WireFormatException e) {
            // Kea glues the position to the text without a space: "... : foo(<wire>:0:118)".
            ruru.json.Position at = s.position("next-server");
            throw new ConfigException(SUBNET_FAILED + "invalid parameter next-server : " + text
                    + (at.isKnown() ? "(" + at + ")" : ""));
        }
    }

    /** BOOTP's sname (64 bytes) and file (128 bytes) fields, each ending with a NUL. */
    static String bootField(Scope s, String key, int max) throws ConfigException {
        String v = s.string(key);
        int len = v.getBytes(StandardCharsets.UTF_8).length;
        if (len > max) {
            throw new ConfigException(s.position(key), SUBNET_FAILED + key + " must be at most " + max
                    + " bytes long, it is " + len);
        }
        return v;
    }
}
