package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.lease.TestLeases.ip;
import static ruru.lease.TestLeases.lease;
import static ruru.lease.TestLeases.mac;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemfileLease4StoreTest {

    @TempDir
    Path dir;

    private MemfileLease4Store open() throws LeaseStoreException {
        return MemfileLease4Store.open(TestLeases.persistent(dir.resolve("leases4.csv")), Clock.systemUTC());
    }

    private List<String> rows() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("leases4.csv"));
        assertThat(lines.getFirst()).isEqualTo(Lease4Csv.HEADER);
        return lines.subList(1, lines.size());
    }

    @Test
    void compareAndSetPerAddress() throws Exception {
        try (MemfileLease4Store s = open()) {
            Lease4 a = lease("192.0.2.1");
            assertThat(s.insert(a)).isTrue();
            assertThat(s.insert(a.withState(LeaseState.DECLINED))).isFalse();
            Lease4 renewed = a.withLifetime(7200, 1_800_001_000L);
            assertThat(s.replace(a.withState(LeaseState.DECLINED), renewed)).isFalse();
            assertThat(s.replace(a, renewed)).isTrue();
            assertThat(s.replace(a, renewed)).isFalse();
            assertThat(s.delete(a)).isFalse();
            assertThat(s.get(a.address())).contains(renewed);
            assertThat(s.delete(renewed)).isTrue();
            assertThat(s.delete(renewed)).isFalse();
            assertThat(s.get(a.address())).isEmpty();
            s.put(a);
            s.put(renewed);
            assertThat(s.get(a.address())).contains(renewed);
            assertThat(s.size()).isEqualTo(1);
            assertThatThrownBy(() -> s.replace(a, lease("192.0.2.2"))).isInstanceOf(IllegalArgumentException.class);
            // each successful change is one row, a delete is the lease with valid lifetime 0
            assertThat(rows()).containsExactly(
                    "192.0.2.1,02:00:c0:00:02:01,,3600,1800003600,1,0,0,,0,,0",
                    "192.0.2.1,02:00:c0:00:02:01,,7200,1800008200,1,0,0,,0,,0",
                    "192.0.2.1,02:00:c0:00:02:01,,0,1800001000,1,0,0,,0,,0",
                    "192.0.2.1,02:00:c0:00:02:01,,3600,1800003600,1,0,0,,0,,0",
                    "192.0.2.1,02:00:c0:00:02:01,,7200,1800008200,1,0,0,,0,,0");
        }
        try (MemfileLease4Store s = open()) {
            assertThat(s.all()).containsExactly(lease("192.0.2.1").withLifetime(7200, 1_800_001_000L));
        }
    }

    @Test
    void secondaryIndexesFollowChanges() throws Exception {
        try (MemfileLease4Store s = open()) {
            Lease4 a = new Lease4(ip("192.0.2.1"), mac("aa:bb:cc:00:00:01"), new byte[] {1, 2, 3}, 3600, 100, 5,
                    false, false, "one.example", LeaseState.DEFAULT, null, 0);
            Lease4 b = new Lease4(ip("192.0.2.2"), mac("aa:bb:cc:00:00:01"), null, 3600, 100, 5,
                    false, false, "two.example", LeaseState.DEFAULT, null, 0);
            s.insert(a);
            s.insert(b);
            assertThat(s.byHwAddress(new ruru.wire.HardwareAddress(6, mac("aa:bb:cc:00:00:01").bytes())))
                    .containsExactly(a, b);
            assertThat(s.byClientId(new byte[] {1, 2, 3})).containsExactly(a);
            assertThat(s.byHostname("one.example")).containsExactly(a);
            assertThat(s.bySubnet(5)).containsExactly(a, b);
            Lease4 moved = new Lease4(a.address(), mac("aa:bb:cc:00:00:09"), new byte[] {9, 9}, 3600, 100, 6,
                    false, false, "", LeaseState.DEFAULT, null, 0);
            s.replace(a, moved);
            assertThat(s.byHwAddress(mac("aa:bb:cc:00:00:01"))).containsExactly(b);
            assertThat(s.byHwAddress(mac("aa:bb:cc:00:00:09"))).containsExactly(moved);
            assertThat(s.byClientId(new byte[] {1, 2, 3})).isEmpty();
            assertThat(s.byClientId(new byte[] {9, 9})).containsExactly(moved);
            assertThat(s.byHostname("one.example")).isEmpty();
            assertThat(s.bySubnet(5)).containsExactly(b);
            assertThat(s.bySubnet(6)).containsExactly(moved);
            s.delete(b);
            assertThat(s.byHwAddress(mac("aa:bb:cc:00:00:01"))).isEmpty();
            assertThat(s.bySubnet(5)).isEmpty();
        }
    }

    /**
     * lease4-get/-del by identifier and subnet find the lease that took the key first (Kea
     * memfile's index order, LeaseCommandsConformanceTest compares it live), through the table's
     * growth and a reload of the file.
     */
    @Test
    void identifierLookupsInASubnetFindTheFirstToTakeTheKey() throws Exception {
        ruru.wire.HardwareAddress hw = mac("aa:bb:cc:00:00:01");
        byte[] cid = {1, 2};
        java.util.function.Function<String, Lease4> shared = a -> new Lease4(ip(a), hw, cid, 3600, 100, 1, false,
                false, "", LeaseState.DEFAULT, null, 0);
        try (MemfileLease4Store s = open()) {
            for (String a : List.of("192.0.2.50", "192.0.2.20", "192.0.2.70", "192.0.2.10")) {
                s.insert(shared.apply(a));
            }
            assertThat(s.byHwAddress(hw, 1)).contains(shared.apply("192.0.2.50"));
            assertThat(s.byClientId(cid, 1)).contains(shared.apply("192.0.2.50"));
            assertThat(s.byHwAddress(hw, 2)).isEmpty();
            // enough other leases for every index to grow several times
            for (int i = 0; i < 5000; i++) {
                Lease4 l = lease(ruru.wire.Ipv4Address.ofLong(0x0A000000L + i));
                s.insert(new Lease4(l.address(), l.hwAddress(), null, 60, 1, 1, false, false, "", LeaseState.DEFAULT,
                        null, 0));
            }
            assertThat(s.byHwAddress(hw, 1)).contains(shared.apply("192.0.2.50"));
            // a change that keeps the keys keeps the place, one that changes a key goes last
            Lease4 named = new Lease4(ip("192.0.2.50"), hw, cid, 3600, 100, 1, false, false, "x", LeaseState.DEFAULT,
                    null, 0);
            assertThat(s.replace(shared.apply("192.0.2.50"), named)).isTrue();
            assertThat(s.byHwAddress(hw, 1)).contains(named);
            Lease4 other = new Lease4(ip("192.0.2.50"), mac("aa:bb:cc:00:00:02"), new byte[] {1, 9}, 3600, 100, 1,
                    false, false, "", LeaseState.DEFAULT, null, 0);
            assertThat(s.replace(named, other)).isTrue();
            assertThat(s.replace(other, shared.apply("192.0.2.50"))).isTrue();
            assertThat(s.byHwAddress(hw, 1)).contains(shared.apply("192.0.2.20"));
            assertThat(s.byClientId(cid, 1)).contains(shared.apply("192.0.2.20"));
            assertThat(s.delete(shared.apply("192.0.2.20"))).isTrue();
            assertThat(s.byHwAddress(hw, 1)).contains(shared.apply("192.0.2.70"));
        }
        // the file's rows replayed: the same order
        try (MemfileLease4Store s = open()) {
            assertThat(s.byHwAddress(hw, 1)).contains(shared.apply("192.0.2.70"));
            assertThat(s.byClientId(cid, 1)).contains(shared.apply("192.0.2.70"));
            assertThat(s.byHwAddress(hw)).extracting(Lease4::address)
                    .containsExactly(ip("192.0.2.10"), ip("192.0.2.50"), ip("192.0.2.70"));
        }
    }

    @Test
    void manyLeasesInOneSubnetAndHostname() throws Exception {
        try (MemfileLease4Store s = MemfileLease4Store.open(MemfileSettings.inMemory(), Clock.systemUTC())) {
            for (int i = 1; i <= 100; i++) {
                Lease4 l = lease(ruru.wire.Ipv4Address.ofLong(0xC0000200L + i));
                s.insert(new Lease4(l.address(), l.hwAddress(), null, 60, 1, 1, false, false, "same", LeaseState.DEFAULT, null, 0));
            }
            for (int i = 1; i <= 100; i += 2) {
                s.delete(s.get(ruru.wire.Ipv4Address.ofLong(0xC0000200L + i)).orElseThrow());
            }
            assertThat(s.bySubnet(1)).hasSize(50);
            assertThat(s.byHostname("same")).hasSize(50).isSortedAccordingTo(java.util.Comparator.comparing(Lease4::address));
        }
    }

    @Test
    void expiredQueriesUseStateAndExpiryOldestFirst() throws Exception {
        try (MemfileLease4Store s = MemfileLease4Store.open(MemfileSettings.inMemory(), Clock.systemUTC())) {
            s.insert(lease("192.0.2.1").withLifetime(100, 1000));                // expires 1100
            s.insert(lease("192.0.2.2").withLifetime(100, 900));                 // 1000
            s.insert(lease("192.0.2.3").withLifetime(100, 2000));                // 2100, not yet
            s.insert(lease("192.0.2.4").withLifetime(100, 500).withState(LeaseState.DECLINED));
            s.insert(lease("192.0.2.5").withLifetime(100, 800).withState(LeaseState.EXPIRED_RECLAIMED));
            s.insert(lease("192.0.2.6").withLifetime(100, 700).withState(LeaseState.RELEASED));
            s.insert(lease("192.0.2.7").withLifetime(Lease4.INFINITE_LIFETIME, 0));
            // as Kea's memfile: a lease that expires at second T is due in second T itself
            assertThat(s.expired(1099, 0)).extracting(l -> l.address().toString()).containsExactly("192.0.2.2");
            assertThat(s.expired(1100, 0)).extracting(l -> l.address().toString()).containsExactly("192.0.2.2", "192.0.2.1");
            assertThat(s.expired(1100, 1)).extracting(l -> l.address().toString()).containsExactly("192.0.2.2");
            assertThat(s.expiredDeclined(10_000, 0)).extracting(l -> l.address().toString()).containsExactly("192.0.2.4");
            assertThat(s.reclaimedBefore(10_000, 0)).extracting(l -> l.address().toString())
                    .containsExactly("192.0.2.6", "192.0.2.5");
            assertThat(s.reclaimedBefore(10_000, 1)).extracting(l -> l.address().toString()).containsExactly("192.0.2.6");
            Lease4 one = s.get(ip("192.0.2.1")).orElseThrow();
            s.replace(one, one.withState(LeaseState.EXPIRED_RECLAIMED));
            assertThat(s.expired(1100, 0)).extracting(l -> l.address().toString()).containsExactly("192.0.2.2");
            assertThat(s.reclaimedBefore(10_000, 0)).hasSize(3);
        }
    }

    @Test
    void pagesAndAllAreInAddressOrder() throws Exception {
        try (MemfileLease4Store s = MemfileLease4Store.open(MemfileSettings.inMemory(), Clock.systemUTC())) {
            for (String a : List.of("10.0.0.9", "200.1.1.1", "10.0.0.1", "192.0.2.1", "128.0.0.1")) {
                s.insert(lease(a));
            }
            assertThat(s.all()).extracting(l -> l.address().toString())
                    .containsExactly("10.0.0.1", "10.0.0.9", "128.0.0.1", "192.0.2.1", "200.1.1.1");
            assertThat(s.page(ruru.wire.Ipv4Address.ANY, 2)).extracting(l -> l.address().toString())
                    .containsExactly("10.0.0.1", "10.0.0.9");
            assertThat(s.page(ip("10.0.0.9"), 2)).extracting(l -> l.address().toString())
                    .containsExactly("128.0.0.1", "192.0.2.1");
            assertThat(s.page(ip("200.1.1.1"), 2)).isEmpty();
        }
    }

    @Test
    void persistFalseTouchesNoFile() throws Exception {
        try (MemfileLease4Store s = MemfileLease4Store.open(MemfileSettings.inMemory(), Clock.systemUTC())) {
            s.insert(lease("192.0.2.1"));
            s.runLfcNow();
            assertThat(s.size()).isEqualTo(1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void newFileIsOwnerReadWriteGroupReadAndParentIsNotCreated() throws Exception {
        try (MemfileLease4Store s = open()) {
            s.insert(lease("192.0.2.1"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("leases4.csv"))))
                .isEqualTo("rw-r-----");
        Path missing = dir.resolve("no-such-dir/leases4.csv");
        assertThatThrownBy(() -> MemfileLease4Store.open(TestLeases.persistent(missing), Clock.systemUTC()))
                .isInstanceOf(LeaseStoreException.class).hasMessageContaining("does not exist");
        assertThat(Files.exists(missing.getParent())).isFalse();
    }

    @Test
    void writeToWritesACompleteCsvAtomically() throws Exception {
        try (MemfileLease4Store s = open()) {
            s.insert(lease("192.0.2.2"));
            s.insert(lease("192.0.2.1"));
            s.delete(lease("192.0.2.2"));
            s.insert(lease("192.0.2.3").withState(LeaseState.DECLINED));
            Path out = dir.resolve("copy.csv");
            Files.writeString(out, "old content\n");
            s.writeTo(out);
            assertThat(Files.readAllLines(out)).containsExactly(Lease4Csv.HEADER,
                    "192.0.2.1,02:00:c0:00:02:01,,3600,1800003600,1,0,0,,0,,0",
                    "192.0.2.3,02:00:c0:00:02:03,,3600,1800003600,1,0,0,,1,,0");
            assertThat(TestLeases.load(out).values()).containsExactlyInAnyOrderElementsOf(s.all());
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("leases4.csv", "copy.csv");
            }
            assertThatThrownBy(() -> s.writeTo(dir.resolve("leases4.csv"))).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void closedStoreRefusesWrites() throws Exception {
        MemfileLease4Store s = open();
        s.close();
        assertThatThrownBy(() -> s.insert(lease("192.0.2.1"))).isInstanceOf(LeaseStoreException.class);
        assertThat(s.get(ip("192.0.2.1"))).isEmpty();
    }
}
