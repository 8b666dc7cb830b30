package ruru.dhcp4.service;

import java.util.OptionalLong;

import ruru.dhcp4.config.Subnet4;
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
}
