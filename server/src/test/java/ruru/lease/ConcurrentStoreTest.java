package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.lease.TestLeases.lease;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ruru.wire.Ipv4Address;

class ConcurrentStoreTest {

    private static final int ADDRESSES = 64;

    @TempDir
    Path dir;

    private static Ipv4Address addr(int i) {
        return Ipv4Address.ofLong(0xC0000200L + i);
    }

    private static <T> List<T> runAll(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(task));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        }
    }

    /** Compare-and-set increments from 8 threads on 64 shared addresses: none is lost. */
    @Test
    void casIncrementsAreNeverLost() throws Exception {
        Path file = dir.resolve("leases4.csv");
        int perThread = 2000;
        try (MemfileLease4Store s = MemfileLease4Store.open(TestLeases.persistent(file), Clock.systemUTC())) {
            for (int i = 0; i < ADDRESSES; i++) {
                s.insert(lease(addr(i)).withLifetime(3600, 0));
            }
            List<Integer> failures = runAll(8, () -> {
                int lost = 0;
                for (int n = 0; n < perThread; n++) {
                    Ipv4Address a = addr(ThreadLocalRandom.current().nextInt(ADDRESSES));
                    while (true) {
                        Lease4 cur = s.get(a).orElseThrow();
                        if (s.replace(cur, cur.withLifetime(3600, cur.cltt() + 1))) {
                            break;
                        }
                        lost++;
                    }
                }
                return lost;
            });
            long total = s.all().stream().mapToLong(Lease4::cltt).sum();
            assertThat(total).isEqualTo(8L * perThread);
            System.out.println("CAS retries under contention: " + failures.stream().mapToInt(Integer::intValue).sum());
        }
        try (MemfileLease4Store s = MemfileLease4Store.open(TestLeases.persistent(file), Clock.systemUTC())) {
            assertThat(s.all().stream().mapToLong(Lease4::cltt).sum()).isEqualTo(8L * perThread);
        }
    }

    /** Mixed insert/replace/delete/put on overlapping addresses: the reloaded file equals memory. */
    @Test
    void hammeringLeavesFileAndMemoryEqual() throws Exception {
        Path file = dir.resolve("leases4.csv");
        Map<Ipv4Address, Lease4> inMemory = new HashMap<>();
        AtomicLong successes = new AtomicLong();
        try (MemfileLease4Store s = MemfileLease4Store.open(TestLeases.persistent(file), Clock.systemUTC())) {
            runAll(8, () -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int n = 0; n < 3000; n++) {
                    Ipv4Address a = addr(r.nextInt(ADDRESSES));
                    Lease4 fresh = new Lease4(a, lease(a).hwAddress(), r.nextBoolean() ? new byte[] {1, (byte) n} : null,
                            1 + r.nextInt(10_000), r.nextInt(1_000_000), 1 + r.nextInt(3), r.nextBoolean(), false,
                            r.nextBoolean() ? "h" + r.nextInt(5) : "", LeaseState.of(r.nextInt(4)), null, r.nextInt(3));
                    Optional<Lease4> cur = s.get(a);
                    boolean ok = switch (r.nextInt(4)) {
                        case 0 -> s.insert(fresh);
                        case 1 -> cur.isPresent() && s.replace(cur.get(), fresh);
                        case 2 -> cur.isPresent() && s.delete(cur.get());
                        default -> {
                            s.put(fresh);
                            yield true;
                        }
                    };
                    if (ok) {
                        successes.incrementAndGet();
                    }
                }
                return null;
            });
            s.all().forEach(l -> inMemory.put(l.address(), l));
            assertThat(s.size()).isEqualTo(inMemory.size());
            for (Lease4 l : inMemory.values()) {
                assertThat(s.bySubnet(l.subnetId())).contains(l);
                assertThat(s.byHwAddress(l.hwAddress())).containsExactly(l);
            }
        }
        assertThat(successes.get()).isGreaterThan(5000);
        assertThat(TestLeases.load(file)).isEqualTo(inMemory);
    }

    /** Group-commit throughput: 4 threads inserting distinct leases, every call waiting for its write. */
    @Test
    void throughputWithFourWriters() throws Exception {
        Path file = dir.resolve("leases4.csv");
        int perThread = 25_000;
        try (MemfileLease4Store s = MemfileLease4Store.open(TestLeases.persistent(file), Clock.systemUTC())) {
            AtomicLong next = new AtomicLong(0x0A000000L);
            // warm-up
            for (int i = 0; i < 5000; i++) {
                s.insert(lease(Ipv4Address.ofLong(next.getAndIncrement())));
            }
            long t0 = System.nanoTime();
            runAll(4, () -> {
                for (int i = 0; i < perThread; i++) {
                    s.insert(lease(Ipv4Address.ofLong(next.getAndIncrement())));
                }
                return null;
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("lease rows written: %d by 4 threads in %.3f s = %.0f rows/s%n",
                    4 * perThread, seconds, 4 * perThread / seconds);
            assertThat(s.size()).isEqualTo(5000 + 4 * perThread);
        }
        assertThat(TestLeases.load(file)).hasSize(5000 + 4 * perThread);
    }
}
