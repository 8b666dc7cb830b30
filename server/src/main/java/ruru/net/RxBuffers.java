package ruru.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One reader thread's native buffers for recvmmsg(2), allocated once: {@link #SLOTS} datagrams per
 * call, each with its own msghdr (inside the mmsghdr array), address, control and data buffers.
 * The receive path then allocates nothing native per packet. Confined to the reader thread.
 */
final class RxBuffers implements AutoCloseable {

    /** Datagrams taken per recvmmsg call. */
    static final int SLOTS = 16;
    static final int DATA_SIZE = 65536;
    static final int CONTROL_SIZE = 128;
    /** struct mmsghdr: a msghdr and the received length, padded to 8. */
    static final long MMSGHDR_SIZE = 64;
    private static final long MSG_LEN = Libc.MSGHDR_SIZE;
    private static final long NAME_SIZE = 32;

    final Arena arena = Arena.ofConfined();
    final MemorySegment errno = Libc.errnoState(arena);
    final MemorySegment pollfd = arena.allocate(8, 8);
    /** The mmsghdr array handed to recvmmsg. */
    final MemorySegment vector = arena.allocate(MMSGHDR_SIZE * SLOTS, 8);
    private final MemorySegment iovs = arena.allocate(Libc.IOVEC_SIZE * SLOTS, 8);
    private final MemorySegment[] msghdr = new MemorySegment[SLOTS];
    private final MemorySegment[] name = new MemorySegment[SLOTS];
    private final MemorySegment[] control = new MemorySegment[SLOTS];
    private final MemorySegment[] data = new MemorySegment[SLOTS];

    RxBuffers() {
        MemorySegment names = arena.allocate(NAME_SIZE * SLOTS, 8);
        MemorySegment controls = arena.allocate((long) CONTROL_SIZE * SLOTS, 8);
        MemorySegment datas = arena.allocate((long) DATA_SIZE * SLOTS, 8);
        for (int i = 0; i < SLOTS; i++) {
            msghdr[i] = vector.asSlice(MMSGHDR_SIZE * i, MMSGHDR_SIZE);
            name[i] = names.asSlice(NAME_SIZE * i, NAME_SIZE);
            control[i] = controls.asSlice((long) CONTROL_SIZE * i, CONTROL_SIZE);
            data[i] = datas.asSlice((long) DATA_SIZE * i, DATA_SIZE);
            MemorySegment iov = iovs.asSlice(Libc.IOVEC_SIZE * i, Libc.IOVEC_SIZE);
            iov.set(ValueLayout.ADDRESS, 0, data[i]);
            iov.set(ValueLayout.JAVA_LONG, 8, DATA_SIZE);
            msghdr[i].set(ValueLayout.ADDRESS, Libc.MSG_NAME, name[i]);
            msghdr[i].set(ValueLayout.ADDRESS, Libc.MSG_IOV, iov);
            msghdr[i].set(ValueLayout.JAVA_LONG, Libc.MSG_IOVLEN, 1);
            msghdr[i].set(ValueLayout.ADDRESS, Libc.MSG_CONTROL, control[i]);
        }
    }

    /** Resets every slot for one recvmmsg (the kernel overwrites namelen, controllen, flags and the length). */
    MemorySegment prepare(long nameLen) {
        for (int i = 0; i < SLOTS; i++) {
            MemorySegment h = msghdr[i];
            h.set(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN, (int) nameLen);
            h.set(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN, CONTROL_SIZE);
            h.set(ValueLayout.JAVA_INT, Libc.MSG_FLAGS, 0);
            h.set(ValueLayout.JAVA_INT, MSG_LEN, 0);
        }
        return vector;
    }

    /** Bytes received in slot {@code i}. */
    int length(int i) {
        return msghdr[i].get(ValueLayout.JAVA_INT, MSG_LEN);
    }

    boolean truncated(int i) {
        return (msghdr[i].get(ValueLayout.JAVA_INT, Libc.MSG_FLAGS) & Libc.MSG_TRUNC) != 0;
    }

    long controlLength(int i) {
        return msghdr[i].get(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN);
    }

    MemorySegment name(int i) {
        return name[i];
    }

    MemorySegment control(int i) {
        return control[i];
    }

    MemorySegment data(int i) {
        return data[i];
    }

    /** Slot {@code i}'s first {@code length} bytes as a new array. */
    byte[] copy(int i, int length) {
        byte[] out = new byte[length];
        MemorySegment.copy(data[i], ValueLayout.JAVA_BYTE, 0, out, 0, length);
        return out;
    }

    @Override
    public void close() {
        arena.close();
    }
}
