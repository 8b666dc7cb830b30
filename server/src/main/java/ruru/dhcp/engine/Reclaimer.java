package ruru.dhcp.engine;

import java.util.ArrayList;
import java.util.List;

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
    private final ReclaimMessages messages;
    private int unfinishedCycles;

    public Reclaimer(ReclaimPolicy<L> policy, ReclaimMessages messages) {
        this.policy = policy;
        this.messages = messages;
    }

    ReclaimMessages messages() {
        return messages;
    }

    /**
     * Reclaims up to {@code maxLeases} (0 = all) expired leases within {@code maxMillis} (0 = no limit).
     * Returns how many were reclaimed.
     */
    public synchronized int reclaim(LeaseStore<A, L> store, long now, int maxLeases, long maxMillis, boolean remove,
                                    int unwarnedCycles) throws LeaseStoreException {
        long started = System.nanoTime();
        ReclaimTrace trace = messages.trace();
        trace.start().log(maxLeases, maxMillis);
        // the memfile backend (Kea's DHCPSRV_MEMFILE_* lines), else PostgreSQL (DHCPSRV_PGSQL_*)
        boolean memfile = store.writesLeaseFiles();
        // Kea asks one more to know if some are left
        (memfile ? trace.getExpired() : trace.database().getExpired()).log(maxLeases > 0 ? maxLeases + 1 : 0);
        int done = 0;
        // Kea asks one lease more than the limit: when it comes, this cycle leaves some (incomplete)
        int fetch = maxLeases > 0 ? maxLeases + 1 : 0;
        List<L> expired = new ArrayList<>(store.expired(now, fetch));
        if (fetch == 0 || expired.size() < fetch) {
            expired.addAll(store.expiredDeclined(now, fetch == 0 ? 0 : fetch - expired.size()));
        }
        boolean incomplete = maxLeases > 0 && expired.size() > maxLeases;
        if (incomplete) {
            expired = expired.subList(0, maxLeases);
        }
        boolean each = trace.leaseReclaim().enabled();
        for (int i = 0; i < expired.size(); i++) {
            L l = expired.get(i);
            if (each) {
                trace.leaseReclaim().log(policy.reclaimArgs(l));
            }
            if (!policy.skippedByHooks(l, remove)) {
                // Kea keeps no declined lease after its probation: it is removed whatever remove says
                boolean declined = l.state() == LeaseState.DECLINED;
                boolean delete = remove || declined;
                boolean changed = delete ? store.delete(l) : store.replace(l, policy.reclaimed(l));
                if (changed) {
                    policy.counted(l, declined);
                    if (declined) {
                        trace.declinedRecovered().log(l.address(), l.validLifetime());
                    }
                    if (memfile) {
                        (delete ? trace.deleteAddress() : trace.update()).log(l.address());
                    } else if (delete) {
                        trace.database().deleteAddress().log(l.address());
                    } else if (trace.database().update().enabled()) {
                        trace.database().update().log(policy.storeArgs(l));
                    }
                    done++;
                    trace.leaseReclaimed().log(l.address());
                }
            }
            // Kea looks at the clock after each lease (one is always reclaimed) and stops when
            // max-reclaim-time is over; leases left make the cycle incomplete
            if (maxMillis > 0 && System.nanoTime() - started >= maxMillis * 1_000_000) {
                incomplete |= i + 1 < expired.size();
                trace.timeout().log(maxMillis);
                break;
            }
        }
        if (messages.complete().enabled()) {
            messages.complete().log(done,
                    String.format(java.util.Locale.ROOT, "%.3f ms", (System.nanoTime() - started) / 1e6));
        }
        if (incomplete) {
            // kea-dhcp4 2.2 live: the warning after more than unwarned-reclaim-cycles incomplete
            // cycles in a row, naming that setting, and the count starts again
            if (++unfinishedCycles > unwarnedCycles && unwarnedCycles > 0) {
                messages.slow().log(unwarnedCycles);
                unfinishedCycles = 0;
            }
        } else {
            unfinishedCycles = 0;
            trace.noMore().log();
        }
        return done;
    }

    /**
     * Removes reclaimed (or released) leases that expired before {@code olderThan}, Kea's flush of
     * leases held {@code holdSeconds} (hold-reclaimed-time, for the log).
     */
    public int flush(LeaseStore<A, L> store, long olderThan, long holdSeconds, int max) throws LeaseStoreException {
        ReclaimTrace trace = messages.trace();
        trace.delete().log(holdSeconds);
        boolean memfile = store.writesLeaseFiles();
        (memfile ? trace.deleteExpired() : trace.database().deleteExpired()).log(holdSeconds);
        List<L> found = store.reclaimedBefore(olderThan, max);
        if (memfile && !found.isEmpty()) {
            trace.deleteStart().log(found.size());
        }
        int n = 0;
        for (L l : found) {
            if (store.delete(l)) {
                n++;
            }
        }
        trace.deleteComplete().log(n);
        return n;
    }
}
