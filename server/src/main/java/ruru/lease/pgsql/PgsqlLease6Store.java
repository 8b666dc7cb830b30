package ruru.lease.pgsql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ruru.lease.Lease6;
import ruru.lease.Lease6Store;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseFiles;
import ruru.wire.Ipv6Address;

/**
 * The DHCPv6 lease store on Kea's PostgreSQL schema ({@code lease6}, addresses and delegated
 * prefixes in one table keyed by address); see {@link PgsqlLeaseStore} and {@link Lease6Rows}.
 */
public final class PgsqlLease6Store extends PgsqlLeaseStore<Ipv6Address, Lease6, Lease6Rows> implements Lease6Store {

    public PgsqlLease6Store(PgsqlDatabase db) {
        super(db, Lease6Rows::new);
    }

    /** By Kea's index {@code lease6_by_duid_iaid_subnet_id}. */
    @Override
    public List<Lease6> byDuid(byte[] duid) {
        byte[] id = duid.clone();
        return query(" WHERE duid = ?" + byAddress(), ps -> ps.setBytes(1, id));
    }

    /**
     * From the tables Kea's triggers maintain: {@code lease6_pool_stat} where the schema has pools
     * (3.0), else {@code lease6_stat} (by subnet, lease type and state) with the pool unknown.
     */
    @Override
    public List<LeaseCount> counts() {
        return counts(db.schema().lease6Has("pool_id")
                ? "SELECT subnet_id, pool_id, lease_type, state, leases FROM lease6_pool_stat "
                        + "ORDER BY subnet_id, pool_id, lease_type, state"
                : "SELECT subnet_id, -1, lease_type, state, leases FROM lease6_stat ORDER BY subnet_id, lease_type, state");
    }

    @Override
    public void writeTo(Path file) throws IOException {
        LeaseFiles.writeAtomically6(file, all());
    }
}
