package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ruru.lease.TestLeases.lease;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ruru.wire.Ipv4Address;

class LeaseFileCleanupTest {

    private static final String H = Lease4Csv.HEADER;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("leases4.csv");
    }

    private Path sib(String suffix) {
        return dir.resolve("leases4.csv" + suffix);
    }

    private MemfileLease4Store open() throws LeaseStoreException {
        return MemfileLease4Store.open(TestLeases.persistent(file()), Clock.systemUTC());
    }

    private List<String> names() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void compactionKeepsOneRowPerLiveLeaseIncludingDeclinedAndReclaimed() throws Exception {
        try (MemfileLease4Store s = open()) {
            Lease4 a = lease("192.0.2.3");
            s.insert(a);
            s.replace(a, a.withLifetime(7200, 1_800_000_100L));
            s.insert(lease("192.0.2.1").withState(LeaseState.DECLINED));
            s.insert(lease("192.0.2.2").withState(LeaseState.EXPIRED_RECLAIMED));
            s.insert(lease("192.0.2.4"));
            s.delete(lease("192.0.2.4"));
            assertThat(Files.readAllLines(file())).hasSize(7);
            s.runLfcNow();
            assertThat(names()).containsExactly("leases4.csv", "leases4.csv.2");
            assertThat(Files.readAllLines(file())).containsExactly(H);
            assertThat(Files.readAllLines(sib(".2"))).containsExactly(H,
                    "192.0.2.1,02:00:c0:00:02:01,,3600,1800003600,1,0,0,,1,,0",
                    "192.0.2.2,02:00:c0:00:02:02,,3600,1800003600,1,0,0,,2,,0",
                    "192.0.2.3,02:00:c0:00:02:03,,7200,1800007300,1,0,0,,0,,0");
            // the next cleanup merges the previous result with what was written since
            s.delete(lease("192.0.2.2").withState(LeaseState.EXPIRED_RECLAIMED));
            s.insert(lease("192.0.2.9"));
            s.runLfcNow();
            assertThat(Files.readAllLines(sib(".2"))).extracting(l -> l.split(",")[0])
                    .containsExactly("address", "192.0.2.1", "192.0.2.3", "192.0.2.9");
            assertThat(Files.readAllLines(file())).containsExactly(H);
            s.insert(lease("192.0.2.10"));
        }
        try (MemfileLease4Store s = open()) {
            assertThat(s.all()).extracting(l -> l.address().toString())
                    .containsExactly("192.0.2.1", "192.0.2.3", "192.0.2.9", "192.0.2.10");
        }
    }

    @Test
    void anUnfinishedCleanupIsFinishedFirst() throws Exception {
        // a crash left .1 (input) beside .2: Kea does not rotate again, it cleans .2 + .1
        Files.writeString(sib(".2"), H + "\n192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,two,0,,0\n");
        Files.writeString(sib(".1"), H + "\n192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,one,0,,0\n"
                + "192.0.2.2,aa:bb:cc:dd:ee:02,,3600,1800000000,1,0,0,,0,,0\n");
        try (MemfileLease4Store s = open()) {
            s.insert(lease("192.0.2.3"));
            s.runLfcNow();
            assertThat(names()).containsExactly("leases4.csv", "leases4.csv.2");
            assertThat(Files.readAllLines(sib(".2"))).hasSize(3).anyMatch(l -> l.contains(",one,"));
            assertThat(Files.readAllLines(file())).hasSize(2); // the live file was not rotated this time
        }
        try (MemfileLease4Store s = open()) {
            assertThat(s.size()).isEqualTo(3);
        }
    }

    @Test
    void aCompletedCleanupIsOnlyRenamedIntoPlace() throws Exception {
        Files.writeString(sib(".completed"), H + "\n192.0.2.1,aa:bb:cc:dd:ee:01,,3600,1800000000,1,0,0,done,0,,0\n");
        Files.writeString(sib(".1"), H + "\n192.0.2.7,aa:bb:cc:dd:ee:07,,3600,1800000000,1,0,0,stale,0,,0\n");
        try (MemfileLease4Store s = open()) {
            assertThat(s.all()).extracting(Lease4::hostname).containsExactly("done");
            s.runLfcNow();
            assertThat(names()).containsExactly("leases4.csv", "leases4.csv.2");
            assertThat(Files.readString(sib(".2"))).contains(",done,");
        }
    }

    @Test
    void writesGoOnDuringCleanupAndNothingIsLost() throws Exception {
        Map<Ipv4Address, Lease4> memory = new HashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger cleanups = new AtomicInteger();
        try (MemfileLease4Store s = open()) {
            Thread lfc = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    try {
                        s.runLfcNow();
                        cleanups.incrementAndGet();
                    } catch (LeaseStoreException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            List<Thread> writers = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 10_000;
                writers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < 4000; i++) {
                            Lease4 l = lease(Ipv4Address.ofLong(0x0A000000L + base + i % 500));
                            java.util.Optional<Lease4> cur = s.get(l.address());
                            if (cur.isEmpty()) {
                                s.insert(l.withLifetime(100, i));
                            } else if (i % 7 == 0) {
                                s.delete(cur.get());
                            } else {
                                s.replace(cur.get(), cur.get().withLifetime(100, i));
                            }
                        }
                    } catch (LeaseStoreException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread w : writers) {
                w.join();
            }
            stop.set(true);
            lfc.join();
            s.all().forEach(l -> memory.put(l.address(), l));
        }
        assertThat(cleanups.get()).isGreaterThan(1);
        try (MemfileLease4Store s = open()) {
            Map<Ipv4Address, Lease4> reloaded = new HashMap<>();
            s.all().forEach(l -> reloaded.put(l.address(), l));
            assertThat(reloaded).isEqualTo(memory);
        }
        System.out.println("cleanups run while writing: " + cleanups.get());
    }

    @Test
    void theIntervalTimerRunsCleanups() throws Exception {
        try (MemfileLease4Store s = MemfileLease4Store.open(new MemfileSettings(file(), true, 1, 0), Clock.systemUTC())) {
            s.insert(lease("192.0.2.1"));
            s.put(lease("192.0.2.1").withState(LeaseState.DECLINED));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(sib(".2")));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readAllLines(sib(".2")).size() == 2);
            assertThat(Files.readAllLines(sib(".2")).get(1)).endsWith(",1,,0");
        }
    }
}
