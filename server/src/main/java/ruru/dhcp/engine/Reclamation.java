package ruru.dhcp.engine;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;

import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.lease.Lease;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreException;

/**
 * The two reclamation timers of {@code expired-leases-processing}, for either family. Each cycle
 * is scheduled after the previous one ends (Kea's "wait time" semantics), on a thread of its own,
 * never on a packet thread; configuration changes replace the timers.
 */
public final class Reclamation<A extends Comparable<A>, L extends Lease<A>> implements AutoCloseable {

    private final Reclaimer<A, L> reclaimer;
    private final Clock clock;
    private final Supplier<LeaseStore<A, L>> store;
    private final Logger log;
    private final String family;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> reclaimTask;
    private ScheduledFuture<?> flushTask;

    public Reclamation(Reclaimer<A, L> reclaimer, Clock clock, Supplier<LeaseStore<A, L>> store, Logger log,
                       String family) {
        this.reclaimer = reclaimer;
        this.clock = clock;
        this.store = store;
        this.log = log;
        this.family = family;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dhcp" + family.substring(1) + "-reclaim").daemon().factory());
    }

    private boolean reclaimFailing;
    private boolean flushFailing;

    public synchronized void configure(ExpiredLeasesProcessing p) {
        cancel();
        if (p.reclaimTimerWaitTime() > 0) {
            reclaimTask = timer.scheduleWithFixedDelay(() -> cycle(p), p.reclaimTimerWaitTime(),
                    p.reclaimTimerWaitTime(), TimeUnit.SECONDS);
        }
        if (p.flushReclaimedTimerWaitTime() > 0) {
            flushTask = timer.scheduleWithFixedDelay(() -> flush(p), p.flushReclaimedTimerWaitTime(),
                    p.flushReclaimedTimerWaitTime(), TimeUnit.SECONDS);
        }
    }

    /** With flush-reclaimed-timer-wait-time 0 reclaimed leases are removed at once (no affinity). */
    private void cycle(ExpiredLeasesProcessing p) {
        try {
            LeaseStore<A, L> s = store.get();
            if (s != null) {
                reclaimer.reclaim(s, clock.instant().getEpochSecond(), (int) p.maxReclaimLeases(), p.maxReclaimTime(),
                        p.flushReclaimedTimerWaitTime() == 0, (int) p.unwarnedReclaimCycles());
            }
            reclaimFailing = recovered(reclaimFailing, "ALLOC_ENGINE_" + family + "_LEASES_RECLAMATION_RECOVERED");
        } catch (LeaseStoreException e) {
            // A failed lease write: the lease stays expired and the next cycle tries again.
            reclaimFailing = failed(reclaimFailing, "ALLOC_ENGINE_" + family + "_LEASES_RECLAMATION_FAILED",
                    e.getMessage());
        } catch (RuntimeException e) {
            log.error("ALLOC_ENGINE_{}_LEASES_RECLAMATION_FAILED {}", family, e.toString());
        }
    }

    private void flush(ExpiredLeasesProcessing p) {
        try {
            LeaseStore<A, L> s = store.get();
            if (s != null) {
                reclaimer.flush(s, clock.instant().getEpochSecond() - p.holdReclaimedTime(), 0);
            }
            flushFailing = recovered(flushFailing, "ALLOC_ENGINE_" + family + "_RECLAIMED_LEASES_DELETE_RECOVERED");
        } catch (LeaseStoreException e) {
            flushFailing = failed(flushFailing, "ALLOC_ENGINE_" + family + "_RECLAIMED_LEASES_DELETE_FAILED",
                    e.getMessage());
        } catch (RuntimeException e) {
            log.error("ALLOC_ENGINE_{}_RECLAIMED_LEASES_DELETE_FAILED {}", family, e.toString());
        }
    }

    /** The first failure of an episode is logged; the following ones wait for a success (timer thread only). */
    private boolean failed(boolean failing, String id, String reason) {
        if (!failing) {
            log.error("{} {} (not logged again until a cycle succeeds)", id, reason);
        }
        return true;
    }

    private boolean recovered(boolean failing, String id) {
        if (failing) {
            log.info("{} the cycle succeeds again", id);
        }
        return false;
    }

    /** leases-reclaim: all expired leases now, without limits. */
    public int reclaimAll(boolean remove) throws LeaseStoreException {
        LeaseStore<A, L> s = store.get();
        return s == null ? 0 : reclaimer.reclaim(s, clock.instant().getEpochSecond(), 0, 0, remove, 0);
    }

    private void cancel() {
        if (reclaimTask != null) {
            reclaimTask.cancel(false);
        }
        if (flushTask != null) {
            flushTask.cancel(false);
        }
    }

    @Override
    public synchronized void close() {
        cancel();
        timer.shutdownNow();
    }
}
