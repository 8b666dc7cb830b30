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
 * Kea's {@code lease4} table: Kea 2.2's schema (13.0) has the eleven base columns; Kea 3.0's
 * (29.0) adds {@code relay_id}, {@code remote_id} (left to the database's defaults, as ruru keeps
 * no extended info) and {@code pool_id}. The address is its unsigned 32-bit value.
 */
final class Lease4Rows extends LeaseRows<Ipv4Address, Lease4> {

    Lease4Rows(PgsqlDatabase.Schema schema) {
        this(schema, schema.lease4Has("pool_id"));
    }

    private Lease4Rows(PgsqlDatabase.Schema schema, boolean pools) {
        super(schema, "lease4", pools,
                "address, hwaddr, client_id, valid_lifetime, extract(epoch from expire)::bigint, subnet_id, "
                        + "fqdn_fwd, fqdn_rev, hostname, state, user_context" + (pools ? ", pool_id" : ""),
                "address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd, fqdn_rev, hostname, "
                        + "state, user_context" + (pools ? ", pool_id" : ""),
                "?, ?, ?, ?, to_timestamp(?), ?, ?, ?, ?, ?, ?" + (pools ? ", ?" : ""),
                "address = ?", "address", "?");
    }

    @Override
    void bindAddress(PreparedStatement ps, int i, Ipv4Address a) throws SQLException {
        ps.setLong(i, a.toLong());
    }

    /** hwaddr .. user_context (and pool_id), from parameter {@code i}; returns the next index. */
    @Override
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
        return bindLast(ps, i, l, l.userContext());
    }

    /** The lease of the current row; null for a row ruru cannot represent (a state unknown to DHCPv4). */
    @Override
    Lease4 read(ResultSet rs) throws SQLException {
        LeaseState ls = state(rs.getLong(10));
        if (ls == null) {
            return null;
        }
        byte[] hw = rs.getBytes(2);
        byte[] cid = rs.getBytes(3);
        long valid = rs.getLong(4);
        return new Lease4(Ipv4Address.ofLong(rs.getLong(1)),
                hw == null || hw.length == 0 ? null : new HardwareAddress(HardwareAddress.ETHERNET, hw),
                cid, valid, cltt(valid, rs.getLong(5)), rs.getLong(6), rs.getBoolean(7), rs.getBoolean(8),
                text(rs.getString(9)), ls, context(rs.getString(11)), poolId ? rs.getLong(12) : 0);
    }
}
