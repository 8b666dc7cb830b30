package ruru.lease;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expired-lease queries over the per-state expiry index: they read only the leases that qualify,
 * oldest first, so a reclamation cycle costs O(log n + k), not a scan of every lease. A lease
 * being changed at that instant may be returned in its old form; callers act with
 * compare-and-set, which then simply fails.
 */
final class ExpiryQueries {

    private ExpiryQueries() {
    }

    static List<Lease4> expired(LeaseIndexes indexes, List<LeaseState> states,
                                long before, int max) {
        int limit = max <= 0 ? Integer.MAX_VALUE : max;
        List<Lease4> out = new ArrayList<>();
        LeaseIndexes.Expiry bound = new LeaseIndexes.Expiry(before, 0);
        for (LeaseState state : states) {
            int taken = 0;
            for (Lease4 l : indexes.expiry(state).headMap(bound, false).values()) {
                if (taken >= limit) {
                    break;
                }
                out.add(l);
                taken++;
            }
        }
        if (states.size() > 1) {
            out.sort(Comparator.comparingLong(Lease4::expire).thenComparing(Lease4::address));
            if (out.size() > limit) {
                out = new ArrayList<>(out.subList(0, limit));
            }
        }
        return out;
    }
}
