package ruru.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One reader thread's native buffers, allocated once: the receive path then allocates nothing
 * native per packet. Confined to the reader thread.
 */
final class RxBuffers implements AutoCloseable {

    static final int DATA_SIZE = 65536;
    static final int CONTROL_SIZE = 128;

    final Arena arena = Arena.ofConfined();
    final MemorySegment errno = Libc.errnoState(arena);
    final MemorySegment pollfd = arena.allocate(8, 8);
    final MemorySegment msghdr = arena.allocate(Libc.MSGHDR_SIZE, 8);
    final MemorySegment iov = arena.allocate(Libc.IOVEC_SIZE, 8);
    final MemorySegment name = arena.allocate(32, 8);
    final MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
    final MemorySegment data = arena.allocate(DATA_SIZE, 8);

    /** Resets msghdr for one recvmsg (the kernel overwrites namelen, controllen and flags). */
    MemorySegment prepare(long nameLen) {
        iov.set(ValueLayout.ADDRESS, 0, data);
        iov.set(ValueLayout.JAVA_LONG, 8, DATA_SIZE);
        msghdr.set(ValueLayout.ADDRESS, Libc.MSG_NAME, name);
        msghdr.set(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN, (int) nameLen);
        msghdr.set(ValueLayout.ADDRESS, Libc.MSG_IOV, iov);
        msghdr.set(ValueLayout.JAVA_LONG, Libc.MSG_IOVLEN, 1);
        msghdr.set(ValueLayout.ADDRESS, Libc.MSG_CONTROL, control);
        msghdr.set(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN, CONTROL_SIZE);
        msghdr.set(ValueLayout.JAVA_INT, Libc.MSG_FLAGS, 0);
        return msghdr;
    }

    @Override
    public void close() {
        arena.close();
    }
}
