package ruru.dhcp6.service;

import ruru.dhcp6.config.Subnet6;

/** DHCPv6 lifetimes and T1/T2, as Kea computes them. */
final class Lifetimes6 {

    private Lifetimes6() {
    }

    /** A granted pair of lifetimes. */
    record Pair(long preferred, long valid) {
    }

    /**
     * The lifetimes for a lease: the client's hints (non-zero lifetimes of the first IAADDR or
     * IAPREFIX of its IA) clamped to the subnet's triplets, else the defaults; the preferred
     * lifetime, when not configured, is 5/8 of the valid one (Kea 3).
     */
    static Pair grant(Subnet6 subnet, long hintPreferred, long hintValid) {
        long valid = subnet.validLifetime().grant(hintValid);
        return new Pair(subnet.preferredFor(valid, hintPreferred), valid);
    }

    /**
     * Kea's {@code setTeeTimes}: T2 configured, else t2-percent of the IA's smallest preferred
     * lifetime; sent only when at most that preferred lifetime. T1 likewise, sent only when below T2.
     *
     * @return {T1, T2}
     */
    static long[] teeTimes(Subnet6 subnet, long preferred) {
        long t2 = 0;
        if (subnet.rebindTimer().isPresent()) {
            t2 = subnet.rebindTimer().getAsLong();
        } else if (subnet.calculateTeeTimes()) {
            t2 = Math.round(subnet.t2Percent() * preferred);
        }
        long finalT2 = t2 > 0 && t2 <= preferred ? t2 : 0;
        long t1 = 0;
        if (subnet.renewTimer().isPresent()) {
            t1 = subnet.renewTimer().getAsLong();
        } else if (subnet.calculateTeeTimes()) {
            t1 = Math.round(subnet.t1Percent() * preferred);
        }
        return new long[] {t1 < finalT2 ? t1 : 0, finalT2};
    }
}
