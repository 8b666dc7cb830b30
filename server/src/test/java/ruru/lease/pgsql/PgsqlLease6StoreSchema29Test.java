package ruru.lease.pgsql;

import static org.assertj.core.api.Assertions.assertThat;

/** The v6 store's tests on Kea 3.0's schema (29.0: lease6.address inet, pool ids) as {@code ruru admin db-init pgsql} creates it. */
class PgsqlLease6StoreSchema29Test extends PgsqlLease6StoreTest {

    @Override
    boolean kea3() {
        return true;
    }

    @Override
    void createSchema() throws Exception {
        try (PgsqlAdmin admin = new PgsqlAdmin(PgsqlLease4StoreTest.settings(pg, "kea", ""))) {
            assertThat(admin.init(SchemaVersion.KEA_3_0)).isEqualTo(SchemaVersion.KEA_3_0);
        }
    }
}
