package ruru.lease;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * How a lease store's writes are going (any backend, any address family). A failed write fails
 * the exchange that needed it and is counted here; an episode of failures (from the first failure
 * to the next success) is logged once when it starts and once when it ends, never per packet, and
 * shows in status-get while it lasts. Nothing here stops the next write from trying again.
 */
public final class WriteHealth {

    /** What status-get shows: healthy, or the error of the current episode and since when. */
    public record Status(long failures, Optional<String> error, Optional<Instant> failingSince) {
        public boolean healthy() {
            return error.isEmpty();
        }
    }

    private final String what;
    private final String failId;
    private final String recoveredId;
    private final Clock clock;
    private final Logger log;
    private final AtomicLong failures = new AtomicLong();
    private volatile Runnable onFailure = () -> { };
    private volatile boolean failing;
    private String error; // guarded by this
    private Instant since; // guarded by this
    private long episodeFailures; // guarded by this

    /** @param what the store in words, for the log ("lease file /var/lib/kea/kea-leases4.csv") */
    public WriteHealth(String what, Clock clock, Logger log) {
        this(what, clock, log, "DHCPSRV_MEMFILE_WRITE_FAIL", "DHCPSRV_MEMFILE_WRITE_RECOVERED");
    }

    /**
     * @param failId      the log message ID that starts an episode, e.g. {@code DHCPSRV_PGSQL_WRITE_FAIL}
     * @param recoveredId the one that ends it, e.g. {@code DHCPSRV_PGSQL_WRITE_RECOVERED}
     */
    public WriteHealth(String what, Clock clock, Logger log, String failId, String recoveredId) {
        this.failId = failId;
        this.recoveredId = recoveredId;
        this.what = what;
        this.clock = clock;
        this.log = log;
    }

    /** Called on every failure, after it is counted (the daemon's statistic). */
    public void onFailure(Runnable listener) {
        this.onFailure = listener == null ? () -> { } : listener;
    }

    /** A write (or a cleanup) failed; the first failure of an episode is logged. */
    public void failed(String reason) {
        failures.incrementAndGet();
        boolean first;
        synchronized (this) {
            first = error == null;
            if (first) {
                since = clock.instant();
                episodeFailures = 0;
            }
            error = reason;
            failing = true;
            episodeFailures++;
        }
        if (first) {
            log.error("{} writing to the {} failed: {}; the exchanges that need a write fail "
                    + "until one succeeds (not logged again until then)", failId, what, reason);
        }
        onFailure.run();
    }

    /**
     * A failure outside the write path (a lease file cleanup): counted like a failed write, but it
     * neither starts nor ends an episode; the cleanup logs its own.
     */
    public void counted() {
        failures.incrementAndGet();
        onFailure.run();
    }

    /** A write succeeded: an episode of failures, if any, is over. */
    public void succeeded() {
        if (!failing) {
            return;
        }
        long count;
        Instant started;
        synchronized (this) {
            if (error == null) {
                return;
            }
            count = episodeFailures;
            started = since;
            error = null;
            since = null;
            failing = false;
        }
        log.info("{} writing to the {} succeeds again after {} failed write(s) since {}",
                recoveredId, what, count, started);
    }

    public Status status() {
        synchronized (this) {
            return new Status(failures.get(), Optional.ofNullable(error), Optional.ofNullable(since));
        }
    }

    public long failures() {
        return failures.get();
    }
}
