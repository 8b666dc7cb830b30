package ruru.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One sending thread's native buffers (a packet worker's, or a hook library's or HA client's that
 * resumes a parked exchange), made on the thread's first send and kept for its life: a send then
 * allocates no native memory and builds no arena. Freed with the thread (automatic arenas). The
 * data buffer starts at an Ethernet frame and grows to the largest datagram the thread has sent,
 * so a short-lived (virtual) thread that sends once costs a few KiB, not 64.
 */
final class TxBuffers {

    static final int DATA_SIZE = 65536;
    private static final int INITIAL_DATA = 2048;
    private static final long CONTROL_SIZE = 64;
    private static final ThreadLocal<TxBuffers> CURRENT = ThreadLocal.withInitial(TxBuffers::new);

    final MemorySegment errno;
    final MemorySegment msghdr;
    final MemorySegment iov;
    final MemorySegment name;
    final MemorySegment control;
    MemorySegment data;

    private TxBuffers() {
        Arena arena = Arena.ofAuto();
        errno = Libc.errnoState(arena);
        msghdr = arena.allocate(Libc.MSGHDR_SIZE, 8);
        iov = arena.allocate(Libc.IOVEC_SIZE, 8);
        name = arena.allocate(32, 8);
        control = arena.allocate(CONTROL_SIZE, 8);
        data = arena.allocate(INITIAL_DATA, 8);
    }

    static TxBuffers current() {
        return CURRENT.get();
    }

    /**
     * Copies {@code length} bytes of {@code payload} into the data buffer and points msghdr at
     * name, one iovec over them and control; the caller fills name, control and their lengths.
     */
    MemorySegment prepare(byte[] payload, int length) {
        if (length > DATA_SIZE) {
            throw new IllegalArgumentException("a datagram of " + length + " bytes is larger than " + DATA_SIZE);
        }
        if (length > data.byteSize()) {
            // a new arena: the old buffer is freed with it, not kept for the thread's life
            data = Arena.ofAuto().allocate(Math.min(DATA_SIZE, Math.max(length, data.byteSize() * 2)), 8);
        }
        MemorySegment.copy(payload, 0, data, ValueLayout.JAVA_BYTE, 0, length);
        iov.set(ValueLayout.ADDRESS, 0, data);
        iov.set(ValueLayout.JAVA_LONG, 8, length);
        msghdr.set(ValueLayout.ADDRESS, Libc.MSG_NAME, name);
        msghdr.set(ValueLayout.ADDRESS, Libc.MSG_IOV, iov);
        msghdr.set(ValueLayout.JAVA_LONG, Libc.MSG_IOVLEN, 1);
        msghdr.set(ValueLayout.ADDRESS, Libc.MSG_CONTROL, control);
        msghdr.set(ValueLayout.JAVA_INT, Libc.MSG_FLAGS, 0);
        return msghdr;
    }
}
