package ruru.lease.pgsql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * Kea's {@code lease4} table as this database has it (FACTS 14.2, 14.4): the statements, prepared
 * by each pooled connection at first use, and the mapping of a row to a {@link Lease4}. Kea 2.2's
 * schema (13.0) has the eleven base columns; Kea 3.0's (29.0) adds {@code relay_id},
 * {@code remote_id} (left to the database's defaults, as ruru keeps no extended info) and
 * {@code pool_id}. {@code expire} is written from epoch seconds and read back as epoch seconds,
 * so it is the same instant whatever the session time zone; as in Kea, the database's and the
 * servers' clocks must agree. Absent binary and text fields are written empty, as Kea does.
 */
final class Lease4Rows {

    /** Kea's MAX_DB_TIME: timestamps past January 2038 are refused. */
    static final long MAX_DB_TIME = 2147483647L;

    private final boolean poolId;
    private final boolean releasedState;
    final String columns;
    final String select;
    final String insert;
    final String upsert;
    final String update;
    final String delete;

    Lease4Rows(PgsqlDatabase.Schema schema) {
        this.poolId = schema.lease4Has("pool_id");
        this.releasedState = schema.states().contains(LeaseState.RELEASED.code());
        String base = "address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd, fqdn_rev, hostname, "
                + "state, user_context";
        columns = base + (poolId ? ", pool_id" : "");
        select = "SELECT address, hwaddr, client_id, valid_lifetime, extract(epoch from expire)::bigint, subnet_id, "
                + "fqdn_fwd, fqdn_rev, hostname, state, user_context" + (poolId ? ", pool_id" : "") + " FROM lease4";
        String values = "?, ?, ?, ?, to_timestamp(?), ?, ?, ?, ?, ?, ?" + (poolId ? ", ?" : "");
        insert = "INSERT INTO lease4(" + columns + ") VALUES (" + values + ")";
        String set = "hwaddr = ?, client_id = ?, valid_lifetime = ?, expire = to_timestamp(?), subnet_id = ?, "
                + "fqdn_fwd = ?, fqdn_rev = ?, hostname = ?, state = ?, user_context = ?" + (poolId ? ", pool_id = ?" : "");
        upsert = insert + " ON CONFLICT (address) DO UPDATE SET hwaddr = EXCLUDED.hwaddr, client_id = EXCLUDED.client_id, "
                + "valid_lifetime = EXCLUDED.valid_lifetime, expire = EXCLUDED.expire, subnet_id = EXCLUDED.subnet_id, "
                + "fqdn_fwd = EXCLUDED.fqdn_fwd, fqdn_rev = EXCLUDED.fqdn_rev, hostname = EXCLUDED.hostname, "
                + "state = EXCLUDED.state, user_context = EXCLUDED.user_context"
                + (poolId ? ", pool_id = EXCLUDED.pool_id" : "");
        update = "UPDATE lease4 SET " + set + " WHERE address = ? AND expire = to_timestamp(?)";
        delete = "DELETE FROM lease4 WHERE address = ? AND expire = to_timestamp(?)";
    }

    /** The {@code expire} Kea stores: cltt + valid, or cltt itself for an infinite lease. */
    static long expire(Lease4 l) throws LeaseStoreException {
        long e = l.validLifetime() == Lease4.INFINITE_LIFETIME ? l.cltt() : l.cltt() + l.validLifetime();
        if (e > MAX_DB_TIME) {
            throw new LeaseStoreException("Time value is too large: " + e);
        }
        return e;
    }

    /** Binds the row's values from {@code first}; returns the next parameter index. */
    int bindAll(PreparedStatement ps, Lease4 l) throws SQLException, LeaseStoreException {
        ps.setLong(1, l.address().toLong());
        return bindFields(ps, 2, l);
    }

    /** hwaddr .. user_context (and pool_id), from parameter {@code i}; returns the next index. */
    int bindFields(PreparedStatement ps, int i, Lease4 l) throws SQLException, LeaseStoreException {
        ps.setBytes(i++, l.hwAddress() == null ? new byte[0] : l.hwAddress().bytes());
        byte[] cid = l.clientId();
        ps.setBytes(i++, cid == null ? new byte[0] : cid);
        ps.setLong(i++, l.validLifetime());
        ps.setLong(i++, expire(l));
        ps.setLong(i++, l.subnetId());
        ps.setBoolean(i++, l.fqdnFwd());
        ps.setBoolean(i++, l.fqdnRev());
        ps.setString(i++, l.hostname());
        ps.setLong(i++, stateCode(l.state()));
        ps.setString(i++, l.userContext() == null ? "" : l.userContext());
        if (poolId) {
            ps.setLong(i++, l.poolId());
        }
        return i;
    }

    /** Kea 2.2's schema has no {@code released} state: such a lease is stored as expired-reclaimed. */
    long stateCode(LeaseState s) {
        return s == LeaseState.RELEASED && !releasedState ? LeaseState.EXPIRED_RECLAIMED.code() : s.code();
    }

    /** The lease of the current row; null for a row ruru cannot represent (a state unknown to DHCPv4). */
    Lease4 read(ResultSet rs) throws SQLException {
        int state = (int) rs.getLong(10);
        LeaseState ls;
        try {
            ls = LeaseState.of(state);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] hw = rs.getBytes(2);
        byte[] cid = rs.getBytes(3);
        long valid = rs.getLong(4);
        long expire = rs.getLong(5);
        long cltt = valid == Lease4.INFINITE_LIFETIME ? expire : expire - valid;
        String hostname = rs.getString(9);
        String context = rs.getString(11);
        return new Lease4(Ipv4Address.ofLong(rs.getLong(1)),
                hw == null || hw.length == 0 ? null : new HardwareAddress(HardwareAddress.ETHERNET, hw),
                cid, valid, Math.max(0, cltt), rs.getLong(6), rs.getBoolean(7), rs.getBoolean(8),
                hostname == null ? "" : hostname, ls, context == null || context.isEmpty() ? null : context,
                poolId ? rs.getLong(12) : 0);
    }
}
