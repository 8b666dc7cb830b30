package ruru.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.io.IoErrors;

/**
 * Kea's PID file, {@code <config base name>.<process name>.pid}, in {@code KEA_PIDFILE_DIR} or, as
 * Kea's default, the runtime directory that also holds the control sockets
 * ({@code KEA_CONTROL_SOCKET_DIR}, else /run/kea); never in the configuration file's directory. It
 * is held locked while the daemon runs, so a second daemon on the same configuration refuses to
 * start even when the first one's PID has been reused. Like Kea (3), it creates no directory: a
 * missing one fails the start with a message that says so.
 */
public final class PidFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    public static Path locate(Path configFile, DaemonKind kind, Map<String, String> env) {
        String base = configFile.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String dir = env.get("KEA_PIDFILE_DIR");
        Path directory = dir != null && !dir.isBlank() ? Path.of(dir)
                : PathPolicy.forConfigFile(configFile, env, false).directory(PathKind.CONTROL_SOCKET);
        return directory.resolve(base + "." + kind.processName() + ".pid");
    }

    /** Another daemon runs on the same configuration: it holds the PID file's lock. */
    public static final class Held extends IOException {
        private static final long serialVersionUID = 1L;

        Held(String message) {
            super(message);
        }
    }

    /** The PID file cannot be created or written (Kea: "Unable to open PID file '...' for write"). */
    public static final class Unwritable extends IOException {
        private static final long serialVersionUID = 1L;

        Unwritable(Path path, IOException cause) {
            super("Unable to open PID file '" + path + "' for write: " + IoErrors.reasonFor(path, cause), cause);
        }
    }

    /** Creates and locks the PID file; fails with a clear message when another daemon holds it. */
    public static PidFile acquire(Path path) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new Unwritable(path, e);
        }
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String other = readPid(ch);
                ch.close();
                throw new Held("another instance is already running with this configuration (PID file " + path
                        + (other.isEmpty() ? "" : ", pid " + other) + ")");
            }
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new PidFile(path, ch, lock);
        } catch (Held e) {
            throw e;
        } catch (IOException e) {
            ch.close();
            throw new Unwritable(path, e);
        }
    }

    private static String readPid(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Nothing useful to do at exit; the lock dies with the process anyway.
        }
    }
}
