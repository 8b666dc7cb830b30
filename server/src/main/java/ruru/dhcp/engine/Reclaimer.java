package ruru.dhcp.engine;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;

import ruru.lease.Lease;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreException;

/**
 * Expired-lease reclamation for either family (Kea's {@code expired-leases-processing}): an expired
 * lease is removed or kept as expired-reclaimed for lease affinity, a declined address whose
 * probation is over becomes available again, and reclaimed leases older than hold-reclaimed-time
 * are flushed. Changes are compare-and-set, so a client renewing at the same instant wins cleanly.
 */
public final class Reclaimer<A extends Comparable<A>, L extends Lease<A>> {

    private final ReclaimPolicy<L> policy;
    private final Logger log;
    private int unfinishedCycles;

    public Reclaimer(ReclaimPolicy<L> policy, Logger log) {
        this.policy = policy;
        this.log = log;
    }

    /**
     * Reclaims up to {@code maxLeases} (0 = all) expired leases within {@code maxMillis} (0 = no limit).
     * Returns how many were reclaimed.
     */
    public synchronized int reclaim(LeaseStore<A, L> store, long now, int maxLeases, long maxMillis, boolean remove,
                                    int unwarnedCycles) throws LeaseStoreException {
        long deadline = maxMillis > 0 ? System.nanoTime() + maxMillis * 1_000_000 : Long.MAX_VALUE;
        int done = 0;
        List<L> expired = new ArrayList<>(store.expired(now, maxLeases));
        if (maxLeases == 0 || expired.size() < maxLeases) {
            expired.addAll(store.expiredDeclined(now, maxLeases == 0 ? 0 : maxLeases - expired.size()));
        }
        for (L l : expired) {
            if (System.nanoTime() > deadline) {
                break;
            }
            if (policy.skippedByHooks(l, remove)) {
                continue;
            }
            boolean changed = remove ? store.delete(l) : store.replace(l, policy.reclaimed(l));
            if (changed) {
                policy.counted(l, l.state() == LeaseState.DECLINED);
                done++;
            }
        }
        String v = policy.family();
        if (maxLeases > 0 && expired.size() >= maxLeases || done < expired.size()) {
            if (++unfinishedCycles >= unwarnedCycles && unwarnedCycles > 0) {
                log.warn("ALLOC_ENGINE_{}_LEASES_RECLAMATION_SLOW expired leases still exist after {} reclamations",
                        v, unfinishedCycles);
            }
        } else {
            unfinishedCycles = 0;
        }
        if (done > 0) {
            log.info("ALLOC_ENGINE_{}_LEASES_RECLAMATION_COMPLETE reclaimed {} leases", v, done);
        }
        return done;
    }

    /** Removes reclaimed (or released) leases that expired before {@code olderThan}. */
    public int flush(LeaseStore<A, L> store, long olderThan, int max) throws LeaseStoreException {
        int n = 0;
        for (L l : store.reclaimedBefore(olderThan, max)) {
            if (store.delete(l)) {
                n++;
            }
        }
        return n;
    }
}
