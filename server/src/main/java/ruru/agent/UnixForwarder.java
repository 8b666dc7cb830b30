package ruru.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ParseOptions;

/**
 * One command to one daemon over its UNIX control socket, as Kea's CA does it: connect, write the
 * command, read the answer until the daemon closes, parse it. The whole exchange is bounded by a
 * timeout (Kea's TIMEOUT_AGENT_FORWARD_COMMAND, 60 s), so a hung daemon costs one request its
 * answer, never the agent a thread forever.
 */
final class UnixForwarder implements AutoCloseable {

    /** Kea's {@code src/lib/config/timeouts.h}. */
    static final Duration KEA_TIMEOUT = Duration.ofSeconds(60);

    private final Duration timeout;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("agent-forward-timeout").factory());

    UnixForwarder(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code command} (compact JSON text) to the daemon of {@code service} listening on
     * {@code socket} and returns its parsed answer.
     *
     * @throws ForwardException with Kea's wording ("unable to forward command to the dhcp4 service: ...")
     */
    Element forward(String service, Path socket, String command) throws ForwardException {
        byte[] answer;
        try {
            answer = exchange(socket, command.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ForwardException("unable to forward command to the " + service + " service: " + reason(e, socket)
                    + ". The server is likely to be offline");
        }
        if (answer.length == 0) {
            // Kea's client connection sees EOF before a complete answer: asio's "End of file".
            throw new ForwardException("unable to forward command to the " + service
                    + " service: End of file. The server is likely to be offline");
        }
        try {
            return Json.parse(answer, ParseOptions.wire());
        } catch (JsonException e) {
            throw new ForwardException("internal server error: unable to parse server's answer to the forwarded message: "
                    + e.getMessage());
        }
    }

    private byte[] exchange(Path socket, byte[] command) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Blocking channels have no read timeout; closing the channel from a timer wakes the reader.
            ScheduledFuture<?> deadline = timers.schedule(() -> {
                timedOut.set(true);
                closeQuietly(ch);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ByteBuffer out = ByteBuffer.wrap(command);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                ByteBuffer in = ByteBuffer.allocate(32768);
                while (ch.read(in) >= 0) {
                    answer.write(in.array(), 0, in.position());
                    in.clear();
                }
                return answer.toByteArray();
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new TimedOut();
                }
                throw e;
            } finally {
                deadline.cancel(false);
            }
        }
    }

    /** The error as Kea prints it (boost's system error messages: "No such file or directory", ...). */
    private static String reason(IOException e, Path socket) {
        if (e instanceof TimedOut) {
            return "Connection timed out";
        }
        if (e instanceof ClosedChannelException) {
            return "Connection reset by peer";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return Files.exists(socket) ? "Connection refused" : "No such file or directory";
        }
        return ruru.io.IoErrors.describe(e);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // already closing: the reader sees the close either way
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }

    private static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
