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

    /**
     * Kea 3's getOfferLft for a DISCOVER: 0 for BOOTP; else the first of the client's classes that
     * sets {@code offer-lifetime}, else the subnet's (inherited from its shared network and the
     * global scope; 0 when unset: offers are not stored).
     */
    static long offer(Subnet4 subnet, Exchange ex) {
        if (ex.classes().contains(BuiltinClasses.BOOTP)) {
            return 0;
        }
        return ex.classes().offerLifetime().orElse(subnet.offerLifetime());
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
     * Kea's lease caching for a DHCPv4 lease: the lifetime left on the client's current lease when
     * a renewal may hand it out unchanged, or 0 ({@link ruru.dhcp.engine.LeaseCache}). The caller
     * has already checked that nothing else about the lease changes.
     *
     * @param valid the valid lifetime the renewal would grant (equal to the lease's own when unchanged)
     */
    static long reusable(Subnet4 subnet, Lease4 current, long valid, long now) {
        return ruru.dhcp.engine.LeaseCache.reusable(subnet.cacheThreshold(), subnet.cacheMaxAge(),
                current.state() == LeaseState.DEFAULT, current.cltt(), current.validLifetime(), valid, now);
    }
}
