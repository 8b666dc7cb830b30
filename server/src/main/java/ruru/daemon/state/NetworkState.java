package ruru.daemon.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import ruru.json.Element;
import ruru.json.MapElement;

/**
 * Whether the DHCP service answers packets (Kea's NetworkState). The service is enabled unless at
 * least one origin has disabled it; each origin enables only itself. A disable may carry a
 * max-period: a one-shot timer per origin that enables that origin again (Kea's delayedEnable,
 * which clears only the timer's origin), and an explicit enable for the origin cancels it.
 *
 * <p>{@link #isServiceEnabled()} is a volatile read for the packet path; changes are synchronized.
 */
public final class NetworkState {

    private record Timer(Object token, ScheduledFuture<?> future) {
    }

    private final ScheduledExecutorService scheduler;
    private final TreeSet<Origin> disabledBy = new TreeSet<>();
    private final Map<Origin, Timer> timers = new HashMap<>();
    private volatile boolean enabled = true;

    /** {@code scheduler} runs the max-period timers. */
    public NetworkState(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    public boolean isServiceEnabled() {
        return enabled;
    }

    public synchronized void disable(Origin origin) {
        disabledBy.add(Objects.requireNonNull(origin, "origin"));
        update();
    }

    /** Clears this origin's disable and cancels its timer. */
    public synchronized void enable(Origin origin) {
        disabledBy.remove(Objects.requireNonNull(origin, "origin"));
        cancelTimer(origin);
        update();
    }

    /**
     * Schedules {@link #enable(Origin)} for {@code origin} after {@code delay}, replacing an earlier
     * timer of the same origin. Kea refuses this for database-connection origins, whose disables
     * last until the connection is back.
     */
    public synchronized void delayedEnable(Origin origin, Duration delay) {
        cancelTimer(origin);
        if (origin.kind() == Origin.Kind.DB_CONNECTION) {
            throw new IllegalArgumentException("DB connection does not support delayed enable");
        }
        Object token = new Object();
        // Kea takes any positive 64-bit max-period; beyond ~292 years the nanoseconds saturate.
        long nanos;
        try {
            nanos = delay.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        ScheduledFuture<?> future = scheduler.schedule(() -> expire(origin, token), nanos, TimeUnit.NANOSECONDS);
        timers.put(origin, new Timer(token, future));
    }

    /** Whether some origin's max-period timer is pending. */
    public synchronized boolean isDelayedEnable() {
        return !timers.isEmpty();
    }

    /** Time left on {@code origin}'s timer, if it has one. */
    public synchronized Optional<Duration> remainingDelay(Origin origin) {
        Timer t = timers.get(origin);
        return t == null ? Optional.empty() : Optional.of(Duration.ofNanos(t.future().getDelay(TimeUnit.NANOSECONDS)));
    }

    /** The database connections are back: clears every DB-connection origin. */
    public synchronized void resetForDbConnection() {
        disabledBy.removeIf(o -> o.kind() == Origin.Kind.DB_CONNECTION);
        update();
    }

    /** Clears every local HA origin (HA hook restarting its services). */
    public synchronized void resetForLocalCommands() {
        disabledBy.removeIf(o -> o.kind() == Origin.Kind.HA_LOCAL);
        update();
    }

    /** Clears every HA partner origin. */
    public synchronized void resetForRemoteCommands() {
        disabledBy.removeIf(o -> o.kind() == Origin.Kind.HA_REMOTE);
        update();
    }

    /**
     * status-get's {@code dhcp-state}: {@code globally-disabled}, {@code disabled-by-user} and the
     * ids, ascending, of the local HA, remote HA and database-connection origins. Other ids
     * (0, 2-999) disable the service but appear in no list, as in Kea.
     */
    public synchronized MapElement toElement() {
        List<Element> local = new ArrayList<>();
        List<Element> remote = new ArrayList<>();
        List<Element> db = new ArrayList<>();
        for (Origin o : disabledBy) {
            switch (o.kind()) {
                case HA_LOCAL -> local.add(Element.of(o.id()));
                case HA_REMOTE -> remote.add(Element.of(o.id()));
                case DB_CONNECTION -> db.add(Element.of(o.id()));
                case USER, OTHER -> { }
            }
        }
        return MapElement.builder()
                .put("disabled-by-db-connection", Element.list(db))
                .put("disabled-by-local-command", Element.list(local))
                .put("disabled-by-remote-command", Element.list(remote))
                .put("disabled-by-user", disabledBy.contains(Origin.USER))
                .put("globally-disabled", !enabled)
                .build();
    }

    private synchronized void expire(Origin origin, Object token) {
        Timer t = timers.get(origin);
        if (t != null && t.token() == token) {
            enable(origin);
        }
    }

    private void cancelTimer(Origin origin) {
        Timer t = timers.remove(origin);
        if (t != null) {
            t.future().cancel(false);
        }
    }

    private void update() {
        enabled = disabledBy.isEmpty();
    }
}
