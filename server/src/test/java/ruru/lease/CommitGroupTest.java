package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.testing.TinyDisk;
import ruru.wire.Ipv4Address;

/**
 * Group commit of a packet batch's lease rows ({@link CommitGroup}) on a real file: the rows of a
 * batch reach the file in one write, a write the disk refuses or cuts short fails exactly the
 * exchanges whose rows were in it (memory undone, compensations run with the reason, marked
 * failed), exchanges settled before it stay, and the next batch writes again.
 */
class CommitGroupTest {

    @TempDir
    Path tmp;

    private static MemfileSettings settings(Path file) {
        return new MemfileSettings(file, true, 0, 0);
    }

    /** One exchange of the batch: inserts its leases, its failure recorded in {@code failures}. */
    private static void exchange(CommitGroup g, MemfileLease4Store store, List<String> failures, String... addresses)
            throws Exception {
        g.next(true);
        for (String a : addresses) {
            assertThat(store.insert(TestLeases.lease(a))).isTrue();
        }
        String label = String.join("+", addresses);
        g.onFailure(error -> failures.add(label + ": " + error));
    }

    @Test
    void aBatchsRowsGoInOneWriteAndAreInTheFileWhenSettled() throws Exception {
        Path file = tmp.resolve("leases4.csv");
        MemfileLease4Store store = MemfileLease4Store.open(settings(file), Clock.systemUTC());
        long empty = Files.size(file);
        List<String> failures = new ArrayList<>();
        CommitGroup g = CommitGroup.begin();
        try {
            exchange(g, store, failures, "10.0.0.1");
            exchange(g, store, failures, "10.0.0.2", "10.0.0.3");
            assertThat(Files.size(file)).as("nothing written before the batch settles").isEqualTo(empty);
            assertThat(store.get(Ipv4Address.parse("10.0.0.2"))).isPresent();
            BitSet failed = new BitSet();
            g.settle(failed);
            assertThat(failed.isEmpty()).isTrue();
            assertThat(Files.readAllLines(file)).hasSize(4);
        } finally {
            g.end();
        }
        assertThat(CommitGroup.deferring()).as("no group after the batch").isNull();
        assertThat(failures).isEmpty();
        store.close();
    }

    @Test
    void aFailedGroupWriteFailsExactlyItsExchangesAndTheNextBatchWrites() throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("data"), 64)) {
            Path file = disk.dir().resolve("leases4.csv");
            MemfileLease4Store store = MemfileLease4Store.open(settings(file), Clock.systemUTC());
            WriteHealth health = store.writeHealth().orElseThrow();
            List<String> failures = new ArrayList<>();
            BitSet failed = new BitSet();
            CommitGroup g = CommitGroup.begin();
            try {
                exchange(g, store, failures, "10.0.0.1");
                g.settle(failed); // a reply that left at once: exchange 0 is final
                assertThat(failed.isEmpty()).isTrue();
                long size = Files.size(file);

                disk.fill();
                // rows for more than the file's last page: the write is cut short by the full disk
                List<String> many = new ArrayList<>();
                for (int i = 1; i <= 120; i++) {
                    many.add("10.0.1." + i);
                }
                exchange(g, store, failures, "10.0.0.2");
                exchange(g, store, failures, many.toArray(String[]::new));
                g.settle(failed);

                assertThat(failed.stream().boxed().toList()).as("exactly the exchanges of the failed write")
                        .containsExactly(1, 2);
                assertThat(g.failed(0)).isFalse();
                assertThat(store.get(Ipv4Address.parse("10.0.0.1"))).isPresent();
                assertThat(store.get(Ipv4Address.parse("10.0.0.2"))).as("memory follows the file").isEmpty();
                assertThat(store.get(Ipv4Address.parse("10.0.1.7"))).isEmpty();
                assertThat(Files.size(file)).as("cut back to where the write began").isEqualTo(size);
                assertThat(failures).hasSize(2).allSatisfy(f -> assertThat(f).contains("No space left on device"));
                assertThat(failures.get(0)).startsWith("10.0.0.2: unable to write lease for 10.0.0.2 to " + file);
                assertThat(health.failures()).as("counted per failed exchange").isEqualTo(2);
                assertThat(health.status().healthy()).isFalse();
            } finally {
                g.end();
            }

            disk.free();
            failures.clear();
            failed.clear();
            CommitGroup next = CommitGroup.begin();
            try {
                exchange(next, store, failures, "10.0.0.2");
                exchange(next, store, failures, "10.0.0.4");
                next.settle(failed);
            } finally {
                next.end();
            }
            assertThat(failed.isEmpty()).as("the next batch writes again").isTrue();
            assertThat(failures).isEmpty();
            assertThat(health.status().healthy()).isTrue();
            store.close();

            MemfileLease4Store reopened = MemfileLease4Store.open(settings(file), Clock.systemUTC());
            assertThat(reopened.loadSummary().rowErrors()).as("no torn row").isZero();
            assertThat(reopened.all()).extracting(l -> l.address().toString())
                    .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.4");
            reopened.close();
        }
    }

    @Test
    void aChangeOutsideAnExchangeThatMayWaitWritesAtOnce() throws Exception {
        Path file = tmp.resolve("leases4.csv");
        MemfileLease4Store store = MemfileLease4Store.open(settings(file), Clock.systemUTC());
        long empty = Files.size(file);
        CommitGroup g = CommitGroup.begin();
        try {
            g.next(false); // e.g. a library's callouts see the lease: its write is final before the flow goes on
            assertThat(store.insert(TestLeases.lease("10.0.0.9"))).isTrue();
            assertThat(Files.size(file)).isGreaterThan(empty);
            assertThat(g.pending()).isFalse();
        } finally {
            g.end();
        }
        store.close();
    }
}
