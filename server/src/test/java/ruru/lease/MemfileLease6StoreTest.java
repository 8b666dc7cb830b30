package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/** The DHCPv6 memfile store: Kea's rows both ways, Kea 2.2's schema 4.0 loaded and converted, LFC. */
class MemfileLease6StoreTest {

    static final String HEADER_50 = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source,pool_id";
    static final String HEADER_40 = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source";

    @TempDir
    Path dir;

    private MemfileLease6Store open(String name) throws LeaseStoreException {
        return MemfileLease6Store.open(new MemfileSettings(dir.resolve(name), true, 0, 0));
    }

    static Lease6 na(String address, String duid, long iaid) throws Exception {
        return new Lease6(Ipv6Address.parse(address), IaType.NA, 128, iaid, HexFormat.ofDelimiter(":").parseHex(duid),
                300, 600, 1_800_000_000L, 1, false, false, "", new HardwareAddress(1,
                HexFormat.ofDelimiter(":").parseHex("02:00:00:00:00:02")), 2, LeaseState.DEFAULT, null, 0);
    }

    @Test
    void writesKeasRowsAndReadsThemBack() throws Exception {
        Lease6 a = na("2001:db8:1::109", "00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02", 2);
        Lease6 pd = new Lease6(Ipv6Address.parse("2001:db8:8:8::"), IaType.PD, 64, 2, a.duid(), 300, 600,
                1_800_000_000L, 1, false, false, "host,with.example.", null, 0, LeaseState.DEFAULT,
                "{ \"note\": \"a,b\" }", 3);
        try (MemfileLease6Store s = open("l6.csv")) {
            assertThat(s.insert(a)).isTrue();
            assertThat(s.insert(pd)).isTrue();
            assertThat(s.insert(a)).isFalse();
            assertThat(s.byDuid(a.duid())).containsExactly(a, pd);
            assertThat(s.delete(a)).isTrue();
        }
        List<String> lines = Files.readAllLines(dir.resolve("l6.csv"));
        assertThat(lines).containsExactly(HEADER_50,
                "2001:db8:1::109,00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02,600,1800000600,1,300,0,2,128,0,0,,"
                        + "02:00:00:00:00:02,0,,1,2,0",
                "2001:db8:8:8::,00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02,600,1800000600,1,300,2,2,64,0,0,"
                        + "host&#x2cwith.example.,,0,{ \"note\": \"a&#x2cb\" },,,3",
                "2001:db8:1::109,00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02,0,1800000000,1,0,0,2,128,0,0,,"
                        + "02:00:00:00:00:02,0,,1,2,0");
        try (MemfileLease6Store s = open("l6.csv")) {
            assertThat(s.all()).containsExactly(pd);
            assertThat(s.get(pd.address()).orElseThrow().hostname()).isEqualTo("host,with.example.");
        }
    }

    /** The rows FACTS 10.9 observed from kea-dhcp6 2.2 (schema 4.0), a declined one and a wipe. */
    @Test
    void loadsKea22FilesInPlaceAndConvertsThem() throws Exception {
        Files.writeString(dir.resolve("kea.csv"), String.join("\n", HEADER_40,
                "2001:db8:1::100,00:01:00:01:32:a8:8d:18:00:0c:01:02:03:04,7200,1796598968,1,3600,0,1,128,0,0,,"
                        + "00:0c:01:02:03:04,0,,1,2",
                "2001:db8:1::109,00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02,600,1796592526,1,300,0,2,128,0,0,,"
                        + "02:00:00:00:00:02,0,,1,2",
                "2001:db8:8:8::,00:01:00:01:32:a8:8d:b6:02:00:00:00:00:02,600,1796592528,1,300,2,2,64,0,0,,"
                        + "02:00:00:00:00:02,0,,1,2",
                "2001:db8:1::109,00:01:00:01:32:a8:8d:b4:02:00:00:00:00:02,0,1796591926,1,0,0,2,128,0,0,,"
                        + "02:00:00:00:00:02,0,,1,2",
                "2001:db8:1::5,00,86400,1796680000,1,0,0,2,128,0,0,,,1,,,",
                "2001:db8:4::52,01:02,0,1796591914,4,0,0,1,128,0,0,,,0,,,",
                "not-an-address,00:01,1,2,3,4,0,1,128,0,0,,,0,,,") + "\n");
        try (MemfileLease6Store s = open("kea.csv")) {
            assertThat(s.loadSummary().rows()).isEqualTo(7);
            assertThat(s.loadSummary().rowErrors()).isEqualTo(1);
            assertThat(s.loadSummary().converted()).isTrue();
            assertThat(s.all()).extracting(l -> l.address().toString())
                    .containsExactly("2001:db8:1::5", "2001:db8:1::100", "2001:db8:8:8::");
            Lease6 pd = s.get(Ipv6Address.parse("2001:db8:8:8::")).orElseThrow();
            assertThat(pd.type()).isEqualTo(IaType.PD);
            assertThat(pd.prefixLength()).isEqualTo(64);
            assertThat(pd.cltt()).isEqualTo(1796592528L - 600);
            assertThat(pd.hwAddress().type()).isEqualTo(1);
            assertThat(pd.hwSource()).isEqualTo(2);
            Lease6 declined = s.get(Ipv6Address.parse("2001:db8:1::5")).orElseThrow();
            assertThat(declined.state()).isEqualTo(LeaseState.DECLINED);
            assertThat(declined.duid()).containsExactly(0);
        }
        // converted to 5.0: the live file is a bare header, the leases are in .2
        assertThat(Files.readAllLines(dir.resolve("kea.csv"))).containsExactly(HEADER_50);
        assertThat(Files.readAllLines(dir.resolve("kea.csv.2"))).first().isEqualTo(HEADER_50);
        try (MemfileLease6Store s = open("kea.csv")) {
            assertThat(s.loadSummary().converted()).isFalse();
            assertThat(s.size()).isEqualTo(3);
        }
    }

