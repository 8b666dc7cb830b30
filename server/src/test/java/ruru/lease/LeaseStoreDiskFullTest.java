package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.testing.TinyDisk;
import ruru.wire.Ipv4Address;

/**
 * Issue 8 item 3 at the store: on a tiny tmpfs, a full disk fails the writes it hits (memory
 * follows the file), the store writes again as soon as space returns, nothing torn is left in the
 * file, and a lease file cleanup that cannot run leaves the files as they were.
 */
class LeaseStoreDiskFullTest {

    @TempDir
    Path tmp;

    private static MemfileSettings settings(Path file) {
        return new MemfileSettings(file, true, 0, 0);
    }

    @Test
    void aFullDiskFailsOnlyTheWritesItHitsAndWritingResumesWhenSpaceReturns() throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("data"), 64)) {
            Path file = disk.dir().resolve("leases4.csv");
            MemfileLease4Store store = MemfileLease4Store.open(settings(file), Clock.systemUTC());
            for (int i = 1; i <= 20; i++) {
                assertThat(store.insert(TestLeases.lease("10.0.0." + i))).isTrue();
            }
            WriteHealth health = store.writeHealth().orElseThrow();
            assertThat(health.status().healthy()).isTrue();

            disk.fill();
            // The file's last page still has room: rows go in until one needs a new page.
            Lease4 x = firstRefused(store, "10.0.1.");
            assertThatThrownBy(() -> store.insert(x)).isInstanceOf(LeaseStoreException.class)
                    .hasMessageContaining("No space left on device");
            assertThat(store.get(x.address())).as("memory follows the file").isEmpty();
            Lease4 old = store.get(Ipv4Address.parse("10.0.0.1")).orElseThrow();
            assertThatThrownBy(() -> store.delete(old)).isInstanceOf(LeaseStoreException.class);
            assertThat(store.get(old.address())).contains(old);
            assertThat(health.failures()).isEqualTo(3);
            assertThat(health.status().error()).hasValueSatisfying(e -> assertThat(e).contains("No space left"));

            // The lease file cleanup cannot run either, and leaves the files loading the same leases.
            Map<Ipv4Address, Lease4> before = load(file);
            assertThatThrownBy(store::runLfcNow).isInstanceOf(LeaseStoreException.class);
            assertThat(load(file)).isEqualTo(before);
            assertThat(health.failures()).isEqualTo(4);

            disk.free();
            assertThat(store.insert(x)).as("the next write tries again").isTrue();
            assertThat(health.status().healthy()).isTrue();
            assertThat(store.delete(old)).isTrue();
            store.runLfcNow();
            store.close();

            MemfileLease4Store reopened = MemfileLease4Store.open(settings(file), Clock.systemUTC());
            assertThat(reopened.loadSummary().rowErrors()).as("no torn row").isZero();
            assertThat(reopened.size()).isEqualTo(store.size());
            assertThat(reopened.get(x.address())).isPresent();
            assertThat(reopened.get(old.address())).isEmpty();
            reopened.close();
        }
    }

    @Test
    void aBatchCutShortByTheDiskLeavesNoTornRow() throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("data"), 64)) {
            Path file = disk.dir().resolve("leases4.csv");
            MemfileLease4Store store = MemfileLease4Store.open(settings(file), Clock.systemUTC());
            // A row that makes the file end 40 bytes before a page boundary: the next row then
            // half fits in the last page and the rest needs a page the full disk does not have.
            long page = 4096;
            long target = page - 40 - Files.size(file) % page;
            Lease4 base = TestLeases.lease("10.0.2.1");
            int plain = Lease4Csv.INSTANCE.format(base).length;
            assertThat(target).isGreaterThan(plain);
            Lease4 padded = new Lease4(base.address(), base.hwAddress(), null, 3600, 1_800_000_000L, 1, false, false,
                    "h".repeat((int) (target - plain)), LeaseState.DEFAULT, null, 0);
            assertThat(store.insert(padded)).isTrue();
            assertThat(Files.size(file) % page).isEqualTo(page - 40);
            long size = Files.size(file);
            disk.fill();
            assertThatThrownBy(() -> store.insert(TestLeases.lease("10.0.2.2"))).isInstanceOf(LeaseStoreException.class);
            assertThat(Files.size(file)).as("cut back to the last whole row").isEqualTo(size);
            disk.free();
            assertThat(store.insert(TestLeases.lease("10.0.2.2"))).isTrue();
            store.close();
            MemfileLease4Store reopened = MemfileLease4Store.open(settings(file), Clock.systemUTC());
            assertThat(reopened.loadSummary().rowErrors()).isZero();
            assertThat(reopened.size()).isEqualTo(2);
            reopened.close();
        }
    }

    /** Inserts leases until one is refused for want of space, and returns that one (not stored). */
    private static Lease4 firstRefused(MemfileLease4Store store, String prefix) throws Exception {
        for (int i = 1; i < 255; i++) {
            Lease4 l = TestLeases.lease(prefix + i);
            try {
                store.insert(l);
            } catch (LeaseStoreException full) {
                return l;
            }
        }
        throw new AssertionError("the disk never filled up");
    }

    /** The leases the files hold, loaded as the store loads them. */
    private static Map<Ipv4Address, Lease4> load(Path file) throws Exception {
        Map<Ipv4Address, Lease4> leases = new TreeMap<>();
        for (Path p : new LeaseFiles(file).loadOrder()) {
            new CsvLeaseLoader<>(Lease4Csv.INSTANCE, org.slf4j.LoggerFactory.getLogger("kea-dhcp4.dhcpsrv"))
                    .load(p, 0, leases);
        }
        return leases;
    }
}
