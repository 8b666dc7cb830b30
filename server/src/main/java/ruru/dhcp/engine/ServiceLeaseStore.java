package ruru.dhcp.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

import ruru.daemon.config.ConfigException;
import ruru.daemon.metrics.LatencyHistogram;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.config.LeaseDatabase;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreException;
import ruru.lease.MemfileSettings;
import ruru.lease.pgsql.DbLossPolicy;
import ruru.lease.pgsql.PgsqlDatabase;
import ruru.lease.pgsql.PgsqlLeaseStores;

/**
 * Which lease store a DHCP service of either family runs on, across reconfigurations. The same
 * lease file keeps its store (two stores must never append to one file; a changed lfc-interval or
 * max-row-errors on the same file therefore applies from the next start), and the same database
 * settings and pool size keep their pool; anything else is opened before the new configuration is
 * swapped in and the old store is closed only after. Every store opened is timed (the lease-write
 * histogram of /metrics) and counts its failed writes in the family's {@code vN-lease-write-fail}.
 *
 * @param <S> the family's store interface
 */
public final class ServiceLeaseStore<S extends LeaseStore<?, ?>> {

    /** How the family opens each backend and times a store. */
    public interface Backends<S> {
        S memfile(MemfileSettings settings, Clock clock) throws LeaseStoreException;

        S postgresql(PgsqlDatabase database);

        S timed(S store, LongConsumer observer);

        /** A family's stores by their constructors (MemfileLease4Store::open, PgsqlLease4Store::new ...). */
        static <S> Backends<S> of(Memfile<S> memfile, java.util.function.Function<PgsqlDatabase, S> postgresql,
                java.util.function.BiFunction<S, LongConsumer, S> timed) {
            return new Backends<>() {
                @Override
                public S memfile(MemfileSettings settings, Clock clock) throws LeaseStoreException {
                    return memfile.open(settings, clock);
                }

                @Override
                public S postgresql(PgsqlDatabase database) {
                    return postgresql.apply(database);
                }

                @Override
                public S timed(S store, LongConsumer observer) {
                    return timed.apply(store, observer);
                }
            };
        }
    }

    /** Opens a family's memfile store. */
    @FunctionalInterface
    public interface Memfile<S> {
        S open(MemfileSettings settings, Clock clock) throws LeaseStoreException;
    }

    /**
     * A store for a configuration being applied: the one in force, or a new one not current yet
     * ({@code opened}; {@code database} is its PostgreSQL database, null for a memfile).
     */
    public record Next<S>(S store, Object settings, boolean opened, PgsqlDatabase database) {
    }

    private final PgsqlLeaseStores family;
    private final Backends<S> backends;
    private final StatsManager stats;
    private final String writeFailStat;
    private final NetworkState networkState;
    private final Clock clock;
    private volatile IntConsumer shutdown = code -> { };
    private volatile LatencyHistogram writeTimes;
    private S current;
    /** Whether the store in force keeps its leases in a database (read per packet batch: no lock). */
    private volatile boolean database;
    /** What the store in force was opened from: memfile settings, or PostgreSQL settings and pool size. */
    private Object settings;

    public ServiceLeaseStore(PgsqlLeaseStores family, Backends<S> backends, StatsManager stats, String writeFailStat,
                             NetworkState networkState, Clock clock) {
        this.family = family;
        this.backends = backends;
        this.stats = stats;
        this.writeFailStat = writeFailStat;
        this.networkState = networkState;
        this.clock = clock;
    }

    /** Feeds the daemon's lease-write histogram from now on. */
    public void instrument(LatencyHistogram writes) {
        this.writeTimes = writes;
    }

    /** Who is told to shut the daemon down when the lease database is lost for good (on-fail *-exit). */
    public void shutdownBy(IntConsumer action) {
        this.shutdown = Objects.requireNonNull(action, "action");
    }

    /**
     * The store for {@code db} with {@code threads} packet threads: the one in force when it fits,
     * else a new one (opened now; {@link #commit} or {@link #abandon} it).
     */
    public synchronized Next<S> next(LeaseDatabase db, int threads) throws ConfigException {
        return next(db, threads, () -> { });
    }

    /** As above; {@code opening} runs just before a new store is opened (Kea's lines about it). */
    public synchronized Next<S> next(LeaseDatabase db, int threads, Runnable opening) throws ConfigException {
        Object wanted = db.postgresql().<Object>map(p -> PgsqlLeaseStores.settings(p, threads))
                .orElseGet(db::memfile);
        if (current != null && same(wanted, settings)) {
            return new Next<>(current, settings, false, null);
        }
        opening.run();
        return open(wanted);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof MemfileSettings m && b instanceof MemfileSettings n) {
            return m.persist() == n.persist() && Objects.equals(m.file(), n.file());
        }
        return a instanceof PgsqlLeaseStores.Opened && a.equals(b);
    }

    private Next<S> open(Object wanted) throws ConfigException {
        boolean database = wanted instanceof PgsqlLeaseStores.Opened;
        try {
            PgsqlDatabase db = database ? family.open((PgsqlLeaseStores.Opened) wanted, networkState,
                    code -> shutdown.accept(code)) : null;
            S raw = database ? backends.postgresql(db) : backends.memfile((MemfileSettings) wanted, clock);
            S store = backends.timed(raw, nanos -> {
                LatencyHistogram h = writeTimes;
                if (h != null) {
                    h.observeNanos(nanos);
                }
            });
            store.writeHealth().ifPresent(h -> h.onFailure(() -> stats.addValue(writeFailStat, 1L)));
            return new Next<>(store, wanted, true, db);
        } catch (LeaseStoreException e) {
            throw new ConfigException(database ? e.getMessage() : "unable to open the lease database: " + e.getMessage());
        }
    }

    /**
     * {@code next} is in force now: the store it replaces is closed, and a lost database that old
     * store was reconnecting to no longer holds the service down (unless the new one is lost too).
     * The write-failure statistic exists from the first configuration on, at 0.
     */
    public synchronized void commit(Next<S> next) {
        if (!stats.has(writeFailStat)) {
            stats.setValue(writeFailStat, 0L);
        }
        S old = current;
        current = next.store();
        settings = next.settings();
        database = !(settings instanceof MemfileSettings);
        if (old != null && old != next.store()) {
            old.close();
            if (next.database() == null || next.database().connected()) {
                networkState.enable(DbLossPolicy.LEASE_DB_ORIGIN);
            }
        }
    }

    /** Whether the store in force keeps its leases in a database (a packet then waits on it). */
    public boolean inDatabase() {
        return database;
    }

    /** The configuration {@code next} was for failed: a store opened for it is closed again. */
    public void abandon(Next<S> next) {
        if (next.opened()) {
            next.store().close();
        }
    }

    /** The memfile lease file in force (status-get's csv-lease-file); empty with persist false or a database. */
    public synchronized Optional<Path> leaseFile() {
        return settings instanceof MemfileSettings m && m.persist() ? Optional.of(m.file().toAbsolutePath())
                : Optional.empty();
    }

    /** -T: Kea opens the PostgreSQL lease database the configuration names (connection, schema), then closes it. */
    public static void check(PgsqlLeaseStores family, LeaseDatabase db) throws ConfigException {
        if (db.postgresql().isPresent()) {
            try {
                family.check(db.postgresql().get());
            } catch (LeaseStoreException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** Closes the store in force (the service's end). */
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
