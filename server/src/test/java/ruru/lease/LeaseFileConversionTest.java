package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.lease.TestLeases.ip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lease file of Kea 2.2's schema (2.1, no pool_id) is converted after the store opens, not
 * before: the store serves at once, new rows go only to a file in the current schema, and the
 * files load to the same leases whenever the process stops (a crash at each stage of the
 * conversion is a copy of the directory then), also when an LFC comes in between.
 */
class LeaseFileConversionTest {

    private static final String H21 = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,"
            + "hostname,state,user_context\n";
    private static final int OLD = 50;

    @TempDir
    Path dir;
    private Path file;

    @AfterEach
    void noPauses() {
        LeaseFileConversion.PAUSES.clear();
    }

    /** A 2.1 file of OLD leases 192.0.2.1.. plus an older row that the later one replaces. */
    private Path oldSchemaFile(Path in) throws Exception {
        StringBuilder b = new StringBuilder(H21);
        b.append("192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1799999000,1,0,0,superseded,0,\n");
        for (int i = 1; i <= OLD; i++) {
            b.append("192.0.2.").append(i).append(",aa:bb:cc:dd:ee:").append(String.format("%02x", i))
                    .append(",,3600,1800000000,1,0,0,old-").append(i).append(",0,\n");
        }
        Path f = in.resolve("leases4.csv");
        Files.writeString(f, b);
        return f;
    }

    private static MemfileLease4Store open(Path f, long lfcInterval) throws LeaseStoreException {
        return MemfileLease4Store.open(new MemfileSettings(f, true, lfcInterval, 0), Clock.systemUTC());
    }

