package ruru.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A reader thread's replies held back while it answers one batch on its own thread, then sent
 * with one sendmmsg(2) per descriptor, in the order they were made ({@link #flush}); consecutive
 * replies to one destination of one size go as one segmented message ({@link Segmentation}). Before any of
 * them leaves, the runtime settles the batch's lease writes (one write(2) for the batch's rows, see
 * ruru.lease.CommitGroup): replies of exchanges whose rows failed are dropped there. Native buffers allocated once; confined to the reader thread. A reply larger
 * than a slot, and every reply sent outside such a batch, goes with its own sendmsg(2).
 */
final class TxBatch implements AutoCloseable {

    /** What a slot's reply was sent to, for the failure text. */
    interface Target {
        String describe(Object destination, int port);
    }

    /** Reports a reply that could not be sent (the family's Kea message). */
    @FunctionalInterface
    interface Failure {
        void report(String reply, String error);
    }

    static final int SLOTS = 64;
    /** Replies held before they leave (at most {@link #SLOTS}): the largest burst one flush sends. -Druru.replyBurst=N to measure. */
    static final int BURST = Math.max(1, Math.min(SLOTS, Integer.getInteger("ruru.replyBurst", RxBuffers.SLOTS)));
    static final int DATA_SIZE = 4096;
    private static final long NAME_SIZE = 32;
    private static final long CONTROL_SIZE = 64;
    /** CMSG_SPACE(sizeof(u16)): the UDP_SEGMENT control message after a slot's packet-info one. */
    private static final long SEGMENT_SPACE = Libc.CMSG_HEADER + 8;
    private static final ThreadLocal<TxBatch> DEFERRING = new ThreadLocal<>();

    /** One reply's msghdr and the buffers it points to. */
    static final class Slot {
        final MemorySegment msghdr;
        final MemorySegment name;
        final MemorySegment control;
        final MemorySegment data;
        private final MemorySegment iov;
        int fd;
        /** The payload's length. */
        int length;
        Segmentation segmentation;
        Target target;
        Object destination;
        int port;
        /** The exchange of the batch (numbered from 0) whose reply this is. */
        int exchange;

        private Slot(MemorySegment msghdr, MemorySegment name, MemorySegment control, MemorySegment data,
                     MemorySegment iov) {
            this.msghdr = msghdr;
            this.name = name;
            this.control = control;
            this.data = data;
            this.iov = iov;
        }
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoState(arena);
    private final MemorySegment vector = arena.allocate(RxBuffers.MMSGHDR_SIZE * SLOTS, 8);
    /** What one sendmmsg gets: a slot's msghdr, or one for a group of slots sent segmented. */
    private final MemorySegment out = arena.allocate(RxBuffers.MMSGHDR_SIZE * SLOTS, 8);
    /** Per message of {@link #out}: its first slot and how many slots it carries. */
    private final int[] groupFirst = new int[SLOTS];
    private final int[] groupCount = new int[SLOTS];
    private final Slot[] slots = new Slot[SLOTS];
    private final Failure failure;
    private int count;
    /** Who settles the batch's lease writes before a reply leaves; null outside a batch. */
    private PacketSockets.Inline<?> settler;
    /** The exchange being answered now, from 0 in the batch. */
    private int exchange = -1;
    /** Exchanges whose replies must not leave (their lease rows failed). */
    private final java.util.BitSet cancelled = new java.util.BitSet();

    TxBatch(Failure failure) {
        this.failure = failure;
        MemorySegment names = arena.allocate(NAME_SIZE * SLOTS, 8);
        MemorySegment controls = arena.allocate(CONTROL_SIZE * SLOTS, 8);
        MemorySegment datas = arena.allocate((long) DATA_SIZE * SLOTS, 8);
        MemorySegment iovs = arena.allocate(Libc.IOVEC_SIZE * SLOTS, 8);
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot(vector.asSlice(RxBuffers.MMSGHDR_SIZE * i, RxBuffers.MMSGHDR_SIZE),
                    names.asSlice(NAME_SIZE * i, NAME_SIZE), controls.asSlice(CONTROL_SIZE * i, CONTROL_SIZE),
                    datas.asSlice((long) DATA_SIZE * i, DATA_SIZE), iovs.asSlice(Libc.IOVEC_SIZE * i, Libc.IOVEC_SIZE));
        }
    }

    /** The batch the current thread holds replies in now; null when it sends each at once. */
    static TxBatch deferring() {
        return DEFERRING.get();
    }

    /** From now on this thread's replies wait for {@link #end}; {@code settler} makes their exchanges' writes final first. */
    void begin(PacketSockets.Inline<?> settler) {
        this.settler = settler;
        this.exchange = -1;
        DEFERRING.set(this);
    }

    /** The next exchange of the batch is answered now: its replies are tagged with its number. */
    void next() {
        exchange++;
    }

    /** Sends what is held (what the settler lets leave) and sends at once again. */
    void end() {
        DEFERRING.remove();
        try {
            flush();
        } finally {
            settler = null;
            cancelled.clear();
            exchange = -1;
        }
    }

    /**
     * Called before a reply leaves at once (not held: a frame on a packet socket, a reply too large
     * for a slot): on a thread answering a batch, the exchanges' writes so far are settled first.
     * False when the current exchange failed there: its reply must not leave.
     */
    static boolean mayLeaveNow() {
        TxBatch b = DEFERRING.get();
        if (b == null || b.settler == null) {
            return true;
        }
        b.settler.settle(b.cancelled);
        return b.exchange < 0 || !b.cancelled.get(b.exchange);
    }

    /**
     * A slot holding {@code payload} for {@code fd} (msghdr, one iovec over the data; the caller
     * fills name, control and their lengths), or null when the payload does not fit a slot. A full
     * batch is sent first.
     */
    Slot add(int fd, byte[] payload, Segmentation segmentation, Target target, Object destination, int port) {
        if (payload.length > DATA_SIZE) {
            return null;
        }
        if (count == BURST) {
            flush();
        }
        Slot s = slots[count++];
        MemorySegment.copy(payload, 0, s.data, ValueLayout.JAVA_BYTE, 0, payload.length);
        s.iov.set(ValueLayout.ADDRESS, 0, s.data);
        s.iov.set(ValueLayout.JAVA_LONG, 8, payload.length);
        s.msghdr.set(ValueLayout.ADDRESS, Libc.MSG_NAME, s.name);
        s.msghdr.set(ValueLayout.ADDRESS, Libc.MSG_IOV, s.iov);
        s.msghdr.set(ValueLayout.JAVA_LONG, Libc.MSG_IOVLEN, 1);
        s.msghdr.set(ValueLayout.ADDRESS, Libc.MSG_CONTROL, s.control);
        s.msghdr.set(ValueLayout.JAVA_INT, Libc.MSG_FLAGS, 0);
        s.fd = fd;
        s.length = payload.length;
        s.segmentation = segmentation;
        s.target = target;
        s.destination = destination;
        s.port = port;
        s.exchange = exchange;
        return s;
    }

    /**
     * Sends the held replies, one sendmmsg per run of the same descriptor; a failed one is reported
     * and skipped. Within a run, consecutive replies to one destination with the same control data
     * and one size (the last may be shorter) go as one segmented message ({@link Segmentation}).
     */
    void flush() {
        if (settler != null && count > 0) {
            settler.settle(cancelled);
        }
        int i = 0;
        while (i < count) {
            if (cancelled(i)) {
                i++; // its lease rows did not reach the file: no reply
                continue;
            }
            int fd = slots[i].fd;
            int end = i + 1;
            while (end < count && slots[end].fd == fd && !cancelled(end)) {
                end++;
            }
            send(fd, i, end);
            i = end;
        }
        for (int k = 0; k < count; k++) {
            slots[k].target = null;
            slots[k].destination = null;
            slots[k].segmentation = null;
        }
        count = 0;
    }

    private boolean cancelled(int slot) {
        return !cancelled.isEmpty() && slots[slot].exchange >= 0 && cancelled.get(slots[slot].exchange);
    }

    /** Slots [from, end) on {@code fd}: grouped, then sent with as few sendmmsg calls as the kernel takes. */
    private void send(int fd, int from, int end) {
        Segmentation seg = slots[from].segmentation;
        int messages = group(from, end, seg != null && seg.on());
        int m = 0;
        while (m < messages) {
            int n = Libc.sendmmsg(errno, fd, out.asSlice(RxBuffers.MMSGHDR_SIZE * m), messages - m, Libc.MSG_DONTWAIT);
            if (n > 0) {
                for (int k = m; k < m + n; k++) {
                    if (groupCount[k] > 1) {
                        Segmentation.sent(groupCount[k]);
                    }
                }
                m += n;
                continue;
            }
            int e = Libc.errno(errno);
            int first = groupFirst[m];
            if (groupCount[m] > 1 && (e == Libc.EIO || e == Libc.EINVAL)) {
                // the kernel does not segment on this socket: what is left goes one message per reply
                seg.refuse(Libc.failure("sendmmsg with UDP_SEGMENT", errno).getMessage());
                messages = group(first, end, false);
                m = 0;
                continue;
            }
            String error = Libc.failure("sendmmsg", errno).getMessage();
            for (int k = first; k < first + groupCount[m]; k++) {
                Slot s = slots[k];
                failure.report(s.target.describe(s.destination, s.port), error);
            }
            m++;
        }
    }

    /**
     * Fills {@link #out} with the messages for slots [from, end): each slot's own msghdr, or with
     * {@code segment} one msghdr for a group of consecutive slots that can go as one segmented send
     * (their iovecs are adjacent; the first slot's control data gains a UDP_SEGMENT message). Returns
     * how many messages.
     */
    private int group(int from, int end, boolean segment) {
        int messages = 0;
        for (int k = from; k < end; ) {
            Slot s = slots[k];
            int n = 1;
            if (segment && s.length <= Segmentation.MAX_SEGMENT && s.length > 0) {
                while (k + n < end && n < Segmentation.MAX_SEGMENTS
                        && (long) (n + 1) * s.length <= Segmentation.MAX_BYTES && sameTarget(s, slots[k + n])) {
                    int length = slots[k + n].length;
                    if (length > s.length || length == 0) {
                        break;
                    }
                    n++;
                    if (length < s.length) {
                        break; // only the last segment may be shorter
                    }
                }
            }
            MemorySegment h = out.asSlice(RxBuffers.MMSGHDR_SIZE * messages, RxBuffers.MMSGHDR_SIZE);
            MemorySegment.copy(s.msghdr, 0, h, 0, Libc.MSGHDR_SIZE);
            if (n > 1) {
                long controlLength = s.msghdr.get(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN);
                s.control.set(ValueLayout.JAVA_LONG, controlLength, Libc.CMSG_HEADER + 2);
                s.control.set(ValueLayout.JAVA_INT, controlLength + 8, Libc.SOL_UDP);
                s.control.set(ValueLayout.JAVA_INT, controlLength + 12, Libc.UDP_SEGMENT);
                s.control.set(ValueLayout.JAVA_SHORT, controlLength + Libc.CMSG_HEADER, (short) s.length);
                h.set(ValueLayout.JAVA_LONG, Libc.MSG_IOVLEN, n);
                h.set(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN, controlLength + SEGMENT_SPACE);
            }
            groupFirst[messages] = k;
            groupCount[messages] = n;
            messages++;
            k += n;
        }
        return messages;
    }

    /** Same destination and the same control data (source address, interface). */
    private static boolean sameTarget(Slot a, Slot b) {
        int nameLength = a.msghdr.get(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN);
        long controlLength = a.msghdr.get(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN);
        return nameLength == b.msghdr.get(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN)
                && controlLength == b.msghdr.get(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN)
                && MemorySegment.mismatch(a.name, 0, nameLength, b.name, 0, nameLength) < 0
                && MemorySegment.mismatch(a.control, 0, controlLength, b.control, 0, controlLength) < 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}
