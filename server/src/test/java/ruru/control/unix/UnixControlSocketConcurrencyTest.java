package ruru.control.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.control.unix.SocketClient.LIST_COMMANDS_ANSWER;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** Hostile and slow clients must not delay anybody else. */
class UnixControlSocketConcurrencyTest {

    @TempDir
    Path dir;

    private UnixControlSocket socket;
    private Path path;
    private final Logger logger = (Logger) LoggerFactory.getLogger("ruru.commands");
    private Level level;

    @BeforeEach
    void open() throws Exception {
        // Per-chunk debug lines for a flood would only fill the test log.
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        socket = UnixControlSocket.open(dir.resolve("n.sock"), PosixFilePermissions.fromString("rw-------"),
                SocketClient.registry());
        path = socket.path();
    }

    @AfterEach
    void close() {
        socket.close();
        logger.setLevel(level);
    }

    @Test
    void fiftyClientsAreServedPromptlyWhileFloodersAndSlowClientsHangOn() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong commentFlood = new AtomicLong();
        AtomicLong stringFlood = new AtomicLong();
        List<SocketClient> hostile = new ArrayList<>();
        // The executor's close waits for its tasks, so the stop flag must be set inside it.
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                // Inside a comment nothing is kept: this flood could run forever in bounded memory.
                hostile.add(flood(threads, "{ /* ", stop, commentFlood, Long.MAX_VALUE));
                // Inside a string everything is kept (no cap, as in Kea): bounded here by the test.
                hostile.add(flood(threads, "{\"a\": \"", stop, stringFlood, 64L << 20));
                SocketClient silent = SocketClient.connect(path);
                hostile.add(silent);
                SocketClient loris = SocketClient.connect(path);
                hostile.add(loris);
                threads.submit(() -> {
                    byte[] command = "{\"command\": \"list-commands\"".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; !stop.get(); i = (i + 1) % command.length) {
                        loris.send(new byte[] {command[i]});
                        Thread.sleep(100);
                    }
                    return null;
                });
                while (commentFlood.get() < (1 << 20) || stringFlood.get() < (1 << 20)) {
                    Thread.sleep(5);
                }

                long start = System.nanoTime();
                List<Future<Duration>> clients = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    clients.add(threads.submit(() -> {
                        long begin = System.nanoTime();
                        assertThat(SocketClient.exchange(path, "{ \"command\": \"list-commands\" }"))
                                .isEqualTo(LIST_COMMANDS_ANSWER);
                        return Duration.ofNanos(System.nanoTime() - begin);
                    }));
                }
                Duration slowest = Duration.ZERO;
                for (Future<Duration> client : clients) {
                    Duration took = client.get();
                    slowest = took.compareTo(slowest) > 0 ? took : slowest;
                }
                Duration all = Duration.ofNanos(System.nanoTime() - start);
                long floodedDuring = commentFlood.get();
                assertThat(all).as("50 concurrent clients, slowest %s", slowest).isLessThan(Duration.ofSeconds(5));
                // The flooders were still being read while the others were served.
                Thread.sleep(50);
                assertThat(commentFlood.get()).isGreaterThan(floodedDuring);
            } finally {
                stop.set(true);
                for (SocketClient client : hostile) {
                    client.close();
                }
            }
        }
    }

    private SocketClient flood(ExecutorService threads, String opening, AtomicBoolean stop, AtomicLong sent,
            long limit) throws Exception {
        SocketClient client = SocketClient.connect(path);
        client.send(opening);
        byte[] junk = new byte[16384];
        Arrays.fill(junk, (byte) 'x');
        threads.submit(() -> {
            ByteBuffer buffer = ByteBuffer.wrap(junk);
            while (!stop.get() && sent.get() < limit) {
                buffer.clear();
                sent.addAndGet(client.channel().write(buffer));
            }
            return null;
        });
        return client;
    }
}