    /** Holds the conversion of {@code f} at {@code stage} until the returned latch is released. */
    private static CountDownLatch[] holdAt(Path f, LeaseFileConversion.Stage stage) {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LeaseFileConversion.PAUSES.put(f, s -> {
            if (s == stage) {
                reached.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return new CountDownLatch[] {reached, release};
    }

    /** Every data row of every lease file in {@code d} has the current schema's 12 columns. */
    private static void assertNoRowInTheOldSchemaIn(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.getFirst()).isEqualTo(Lease4Csv.HEADER);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(12));
    }

    /** What a restart on a copy of the directory as it is now (a crash now) loads. */
    private Path crashCopy(String name) throws Exception {
        Path copy = Files.createDirectory(dir.resolve(name));
        try (Stream<Path> files = Files.list(file.getParent())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, copy.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy.resolve(file.getFileName());
    }

    private static void assertAllLeases(MemfileLease4Store s, int extra) {
        assertThat(s.size()).isEqualTo(OLD + extra);
        assertThat(s.get(ip("192.0.2.1")).orElseThrow().hostname()).isEqualTo("old-1");
        assertThat(s.get(ip("192.0.2." + OLD)).orElseThrow().hostname()).isEqualTo("old-" + OLD);
        for (int i = 0; i < extra; i++) {
            assertThat(s.get(ip("198.51.100." + (i + 1)))).isPresent();
        }
    }

    @Test
    void servesBeforeTheConversionEndsAndWritesNoRowInTheOldSchema() throws Exception {
        file = oldSchemaFile(Files.createDirectory(dir.resolve("live")));
        CountDownLatch[] hold = holdAt(file, LeaseFileConversion.Stage.ROTATED);
        try (MemfileLease4Store s = open(file, 0)) {
            assertThat(hold[0].await(30, TimeUnit.SECONDS)).isTrue();
            // the store is open and answers while the old rows are not converted yet
            assertThat(s.loadSummary().converted()).isTrue();
            assertAllLeases(s, 0);
            assertThat(s.insert(TestLeases.lease("198.51.100.1"))).isTrue();
            assertThat(s.delete(s.get(ip("192.0.2.2")).orElseThrow())).isTrue();
            // new rows only in a file of the current schema; the old rows wait in .1, untouched
            assertNoRowInTheOldSchemaIn(file);
            assertThat(Files.readString(file.resolveSibling("leases4.csv.1"))).startsWith(H21);
            hold[1].countDown();
        }
        // close waited for the conversion: .2 is the old leases in the current schema, nothing else is left
        assertNoRowInTheOldSchemaIn(file.resolveSibling("leases4.csv.2"));
        assertThat(file.resolveSibling("leases4.csv.1")).doesNotExist();
        assertThat(file.resolveSibling("leases4.csv.completed")).doesNotExist();
        assertThat(file.resolveSibling("leases4.csv.output")).doesNotExist();
        assertThat(TestLeases.load(file.resolveSibling("leases4.csv.2"))).hasSize(OLD)
                .containsKey(ip("192.0.2.2"));
        try (MemfileLease4Store s = open(file, 0)) {
            assertThat(s.loadSummary().converted()).isFalse();
            assertThat(s.size()).isEqualTo(OLD);
            assertThat(s.get(ip("192.0.2.2"))).isEmpty();
            assertThat(s.get(ip("198.51.100.1"))).isPresent();
        }
    }

    @Test
    void aRestartAtAnyStageOfTheConversionLoadsEveryLease() throws Exception {
        file = oldSchemaFile(Files.createDirectory(dir.resolve("live")));
        CountDownLatch[] rotated = holdAt(file, LeaseFileConversion.Stage.ROTATED);
        Path atRotated;
        Path atCompleted;
        try (MemfileLease4Store s = open(file, 0)) {
            assertThat(rotated[0].await(30, TimeUnit.SECONDS)).isTrue();
            s.insert(TestLeases.lease("198.51.100.1"));
            atRotated = crashCopy("crash-rotated");
            CountDownLatch[] completed = holdAt(file, LeaseFileConversion.Stage.COMPLETED);
            rotated[1].countDown();
            assertThat(completed[0].await(30, TimeUnit.SECONDS)).isTrue();
            atCompleted = crashCopy("crash-completed");
            assertThat(atCompleted.resolveSibling("leases4.csv.completed")).exists();
            completed[1].countDown();
        }
        for (Path crashed : List.of(atRotated, atCompleted)) {
            try (MemfileLease4Store s = open(crashed, 0)) {
                assertAllLeases(s, 1);
            }
            // and that restart finished the conversion
            try (MemfileLease4Store s = open(crashed, 0)) {
                assertThat(s.loadSummary().converted()).as(crashed.toString()).isFalse();
                assertAllLeases(s, 1);
            }
        }
    }

    @Test
    void anLfcBeforeTheConversionDoesItAndTheConversionThenLeavesTheFilesAlone() throws Exception {
        file = oldSchemaFile(Files.createDirectory(dir.resolve("live")));
        CountDownLatch[] hold = holdAt(file, LeaseFileConversion.Stage.ROTATED);
        try (MemfileLease4Store s = open(file, 0)) {
            assertThat(hold[0].await(30, TimeUnit.SECONDS)).isTrue();
            s.insert(TestLeases.lease("198.51.100.1"));
            s.runLfcNow();
            assertNoRowInTheOldSchemaIn(file.resolveSibling("leases4.csv.2"));
            s.insert(TestLeases.lease("198.51.100.2"));
            s.runLfcNow(); // moves 198.51.100.1 and .2 into .2: a late conversion must not undo that
            hold[1].countDown();
        }
        assertThat(TestLeases.load(file.resolveSibling("leases4.csv.2"))).hasSize(OLD + 2);
        try (MemfileLease4Store s = open(file, 0)) {
            assertAllLeases(s, 2);
        }
    }

    @Test
    void anLfcDuringTheConversionWaitsForIt() throws Exception {
        file = oldSchemaFile(Files.createDirectory(dir.resolve("live")));
        CountDownLatch[] hold = holdAt(file, LeaseFileConversion.Stage.COMPLETED);
        try (MemfileLease4Store s = open(file, 0)) {
            assertThat(hold[0].await(30, TimeUnit.SECONDS)).isTrue();
            s.insert(TestLeases.lease("198.51.100.1"));
            CompletableFuture<Void> lfc = CompletableFuture.runAsync(() -> {
                try {
                    s.runLfcNow();
                } catch (LeaseStoreException e) {
                    throw new IllegalStateException(e);
                }
            });
            s.insert(TestLeases.lease("198.51.100.2"));
            assertThat(lfc).isNotDone();
            hold[1].countDown();
            lfc.get(30, TimeUnit.SECONDS);
            assertNoRowInTheOldSchemaIn(file.resolveSibling("leases4.csv.2"));
            assertThat(TestLeases.load(file.resolveSibling("leases4.csv.2"))).hasSize(OLD + 2);
        }
        try (MemfileLease4Store s = open(file, 0)) {
            assertAllLeases(s, 2);
        }
    }

    @Test
    void aFinishedKeaCleanupIsMovedIntoPlaceFirst() throws Exception {
        Path in = Files.createDirectory(dir.resolve("live"));
        file = oldSchemaFile(in);
        // kea-lfc 2.2 finished (.completed, its schema) but was stopped before renaming it; .1 is stale
        Files.move(file, in.resolve("leases4.csv.completed"));
        Files.writeString(in.resolve("leases4.csv.1"), H21 + "192.0.2.200,aa:bb:cc:dd:ee:c8,,3600,1800000000,1,0,0,stale,0,\n");
        Files.writeString(file, H21 + "198.51.100.1,aa:bb:cc:dd:ee:ff,,3600,1800000000,1,0,0,new,0,\n");
        try (MemfileLease4Store s = open(file, 0)) {
            assertAllLeases(s, 1);
            assertThat(s.get(ip("192.0.2.200"))).isEmpty();
        }
        assertNoRowInTheOldSchemaIn(file);
        assertNoRowInTheOldSchemaIn(file.resolveSibling("leases4.csv.2"));
        try (MemfileLease4Store s = open(file, 0)) {
            assertThat(s.loadSummary().converted()).isFalse();
            assertAllLeases(s, 1);
            assertThat(s.get(ip("192.0.2.200"))).isEmpty();
        }
    }

    @Test
    void anUnfinishedCleanupIsConvertedBeforeServingAsBefore() throws Exception {
        Path in = Files.createDirectory(dir.resolve("live"));
        file = oldSchemaFile(in);
        Files.move(file, in.resolve("leases4.csv.1"));
        Files.writeString(file, H21 + "198.51.100.1,aa:bb:cc:dd:ee:ff,,3600,1800000000,1,0,0,new,0,\n");
        try (MemfileLease4Store s = open(file, 0)) {
            assertAllLeases(s, 1);
            assertThat(file.resolveSibling("leases4.csv.1")).doesNotExist();
            assertNoRowInTheOldSchemaIn(file);
            assertNoRowInTheOldSchemaIn(file.resolveSibling("leases4.csv.2"));
        }
    }
}
