package ruru.lease.pgsql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import ruru.lease.Lease;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;

/**
 * One family's lease table as this database has it (FACTS 14.2, 14.4): the statements, and the
 * mapping of a row to a lease. {@code expire} is written from epoch seconds and read back as epoch
 * seconds, so it is the same instant whatever the session time zone; as in Kea, the database's and
 * the servers' clocks must agree. Absent binary and text fields are written empty, as Kea does.
 *
 * @param <A> the address type
 * @param <L> the lease type
 */
abstract class LeaseRows<A extends Comparable<A>, L extends Lease<A>> {

    /** Kea's MAX_DB_TIME: timestamps past January 2038 are refused. */
    static final long MAX_DB_TIME = 2147483647L;

    private final boolean releasedState;
    /** Kea 3.0's schema (29.0) keeps the pool id. */
    final boolean poolId;
    final String table;
    /** SELECT ... FROM table, the columns in {@link #read}'s order. */
    final String select;
    final String insert;
    final String upsert;
    final String update;
    final String delete;
    /** The expression addresses are ordered and compared by, and the parameter compared with it. */
    final String addressOrder;
    final String addressParam;
    /** The WHERE condition matching one address (parameter bound by {@link #bindAddress}). */
    final String addressEquals;

    /**
     * The condition of a page of leases after {@code after} (one parameter, bound by
     * {@link #bindAddress}), or empty for a page from the first lease ({@code after} null: "start").
     */
    String pageAfter(A after) {
        return after == null ? "" : addressOrder + " > " + addressParam;
    }

    /** The order of pages. */
    String pageOrder() {
        return addressOrder;
    }

    /**
     * @param selected      the SELECT list, its first column the address
     * @param columns       the columns written, address first, in bind order
     * @param values        the VALUES list matching {@code columns}
     * @param addressEquals the WHERE condition matching one address
     */
    LeaseRows(PgsqlDatabase.Schema schema, String table, boolean poolId, String selected, String columns,
              String values, String addressEquals, String addressOrder, String addressParam) {
        this.releasedState = schema.states().contains(LeaseState.RELEASED.code());
        this.poolId = poolId;
        this.table = table;
        this.addressOrder = addressOrder;
        this.addressParam = addressParam;
        this.addressEquals = addressEquals;
        this.select = "SELECT " + selected + " FROM " + table;
        this.insert = "INSERT INTO " + table + "(" + columns + ") VALUES (" + values + ")";
        String[] fields = columns.substring(columns.indexOf(',') + 1).split(",");
        StringBuilder set = new StringBuilder();
        StringBuilder excluded = new StringBuilder();
        String[] placeholders = values.substring(values.indexOf(',') + 1).split(",(?![^(]*\\))");
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i].trim();
            set.append(i == 0 ? "" : ", ").append(f).append(" = ").append(placeholders[i].trim());
            excluded.append(i == 0 ? "" : ", ").append(f).append(" = EXCLUDED.").append(f);
        }
        this.upsert = insert + " ON CONFLICT (address) DO UPDATE SET " + excluded;
        this.update = "UPDATE " + table + " SET " + set + " WHERE " + addressEquals + " AND expire = to_timestamp(?)";
        this.delete = "DELETE FROM " + table + " WHERE " + addressEquals + " AND expire = to_timestamp(?)";
    }

    /** The {@code expire} Kea stores: cltt + valid, or cltt itself for an infinite lease. */
    static long expire(Lease<?> l) throws LeaseStoreException {
        long e = l.validLifetime() == Lease.INFINITE_LIFETIME ? l.cltt() : l.cltt() + l.validLifetime();
        if (e > MAX_DB_TIME) {
            throw new LeaseStoreException("Time value is too large: " + e);
        }
        return e;
    }

    /** cltt from a row's valid lifetime and expire (Kea: expire - valid; infinite: expire). */
    static long cltt(long valid, long expire) {
        return Math.max(0, valid == Lease.INFINITE_LIFETIME ? expire : expire - valid);
    }

    /** Kea 2.2's schema has no {@code released} state: such a lease is stored as expired-reclaimed. */
    long stateCode(LeaseState s) {
        return s == LeaseState.RELEASED && !releasedState ? LeaseState.EXPIRED_RECLAIMED.code() : s.code();
    }

    /** The state of a row; null for a state ruru does not know (the row is skipped). */
    static LeaseState state(long code) {
        try {
            return LeaseState.of((int) code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Binds {@code a} as parameter {@code i}. */
    abstract void bindAddress(PreparedStatement ps, int i, A a) throws SQLException;

    /** Every field but the address, from parameter {@code i} in {@code columns} order; returns the next index. */
    abstract int bindFields(PreparedStatement ps, int i, L l) throws SQLException, LeaseStoreException;

    /** state, user_context (and pool_id on 3.0), the last columns of both tables; returns the next index. */
    final int bindLast(PreparedStatement ps, int i, L l, String userContext) throws SQLException {
        ps.setLong(i++, stateCode(l.state()));
        ps.setString(i++, text(userContext));
        if (poolId) {
            ps.setLong(i++, l.poolId());
        }
        return i;
    }

    /** The address and every field, from parameter 1. */
    final int bindAll(PreparedStatement ps, L l) throws SQLException, LeaseStoreException {
        bindAddress(ps, 1, l.address());
        return bindFields(ps, 2, l);
    }

    /** The lease of the current row; null for a row ruru cannot represent. */
    abstract L read(ResultSet rs) throws SQLException;

    static String text(String s) {
        return s == null ? "" : s;
    }

    static String context(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
