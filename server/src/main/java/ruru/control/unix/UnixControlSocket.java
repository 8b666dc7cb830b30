package ruru.control.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;


import ruru.control.CommandRegistry;
import ruru.control.CommandTextProcessor;
import ruru.json.ParseOptions;

/**
 * Kea's UNIX stream control socket (FACTS section 2): one JSON command per connection, answered
 * in Kea's compact form, then shutdown and close; a 10 s inactivity timeout; no size cap; the
 * {@code <path>.lock} flock; the socket file's mode as the access control.
 *
 * <p>Memory: like Kea there is no cap on a command's size. What a connection keeps is what the
 * feed keeps (bytes inside the value; comments are dropped), so a client streaming an endless
 * comment costs a 32 KiB buffer, while one streaming an endless string grows until it stops
 * sending for the timeout or memory runs out. Whoever can connect can already send config-set or
 * shutdown, so the socket's mode, not a size limit, is the defence; 2 MB configs must pass.
 */
public final class UnixControlSocket implements AutoCloseable {


    /** Kea's TIMEOUT_DHCP_SERVER_RECEIVE_COMMAND; not configurable in Kea either. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** sun_path is 108 bytes including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final Path path;
    private final CommandLog commandLog;
    private final SocketLockFile lock;
    private final ServerSocketChannel server;
    private final CommandTextProcessor processor;
    private final Duration timeout;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private UnixControlSocket(Path path, SocketLockFile lock, ServerSocketChannel server,
            CommandRegistry registry, Duration timeout) {
        this.path = path;
        this.lock = lock;
        this.server = server;
        this.processor = new CommandTextProcessor(registry, ParseOptions.wire());
        this.commandLog = CommandLog.of(registry);
        this.timeout = timeout;
        this.acceptor = Thread.ofVirtual().name("ruru-ctl-accept " + path).unstarted(this::acceptLoop);
    }

    /**
     * Locks {@code <path>.lock} (flock, mode 0600; refused if another process or socket holds
     * it), removes a stale socket file, binds, sets the socket file mode and starts accepting.
     */
    public static UnixControlSocket open(Path path, Set<PosixFilePermission> mode, CommandRegistry registry)
            throws IOException {
        return open(path, mode, registry, DEFAULT_TIMEOUT);
    }

    static UnixControlSocket open(Path path, Set<PosixFilePermission> mode, CommandRegistry registry,
            Duration timeout) throws IOException {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(registry, "registry");
        checkLength(path, "control socket path");
        SocketLockFile lock = SocketLockFile.acquire(Path.of(path + ".lock"));
        try {
            // We hold the lock, so whatever is at the path was left by a process that is gone.
            removeStale(path);
            ServerSocketChannel server = bindWithMode(path, mode);
            UnixControlSocket socket = new UnixControlSocket(path, lock, server, registry, timeout);
            socket.commandLog.acceptorStart().log(path);
            socket.acceptor.start();
            return socket;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Connections being served now; for tests. */
    int openConnections() {
        return connections.size();
    }

    /** Stops accepting, closes open connections, removes the socket file and the lock file. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Kea writes nothing as it stops accepting; the connections still open say they closed. Kea's
        // libkea-cfgclient has no message for a listening socket that fails to close or a socket file
        // that cannot be removed (it ignores both, 2.2 and 3): neither does this.
        try {
            server.close();
        } catch (IOException e) {
            // ignored, as Kea
        }
        for (Connection connection : connections) {
            connection.abort();
        }
        try {
            if (UnixSockets.isSocket(path)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // ignored, as Kea (a stale socket is removed at the next start)
        }
        lock.close();
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                commandLog.acceptFail().log(path, ruru.io.IoErrors.describe(e));
                pause();
                continue;
            }
            Connection connection = new Connection(CONNECTION_IDS.incrementAndGet(), channel, processor, commandLog,
                    timeout, connections::remove);
            connections.add(connection);
            if (closed) {
                // close() may have swept the set before this connection was added.
                connection.abort();
            }
            Thread.ofVirtual().name("ruru-ctl-conn").start(connection);
        }
    }

    /** Avoids a hot loop when accept keeps failing (for example out of file descriptors). */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void checkLength(Path path, String what) throws IOException {
        int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new IOException(what + " is too long: " + path + " is " + bytes
                    + " bytes, a UNIX socket path holds at most " + MAX_PATH_BYTES);
        }
    }

    /**
     * Removes what a dead daemon left at the path: a socket, and only a socket. Anything else (the
     * configuration, a password file, a lease file, a directory) stays, and the socket is refused.
     */
    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!UnixSockets.isSocket(path)) {
            throw new IOException("cannot use " + path + " as a control socket: a file that is not a socket is there"
                    + " (only a stale socket is ever removed)");
        }
        Files.deleteIfExists(path);
    }

    /**
     * Binds so that the socket never appears at its final path with a wider mode than asked:
     * bind() creates the file with 0777 minus the umask, and a client may connect as soon as it
     * exists. So bind inside a fresh 0700 directory next to the target (nobody but us and root
     * can reach it), chmod the socket there, then rename(2) it into place, which is atomic and
     * keeps the listening socket's inode.
     */
    private static ServerSocketChannel bindWithMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        Path parent = Objects.requireNonNullElse(path.getParent(), Path.of(""));
        Path privateDir = createPrivateDir(parent);
        Path staging = privateDir.resolve("s");
        ServerSocketChannel server = null;
        try {
            checkLength(staging, "control socket path (with the temporary name used while binding)");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(staging));
            Files.setPosixFilePermissions(staging, mode);
            Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE);
            return server;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(staging);
            throw e;
        } finally {
            Files.deleteIfExists(privateDir);
        }
    }

    /**
     * A new 0700 directory of a random name beside the socket. The name needs no secret: the
     * directory is created exclusively (an existing name, even a link, is retried), and whoever could
     * pre-create names here can write in the socket directory anyway. (SecureRandom would cost the
     * start of every daemon the loading of the JDK's security providers.)
     */
    private static Path createPrivateDir(Path parent) throws IOException {
        var attribute = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        for (int attempt = 0; ; attempt++) {
            Path dir = parent.resolve(".rc" + Long.toString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36));
            try {
                return Files.createDirectory(dir, attribute);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
