package ruru.dhcp4.service;

import java.util.Optional;
import java.util.OptionalLong;

import ruru.classify.BuiltinClasses;
import ruru.classify.Triplet;

import ruru.dhcp4.config.Subnet4;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/** Valid lifetime and renew/rebind times, as Kea computes them. */
final class Lifetimes {

    private Lifetimes() {
    }

    /** The subnet's default, or what the client asks for in option 51 bounded by min and max. */
    static long valid(Subnet4 subnet, Dhcp4Packet query) {
        OptionalLong asked = query.options().u32(OptionCodes.LEASE_TIME);
        return subnet.validLifetime().grant(asked.orElse(0));
    }

    /**
     * Kea's getValidLft: a BOOTP client's lease never expires; else the first of the client's
     * classes that sets a valid lifetime (with its bounds) wins over the subnet's.
     */
    static long valid(Subnet4 subnet, Exchange ex) {
        if (ex.classes().contains(BuiltinClasses.BOOTP)) {
            return Lease4.INFINITE_LIFETIME;
        }
        Optional<Triplet> byClass = ex.classes().validLifetime();
        if (byClass.isEmpty()) {
            return valid(subnet, ex.query());
        }
        return byClass.get().grant(ex.query().options().u32(OptionCodes.LEASE_TIME).orElse(0));
    }

    /** T1 (option 58): configured, or calculated; omitted when not below T2 and the valid lifetime. */
    static OptionalLong renew(Subnet4 subnet, long valid) {
        OptionalLong t2 = rebind(subnet, valid);
        OptionalLong t1 = subnet.renewTimer().isPresent() ? subnet.renewTimer()
                : subnet.calculateTeeTimes() ? OptionalLong.of((long) (valid * subnet.t1Percent())) : OptionalLong.empty();
        if (t1.isEmpty() || t1.getAsLong() >= valid || (t2.isPresent() && t1.getAsLong() >= t2.getAsLong())) {
            return OptionalLong.empty();
        }
        return t1;
    }

    /** T2 (option 59): configured, or calculated; omitted when not below the valid lifetime. */
    static OptionalLong rebind(Subnet4 subnet, long valid) {
        OptionalLong t2 = subnet.rebindTimer().isPresent() ? subnet.rebindTimer()
                : subnet.calculateTeeTimes() ? OptionalLong.of((long) (valid * subnet.t2Percent())) : OptionalLong.empty();
        return t2.isPresent() && t2.getAsLong() < valid ? t2 : OptionalLong.empty();
    }

    /**
     * Kea's lease caching ({@code AllocEngine::setLeaseReusable}): the lifetime left on the client's
     * current lease when a renewal may hand it out unchanged instead of rewriting it, or 0 when it
     * must be rewritten. The caller has already checked that nothing else about the lease changes.
     *
     * <p>As in Kea: only a lease in the default state; an infinite one always; never when time went
     * backwards or the lease has run out; {@code cache-max-age} (when set) caps the age, 0 disabling
     * caching; {@code cache-threshold} (when set) caps it at that fraction of the new valid lifetime,
     * truncated to whole seconds. An age equal to a cap still counts as young enough (Kea compares
     * with {@code >}). With neither parameter set there is no caching.
     *
     * @param valid the valid lifetime the renewal would grant (equal to the lease's own when unchanged)
     */
    static long reusable(Subnet4 subnet, Lease4 current, long valid, long now) {
        if (current.state() != LeaseState.DEFAULT) {
            return 0;
        }
        if (valid == Lease4.INFINITE_LIFETIME) {
            return Lease4.INFINITE_LIFETIME;
        }
        if (now < current.cltt()) {
            return 0;
        }
        long age = now - current.cltt();
        if (age >= current.validLifetime()) {
            return 0;
        }
        long maxAge = 0;
        if (subnet.cacheMaxAge().isPresent()) {
            maxAge = subnet.cacheMaxAge().getAsLong();
            if (maxAge == 0 || age > maxAge) {
                return 0;
            }
        }
        if (subnet.cacheThreshold().isPresent()) {
            double threshold = subnet.cacheThreshold().getAsDouble();
            if (threshold <= 0.0 || threshold > 1.0) {
                return 0;
            }
            maxAge = (long) (valid * threshold);
            if (age > maxAge) {
                return 0;
            }
        }
        return maxAge == 0 ? 0 : current.validLifetime() - age;
    }
}
