package ruru.control.unix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import ruru.io.IoErrors;

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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), true,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FLOCK = downcall("flock",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
    private static final MethodHandle STRERROR = downcall("strerror",
            FunctionDescriptor.of(ADDRESS, JAVA_INT), false);

    private final Path path;
    private int fd;

    private SocketLockFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens (creating, mode 0600) and exclusively locks the file, or says who is in the way. */
    static SocketLockFile acquire(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()),
                    O_RDONLY | O_CREAT | O_CLOEXEC, 0600);
            if (fd < 0) {
                throw new IOException("cannot create socket lockfile, " + path + ": " + strerror(errno(state))
                        + IoErrors.missingDirectory(path).map(m -> " (" + m + ")").orElse(""));
            }
            if ((int) FLOCK.invokeExact(state, fd, LOCK_EX | LOCK_NB) != 0) {
                int err = errno(state);
                int ignored = (int) CLOSE.invokeExact(fd);
                throw new IOException("cannot lock socket lockfile, " + path + ": " + strerror(err)
                        + (err == EWOULDBLOCK ? " (another process, or another socket in this one, holds it)" : ""));
            }
            return new SocketLockFile(path, fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot lock socket lockfile, " + path + ": " + t, t);
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
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close(2) failed on " + path, t);
        } finally {
            fd = -1;
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, boolean errno,
            Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option[] all = options;
        if (errno) {
            all = java.util.Arrays.copyOf(options, options.length + 1);
            all[options.length] = Linker.Option.captureCallState("errno");
        }
        return LINKER.downcallHandle(symbol, descriptor, all);
    }
}
