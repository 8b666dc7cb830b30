package ruru.lease.pgsql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.lease.LeaseStoreException;
import ruru.lease.LeaseStoreUnavailableException;

/**
 * One PostgreSQL lease database on Kea's schema, for either family: the pool, the schema it found
 * (version, the columns of lease4/lease6, the lease states), and Kea's reconnect control. A
 * statement that fails because the connection is gone starts the reconnect cycle once (through
 * {@link DbConnectionEvents}); while it runs, lease operations fail at once instead of waiting on
 * the pool, and the first successful attempt brings the service back.
 *
 * <p>There is no lock here: each operation borrows its own pooled connection, so packet threads
 * never wait for one another except when the pool is exhausted.
 */
public final class PgsqlDatabase implements AutoCloseable {

    /**
     * What the lease tables offer in this database: their columns, the lease states, and whether
     * lease6.address is {@code inet} (Kea 3.0) or {@code varchar(39)} (Kea 2.2), for the v6 store.
     */
    public record Schema(SchemaVersion version, Set<String> lease4Columns, Set<String> lease6Columns,
                         Set<Integer> states, boolean lease6AddressInet) {
        public boolean lease4Has(String column) {
            return lease4Columns.contains(column);
        }

        public boolean lease6Has(String column) {
            return lease6Columns.contains(column);
        }
    }

    /** Work on a borrowed connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** How the daemon uses the pool. */
    public record Options(int poolSize, String applicationName, String loggerName) {
    }

    private final PgsqlSettings settings;
    private volatile HikariDataSource pool;
    private final PgsqlConnections.Target target;
    private final int poolSize;
    private final String applicationName;
    private final DbConnectionEvents events;
    private final Logger log;
    private final String loggerName;
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private volatile Schema schema;
    private volatile boolean closed;

    private PgsqlDatabase(PgsqlSettings settings, Options o, DbConnectionEvents events, Logger log) {
        this.settings = settings;
        this.poolSize = Math.max(2, o.poolSize());
        this.applicationName = o.applicationName();
        this.pool = PgsqlConnections.pool(settings, poolSize, applicationName);
        this.target = PgsqlConnections.target(settings, applicationName);
        this.events = events;
        this.log = log;
        this.loggerName = o.loggerName();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lease-db-reconnect").factory());
    }

