package ruru.dhcp4.service;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.dhcp4.config.ExpiredLeasesProcessing;
import ruru.lease.LeaseStoreException;

/**
 * The two reclamation timers of {@code expired-leases-processing}. Each cycle is scheduled after
 * the previous one ends (Kea's "wait time" semantics), on a thread of its own, never on a packet
 * thread; configuration changes replace the timers.
 */
final class Reclamation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.alloc-engine");

    private final Reclaimer reclaimer;
    private final Clock clock;
    private final Supplier<Snapshot> snapshot;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dhcp4-reclaim").daemon().factory());
    private ScheduledFuture<?> reclaimTask;
    private ScheduledFuture<?> flushTask;
    private boolean reclaimFailing; // timer thread only
    private boolean flushFailing; // timer thread only

    Reclamation(Reclaimer reclaimer, Clock clock, Supplier<Snapshot> snapshot) {
        this.reclaimer = reclaimer;
        this.clock = clock;
        this.snapshot = snapshot;
    }

    synchronized void configure(ExpiredLeasesProcessing p) {
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
            Snapshot s = snapshot.get();
            reclaimer.reclaim(s.leases(), clock.instant().getEpochSecond(), (int) p.maxReclaimLeases(),
                    p.maxReclaimTime(), p.flushReclaimedTimerWaitTime() == 0, (int) p.unwarnedReclaimCycles());
            reclaimFailing = recovered(reclaimFailing, "ALLOC_ENGINE_V4_LEASES_RECLAMATION_RECOVERED");
        } catch (LeaseStoreException e) {
            // A failed lease write: the lease stays expired and the next cycle tries again.
            reclaimFailing = failed(reclaimFailing, "ALLOC_ENGINE_V4_LEASES_RECLAMATION_FAILED", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("ALLOC_ENGINE_V4_LEASES_RECLAMATION_FAILED {}", e.toString());
        }
    }

    private void flush(ExpiredLeasesProcessing p) {
        try {
            Snapshot s = snapshot.get();
            reclaimer.flush(s.leases(), clock.instant().getEpochSecond() - p.holdReclaimedTime(), 0);
            flushFailing = recovered(flushFailing, "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_RECOVERED");
        } catch (LeaseStoreException e) {
            flushFailing = failed(flushFailing, "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED {}", e.toString());
        }
    }

    /** The first failure of an episode is logged; the following ones wait for a success. */
    private static boolean failed(boolean failing, String id, String reason) {
        if (!failing) {
            LOG.error("{} {} (not logged again until a cycle succeeds)", id, reason);
        }
        return true;
    }

    private static boolean recovered(boolean failing, String id) {
        if (failing) {
            LOG.info("{} the cycle succeeds again", id);
        }
        return false;
    }

    /** leases-reclaim: all expired leases now, without limits. */
    int reclaimAll(boolean remove) throws LeaseStoreException {
        Snapshot s = snapshot.get();
        return reclaimer.reclaim(s.leases(), clock.instant().getEpochSecond(), 0, 0, remove, 0);
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
