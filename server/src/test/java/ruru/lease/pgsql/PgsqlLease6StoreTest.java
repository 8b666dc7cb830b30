package ruru.lease.pgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import ruru.lease.Lease6;
import ruru.lease.LeaseCount;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.testing.PgCluster;
import ruru.testing.TestConfigs;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * The DHCPv6 PostgreSQL lease store against a real PostgreSQL on the schema Kea 2.2's kea-admin
 * creates (13.0: lease6.address is text): every operation of the memfile store, rows checked
 * through psql as Kea reads them, rows written as Kea writes them read back.
 * {@link PgsqlLease6StoreSchema29Test} runs the same on the 3.0 schema (inet, pool ids).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgsqlLease6StoreTest {

    private static final HexFormat HEX = HexFormat.of();
    PgCluster pg;
    PgsqlLease6Store store;

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
        store = new PgsqlLease6Store(PgsqlDatabase.open(PgsqlLease4StoreTest.settings(pg, "kea", ""),
                new PgsqlDatabase.Options(8, "ruru-test", "kea-dhcp6.dhcpsrv"), DbConnectionEvents.NONE));
        assertThat(store.database().schema().lease6AddressInet()).isEqualTo(kea3());
        assertThat(store.database().schema().lease6Has("pool_id")).isEqualTo(kea3());
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
        pg.psql("kea", "DELETE FROM lease6");
    }

    static Ipv6Address ip(String s) throws Exception {
        return Ipv6Address.parse(s);
    }

    Lease6 address(String address, String duid, long iaid, long cltt) throws Exception {
        return new Lease6(ip(address), IaType.NA, 128, iaid, HEX.parseHex(duid), 300, 600, cltt, 1, true, false,
                "host.example.", new HardwareAddress(1, HEX.parseHex("020000000042")), 2, LeaseState.DEFAULT,
                "{ \"note\": \"x\" }", kea3() ? 7 : 0);
    }

    Lease6 prefix(String prefix, int length, String duid, long cltt) throws Exception {
        return new Lease6(ip(prefix), IaType.PD, length, 6, HEX.parseHex(duid), 300, 600, cltt, 1, false, false, "",
                null, 0, LeaseState.DEFAULT, null, kea3() ? 8 : 0);
    }

    @Test
    void insertWritesKeasRowAndAConflictReturnsFalse() throws Exception {
        Lease6 l = address("2001:db8:1::100", "00030001020000000042", 0xfffffffeL, 1_800_000_000L);
        assertThat(store.insert(l)).isTrue();
        assertThat(store.insert(address("2001:db8:1::100", "0003000102000000ffff", 1, 1_800_000_100L))).isFalse();
        assertThat(pg.psql("kea", "SELECT address, encode(duid, 'hex'), valid_lifetime, pref_lifetime, "
                + "extract(epoch from expire)::bigint, subnet_id, lease_type, iaid, prefix_len, fqdn_fwd, fqdn_rev, "
                + "hostname, encode(hwaddr, 'hex'), hwtype, hwaddr_source, state, user_context FROM lease6"))
                .isEqualTo("2001:db8:1::100|00030001020000000042|600|300|1800000600|1|0|-2|128"
                        + "|t|f|host.example.|020000000042|1|2|0|{ \"note\": \"x\" }");
        assertThat(store.get(l.address())).contains(l);
        assertThat(store.get(ip("2001:db8:1::101"))).isEmpty();
    }

    @Test
    void aPrefixWithoutHardwareAddressIsStoredAsKeaDoes() throws Exception {
        Lease6 p = prefix("2001:db8:8::", 64, "00030001020000000042", 1_800_000_000L);
        assertThat(store.insert(p)).isTrue();
        assertThat(pg.psql("kea", "SELECT lease_type, prefix_len, iaid, length(hwaddr), hwtype IS NULL, "
                + "hwaddr_source IS NULL, hwtype, hwaddr_source, hostname, user_context FROM lease6"))
                .isEqualTo("2|64|6|0|f|f|0|0||");
        assertThat(store.get(p.address())).contains(p);
    }

    /** Rows as kea-dhcp6 2.2 writes them (FACTS 14.2's observed rows) are read as Kea reads them. */
    @Test
    void readsRowsWrittenByKea() throws Exception {
        String addr = kea3() ? "'2001:db8:1::100'::inet" : "'2001:db8:1::100'";
        pg.psql("kea", "INSERT INTO lease6 (address, duid, valid_lifetime, expire, subnet_id, pref_lifetime, lease_type, "
                + "iaid, prefix_len, fqdn_fwd, fqdn_rev, hostname, hwaddr, hwtype, hwaddr_source, state, user_context) "
                + "VALUES (" + addr + ", '\\x00030001020000000042', 600, to_timestamp(1800000600), 1, 300, 0, 5, 128, "
                + "false, false, '', '\\x020000000042', 1, 2, 0, '')");
        Lease6 l = store.get(ip("2001:db8:1::100")).orElseThrow();
        assertThat(l.type()).isEqualTo(IaType.NA);
        assertThat(l.iaid()).isEqualTo(5);
        assertThat(l.cltt()).isEqualTo(1_800_000_000L);
        assertThat(l.preferredLifetime()).isEqualTo(300);
        assertThat(l.hwAddress()).isEqualTo(new HardwareAddress(1, HEX.parseHex("020000000042")));
        assertThat(l.hwSource()).isEqualTo(2);
        assertThat(l.userContext()).isNull();
        assertThat(store.byDuid(HEX.parseHex("00030001020000000042"))).containsExactly(l);
    }

    @Test
    void replaceAndDeleteAreOptimisticOnAddressAndExpire() throws Exception {
        Lease6 l = address("2001:db8:1::60", "00030001020000000060", 1, 1_800_000_000L);
        store.insert(l);
        Lease6 renewed = l.withLifetimes(1000, 2000, 1_800_000_500L);
        assertThat(store.replace(l, renewed)).isTrue();
        // a second server still holding the old lease must not overwrite the renewal
        assertThat(store.replace(l, l.withLifetimes(1, 10, 1_800_000_600L))).isFalse();
        assertThat(store.delete(l)).isFalse();
        assertThat(store.get(l.address())).contains(renewed);
        assertThat(store.delete(renewed)).isTrue();
        assertThat(store.get(l.address())).isEmpty();
    }

    @Test
    void putUpserts() throws Exception {
        Lease6 l = address("2001:db8:1::70", "00030001020000000070", 1, 1_800_000_000L);
        store.put(l);
        Lease6 declined = l.withState(LeaseState.DECLINED);
        store.put(declined);
        assertThat(store.get(l.address())).contains(declined);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void lookupsPagingInAddressOrderAndExpiry() throws Exception {
        // text order would put ::10 before ::9; paging walks addresses in numeric order on both schemas
        for (int i = 1; i <= 20; i++) {
            store.insert(address("2001:db8:1::" + Integer.toHexString(i), "000300010200000000" + (i % 3 == 0 ? "aa" : "bb"),
                    i, 1_000_000 + i * 10L));
        }
        store.insert(new Lease6(ip("2001:db8:8::"), IaType.PD, 56, 9, HEX.parseHex("0003000102000000cccc"), 300,
                Lease6.INFINITE_LIFETIME, 5, 2, false, false, "Other.Example.", null, 0, LeaseState.DEFAULT, null, 0));
        assertThat(store.byDuid(HEX.parseHex("000300010200000000aa"))).extracting(l -> l.address().toString())
                .containsExactly("2001:db8:1::3", "2001:db8:1::6", "2001:db8:1::9", "2001:db8:1::c", "2001:db8:1::f",
                        "2001:db8:1::12");
        assertThat(store.byHostname("other.example.")).hasSize(1);
        assertThat(store.bySubnet(2)).hasSize(1);
        assertThat(store.all()).hasSize(21);
        assertThat(store.all().get(20).address()).isEqualTo(ip("2001:db8:8::"));
        assertThat(store.page(ip("2001:db8:1::8"), 3)).extracting(l -> l.address().toString())
                .containsExactly("2001:db8:1::9", "2001:db8:1::a", "2001:db8:1::b");
        // 13.0 pages walk the text as kea-dhcp6 2.2 does (the primary key's order: ::14 before ::2),
        // 29.0 the inet order
        assertThat(store.page(ip("2001:db8:1::14"), 3)).extracting(l -> l.address().toString())
                .containsExactly(kea3() ? new String[] {"2001:db8:8::"}
                        : new String[] {"2001:db8:1::2", "2001:db8:1::3", "2001:db8:1::4"});
        assertThat(store.page(ip("2001:db8:1::f"), 2)).extracting(l -> l.address().toString())
                .containsExactly(kea3() ? new String[] {"2001:db8:1::10", "2001:db8:1::11"}
                        : new String[] {"2001:db8:8::"});
        assertThat(store.page(ip("::"), 100)).hasSize(21);
        assertThat(store.page(null, 100)).hasSize(21);
        assertThat(store.page(null, 2)).extracting(l -> l.address().toString())
                .containsExactly("2001:db8:1::1", kea3() ? "2001:db8:1::2" : "2001:db8:1::10");
        // the infinite prefix never expires; expire = cltt as Kea stores it
        assertThat(store.get(ip("2001:db8:8::")).orElseThrow().cltt()).isEqualTo(5);
        assertThat(store.expired(1_000_600 + 45, 0)).extracting(l -> l.address().toString())
                .containsExactly("2001:db8:1::1", "2001:db8:1::2", "2001:db8:1::3", "2001:db8:1::4");
        assertThat(store.expired(1_000_600 + 45, 2)).hasSize(2);
        Lease6 first = store.get(ip("2001:db8:1::1")).orElseThrow();
        store.replace(first, first.withState(LeaseState.EXPIRED_RECLAIMED));
        Lease6 second = store.get(ip("2001:db8:1::2")).orElseThrow();
        store.replace(second, second.withState(LeaseState.DECLINED));
        assertThat(store.reclaimedBefore(2_000_000, 0)).extracting(l -> l.address().toString())
                .containsExactly("2001:db8:1::1");
        assertThat(store.expiredDeclined(2_000_000, 0)).extracting(l -> l.address().toString())
                .containsExactly("2001:db8:1::2");
    }

    @Test
    void countsComeFromKeasTriggerMaintainedTablesByLeaseType() throws Exception {
        store.insert(address("2001:db8:1::1", "00030001020000000001", 1, 1_800_000_000L));
        store.insert(address("2001:db8:1::2", "00030001020000000002", 1, 1_800_000_000L).withState(LeaseState.DECLINED));
        Lease6 third = address("2001:db8:1::3", "00030001020000000003", 1, 1_800_000_000L);
        store.insert(third);
        store.replace(third, third.withState(LeaseState.EXPIRED_RECLAIMED));
        store.insert(prefix("2001:db8:8::", 64, "00030001020000000001", 1_800_000_000L));
        store.insert(prefix("2001:db8:8:1::", 64, "00030001020000000002", 1_800_000_000L));
        assertThat(pg.psql("kea", "SELECT subnet_id, lease_type, state, leases FROM lease6_stat WHERE leases > 0 "
                + "ORDER BY lease_type, state")).isEqualTo("1|0|0|1\n1|0|1|1\n1|2|0|2");
        long na = kea3() ? 7 : LeaseCount.UNKNOWN_POOL;
        long pd = kea3() ? 8 : LeaseCount.UNKNOWN_POOL;
        assertThat(store.counts()).containsExactlyInAnyOrder(
                new LeaseCount(1, na, LeaseState.DEFAULT, 1, IaType.NA),
                new LeaseCount(1, na, LeaseState.DECLINED, 1, IaType.NA),
                new LeaseCount(1, pd, LeaseState.DEFAULT, 2, IaType.PD));
        // memfile's count of the same leases agrees (the family-neutral default)
        assertThat(LeaseCount.of(store.all())).extracting(c -> c.type() + "/" + c.state() + "/" + c.leases())
                .containsExactlyInAnyOrder("NA/DEFAULT/1", "NA/DECLINED/1", "PD/DEFAULT/2");
    }

    @Test
    void releasedIsStoredAsExpiredReclaimedOnKea22sSchemaOnly() throws Exception {
        Lease6 l = address("2001:db8:1::80", "00030001020000000080", 1, 1_800_000_000L).withState(LeaseState.RELEASED);
        assertThat(store.insert(l)).isTrue();
        assertThat(pg.psql("kea", "SELECT state FROM lease6")).isEqualTo(kea3() ? "3" : "2");
    }

    @Test
    void timesPast2038AreRefusedWithKeasText() throws Exception {
        Lease6 l = address("2001:db8:1::90", "00030001020000000090", 1, 2_147_483_100L);
        assertThatThrownBy(() -> store.insert(l)).isInstanceOf(LeaseStoreException.class)
                .hasMessageContaining("Time value is too large: 2147483700");
    }

    @Test
    void writeToProducesKeasV6Csv() throws Exception {
        store.insert(address("2001:db8:1::5", "00030001020000000005", 5, 1_800_000_000L));
        assertThat(store.writesLeaseFiles()).isFalse();
        Path dir = TestConfigs.shortTempDir();
        Path csv = dir.resolve("dump.csv");
        store.writeTo(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid");
        assertThat(lines.get(1)).startsWith("2001:db8:1::5,00:03:00:01:02:00:00:00:00:05,600,1800000600,1,300,0,5,128,");
    }
}
