package ruru.dhcp4.service;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ruru.daemon.logging.KeaLog;
import ruru.daemon.logging.KeaMessage;
import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.dhcp4.log.Dhcp4Messages;
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
            reclaimFailing = recovered(reclaimFailing, Dhcp4Messages.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL,
                    "DHCP4_RECLAIM_EXPIRED_LEASES_RECOVERED", "expired leases are reclaimed again");
        } catch (LeaseStoreException e) {
            // A failed lease write: the lease stays expired and the next cycle tries again.
            reclaimFailing = failed(reclaimFailing, Dhcp4Messages.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL, e.getMessage());
        } catch (RuntimeException e) {
            Dhcp4Messages.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL.log(e.toString());
        }
    }

    private void flush(ExpiredLeasesProcessing p) {
        try {
            Snapshot s = snapshot.get();
            reclaimer.flush(s.leases(), clock.instant().getEpochSecond() - p.holdReclaimedTime(), 0);
            flushFailing = recovered(flushFailing, Dhcp4Messages.ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED,
                    "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_RECOVERED", "expired-reclaimed leases are deleted again");
        } catch (LeaseStoreException e) {
            flushFailing = failed(flushFailing, Dhcp4Messages.ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED,
                    e.getMessage());
        } catch (RuntimeException e) {
            Dhcp4Messages.ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_FAILED.log(e.toString());
        }
    }

    /** The first failure of an episode is logged (Kea's message); the following ones wait for a success. */
    private static boolean failed(boolean failing, KeaMessage message, String reason) {
        if (!failing) {
            message.log(reason + " (not logged again until a cycle succeeds)");
        }
        return true;
    }

    /**
     * The end of an episode, on the failure message's logger. Kea has no such message (it logs every
     * failed cycle), so the ID is ruru's own (Dhcp4MessagesTest.RURU_ONLY).
     */
    private static boolean recovered(boolean failing, KeaMessage failure, String id, String text) {
        if (failing) {
            KeaLog.info(failure.logger(), id, text);
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
