package ruru.dhcp4.service;

import ruru.dhcp4.log.Dhcp4Messages;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;


import ruru.dhcp4.config.ExpiredLeasesProcessing;
import ruru.lease.LeaseStoreException;

/**
 * The two reclamation timers of {@code expired-leases-processing}. Each cycle is scheduled after
 * the previous one ends (Kea's "wait time" semantics), on a thread of its own, never on a packet
 * thread; configuration changes replace the timers.
 */
final class Reclamation implements AutoCloseable {


    private final Reclaimer reclaimer;
    private final Clock clock;
    private final Supplier<Snapshot> snapshot;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dhcp4-reclaim").daemon().factory());
    private ScheduledFuture<?> reclaimTask;
    private ScheduledFuture<?> flushTask;

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
        } catch (LeaseStoreException | RuntimeException e) {
            Dhcp4Messages.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL.log(e.getMessage());
        }
    }

    private void flush(ExpiredLeasesProcessing p) {
        try {
            Snapshot s = snapshot.get();
            reclaimer.flush(s.leases(), clock.instant().getEpochSecond() - p.holdReclaimedTime(), 0);
        } catch (LeaseStoreException | RuntimeException e) {
            Dhcp4Messages.ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED.log(e.getMessage());
        }
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
