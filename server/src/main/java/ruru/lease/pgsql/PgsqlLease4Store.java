package ruru.lease.pgsql;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseFiles;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * The DHCPv4 lease store on Kea's PostgreSQL schema, shared with other ruru and Kea servers.
 * Allocation is atomic by the primary key: an insert of an address another server has just taken
 * fails with a unique violation and returns false, so the allocator moves on. Updates and deletes
 * are optimistic, keyed on (address, expire) as last read, exactly as Kea's: a lease another
 * server changed meanwhile is not overwritten. Every change is committed (autocommit) before the
 * method returns, so the reply leaves only after the lease is in the database.
 */
public final class PgsqlLease4Store implements Lease4Store {

    private final PgsqlDatabase db;
    private volatile Lease4Rows rows;
    private volatile PgsqlDatabase.Schema rowsFor;

    public PgsqlLease4Store(PgsqlDatabase db) {
        this.db = db;
    }

    public PgsqlDatabase database() {
        return db;
    }

    /** The statements for the schema in force (a reconnect may find an upgraded schema). */
    private Lease4Rows rows() {
        PgsqlDatabase.Schema s = db.schema();
        Lease4Rows r = rows;
        if (r == null || rowsFor != s) {
            r = new Lease4Rows(s);
            rows = r;
            rowsFor = s;
        }
        return r;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Lease4> query(String where, Binder binder) {
        Lease4Rows r = rows();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.select + where)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Lease4> out = new ArrayList<>();
                    while (rs.next()) {
                        Lease4 l = r.read(rs);
                        if (l != null) {
                            out.add(l);
                        }
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<Lease4> get(Ipv4Address address) {
        List<Lease4> l = query(" WHERE address = ?", ps -> ps.setLong(1, address.toLong()));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public boolean insert(Lease4 lease) throws LeaseStoreException {
        Lease4Rows r = rowsForWrite();
        return db.write(c -> {
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
    public boolean replace(Lease4 expected, Lease4 updated) throws LeaseStoreException {
        if (!expected.address().equals(updated.address())) {
            throw new IllegalArgumentException("replace must keep the address: " + expected.address()
                    + " != " + updated.address());
        }
        Lease4Rows r = rowsForWrite();
        long oldExpire = Lease4Rows.expire(expected);
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.update)) {
                int i = bindFields(r, ps, 1, updated);
                ps.setLong(i++, expected.address().toLong());
                ps.setLong(i, oldExpire);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(Lease4 expected) throws LeaseStoreException {
        Lease4Rows r = rowsForWrite();
        long oldExpire = Lease4Rows.expire(expected);
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.delete)) {
                ps.setLong(1, expected.address().toLong());
                ps.setLong(2, oldExpire);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void put(Lease4 lease) throws LeaseStoreException {
        Lease4Rows r = rowsForWrite();
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(r.upsert)) {
                bindAll(r, ps, lease);
                ps.executeUpdate();
                return null;
            }
        });
    }

    private Lease4Rows rowsForWrite() throws LeaseStoreException {
        try {
            return rows();
        } catch (ruru.lease.LeaseStoreUnavailableException e) {
            throw new LeaseStoreException(e.getMessage(), e);
        }
    }

    /** Binding errors that are not SQL errors (a time past 2038) travel as SQL errors of class 22. */
    private static void bindAll(Lease4Rows r, PreparedStatement ps, Lease4 l) throws SQLException {
        try {
            r.bindAll(ps, l);
        } catch (LeaseStoreException e) {
            throw new SQLException(e.getMessage(), "22008");
        }
    }

    private static int bindFields(Lease4Rows r, PreparedStatement ps, int i, Lease4 l) throws SQLException {
        try {
            return r.bindFields(ps, i, l);
        } catch (LeaseStoreException e) {
            throw new SQLException(e.getMessage(), "22008");
        }
    }

    @Override
    public List<Lease4> byHwAddress(HardwareAddress hw) {
        byte[] bytes = hw.bytes();
        return query(" WHERE hwaddr = ? ORDER BY address", ps -> ps.setBytes(1, bytes));
    }

    @Override
    public List<Lease4> byClientId(byte[] clientId) {
        byte[] id = clientId.clone();
        return query(" WHERE client_id = ? ORDER BY address", ps -> ps.setBytes(1, id));
    }

    @Override
    public List<Lease4> byHostname(String hostname) {
        return query(" WHERE lower(hostname) = ? ORDER BY address", ps -> ps.setString(1, hostname));
    }

    @Override
    public List<Lease4> bySubnet(long subnetId) {
        return query(" WHERE subnet_id = ? ORDER BY address", ps -> ps.setLong(1, subnetId));
    }

    @Override
    public List<Lease4> all() {
        return query(" ORDER BY address", ps -> { });
    }

    @Override
    public List<Lease4> page(Ipv4Address after, int limit) {
        return query(" WHERE address > ? ORDER BY address LIMIT ?", ps -> {
            ps.setLong(1, after.toLong());
            ps.setLong(2, limit);
        });
    }

    private List<Lease4> expiredIn(String states, long before, int max) {
        return query(" WHERE state IN (" + states + ") AND valid_lifetime != 4294967295 AND expire < to_timestamp(?) "
                + "ORDER BY expire, address LIMIT ?", ps -> {
                    ps.setLong(1, before);
                    ps.setLong(2, max <= 0 ? Long.MAX_VALUE : max);
                });
    }

    @Override
    public List<Lease4> expired(long nowEpoch, int max) {
        return expiredIn(Integer.toString(LeaseState.DEFAULT.code()), nowEpoch, max);
    }

    @Override
    public List<Lease4> expiredDeclined(long nowEpoch, int max) {
        return expiredIn(Integer.toString(LeaseState.DECLINED.code()), nowEpoch, max);
    }

    @Override
    public List<Lease4> reclaimedBefore(long epoch, int max) {
        return expiredIn(LeaseState.EXPIRED_RECLAIMED.code() + ", " + LeaseState.RELEASED.code(), epoch, max);
    }

    @Override
    public int size() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM lease4");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
            }
        });
    }

    /**
     * From the tables Kea's triggers maintain: {@code lease4_pool_stat} where the schema has pools
     * (3.0), else {@code lease4_stat} with the pool unknown.
     */
    @Override
    public List<LeaseCount> counts() {
        boolean pools = db.schema().lease4Has("pool_id");
        String sql = pools ? "SELECT subnet_id, pool_id, state, leases FROM lease4_pool_stat ORDER BY subnet_id, pool_id, state"
                : "SELECT subnet_id, -1, state, leases FROM lease4_stat ORDER BY subnet_id, state";
        return db.read(c -> readCounts(c, sql));
    }

    private static List<LeaseCount> readCounts(Connection c, String sql) throws SQLException {
        List<LeaseCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long state = rs.getLong(3);
                if ((state == LeaseState.DEFAULT.code() || state == LeaseState.DECLINED.code()) && rs.getLong(4) > 0) {
                    out.add(new LeaseCount(rs.getLong(1), rs.getLong(2), LeaseState.of((int) state), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** Kea's lease4-write is memfile's: with a database it is not supported (kea-admin lease-dump is). */
    @Override
    public boolean writesLeaseFiles() {
        return false;
    }

    /** A memfile CSV of the database's leases (what kea-admin lease-dump writes); not reached by lease4-write. */
    @Override
    public void writeTo(Path file) throws IOException {
        LeaseFiles.writeAtomically(file, all());
    }

    @Override
    public void close() {
        db.close();
    }
}
