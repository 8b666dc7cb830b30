package ruru.lease.pgsql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseFiles;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/** The DHCPv4 lease store on Kea's PostgreSQL schema ({@code lease4}); see {@link PgsqlLeaseStore}. */
public final class PgsqlLease4Store extends PgsqlLeaseStore<Ipv4Address, Lease4, Lease4Rows> implements Lease4Store {

    public PgsqlLease4Store(PgsqlDatabase db) {
        super(db, Lease4Rows::new);
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

    /**
     * From the tables Kea's triggers maintain: {@code lease4_pool_stat} where the schema has pools
     * (3.0), else {@code lease4_stat} with the pool unknown.
     */
    @Override
    public List<LeaseCount> counts() {
        return counts(db.schema().lease4Has("pool_id")
                ? "SELECT subnet_id, pool_id, 0, state, leases FROM lease4_pool_stat ORDER BY subnet_id, pool_id, state"
                : "SELECT subnet_id, -1, 0, state, leases FROM lease4_stat ORDER BY subnet_id, state");
    }

    @Override
    public void writeTo(Path file) throws IOException {
        LeaseFiles.writeAtomically(file, all());
    }
}
