package ruru.lease.pgsql;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.LoggerFactory;

import ruru.lease.Lease;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreException;
import ruru.lease.LeaseStoreUnavailableException;
import ruru.lease.WriteHealth;

/**
 * A lease store of either family on Kea's PostgreSQL schema, shared with other ruru and Kea
 * servers. Allocation is atomic by the primary key: an insert of an address another server has
 * just taken fails with a unique violation and returns false, so the allocator moves on. Updates
 * and deletes are optimistic, keyed on (address, expire) as last read, exactly as Kea's: a lease
 * another server changed meanwhile is not overwritten. Every change is committed (autocommit)
 * before the method returns, so the reply leaves only after the lease is in the database.
 *
 * @param <A> the address type
 * @param <L> the lease type
 * @param <R> the family's table mapping
 */
abstract class PgsqlLeaseStore<A extends Comparable<A>, L extends Lease<A>, R extends LeaseRows<A, L>>
        implements LeaseStore<A, L> {

    /** Work that binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    final PgsqlDatabase db;
    private final WriteHealth health;
    private final Function<PgsqlDatabase.Schema, R> rowsOf;
    private volatile R rows;
    private volatile PgsqlDatabase.Schema rowsFor;

    PgsqlLeaseStore(PgsqlDatabase db, Function<PgsqlDatabase.Schema, R> rowsOf) {
        this.db = db;
        this.rowsOf = rowsOf;
        this.health = new WriteHealth("PostgreSQL lease database '" + db.settings().name() + "'", Clock.systemUTC(),
                LoggerFactory.getLogger(db.loggerName()), "DHCPSRV_PGSQL_WRITE_FAIL", "DHCPSRV_PGSQL_WRITE_RECOVERED");
    }

    /**
     * Failed writes (a lost connection, a refused row) count in the daemon's write-failure
     * statistic and show in status-get's {@code lease-database} while they last, as memfile's do.
     */
    @Override
    public Optional<WriteHealth> writeHealth() {
        return Optional.of(health);
    }

    /** A change on a pooled connection, its outcome recorded in {@link #writeHealth()}. */
    private <T> T write(PgsqlDatabase.SqlWork<T> work) throws LeaseStoreException {
        T result;
        try {
            result = db.write(work);
        } catch (LeaseStoreException e) {
            health.failed(e.getMessage());
            throw e;
        }
        health.succeeded();
        return result;
    }

    public PgsqlDatabase database() {
        return db;
    }

    /** The statements for the schema in force (a reconnect may find an upgraded schema). */
    final R rows() {
        PgsqlDatabase.Schema s = db.schema();
        R r = rows;
        if (r == null || rowsFor != s) {
            r = rowsOf.apply(s);
            rows = r;
            rowsFor = s;
        }
        return r;
    }

    private R rowsForWrite() throws LeaseStoreException {
        try {
            return rows();
        } catch (LeaseStoreUnavailableException e) {
            health.failed(e.getMessage());
            throw new LeaseStoreException(e.getMessage(), e);
        }
    }

    /** The leases {@code where} (a clause after the SELECT, parameters bound by {@code binder}) selects. */
    final List<L> query(String where, Binder binder) {
        R r = rows();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.select + where)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<L> out = new ArrayList<>();
                    while (rs.next()) {
                        L l = r.read(rs);
                        if (l != null) {
                            out.add(l);
                        }
                    }
                    return out;
                }
            }
        });
    }

    /** " ORDER BY address" as the family compares addresses. */
    final String byAddress() {
        return " ORDER BY " + rows().addressOrder;
    }

    @Override
    public Optional<L> get(A address) {
        List<L> l = query(" WHERE " + rows().addressEquals, ps -> rows().bindAddress(ps, 1, address));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public boolean insert(L lease) throws LeaseStoreException {
        R r = rowsForWrite();
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.insert)) {
                bindAll(r, ps, lease);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean replace(L expected, L updated) throws LeaseStoreException {
        if (!expected.address().equals(updated.address())) {
            throw new IllegalArgumentException("replace must keep the address: " + expected.address()
                    + " != " + updated.address());
        }
        R r = rowsForWrite();
        long oldExpire = LeaseRows.expire(expected);
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.update)) {
                int i = bindFields(r, ps, 1, updated);
                r.bindAddress(ps, i++, expected.address());
                ps.setLong(i, oldExpire);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(L expected) throws LeaseStoreException {
        R r = rowsForWrite();
        long oldExpire = LeaseRows.expire(expected);
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.delete)) {
                r.bindAddress(ps, 1, expected.address());
                ps.setLong(2, oldExpire);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void put(L lease) throws LeaseStoreException {
        R r = rowsForWrite();
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.upsert)) {
                bindAll(r, ps, lease);
                ps.executeUpdate();
                return null;
            }
        });
    }

    /** Binding errors that are not SQL errors (a time past 2038) travel as SQL errors of class 22. */
    private void bindAll(R r, PreparedStatement ps, L l) throws SQLException {
        try {
            r.bindAll(ps, l);
        } catch (LeaseStoreException e) {
            throw new SQLException(e.getMessage(), "22008");
        }
    }

    private int bindFields(R r, PreparedStatement ps, int i, L l) throws SQLException {
        try {
            return r.bindFields(ps, i, l);
        } catch (LeaseStoreException e) {
            throw new SQLException(e.getMessage(), "22008");
        }
    }

    @Override
    public List<L> byHostname(String hostname) {
        return query(" WHERE lower(hostname) = ?" + byAddress(), ps -> ps.setString(1, hostname));
    }

    @Override
    public List<L> bySubnet(long subnetId) {
        return query(" WHERE subnet_id = ?" + byAddress(), ps -> ps.setLong(1, subnetId));
    }

    @Override
    public List<L> all() {
        return query(byAddress(), ps -> { });
    }

    @Override
    public List<L> page(A after, int limit) {
        R r = rows();
        String where = r.pageAfter(after);
        return query((where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY " + r.pageOrder() + " LIMIT ?", ps -> {
            int i = 1;
            if (!where.isEmpty()) {
                r.bindAddress(ps, i++, after);
            }
            ps.setLong(i, limit);
        });
    }

    private List<L> expiredIn(String states, long before, int max) {
        return query(" WHERE state IN (" + states + ") AND valid_lifetime != 4294967295 AND expire < to_timestamp(?) "
                + "ORDER BY expire, address LIMIT ?", ps -> {
                    ps.setLong(1, before);
                    ps.setLong(2, max <= 0 ? Long.MAX_VALUE : max);
                });
    }

    @Override
    public List<L> expired(long nowEpoch, int max) {
        return expiredIn(Integer.toString(LeaseState.DEFAULT.code()), nowEpoch, max);
    }

    @Override
    public List<L> expiredDeclined(long nowEpoch, int max) {
        return expiredIn(Integer.toString(LeaseState.DECLINED.code()), nowEpoch, max);
    }

    @Override
    public List<L> reclaimedBefore(long epoch, int max) {
        return expiredIn(LeaseState.EXPIRED_RECLAIMED.code() + ", " + LeaseState.RELEASED.code(), epoch, max);
    }

    @Override
    public int size() {
        String table = rows().table;
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
            }
        });
    }

    /**
     * Lease counts from a statistics table Kea's triggers maintain: {@code sql} selects subnet,
     * pool (-1 when unknown), lease type code, state and leases.
     */
    final List<LeaseCount> counts(String sql) {
        return db.read(c -> readCounts(c, sql));
    }

    private static List<LeaseCount> readCounts(Connection c, String sql) throws SQLException {
        List<LeaseCount> out = new ArrayList<>();
        ruru.wire.v6.IaType[] types = ruru.wire.v6.IaType.values();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long state = rs.getLong(4);
                int type = rs.getInt(3);
                if ((state == LeaseState.DEFAULT.code() || state == LeaseState.DECLINED.code()) && rs.getLong(5) > 0
                        && type >= 0 && type < types.length) {
                    out.add(new LeaseCount(rs.getLong(1), rs.getLong(2), LeaseState.of((int) state), rs.getLong(5),
                            types[type]));
                }
            }
        }
        return out;
    }

    /** Kea's leaseN-write is memfile's: with a database it is not supported (kea-admin lease-dump is). */
    @Override
    public boolean writesLeaseFiles() {
        return false;
    }

    /** A memfile CSV of the database's leases (what kea-admin lease-dump writes); not reached by leaseN-write. */
    @Override
    public abstract void writeTo(Path file) throws IOException;

    @Override
    public void close() {
        db.close();
    }
}
