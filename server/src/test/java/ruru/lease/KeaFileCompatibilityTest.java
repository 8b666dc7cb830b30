package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.lease.TestLeases.ip;
import static ruru.lease.TestLeases.mac;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ruru.wire.Ipv4Address;

/**
 * Files written by Kea 2.2.0 itself (kea-dhcp4 with lease_cmds, and kea-lfc), committed as
 * fixtures under src/test/resources/ruru/lease: what Kea loaded from them is what we load.
 */
class KeaFileCompatibilityTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFileKea22Wrote() throws Exception {
        Path file = TestLeases.resource("kea22-leases4.csv", dir, "kea-leases4.csv");
        try (MemfileLease4Store store = MemfileLease4Store.open(TestLeases.persistent(file), Clock.systemUTC())) {
            // Kea 2.2's lease4-get-all on this file listed exactly these addresses
            assertThat(store.all()).extracting(l -> l.address().toString()).containsExactly(
                    "192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.16", "192.0.2.17",
                    "192.0.2.18", "198.51.100.21");
            // the hostname with a raw newline that Kea 2.2 split into two bad rows
            assertThat(store.loadSummary().rowErrors()).isEqualTo(2);
            assertThat(store.loadSummary().converted()).isTrue();

            Lease4 renamed = store.get(ip("192.0.2.10")).orElseThrow();
            assertThat(renamed).isEqualTo(new Lease4(ip("192.0.2.10"), mac("1a:1b:1c:1d:1e:1f"),
                    new byte[] {1, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f}, 4000, 1_799_996_500L, 1, false, false,
                    "host10-renamed.example.org.", LeaseState.DEFAULT, null, 0));
            Lease4 commas = store.get(ip("192.0.2.11")).orElseThrow();
            assertThat(commas.hostname()).isEqualTo("host&#x2cwith,commas.example.org.");
            assertThat(commas.userContext()).isEqualTo("{ \"n\": [ 1, 2 ], \"note\": \"a,b\\\"c\" }");
            assertThat(commas.cltt()).isEqualTo(1_799_996_100L);
            assertThat(store.get(ip("192.0.2.12")).orElseThrow().hostname()).isEqualTo("żółw.example.org.");
            assertThat(store.get(ip("192.0.2.12")).orElseThrow().clientId()).hasSize(15);
            assertThat(store.get(ip("192.0.2.13")).orElseThrow().state()).isEqualTo(LeaseState.DECLINED);
            assertThat(store.get(ip("192.0.2.16")).orElseThrow().validLifetime()).isEqualTo(Lease4.INFINITE_LIFETIME);
            assertThat(store.get(ip("198.51.100.21")).orElseThrow().hostname()).isEqualTo("tab\there");
            assertThat(store.get(ip("192.0.2.18")).orElseThrow().userContext())
                    .isEqualTo("{ \"ISC\": { \"relay-agent-info\": { \"sub-options\": \"0104AABBCCDD\" } } }");
            // deleted by lease4-del, by reclamation (state 2 then valid 0), and added with valid 0
            assertThat(store.get(ip("198.51.100.20"))).isEmpty();
            assertThat(store.get(ip("192.0.2.14"))).isEmpty();
            assertThat(store.get(ip("198.51.100.22"))).isEmpty();
        }
        // schema 2.1 was rewritten to 3.0 at once: .2 holds the leases, the file only the header
        assertThat(Files.readString(file)).isEqualTo(Lease4Csv.HEADER + "\n");
        assertThat(Files.readAllLines(dir.resolve("kea-leases4.csv.2")).getFirst()).isEqualTo(Lease4Csv.HEADER);
        assertThat(Files.exists(dir.resolve("kea-leases4.csv.1"))).isFalse();
        assertThat(TestLeases.load(dir.resolve("kea-leases4.csv.2"))).hasSize(8);
    }

    @Test
    void schema10IsUpgradedLikeKeaLfcDid() throws Exception {
        assertUpgradeMatchesKea("schema-1.0-input.csv", "kea22-lfc-upgraded-from-1.0.csv", 3);
    }

    @Test
    void schema20IsUpgradedLikeKeaLfcDid() throws Exception {
        // the 9-column row in the 10-column file is refused, by Kea 2.2 as by us
        assertUpgradeMatchesKea("schema-2.0-input.csv", "kea22-lfc-upgraded-from-2.0.csv", 4);
    }

    private void assertUpgradeMatchesKea(String input, String keaOutput, int leases) throws Exception {
        Path file = TestLeases.resource(input, dir, "leases4.csv");
        Map<Ipv4Address, Lease4> byKea = TestLeases.load(TestLeases.resource(keaOutput, dir, "kea-output.csv"));
        try (MemfileLease4Store store = MemfileLease4Store.open(TestLeases.persistent(file), Clock.systemUTC())) {
            assertThat(store.loadSummary().converted()).isTrue();
            assertThat(store.size()).isEqualTo(leases);
            assertThat(Map.copyOf(byKeaAddress(store.all()))).isEqualTo(byKea);
        }
        // our rewrite is Kea's kea-lfc output plus the pool_id column
        List<String> kea = Files.readAllLines(dir.resolve("kea-output.csv"));
        List<String> ours = Files.readAllLines(dir.resolve("leases4.csv.2"));
        assertThat(ours.getFirst()).isEqualTo(kea.getFirst() + ",pool_id");
        assertThat(ours.subList(1, ours.size())).isEqualTo(kea.subList(1, kea.size()).stream().map(s -> s + ",0").toList());
    }

    private static Map<Ipv4Address, Lease4> byKeaAddress(List<Lease4> leases) {
        Map<Ipv4Address, Lease4> m = new java.util.HashMap<>();
        leases.forEach(l -> m.put(l.address(), l));
        return m;
    }
}
