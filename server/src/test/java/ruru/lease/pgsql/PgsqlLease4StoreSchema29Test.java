package ruru.lease.pgsql;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's tests on Kea 3.0's schema (29.0) as {@code ruru admin db-init pgsql} creates it. */
class PgsqlLease4StoreSchema29Test extends PgsqlLease4StoreTest {

    @Override
    boolean kea3() {
        return true;
    }

    @Override
    void createSchema() throws Exception {
        try (PgsqlAdmin admin = new PgsqlAdmin(settings(pg, "kea", ""))) {
            assertThat(admin.init(SchemaVersion.KEA_3_0)).isEqualTo(SchemaVersion.KEA_3_0);
        }
    }
}
