package ruru.control.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ruru.control.unix.SocketClient.VERSION_ANSWER;
import static ruru.control.unix.SocketClient.exchange;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ruru.control.Answer;
import ruru.control.CommandRegistry;

/** The inactivity timer, with a 300 ms timeout in place of Kea's 10 s. */
class UnixControlSocketTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private UnixControlSocket socket;
    private Path path;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("ruru.commands");

    private Level level;

    @BeforeEach
    void open() throws Exception {
        log.start();
        logger.addAppender(log);
        // Explicit, so that whatever logging configuration an earlier test left cannot hide the lines.
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        CommandRegistry registry = SocketClient.registry();
        registry.register("slow", cmd -> {
            try {
                Thread.sleep(3 * TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.ok("done");
        });
        socket = UnixControlSocket.open(dir.resolve("t.sock"), PosixFilePermissions.fromString("rw-------"),
                registry, TIMEOUT);
        path = socket.path();
    }

    @AfterEach
    void close() {
        socket.close();
        logger.detachAppender(log);
        logger.setLevel(level);
    }

    @Test
    void partialCommandTimesOutWithTheKeptByteCount() throws Exception {
        try (SocketClient client = SocketClient.connect(path)) {
            // Leading whitespace and comments are not kept; the inner comment is not counted either.
            client.send("  # lead\n{\"command\": /* not counted */ \"version-get\"");
            long start = System.nanoTime();
            String answer = client.readToEof();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(20));
            int kept = "{\"command\":  \"version-get\"".length();
            assertThat(answer).isEqualTo("{ \"result\": 1, \"text\": \"Connection over control channel timed out, "
                    + "discarded partial command of " + kept + " bytes\" }");
        }
        assertThat(messages()).anyMatch(m -> m.startsWith("COMMAND_SOCKET_CONNECTION_TIMEOUT"));
    }

    @Test
    void silentConnectionTimesOutWithoutByteCount() throws Exception {
        String expected = "{ \"result\": 1, \"text\": \"Connection over control channel timed out\" }";
        try (SocketClient client = SocketClient.connect(path)) {
            assertThat(client.readToEof()).isEqualTo(expected);
        }
        try (SocketClient client = SocketClient.connect(path)) {
            client.send(" /* whitespace and comments only */ \n");
            assertThat(client.readToEof()).isEqualTo(expected);
        }
    }

    @Test
    void everyChunkRestartsTheTimer() throws Exception {
        String[] chunks = {"{\"com", "mand\"", ": \"ver", "sion", "-get", "\"", "}"};
        long start = System.nanoTime();
        try (SocketClient client = SocketClient.connect(path)) {
            for (String chunk : chunks) {
                Thread.sleep(TIMEOUT.toMillis() * 2 / 3);
                client.send(chunk);
            }
            // Seven pauses of 2/3 of the timeout: the whole exchange lasts over four timeouts.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(TIMEOUT.multipliedBy(4));
            assertThat(client.readToEof()).isEqualTo(VERSION_ANSWER);
        }
    }

    @Test
    void aCommandBeingProcessedIsNotTimedOut() throws Exception {
        assertThat(exchange(path, "{\"command\":\"slow\"}")).isEqualTo("{ \"result\": 0, \"text\": \"done\" }");
    }

    @Test
    void clientVanishingMidCommandGetsLoggedAndTheServerKeepsServing() throws Exception {
        try (SocketClient client = SocketClient.connect(path)) {
            client.send("{\"command\":");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(messages())
                .anyMatch(m -> m.startsWith("COMMAND_SOCKET_CLOSED_BY_FOREIGN_HOST")
                        && m.endsWith("by foreign host, discarding partial command of 11 bytes")));
        try (SocketClient client = SocketClient.connect(path)) {
            client.send("{\"comm");
        }
        assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
        try (SocketClient client = SocketClient.connect(path)) {
            client.halfClose();
            assertThat(client.readToEof()).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(messages())
                .anyMatch(m -> m.endsWith("by foreign host, no input data to discard")));
    }

    @Test
    void clientThatNeverReadsItsAnswerIsDroppedAfterTheTimeout() throws Exception {
        String big = "z".repeat(8 << 20);
        socket.close();
        CommandRegistry registry = SocketClient.registry();
        registry.register("big", cmd -> Answer.ok(big));
        socket = UnixControlSocket.open(path, PosixFilePermissions.fromString("rw-------"), registry, TIMEOUT);
        try (SocketClient client = SocketClient.connect(path)) {
            client.send("{\"command\":\"big\"}");
            // The answer fills the socket buffers; the server's write stalls, then it gives up.
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.openConnections() == 0);
            String partial = client.readToEof();
            assertThat(partial.length()).isPositive().isLessThan(big.length());
        }
    }

    @Test
    void finishedAndTimedOutConnectionsAreReleased() throws Exception {
        assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
        try (SocketClient client = SocketClient.connect(path)) {
            client.send("{");
            assertThat(client.readToEof()).contains("timed out");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> socket.openConnections() == 0);
    }

    private List<String> messages() {
        return List.copyOf(log.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
