package ruru.dhcp.engine;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import ruru.lease.Lease;

/**
 * Kea's lease caching ({@code AllocEngine::setLeaseReusable}, both families): whether a renewal
 * may hand the client's current lease out unchanged instead of rewriting it, and for how long.
 *
 * <p>As in Kea: only a lease in the default state; an infinite one always; never when time went
 * backwards or the lease has run out; {@code cache-max-age} (when set) caps the age, 0 disabling
 * caching; {@code cache-threshold} (when set) caps it at that fraction of the new valid lifetime,
 * truncated to whole seconds. An age equal to a cap still counts as young enough (Kea compares
 * with {@code >}). With neither parameter set there is no caching.
 */
public final class LeaseCache {

    private LeaseCache() {
    }

    /**
     * The valid lifetime left on the current lease when it may be reused, else 0.
     *
     * @param defaultState whether the current lease is in the default state
     * @param cltt the current lease's client last transaction time
     * @param currentValid the current lease's valid lifetime
     * @param valid the valid lifetime the renewal would grant
     */
    public static long reusable(OptionalDouble threshold, OptionalLong maxAgeSetting, boolean defaultState, long cltt,
                                long currentValid, long valid, long now) {
        if (!defaultState) {
            return 0;
        }
        if (valid == Lease.INFINITE_LIFETIME) {
            return Lease.INFINITE_LIFETIME;
        }
        if (now < cltt) {
            return 0;
        }
        long age = now - cltt;
        if (age >= currentValid) {
            return 0;
        }
        long maxAge = 0;
        if (maxAgeSetting.isPresent()) {
            maxAge = maxAgeSetting.getAsLong();
            if (maxAge == 0 || age > maxAge) {
                return 0;
            }
        }
        if (threshold.isPresent()) {
            double t = threshold.getAsDouble();
            if (t <= 0.0 || t > 1.0) {
                return 0;
            }
            maxAge = (long) (valid * t);
            if (age > maxAge) {
                return 0;
            }
        }
        return maxAge == 0 ? 0 : currentValid - age;
    }
}
