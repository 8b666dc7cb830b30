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
    final MemorySegment pollfd = arena.allocate(Libc.POLL_SEGMENT_SIZE, 8);
    /** The mmsghdr array handed to recvmmsg. */
    final MemorySegment vector = arena.allocate(MMSGHDR_SIZE * SLOTS, 8);
    private final MemorySegment iovs = arena.allocate(Libc.IOVEC_SIZE * SLOTS, 8);
    private final MemorySegment[] msghdrs = new MemorySegment[SLOTS];
    private final MemorySegment[] names = new MemorySegment[SLOTS];
    private final MemorySegment[] controls = new MemorySegment[SLOTS];
    private final MemorySegment[] datas = new MemorySegment[SLOTS];
    /**
     * Slot 0, for a single recvmsg(2): {@link #prepare} returns the vector, whose first mmsghdr
     * begins with slot 0's msghdr, so {@code recvmsg(b.prepare(len))} fills these.
     */
    final MemorySegment msghdr;
    final MemorySegment name;
    final MemorySegment control;
    final MemorySegment data;
    /** The socket's drop count (u32) as the last datagram that carried one told it (SO_RXQ_OVFL). */
    private long dropCount;
    /** Kernel drops seen since {@link #takeDrops} last took them. */
    private long newDrops;

    RxBuffers() {
        MemorySegment nameArea = arena.allocate(NAME_SIZE * SLOTS, 8);
        MemorySegment controlArea = arena.allocate((long) CONTROL_SIZE * SLOTS, 8);
        MemorySegment dataArea = arena.allocate((long) DATA_SIZE * SLOTS, 8);
        for (int i = 0; i < SLOTS; i++) {
            msghdrs[i] = vector.asSlice(MMSGHDR_SIZE * i, MMSGHDR_SIZE);
            names[i] = nameArea.asSlice(NAME_SIZE * i, NAME_SIZE);
            controls[i] = controlArea.asSlice((long) CONTROL_SIZE * i, CONTROL_SIZE);
            datas[i] = dataArea.asSlice((long) DATA_SIZE * i, DATA_SIZE);
            MemorySegment iov = iovs.asSlice(Libc.IOVEC_SIZE * i, Libc.IOVEC_SIZE);
            iov.set(ValueLayout.ADDRESS, 0, datas[i]);
            iov.set(ValueLayout.JAVA_LONG, 8, DATA_SIZE);
            msghdrs[i].set(ValueLayout.ADDRESS, Libc.MSG_NAME, names[i]);
            msghdrs[i].set(ValueLayout.ADDRESS, Libc.MSG_IOV, iov);
            msghdrs[i].set(ValueLayout.JAVA_LONG, Libc.MSG_IOVLEN, 1);
            msghdrs[i].set(ValueLayout.ADDRESS, Libc.MSG_CONTROL, controls[i]);
        }
        msghdr = msghdrs[0];
        name = names[0];
        control = controls[0];
        data = datas[0];
    }

    /** Resets every slot for one recvmmsg (the kernel overwrites namelen, controllen, flags and the length). */
    MemorySegment prepare(long nameLen) {
        for (int i = 0; i < SLOTS; i++) {
            MemorySegment h = msghdrs[i];
            h.set(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN, (int) nameLen);
            h.set(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN, CONTROL_SIZE);
            h.set(ValueLayout.JAVA_INT, Libc.MSG_FLAGS, 0);
            h.set(ValueLayout.JAVA_INT, MSG_LEN, 0);
        }
        return vector;
    }

    /**
     * One recvmmsg(2) on {@code fd}: up to {@link #SLOTS} datagrams, then {@code slot} for each one
     * that was not truncated. With {@code wait} (a blocking descriptor with a receive timeout) it
     * waits for the first datagram, else it does not wait. Returns how many were read (0 when none
     * was waiting, the timeout passed or the call was interrupted).
     */
    int receive(int fd, long nameLen, String where, boolean wait, java.util.function.IntConsumer slot)
            throws java.io.IOException {
        int n = Libc.recvmmsg(errno, fd, prepare(nameLen), SLOTS, wait ? Libc.MSG_WAITFORONE : Libc.MSG_DONTWAIT);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return 0;
            }
            throw Libc.failure("recvmmsg on " + where, errno);
        }
        countDrops(n);
        for (int i = 0; i < n; i++) {
            if (!truncated(i)) {
                slot.accept(i);
            }
        }
        return n;
    }

    /**
     * Reads the SO_RXQ_OVFL control message of the {@code n} datagrams just received: the socket's
     * count of datagrams the kernel dropped (its receive buffer was full) when each was queued; the
     * kernel adds it only once the count is not 0. What the count grew by is kept for {@link #takeDrops}.
     */
    void countDrops(int n) {
        for (int i = 0; i < n; i++) {
            long count = overflowCount(controls[i], controlLength(i));
            if (count >= 0) {
                newDrops += (count - dropCount) & 0xffffffffL;
                dropCount = count;
            }
        }
    }

    /** Datagrams the kernel dropped on this reader's socket since the last call. */
    long takeDrops() {
        long d = newDrops;
        newDrops = 0;
        return d;
    }

    /** The u32 of the SOL_SOCKET/SO_RXQ_OVFL control message, or -1 when there is none. */
    static long overflowCount(MemorySegment control, long controlLen) {
        long off = 0;
        long limit = Math.min(controlLen, control.byteSize());
        while (off + Libc.CMSG_HEADER <= limit) {
            long len = control.get(ValueLayout.JAVA_LONG, off);
            if (len < Libc.CMSG_HEADER || off + len > limit) {
                return -1;
            }
            if (control.get(ValueLayout.JAVA_INT, off + 8) == Libc.SOL_SOCKET
                    && control.get(ValueLayout.JAVA_INT, off + 12) == Libc.SO_RXQ_OVFL && len >= Libc.CMSG_HEADER + 4) {
                return Integer.toUnsignedLong(control.get(ValueLayout.JAVA_INT, off + Libc.CMSG_HEADER));
            }
            off += (len + 7) & ~7L;
        }
        return -1;
    }

    /** Bytes received in slot {@code i}. */
    int length(int i) {
        return msghdrs[i].get(ValueLayout.JAVA_INT, MSG_LEN);
    }

    boolean truncated(int i) {
        return (msghdrs[i].get(ValueLayout.JAVA_INT, Libc.MSG_FLAGS) & Libc.MSG_TRUNC) != 0;
    }

    long controlLength(int i) {
        return msghdrs[i].get(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN);
    }

    MemorySegment name(int i) {
        return names[i];
    }

    MemorySegment control(int i) {
        return controls[i];
    }

    MemorySegment data(int i) {
        return datas[i];
    }

    /** Slot {@code i}'s first {@code length} bytes as a new array. */
    byte[] copy(int i, int length) {
        byte[] out = new byte[length];
        MemorySegment.copy(datas[i], ValueLayout.JAVA_BYTE, 0, out, 0, length);
        return out;
    }

    @Override
    public void close() {
        arena.close();
    }
}
