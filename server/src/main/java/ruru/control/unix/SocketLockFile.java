package ruru.control.unix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import ruru.io.IoErrors;
import ruru.io.Syscalls;

/**
 * The {@code <socket-name>.lock} file Kea holds while it owns a control socket: opened with mode
 * 0600 and locked with {@code flock(LOCK_EX|LOCK_NB)}. It is flock(2), not the fcntl(2) record
 * lock behind {@code FileChannel.tryLock}, so that a real Kea daemon and ruru exclude each other
 * on the same path, and so that closing an unrelated descriptor of the file in this JVM cannot
 * silently drop the lock (an fcntl property). Linux x86_64/aarch64 constants.
 */
final class SocketLockFile implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int EWOULDBLOCK = 11;

    private final Path path;
    private int fd;

    private SocketLockFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens (creating, mode 0600) and exclusively locks the file, or says who is in the way. */
    static SocketLockFile acquire(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Syscalls.errnoStateLayout());
            int fd = (int) Syscalls.call(state, Syscalls.OPENAT, Syscalls.AT_FDCWD,
                    Syscalls.pointer(arena.allocateFrom(path.toString())), O_RDONLY | O_CREAT | O_CLOEXEC, 0600, 0L, 0L);
            if (fd < 0) {
                throw new IOException("cannot create socket lockfile, " + path + ": " + Syscalls.strerror(Syscalls.errno(state))
                        + IoErrors.missingDirectory(path).map(m -> " (" + m + ")").orElse(""));
            }
            if (Syscalls.call(state, Syscalls.FLOCK, fd, LOCK_EX | LOCK_NB, 0L) != 0) {
                int err = Syscalls.errno(state);
                Syscalls.call(state, Syscalls.CLOSE, fd, 0L, 0L);
                throw new IOException("cannot lock socket lockfile, " + path + ": " + Syscalls.strerror(err)
                        + (err == EWOULDBLOCK ? " (another process, or another socket in this one, holds it)" : ""));
            }
            return new SocketLockFile(path, fd);
        }
    }

    Path path() {
        return path;
    }

    /** Removes the file and then releases the lock, in Kea's order. */
    @Override
    public synchronized void close() {
        if (fd < 0) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Nothing to do: a leftover lock file without a holder is harmless, the next owner reuses it.
        }
        try (Arena arena = Arena.ofConfined()) {
            Syscalls.call(arena.allocate(Syscalls.errnoStateLayout()), Syscalls.CLOSE, fd, 0L, 0L);
        } finally {
            fd = -1;
        }
    }
}
