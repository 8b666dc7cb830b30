package ruru.lease.pgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.Lease4;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.testing.PgCluster;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * The PostgreSQL lease store against a real PostgreSQL on the schema Kea 2.2's kea-admin creates
 * (13.0): every operation of the memfile store, with rows checked through psql as Kea reads them.
 * {@link PgsqlLease4StoreSchema29Test} runs the same on the 3.0 schema {@code ruru admin db-init} creates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgsqlLease4StoreTest {

    PgCluster pg;
    PgsqlLease4Store store;

    /** Kea 3.0's schema (29.0): pool ids kept, the released state stored as such. */
    boolean kea3() {
        return false;
    }

    void createSchema() throws Exception {
        pg.keaAdmin("db-init", "pgsql", "-u", "kea", "-p", "secret-kea", "-n", "kea", "-h", pg.socketDir().toString(),
                "-P", Integer.toString(pg.port()));
    }

    @BeforeAll
    void database() throws Exception {
        pg = PgCluster.start();
        pg.createDatabase("kea", "kea", "secret-kea");
        createSchema();
        store = open(pg, "kea");
        assertThat(store.database().schema().version()).isEqualTo(kea3() ? SchemaVersion.KEA_3_0 : SchemaVersion.KEA_2_2);
        assertThat(store.database().schema().lease6AddressInet()).isEqualTo(kea3());
        assertThat(store.database().schema().lease4Has("pool_id")).isEqualTo(kea3());
    }

    static PgsqlSettings settings(PgCluster pg, String db, String extra) throws Exception {
        MapElement m = (MapElement) Json.parse("""
                { "type": "postgresql", "name": "%s", "host": "%s", "port": %d, "user": "kea", "password": "secret-kea" %s }
                """.formatted(db, pg.socketDir(), pg.port(), extra), ParseOptions.string());
        return PgsqlSettings.parse(m, Path.of("/"));
    }

    static PgsqlLease4Store open(PgCluster pg, String db) throws Exception {
        return new PgsqlLease4Store(PgsqlDatabase.open(settings(pg, db, ""),
                new PgsqlDatabase.Options(8, "ruru-test", "kea-dhcp4.dhcpsrv"), DbConnectionEvents.NONE));
    }

    @AfterAll
    void stop() {
        if (store != null) {
            store.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        pg.psql("kea", "DELETE FROM lease4");
    }

    static Ipv4Address ip(String s) throws Exception {
        return Ipv4Address.parse(s);
    }

    Lease4 lease(String address, String mac, long cltt) throws Exception {
        return new Lease4(ip(address), new HardwareAddress(1, HexFormat.ofDelimiter(":").parseHex(mac)),
                new byte[] {1, 2, 3}, 3600, cltt, 1, true, false, "host.example.", LeaseState.DEFAULT,
                "{ \"note\": \"x\" }", kea3() ? 7 : 0);
    }

    @Test
    void insertWritesKeasRowAndAConflictReturnsFalse() throws Exception {
        Lease4 l = lease("192.0.2.50", "0a:0b:0c:0d:0e:0f", 1_800_000_000L);
        assertThat(store.insert(l)).isTrue();
        assertThat(store.insert(lease("192.0.2.50", "01:01:01:01:01:01", 1_800_000_100L))).isFalse();
        assertThat(pg.psql("kea", "SELECT address, encode(hwaddr, 'hex'), encode(client_id, 'hex'), valid_lifetime, "
                + "extract(epoch from expire)::bigint, subnet_id, fqdn_fwd, fqdn_rev, hostname, state, user_context FROM lease4"))
                .isEqualTo("3221226034|0a0b0c0d0e0f|010203|3600|1800003600|1|t|f|host.example.|0|{ \"note\": \"x\" }");
        assertThat(store.get(ip("192.0.2.50"))).contains(l);
        assertThat(store.get(ip("192.0.2.51"))).isEmpty();
    }

    @Test
    void aLeaseWithoutIdentifiersIsStoredEmptyAsKeaDoes() throws Exception {
        Lease4 bare = new Lease4(ip("192.0.2.9"), null, null, 60, 1_800_000_000L, 2, false, false, "",
                LeaseState.DECLINED, null, 0);
        assertThat(store.insert(bare)).isTrue();
        assertThat(pg.psql("kea", "SELECT length(hwaddr), length(client_id), hostname, user_context FROM lease4"))
                .isEqualTo("0|0||");
        assertThat(store.get(bare.address())).contains(bare);
    }

    @Test
    void replaceAndDeleteAreOptimisticOnAddressAndExpire() throws Exception {
        Lease4 l = lease("192.0.2.60", "0a:0b:0c:0d:0e:01", 1_800_000_000L);
        store.insert(l);
        Lease4 renewed = l.withLifetime(7200, 1_800_000_500L);
        assertThat(store.replace(l, renewed)).isTrue();
        // a second server still holding the old lease must not overwrite the renewal
        assertThat(store.replace(l, l.withLifetime(10, 1_800_000_600L))).isFalse();
        assertThat(store.delete(l)).isFalse();
        assertThat(store.get(l.address())).contains(renewed);
        assertThat(store.delete(renewed)).isTrue();
        assertThat(store.get(l.address())).isEmpty();
    }

    @Test
    void putUpserts() throws Exception {
        Lease4 l = lease("192.0.2.70", "0a:0b:0c:0d:0e:02", 1_800_000_000L);
        store.put(l);
        Lease4 changed = l.withState(LeaseState.DECLINED);
        store.put(changed);
        assertThat(store.get(l.address())).contains(changed);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void lookupsPagingAndExpiry() throws Exception {
        for (int i = 1; i <= 10; i++) {
            store.insert(lease("192.0.2." + i, "0a:00:00:00:00:0" + (i % 3), 1_000_000 + i * 10L));
        }
        store.insert(new Lease4(ip("192.0.2.100"), null, new byte[] {9}, Lease4.INFINITE_LIFETIME, 5, 2, false,
                false, "Other.Example.", LeaseState.DEFAULT, null, 0));
        assertThat(store.byHwAddress(new HardwareAddress(1, HexFormat.ofDelimiter(":").parseHex("0a:00:00:00:00:01"))))
                .extracting(l -> l.address().toString()).containsExactly("192.0.2.1", "192.0.2.4", "192.0.2.7", "192.0.2.10");
        assertThat(store.byClientId(new byte[] {9})).hasSize(1);
        assertThat(store.byHostname("other.example.")).hasSize(1);
        assertThat(store.bySubnet(2)).hasSize(1);
        assertThat(store.all()).hasSize(11);
        assertThat(store.page(ip("192.0.2.3"), 3)).extracting(l -> l.address().toString())
                .containsExactly("192.0.2.4", "192.0.2.5", "192.0.2.6");
        // the infinite lease never expires; expire = cltt as Kea stores it
        assertThat(pg.psql("kea", "SELECT extract(epoch from expire)::bigint FROM lease4 WHERE address = 3221226084"))
                .isEqualTo("5");
        assertThat(store.get(ip("192.0.2.100")).orElseThrow().cltt()).isEqualTo(5);
        assertThat(store.expired(1_003_600 + 45, 0)).extracting(l -> l.address().toString())
                .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");
        assertThat(store.expired(1_003_600 + 45, 2)).hasSize(2);
        Lease4 first = store.get(ip("192.0.2.1")).orElseThrow();
        store.replace(first, first.withState(LeaseState.EXPIRED_RECLAIMED));
        assertThat(store.reclaimedBefore(2_000_000, 0)).extracting(l -> l.address().toString()).containsExactly("192.0.2.1");
    }

    @Test
    void countsComeFromKeasTriggerMaintainedTables() throws Exception {
        store.insert(lease("192.0.2.1", "0a:00:00:00:00:01", 1_800_000_000L));
        store.insert(lease("192.0.2.2", "0a:00:00:00:00:02", 1_800_000_000L).withState(LeaseState.DECLINED));
        Lease4 third = lease("192.0.2.3", "0a:00:00:00:00:03", 1_800_000_000L);
        store.insert(third);
        store.replace(third, third.withState(LeaseState.EXPIRED_RECLAIMED));
        assertThat(pg.psql("kea", "SELECT subnet_id, state, leases FROM lease4_stat WHERE leases > 0 ORDER BY state"))
                .isEqualTo("1|0|1\n1|1|1");
        long pool = kea3() ? 7 : LeaseCount.UNKNOWN_POOL;
        assertThat(store.counts()).containsExactlyInAnyOrder(
                new LeaseCount(1, pool, LeaseState.DEFAULT, 1), new LeaseCount(1, pool, LeaseState.DECLINED, 1));
        if (kea3()) {
            assertThat(pg.psql("kea", "SELECT subnet_id, pool_id, state, leases FROM lease4_pool_stat WHERE leases > 0 "
                    + "ORDER BY state")).isEqualTo("1|7|0|1\n1|7|1|1");
        }
    }

    @Test
    void releasedIsStoredAsExpiredReclaimedOnKea22sSchemaOnly() throws Exception {
        Lease4 l = lease("192.0.2.80", "0a:00:00:00:00:08", 1_800_000_000L).withState(LeaseState.RELEASED);
        assertThat(store.insert(l)).isTrue();
        assertThat(pg.psql("kea", "SELECT state FROM lease4")).isEqualTo(kea3() ? "3" : "2");
    }

    @Test
    void timesPast2038AreRefusedWithKeasText() throws Exception {
        Lease4 l = new Lease4(ip("192.0.2.90"), null, new byte[] {1}, 4000, 2_147_483_000L, 1, false, false, "",
                LeaseState.DEFAULT, null, 0);
        assertThatThrownBy(() -> store.insert(l)).isInstanceOf(LeaseStoreException.class)
                .hasMessageContaining("Time value is too large: 2147487000");
    }

    @Test
    void manyThreadsRacingForTheSameAddressesGetEachOnceExactly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentHashMap<String, Integer> winners = new ConcurrentHashMap<>();
        AtomicInteger wins = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 1; i <= 50; i++) {
                    Lease4 l = lease("192.0.3." + i, "0a:00:00:00:01:0" + thread, 1_800_000_000L);
                    if (store.insert(l)) {
                        wins.incrementAndGet();
                        winners.merge(l.address().toString(), 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(wins.get()).isEqualTo(50);
        assertThat(winners.values()).allMatch(n -> n == 1);
        assertThat(pg.psql("kea", "SELECT count(*) FROM lease4")).isEqualTo("50");
    }
}
