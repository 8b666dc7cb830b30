package ruru.control.unix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ruru.control.Answer;
import ruru.control.CommandRegistry;
import ruru.json.Element;
import ruru.json.StringElement;

/** A blocking test client for the control socket, with a deadline on every read. */
final class SocketClient implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final SocketChannel channel;

    private SocketClient(SocketChannel channel) {
        this.channel = channel;
    }

    static SocketClient connect(Path path) throws IOException {
        return new SocketClient(SocketChannel.open(UnixDomainSocketAddress.of(path)));
    }

    /** Sends one command and reads the answer up to the server's EOF. */
    static String exchange(Path path, String command) throws Exception {
        try (SocketClient client = connect(path)) {
            client.send(command);
            return client.readToEof();
        }
    }

    SocketChannel channel() {
        return channel;
    }

    SocketClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    SocketClient send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        return this;
    }

    void halfClose() throws IOException {
        channel.shutdownOutput();
    }

    String readToEof() throws Exception {
        return readToEof(PATIENCE);
    }

    /** Everything the server sends until it closes, decoded as UTF-8; fails after the deadline. */
    String readToEof(Duration deadline) throws Exception {
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (channel.read(buffer.clear()) >= 0) {
                    out.write(buffer.array(), 0, buffer.position());
                }
                read.complete(out.toByteArray());
            } catch (Throwable t) {
                read.completeExceptionally(t);
            }
        });
        try {
            return new String(read.get(deadline.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            channel.close();
            throw new AssertionError("no EOF from the server within " + deadline, e);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the answer failed", e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static SocketChannel rawConnect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        return channel;
    }

    /** The registry the socket tests run against: list-commands plus a few fixed commands. */
    static CommandRegistry registry() {
        CommandRegistry registry = new CommandRegistry();
        registry.register("version-get", cmd -> Answer.ok("9.9.9"));
        registry.register("status-get", cmd -> Answer.okArgs(Element.list(Element.of("up"))));
        // Answers with the length of arguments.blob, to prove a large command arrived whole.
        registry.register("blob-size", cmd -> Answer.ok("size " + cmd.argumentMap()
                .map(m -> m.get("blob")).filter(StringElement.class::isInstance)
                .map(e -> ((StringElement) e).value().length()).orElse(-1)));
        return registry;
    }

    /** Kea's compact answer for list-commands against {@link #registry()}. */
    static final String LIST_COMMANDS_ANSWER =
            "{ \"arguments\": [ \"blob-size\", \"list-commands\", \"status-get\", \"version-get\" ], \"result\": 0 }";

    static final String VERSION_ANSWER = "{ \"result\": 0, \"text\": \"9.9.9\" }";
}
