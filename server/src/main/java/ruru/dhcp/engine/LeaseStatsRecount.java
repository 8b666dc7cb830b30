package ruru.dhcp.engine;

import java.util.List;
import java.util.function.LongPredicate;

import ruru.daemon.stats.StatsManager;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreUnavailableException;

/**
 * The steps both families' statistics recounts (at start and after every reconfiguration, as Kea)
 * share: dropping the counters of subnets that no longer exist, creating counters at 0 that do not
 * exist yet, and reading the store's lease counts.
 */
public final class LeaseStatsRecount {

    private LeaseStatsRecount() {
    }

    /** Creates {@code name} at 0 unless it exists (an existing counter keeps its value). */
    public static void zeroIfAbsent(StatsManager stats, String name) {
        if (!stats.has(name)) {
            stats.setValue(name, 0L);
        }
    }

    /** Removes every {@code subnet[id].*} counter whose subnet id is not {@code configured}. */
    public static void removeStaleSubnets(StatsManager stats, LongPredicate configured) {
        for (String name : stats.names()) {
            if (name.startsWith("subnet[")) {
                int close = name.indexOf(']');
                try {
                    long id = Long.parseLong(name.substring(7, close));
                    if (!configured.test(id)) {
                        stats.remove(name);
                    }
                } catch (RuntimeException e) {
                    // not one of ours
                }
            }
        }
    }

    /**
     * The store's lease counts; none while a database has not been reached yet (retry-on-startup:
     * counted again at the next configuration).
     */
    public static List<LeaseCount> counts(LeaseStore<?, ?> store) {
        try {
            return store.counts();
        } catch (LeaseStoreUnavailableException e) {
            return List.of();
        }
    }
}
