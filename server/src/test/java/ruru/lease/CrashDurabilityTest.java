package ruru.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ruru.wire.Ipv4Address;

/**
 * The durability contract: once insert returns, a kill -9 of the JVM cannot lose the row. A child
 * JVM inserts leases from 4 threads and prints each address after its insert returned; we kill it
 * mid-stream and every printed address must be in the file.
 */
class CrashDurabilityTest {

    @TempDir
    Path dir;

    /** The child: inserts until killed, printing "OK address" after each insert returns. */
    public static void main(String[] args) throws Exception {
        MemfileLease4Store store = MemfileLease4Store.open(TestLeases.persistent(Path.of(args[0])), Clock.systemUTC());
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong(0x0A000000L);
        Object out = new Object();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        Lease4 l = TestLeases.lease(Ipv4Address.ofLong(next.getAndIncrement()));
                        store.insert(l);
                        synchronized (out) {
                            System.out.println("OK " + l.address());
                            System.out.flush();
                        }
                    }
                } catch (LeaseStoreException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void everyAcknowledgedInsertSurvivesKill9() throws Exception {
        Path file = dir.resolve("leases4.csv");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=none", CrashDurabilityTest.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("OK ")) {
                    acknowledged.add(line.substring(3));
                    if (acknowledged.size() == 3000) {
                        // SIGKILL via the handle: Process.destroyForcibly would also close our end of the
                        // pipe, and the lines the child printed before dying must still be read
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor()).isEqualTo(137);
        Map<Ipv4Address, Lease4> onDisk = TestLeases.load(file);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3000);
        for (String a : acknowledged) {
            assertThat(onDisk).containsKey(TestLeases.ip(a));
        }
        System.out.println("acknowledged before kill: " + acknowledged.size() + ", rows in file: " + onDisk.size());
    }
}
