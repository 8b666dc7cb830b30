package ruru.dhcp.engine;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ruru.daemon.logging.KeaMessage;
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
    private final ReclaimMessages messages;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> reclaimTask;
    private ScheduledFuture<?> flushTask;

    private boolean reclaimFailing; // timer thread only
    private boolean flushFailing; // timer thread only

    /** @param daemon names the timer thread ("dhcp4", "dhcp6") */
    public Reclamation(Reclaimer<A, L> reclaimer, Clock clock, Supplier<LeaseStore<A, L>> store, String daemon) {
        this.reclaimer = reclaimer;
        this.messages = reclaimer.messages();
        this.clock = clock;
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(daemon + "-reclaim").daemon().factory());
    }

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
        ReclaimTrace trace = messages.trace();
        trace.runTimer().log(ReclaimTrace.RECLAIM_TIMER);
        try {
            LeaseStore<A, L> s = store.get();
            if (s != null) {
                reclaimer.reclaim(s, clock.instant().getEpochSecond(), (int) p.maxReclaimLeases(), p.maxReclaimTime(),
                        p.flushReclaimedTimerWaitTime() == 0, (int) p.unwarnedReclaimCycles());
            }
            if (reclaimFailing) {
                messages.reclaimRecovered();
            }
            reclaimFailing = false;
        } catch (LeaseStoreException e) {
            // A failed lease write: the lease stays expired and the next cycle tries again.
            reclaimFailing = failed(reclaimFailing, messages.reclaimFailed(), e.getMessage());
        } catch (RuntimeException e) {
            messages.reclaimFailed().log(e.toString());
        }
        trace.startTimer().log(ReclaimTrace.RECLAIM_TIMER); // Kea re-arms its one-shot timer after each run
    }

    private void flush(ExpiredLeasesProcessing p) {
        ReclaimTrace trace = messages.trace();
        trace.runTimer().log(ReclaimTrace.FLUSH_TIMER);
        try {
            LeaseStore<A, L> s = store.get();
            if (s != null) {
                reclaimer.flush(s, clock.instant().getEpochSecond() - p.holdReclaimedTime(), p.holdReclaimedTime(), 0);
            }
            if (flushFailing) {
                messages.deleteRecovered();
            }
            flushFailing = false;
        } catch (LeaseStoreException e) {
            flushFailing = failed(flushFailing, messages.deleteFailed(), e.getMessage());
        } catch (RuntimeException e) {
            messages.deleteFailed().log(e.toString());
        }
        trace.startTimer().log(ReclaimTrace.FLUSH_TIMER);
    }

    /** The first failure of an episode is logged (Kea's message); the following ones wait for a success. */
    private static boolean failed(boolean failing, KeaMessage message, String reason) {
        if (!failing) {
            message.log(reason + " (not logged again until a cycle succeeds)");
        }
        return true;
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
