package ruru.dhcp4.service;

import ruru.dhcp4.log.Dhcp4Messages;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4ExpireCallout;
import ruru.hooks.Lease4RecoverCallout;
import ruru.hooks.NextStep;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;

/**
 * Expired-lease reclamation (Kea's {@code expired-leases-processing}): an expired lease is either
 * removed or kept as expired-reclaimed for lease affinity, and a declined address whose probation is
 * over becomes available again. Reclaimed leases older than hold-reclaimed-time are flushed.
 */
final class Reclaimer {


    private final LeaseStats stats;
    private final Dhcp4Hooks hooks;
    private final java.util.function.Consumer<Lease4> reclaimed;
    private int unfinishedCycles;

    Reclaimer(LeaseStats stats) {
        this(stats, Dhcp4Hooks.NONE, l -> { });
    }

    Reclaimer(LeaseStats stats, Dhcp4Hooks hooks) {
        this(stats, hooks, l -> { });
    }

    /** @param reclaimed told of each lease reclaimed (DDNS removes its names, as Kea's reclamation does) */
    Reclaimer(LeaseStats stats, Dhcp4Hooks hooks, java.util.function.Consumer<Lease4> reclaimed) {
        this.stats = stats;
        this.hooks = hooks;
        this.reclaimed = reclaimed;
    }

    /**
     * lease4_recover for a declined address whose probation is over, lease4_expire for any other
     * expired lease: SKIP means the server leaves the lease (and its statistics) alone.
     */
    private boolean skippedByHooks(Lease4 l, boolean remove) {
        CalloutRegistry callouts = hooks.callouts();
        if (l.state() == LeaseState.DECLINED) {
            return callouts.has(HookPoint.LEASE4_RECOVER) && callouts.call(HookPoint.LEASE4_RECOVER,
                    new Lease4RecoverCallout.Args(Dhcp4Hooks.view(l)), Lease4RecoverCallout::lease4Recover)
                    == NextStep.SKIP;
        }
        return callouts.has(HookPoint.LEASE4_EXPIRE) && callouts.call(HookPoint.LEASE4_EXPIRE,
                new Lease4ExpireCallout.Args(Dhcp4Hooks.view(l), remove), Lease4ExpireCallout::lease4Expire)
                == NextStep.SKIP;
    }

    /** A copy of {@code l} in {@code state}, expiring now (affinity keeps who held it). */
    static Lease4 withState(Lease4 l, LeaseState state, long now) {
        long valid = l.validLifetime();
        return new Lease4(l.address(), l.hwAddress(), l.clientId(), valid, now - valid, l.subnetId(), l.fqdnFwd(),
                l.fqdnRev(), l.hostname(), state, l.userContext(), l.poolId());
    }

    /**
     * Reclaims up to {@code maxLeases} (0 = all) expired leases within {@code maxMillis} (0 = no limit).
     * Returns how many were reclaimed.
     */
    synchronized int reclaim(Lease4Store store, long now, int maxLeases, long maxMillis, boolean remove, int unwarnedCycles)
            throws LeaseStoreException {
        long started = System.nanoTime();
        long deadline = maxMillis > 0 ? System.nanoTime() + maxMillis * 1_000_000 : Long.MAX_VALUE;
        int done = 0;
        var expired = new java.util.ArrayList<>(store.expired(now, maxLeases));
        if (maxLeases == 0 || expired.size() < maxLeases) {
            expired.addAll(store.expiredDeclined(now, maxLeases == 0 ? 0 : maxLeases - expired.size()));
        }
        for (Lease4 l : expired) {
            if (System.nanoTime() > deadline) {
                break;
            }
            if (skippedByHooks(l, remove)) {
                continue;
            }
            boolean changed = remove ? store.delete(l)
                    : store.replace(l, new Lease4(l.address(), l.hwAddress(), l.clientId(), l.validLifetime(), l.cltt(),
                    l.subnetId(), false, false, l.hostname(), LeaseState.EXPIRED_RECLAIMED, l.userContext(), l.poolId()));
            if (!changed) {
                continue;
            }
            if (l.state() == LeaseState.DECLINED) {
                stats.declined(l.subnetId(), l.poolId(), -1);
                stats.reclaimedDeclined(l.subnetId(), l.poolId());
            }
            stats.assigned(l.subnetId(), l.poolId(), -1);
            stats.reclaimed(l.subnetId(), l.poolId());
            if (l.state() != LeaseState.DECLINED) {
                reclaimed.accept(l);
            }
            done++;
        }
        if (maxLeases > 0 && expired.size() >= maxLeases || done < expired.size()) {
            if (++unfinishedCycles >= unwarnedCycles && unwarnedCycles > 0) {
                Dhcp4Messages.ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW.log(unfinishedCycles);
            }
        } else {
            unfinishedCycles = 0;
        }
        if (done > 0) {
            Dhcp4Messages.ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE.log(done,
                    String.format(java.util.Locale.ROOT, "%.3f ms", (System.nanoTime() - started) / 1e6));
        }
        return done;
    }

    /** Removes reclaimed (or released) leases that expired before {@code olderThan}. */
    int flush(Lease4Store store, long olderThan, int max) throws LeaseStoreException {
        int n = 0;
        for (Lease4 l : store.reclaimedBefore(olderThan, max)) {
            if (store.delete(l)) {
                n++;
            }
        }
        return n;
    }
}
