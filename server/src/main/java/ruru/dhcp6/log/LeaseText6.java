package ruru.dhcp6.log;

import ruru.lease.Lease6;

/**
 * Kea's {@code Lease6::toText} (DHCP6_LEASE_DATA, ALLOC_ENGINE_V6_EXTEND_*_DATA): one field a
 * line, each line ending with a line break, the user context last when there is one.
 */
public final class LeaseText6 {

    private LeaseText6() {
    }

    public static String of(Lease6 l) {
        StringBuilder b = new StringBuilder(320);
        b.append("Type:          ").append(l.type().keaName()).append('(').append(typeCode(l)).append(")\n")
                .append("Address:       ").append(l.address()).append('\n')
                .append("Prefix length: ").append(l.prefixLength()).append('\n')
                .append("IAID:          ").append(l.iaid()).append('\n')
                .append("Pref life:     ").append(Labels6.lifetime(l.preferredLifetime())).append('\n')
                .append("Valid life:    ").append(Labels6.lifetime(l.validLifetime())).append('\n')
                .append("Cltt:          ").append(l.cltt()).append('\n')
                .append("DUID:          ").append(Labels6.duid(l.duid())).append('\n')
                .append("Hardware addr: ").append(l.hwAddress() == null ? "(none)" : l.hwAddress().toString()).append('\n')
                .append("Subnet ID:     ").append(l.subnetId()).append('\n')
                .append("State:         ").append(l.state().keaName()).append('\n');
        if (l.userContext() != null && !l.userContext().isEmpty()) {
            b.append("User context:  ").append(l.userContext()).append('\n');
        }
        return b.toString();
    }

    /** Kea's Lease::Type numbers: IA_NA 0, IA_TA 1, IA_PD 2. */
    private static int typeCode(Lease6 l) {
        return switch (l.type()) {
            case NA -> 0;
            case TA -> 1;
            case PD -> 2;
        };
    }
}
