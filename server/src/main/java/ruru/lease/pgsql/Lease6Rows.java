package ruru.lease.pgsql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.IaType;

/**
 * Kea's {@code lease6} table (FACTS 14.2): Kea 2.2's schema (13.0) keeps the address (or the
 * delegated prefix) as text in a {@code varchar(39)}, in the form Kea prints it (RFC 5952, as
 * {@link Ipv6Address#toString()}); Kea 3.0's (29.0) as {@code inet} and adds {@code pool_id}.
 * Addresses are ordered and compared as {@code inet} on both, except pages on 13.0: those walk the
 * text in the database's order, as kea-dhcp6 2.2 pages that schema ({@code address > ?} on the text,
 * "::" for the first page; observed: 2001:db8:1::10 before 2001:db8:1::1:0 before 2001:db8:1::9),
 * which the primary key's index serves; an {@code inet} order there sorted the whole table for
 * each page. {@code lease_type} is Kea's
 * code (0 IA_NA, 1 IA_TA, 2 IA_PD), {@code iaid} the uint32 in a signed column, and the hardware
 * address's type and source are Kea's codes, both 0 with an empty {@code hwaddr} when none is known
 * (as kea-dhcp6 2.2 writes it).
 */
final class Lease6Rows extends LeaseRows<Ipv6Address, Lease6> {

    private static final IaType[] TYPES = IaType.values();

    Lease6Rows(PgsqlDatabase.Schema schema) {
        this(schema, schema.lease6Has("pool_id"), schema.lease6AddressInet());
    }

    private final boolean inet;

    private Lease6Rows(PgsqlDatabase.Schema schema, boolean pools, boolean inet) {
        super(schema, "lease6", pools,
                (inet ? "host(address)" : "address") + ", duid, valid_lifetime, extract(epoch from expire)::bigint, "
                        + "subnet_id, pref_lifetime, lease_type, iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, "
                        + "hwaddr, hwtype, hwaddr_source, state, user_context" + (pools ? ", pool_id" : ""),
                "address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type, iaid, prefix_len, "
                        + "fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context"
                        + (pools ? ", pool_id" : ""),
                (inet ? "?::inet" : "?") + ", ?, ?, to_timestamp(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + (pools ? ", ?" : ""),
                inet ? "address = ?::inet" : "address = ?", inet ? "address" : "address::inet", "?::inet");
        this.inet = inet;
    }

    @Override
    String pageAfter(Ipv6Address after) {
        return inet || after == null ? super.pageAfter(after) : after.isUnspecified() ? "" : "address > ?";
    }

    @Override
    String pageOrder() {
        return "address";
    }

    @Override
    void bindAddress(PreparedStatement ps, int i, Ipv6Address a) throws SQLException {
        ps.setString(i, a.toString());
    }

    /** Kea's code of a lease type (its {@code lease6_types}). */
    static int typeCode(IaType t) {
        return t.ordinal();
    }

    @Override
    int bindFields(PreparedStatement ps, int i, Lease6 l) throws SQLException, LeaseStoreException {
        ps.setBytes(i++, l.duid());
        ps.setLong(i++, l.validLifetime());
        ps.setLong(i++, expire(l));
        ps.setLong(i++, l.subnetId());
        ps.setLong(i++, l.preferredLifetime());
        ps.setShort(i++, (short) typeCode(l.type()));
        ps.setInt(i++, (int) l.iaid());
        ps.setShort(i++, (short) l.prefixLength());
        ps.setBoolean(i++, l.fqdnFwd());
        ps.setBoolean(i++, l.fqdnRev());
        ps.setString(i++, l.hostname());
        HardwareAddress hw = l.hwAddress();
        if (hw == null) {
            // as kea-dhcp6 2.2 writes a lease without one: empty, type 0, source 0
            ps.setBytes(i++, new byte[0]);
            ps.setShort(i++, (short) 0);
            ps.setShort(i++, (short) 0);
        } else {
            ps.setBytes(i++, hw.bytes());
            ps.setShort(i++, (short) hw.type());
            ps.setShort(i++, (short) l.hwSource());
        }
        return bindLast(ps, i, l, l.userContext());
    }

    /** The lease of the current row; null for a row ruru cannot represent (unknown state or type, bad address). */
    @Override
    Lease6 read(ResultSet rs) throws SQLException {
        LeaseState ls = state(rs.getLong(16));
        int type = rs.getInt(7);
        if (ls == null || type < 0 || type >= TYPES.length) {
            return null;
        }
        Ipv6Address address;
        try {
            address = Ipv6Address.parse(rs.getString(1));
        } catch (WireFormatException | RuntimeException e) {
            return null;
        }
        byte[] duid = rs.getBytes(2);
        long valid = rs.getLong(3);
        byte[] hw = rs.getBytes(13);
        int hwType = rs.getInt(14);
        boolean hwTypeKnown = !rs.wasNull();
        int hwSource = rs.getInt(15);
        try {
            return new Lease6(address, TYPES[type], rs.getInt(9), rs.getLong(8) & 0xffffffffL,
                    duid == null || duid.length == 0 ? Lease6.DECLINED_DUID : duid, rs.getLong(6), valid,
                    cltt(valid, rs.getLong(4)), rs.getLong(5), rs.getBoolean(10), rs.getBoolean(11),
                    text(rs.getString(12)),
                    hw == null || hw.length == 0 ? null
                            : new HardwareAddress(hwTypeKnown ? hwType : HardwareAddress.ETHERNET, hw),
                    hwSource, ls, context(rs.getString(17)), poolId ? rs.getLong(18) : 0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