    /** Every lease deleted, then a new one: the emptied address order starts again (it once read a freed slot). */
    @Test
    void aLeaseAddedAfterEveryLeaseWasDeleted() throws Exception {
        Lease6 a = na("2001:db8:1::100", "00:03:00:01:02:00:00:00:00:01", 1);
        Lease6 b = na("2001:db8:1::101", "00:03:00:01:02:00:00:00:00:02", 1);
        Lease6 c = na("2001:db8:1::102", "00:03:00:01:02:00:00:00:00:03", 1);
        try (MemfileLease6Store s = open("empty.csv")) {
            s.insert(a);
            s.insert(b);
            s.delete(a);
            s.delete(b);
            assertThat(s.insert(c)).isTrue();
            assertThat(s.insert(a)).isTrue();
            assertThat(s.all()).extracting(Lease6::address).containsExactly(a.address(), c.address());
        }
    }

    @Test
    void lfcKeepsOneRowPerLiveLease() throws Exception {
        Lease6 a = na("2001:db8:1::1", "00:03:00:01:02:00:00:00:00:01", 1);
        Lease6 b = na("2001:db8:1::2", "00:03:00:01:02:00:00:00:00:02", 1);
        try (MemfileLease6Store s = open("lfc.csv")) {
            s.insert(a);
            s.insert(b);
            Lease6 renewed = a.withLifetimes(300, 600, a.cltt() + 100);
            s.replace(a, renewed);
            s.delete(b);
            s.runLfcNow();
            assertThat(Files.readAllLines(dir.resolve("lfc.csv"))).containsExactly(HEADER_50);
            List<String> compacted = Files.readAllLines(dir.resolve("lfc.csv.2"));
            assertThat(compacted).hasSize(2);
            assertThat(compacted.get(1)).startsWith("2001:db8:1::1,").contains(",1800000700,");
        }
        try (MemfileLease6Store s = open("lfc.csv")) {
            assertThat(s.all()).extracting(Lease6::cltt).containsExactly(1_800_000_100L);
        }
    }

    @Test
    void expiryQueriesReadOnlyWhatQualifies() throws Exception {
        try (MemfileLease6Store s = open("exp.csv")) {
            Lease6 a = na("2001:db8:1::1", "00:03:00:01:02:00:00:00:00:01", 1);
            Lease6 b = na("2001:db8:1::2", "00:03:00:01:02:00:00:00:00:02", 1).withLifetimes(300, 600, 1_700_000_000L);
            s.insert(a);
            s.insert(b);
            assertThat(s.expired(1_800_000_000L, 0)).containsExactly(b);
            assertThat(s.expired(1_900_000_000L, 1)).containsExactly(b);
            assertThat(s.expired(1_900_000_000L, 0)).containsExactly(b, a);
            assertThat(s.page(Ipv6Address.parse("2001:db8:1::1"), 10)).containsExactly(b);
            assertThat(s.bySubnet(1)).containsExactly(a, b);
        }
    }
}