    /**
     * Connects and reads the schema. A database that cannot be reached is refused with
     * {@code Unable to open database: ...}, unless {@code retry-on-startup} is set and reconnection
     * is configured: then the store opens disconnected and the reconnect cycle starts at once.
     */
    public static PgsqlDatabase open(PgsqlSettings s, Options o, DbConnectionEvents events) throws LeaseStoreException {
        Logger log = LoggerFactory.getLogger(o.loggerName());
        log.info("DHCPSRV_PGSQL_DB opening PostgreSQL lease database: {}", s.redacted());
        if (s.tls().configured()) {
            log.info("DHCPSRV_PGSQL_TLS_SUPPORT Attempt to configure TLS: {}", s.redacted());
            s.tls().cipherList().ifPresent(c -> log.warn("DHCPSRV_PGSQL_TLS_SUPPORT cipher-list '{}' is not used: "
                    + "libpq has no client-side cipher setting, the server's ssl_ciphers decides", c));
        }
        PgsqlDatabase db = new PgsqlDatabase(s, o, events, log);
        try {
            db.schema = db.readSchema();
        } catch (SQLException e) {
            if (s.retryOnStartup() && s.maxReconnectTries() > 0 && s.reconnectWaitMillis() > 0) {
                log.warn("DHCPSRV_PGSQL_DB the lease database is unreachable at startup, retrying: {}",
                        PgsqlConnections.describe(s, e));
                db.connectionLost(e);
                return db;
            }
            db.close();
            throw new LeaseStoreException("Unable to open database: " + PgsqlConnections.describe(s, e), e);
        } catch (LeaseStoreException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private Schema readSchema() throws SQLException, LeaseStoreException {
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            log.debug("DHCPSRV_PGSQL_GET_VERSION obtaining schema version information");
            SchemaVersion v;
            try (ResultSet rs = st.executeQuery("SELECT version, minor FROM schema_version")) {
                if (!rs.next()) {
                    throw new LeaseStoreException("Unable to open database: the schema_version table is empty");
                }
                v = new SchemaVersion(rs.getInt(1), rs.getInt(2));
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) {
                    throw new LeaseStoreException("Unable to open database: there is no Kea schema in database '"
                            + settings.name() + "' (run kea-admin db-init pgsql, or ruru admin db-init pgsql)", e);
                }
                throw e;
            }
            if (!v.servable()) {
                throw new LeaseStoreException("Unable to open database: " + v.mismatch());
            }
            Set<String> l4 = new HashSet<>();
            Set<String> l6 = new HashSet<>();
            boolean inet = false;
            try (ResultSet rs = st.executeQuery("SELECT table_name, column_name, data_type FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name IN ('lease4', 'lease6')")) {
                while (rs.next()) {
                    boolean v4 = rs.getString(1).equals("lease4");
                    (v4 ? l4 : l6).add(rs.getString(2));
                    inet |= !v4 && rs.getString(2).equals("address") && rs.getString(3).equals("inet");
                }
            }
            Set<Integer> states = new HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT state FROM lease_state")) {
                while (rs.next()) {
                    states.add(rs.getInt(1));
                }
            }
            return new Schema(v, Set.copyOf(l4), Set.copyOf(l6), Set.copyOf(states), inet);
        }
    }

    public PgsqlSettings settings() {
        return settings;
    }

    /** The daemon's lease-database logger ({@code kea-dhcp4.dhcpsrv}). */
    public String loggerName() {
        return loggerName;
    }

    /** The schema found; throws while the database has never been reached. */
    public Schema schema() {
        Schema s = schema;
        if (s == null) {
            throw new LeaseStoreUnavailableException("the lease database has not been reached yet", null);
        }
        return s;
    }

    /** Whether the connection is believed up (no reconnect cycle running). */
    public boolean connected() {
        return schema != null && !reconnecting.get();
    }

    /** A read: failures are unchecked ({@link LeaseStoreUnavailableException}). */
    public <T> T read(SqlWork<T> work) {
        try {
            return run(work);
        } catch (SQLException e) {
            throw new LeaseStoreUnavailableException("lease database read failed: " + reason(e), e);
        }
    }

    /** A write: failures are {@link LeaseStoreException}; the caller's exchange fails, nothing is answered. */
    public <T> T write(SqlWork<T> work) throws LeaseStoreException {
        try {
            return run(work);
        } catch (SQLException e) {
            throw new LeaseStoreException("lease database write failed: " + reason(e), e);
        } catch (LeaseStoreUnavailableException e) {
            throw new LeaseStoreException(e.getMessage(), e.getCause());
        }
    }

    private <T> T run(SqlWork<T> work) throws SQLException {
        if (reconnecting.get()) {
            throw new LeaseStoreUnavailableException("the lease database connection is lost; reconnecting", null);
        }
        if (closed) {
            throw new LeaseStoreUnavailableException("the lease database is closed", null);
        }
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            if (PgsqlConnections.connectionLost(e)) {
                connectionLost(e);
            }
            throw e;
        }
    }

    private static String reason(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Starts Kea's reconnect cycle once, however many threads saw the connection go. */
    void connectionLost(SQLException cause) {
        if (closed || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        log.debug("DHCPSRV_PGSQL_FATAL_ERROR lease database connection lost: {}", reason(cause));
        boolean retry;
        try {
            retry = events.lost(settings);
        } catch (RuntimeException e) {
            retry = false;
        }
        if (!retry) {
            // no reconnect cycle: the pool heals by itself when the server is back
            reconnecting.set(false);
            return;
        }
        schedule(1);
    }

    private void schedule(long attempt) {
        log.info("DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE scheduling attempt {} of {} in {} milliseconds",
                attempt, settings.maxReconnectTries(), settings.reconnectWaitMillis());
        try {
            timer.schedule(() -> attempt(attempt), settings.reconnectWaitMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void attempt(long attempt) {
        if (closed) {
            return;
        }
        try {
            Schema found = readSchema();
            schema = found;
            // a fresh pool: the old one's connections died with the server (closed in the background)
            HikariDataSource old = pool;
            pool = PgsqlConnections.pool(settings, poolSize, applicationName);
            Thread.ofVirtual().start(old::close);
            reconnecting.set(false);
            events.recovered();
        } catch (SQLException | LeaseStoreException e) {
            String why = e instanceof SQLException se ? PgsqlConnections.describe(settings, se) : e.getMessage();
            log.info("DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED database reconnect failed: {}", why);
            if (attempt < settings.maxReconnectTries()) {
                schedule(attempt + 1);
            } else {
                log.error("DHCPSRV_PGSQL_LEASE_DB_RECONNECT_FAILED maximum number of database reconnect attempts: "
                        + "{}, has been exhausted without success", settings.maxReconnectTries());
                events.failed(settings);
                // serve-retry-continue keeps running: let operations try the pool again
                reconnecting.set(false);
            }
        } catch (RuntimeException e) {
            log.error("DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED database reconnect failed: {}", e.toString());
            schedule(attempt + 1);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        pool.close();
    }
}
