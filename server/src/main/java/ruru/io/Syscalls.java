package ruru.io;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The one native entry point of ruru's own code: libc's {@code long syscall(long number, ...)}
 * with six {@code long} arguments, errno captured. Every kernel call ruru makes itself (sockets,
 * the control socket's lock file) goes through this single downcall shape: the JVM generates the
 * classes behind a downcall (some 30 of them, in the interpreter, on first use) once per shape,
 * not once per function, and those generated classes cannot be kept in the AOT start-up cache,
 * so one shape instead of one per libc function is what keeps them off a daemon's start.
 *
 * <p>Linux on x86_64 and aarch64 (LP64: pointers and {@code size_t} are {@code long}); the
 * system call numbers are the kernel's for each. Arguments a call does not take are passed as 0
 * and ignored by the kernel. Pointers are passed as {@link MemorySegment#address()}: the caller
 * keeps the segment alive for the call.
 */
public final class Syscalls {

    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    /** System call numbers: x86_64 first, aarch64 second (the generic table). */
    public static final long CLOSE = nr(3, 57);
    public static final long SOCKET = nr(41, 198);
    public static final long SENDTO = nr(44, 206);
    public static final long SENDMSG = nr(46, 211);
    public static final long RECVMSG = nr(47, 212);
    public static final long BIND = nr(49, 200);
    public static final long SETSOCKOPT = nr(54, 208);
    public static final long FLOCK = nr(73, 32);
    public static final long OPENAT = nr(257, 56);
    public static final long PPOLL = nr(271, 73);
    public static final long RECVMMSG = nr(299, 243);
    public static final long SENDMMSG = nr(307, 269);

    /** openat's "relative to the working directory". */
    public static final long AT_FDCWD = -100;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = errnoOffset();
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("syscall"),
            FunctionDescriptor.of(J, J, J, J, J, J, J, J),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private Syscalls() {
    }

    /** errno's place in the capture state (walked by hand: a layout path costs the start its own set-up). */
    private static long errnoOffset() {
        long offset = 0;
        for (MemoryLayout m : CAPTURE.memberLayouts()) {
            if (m.name().filter("errno"::equals).isPresent()) {
                return offset;
            }
            offset += m.byteSize();
        }
        throw new IllegalStateException("no errno in " + CAPTURE);
    }

    private static long nr(int x86, int arm) {
        String arch = System.getProperty("os.arch");
        if (!"amd64".equals(arch) && !"x86_64".equals(arch) && !"aarch64".equals(arch)) {
            throw new UnsupportedOperationException("ruru's native calls need Linux on x86_64 or aarch64, not " + arch);
        }
        return AARCH64 ? arm : x86;
    }

    /** The size of the errno capture segment a thread passes to {@link #call}. */
    public static long errnoStateSize() {
        return CAPTURE.byteSize();
    }

    /** The capture segment's layout (for {@code arena.allocate}). */
    public static StructLayout errnoStateLayout() {
        return CAPTURE;
    }

    /** errno as the last call with {@code state} left it. */
    public static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }

    /** The address of native memory to pass as a pointer argument (a heap segment has none). */
    public static long pointer(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a system call needs native memory, not a heap segment");
        }
        return segment.address();
    }

    /** {@code syscall(number, a..f)}: the kernel's result, or -1 with errno in {@code state}. */
    public static long call(MemorySegment state, long number, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) SYSCALL.invokeExact(state, number, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long call(MemorySegment state, long number, long a, long b, long c) {
        return call(state, number, a, b, c, 0L, 0L, 0L);
    }

    /** strerror(3)'s text for {@code errno}; linked on first use (error paths only). */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static final class Strerror {
        static final MethodHandle HANDLE = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("strerror"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }
}
