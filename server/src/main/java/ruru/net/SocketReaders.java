package ruru.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The receiving half of a DHCP server's sockets, for either family: one platform reader thread per
 * receiving descriptor, each with its own native {@link RxBuffers}, feeding one bounded
 * {@link ReceiveQueue} (Kea's packet queue: when the workers fall behind the oldest query goes) that
 * the packet workers take from. Readers are platform threads (a blocking native call pins a virtual
 * thread's carrier). A reader waits for its descriptor with a short timeout, which is also how
 * {@link #close} stops them: in recvmmsg itself on a blocking UDP socket with a receive timeout
 * (MSG_WAITFORONE: one system call per batch), with poll(2) first on a packet socket; then it drains
 * the descriptor, a batch per call, before waiting again. The sending side holds {@link #whileOpen}
 * so no send runs on a descriptor being closed.
 *
 * <p>Run to completion: once the runtime lets them ({@link #runInline}), readers answer what they
 * read on their own thread, so a datagram costs no wake-up of a worker and back; the workers are
 * woken only when a reader falls behind (a read leaves the queue half full, or full when it is
 * smaller than a batch) and the process has a second CPU for them, and then help until the queue
 * is empty.
 * Everything read still passes through the queue first, drained from the descriptor before the
 * reader answers, but only as far as the queue has room: a datagram read only to be dropped from
 * the queue would cost a read (and an OFFER whose REQUEST it was) for nothing, while the kernel's
 * buffer keeps it for the next batch. Handing datagrams to the workers, a reader that falls behind
 * drops the oldest queries as Kea's queue does.
 *
 * <p>While a reader answers a batch, the replies its UDP sockets would send are held back and leave
 * together at the batch's end, one sendmmsg(2) per socket ({@link TxBatch}); just before they leave,
 * the runtime makes the batch's lease rows final ({@link PacketSockets.Inline#settle}: one write(2)
 * for the batch's rows) and the replies of exchanges whose rows failed are dropped.
 *
 * <p>A family gives only, per descriptor, how to read what is waiting ({@link Batch}).
 *
 * @param <R> a received datagram
 */
final class SocketReaders<R> {

    /** Reads the datagrams waiting on one descriptor. */
    @FunctionalInterface
    interface Batch<R> {
        /**
         * @param wait whether to wait (up to the descriptor's receive timeout) for the first one;
         *             only asked of a descriptor started as blocking
         * @return how many datagrams were read (0 when none came), kept or not
         */
        int read(RxBuffers buffers, Consumer<R> sink, boolean wait) throws IOException;
    }

    /** How a reader's failure is reported (the family's Kea message), with the descriptor's name. */
    @FunctionalInterface
    interface Failure {
        void report(String source, String error);
    }

    /** How the kernel's drops on a descriptor are logged (the family's message): the source, how many since the last line, the reader's total. */
    @FunctionalInterface
    interface KernelDrops {
        void report(String source, long dropped, long total);
    }

    /** A reader logs its kernel drops at most once per this many nanoseconds (the statistic counts each at once). */
    static final long DROP_LOG_NANOS = 10_000_000_000L;
    static final int POLL_MILLIS = 100;
    /** Replies of a batch answered inline leave in one sendmmsg; -Druru.noSendmmsg=true (a measuring knob) sends each at once. */
    static final boolean HOLD_REPLIES = !Boolean.getBoolean("ruru.noSendmmsg");
    /**
     * Whether the workers can help a reader that falls behind: only with a second CPU to run on. On
     * one CPU (an affinity mask or a CPU quota of one) a worker could only take turns with the reader,
     * adding a wake-up, a switch and a reply sent and a lease row written on its own per datagram.
     */
    static final boolean WORKERS_HELP = Runtime.getRuntime().availableProcessors() > 1;
    /** Datagrams a reader takes after one poll before it polls again (so close() is never starved). */
    static final int DRAIN_LIMIT = 256;

    private final String family;
    private final Failure failure;
    private final TxBatch.Failure sendFailure;
    private final KernelDrops kernelDrops;
    /** Datagrams the kernel dropped on the readers' descriptors (full receive buffers), as SO_RXQ_OVFL told. */
    private final java.util.concurrent.atomic.AtomicLong kernelDropped = new java.util.concurrent.atomic.AtomicLong();
    private final ReceiveQueue<R> queue;
    private final int capacity;
    private final List<Thread> readers = new ArrayList<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Who answers datagrams on the readers' threads; null until the runtime says so. */
    private volatile PacketSockets.Inline<R> inline;
    /** Made once: a lambda per take() would be an allocation per datagram. */
    private final java.util.function.BooleanSupplier isClosed = () -> closed;

    /**
     * @param family    "DHCPv4" or "DHCPv6", in texts
     * @param queueSize the packet queue's bound
     */
    SocketReaders(String family, int queueSize, Failure failure, TxBatch.Failure sendFailure, KernelDrops kernelDrops) {
        this.family = family;
        this.failure = failure;
        this.sendFailure = sendFailure;
        this.kernelDrops = kernelDrops;
        this.queue = new ReceiveQueue<>(queueSize);
        this.capacity = queueSize;
    }

    /**
     * Starts a reader on {@code fd}: {@code batch} is called again at once while it returns
     * {@code full} (a batch that is not full means the descriptor is drained). A {@code blocking}
     * descriptor (with a receive timeout of {@link #POLL_MILLIS}) is waited on by its first read of
     * a round, one system call where poll(2) and a read took two; others are polled first.
     */
    void start(String threadName, String source, int fd, int full, boolean blocking, Batch<R> batch) {
        Thread t = Thread.ofPlatform().daemon().name(threadName)
                .unstarted(() -> readLoop(source, fd, full, blocking, batch));
        readers.add(t);
        t.start();
    }

    private void readLoop(String source, int fd, int full, boolean blocking, Batch<R> batch) {
        Consumer<R> sink = queue::offer;
        long total = 0;
        long unlogged = 0;
        long loggedAt = System.nanoTime() - DROP_LOG_NANOS;
        try (RxBuffers b = new RxBuffers(); TxBatch replies = new TxBatch(sendFailure)) {
            while (!closed) {
                try {
                    if (!blocking && Libc.pollIn(b.errno, b.pollfd, fd, POLL_MILLIS) <= 0) {
                        continue;
                    }
                    int n = batch.read(b, sink, blocking);
                    long drops = b.takeDrops();
                    if (drops > 0) {
                        kernelDropped.addAndGet(drops);
                        total += drops;
                        unlogged += drops;
                        long now = System.nanoTime();
                        if (now - loggedAt >= DROP_LOG_NANOS) {
                            kernelDrops.report(source, unlogged, total);
                            unlogged = 0;
                            loggedAt = now;
                        }
                    }
                    if (n == 0) {
                        continue;
                    }
                    PacketSockets.Inline<R> in = inline;
                    boolean answering = in != null && in.active();
                    int taken = n;
                    // The descriptor is drained into the queue before answering. A reader that answers
                    // takes only what the queue has room for: what it reads beyond that would be dropped
                    // from the queue unanswered after being paid for (a read, and an OFFER whose REQUEST
                    // then goes), while the kernel's buffer holds it until the next batch. For the workers
                    // it drains up to DRAIN_LIMIT: when they are behind, the oldest queries go (Kea's
                    // packet queue), not the newest in the kernel's buffer.
                    while (n >= full && taken < DRAIN_LIMIT && !closed
                            && (!answering || capacity - queue.size() >= full)) {
                        n = batch.read(b, sink, false);
                        taken += n;
                    }
                    if (!answering) {
                        queue.wake();
                        continue;
                    }
                    if (WORKERS_HELP && taken >= full
                            && queue.size() >= Math.min(capacity, Math.max(full, capacity / 2))) {
                        queue.wake(); // the reader falls behind: the workers help
                    }
                    // the batch's replies leave together, one sendmmsg(2), once it is answered
                    // and the batch's lease rows reach the file together (one write(2)) just before
                    if (HOLD_REPLIES) {
                        replies.begin(in);
                        in.begin();
                    }
                    try {
                        for (R r; !closed && (r = queue.poll()) != null; ) {
                            replies.next(); // numbered as the runtime numbers its exchanges: one per handle
                            in.handle(r);
                        }
                    } finally {
                        try {
                            replies.end();
                        } finally {
                            if (HOLD_REPLIES) {
                                in.end();
                            }
                        }
                    }
                } catch (IOException | RuntimeException ex) {
                    failure.report(source, ex.getMessage());
                    try {
                        Thread.sleep(POLL_MILLIS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** From now on readers answer what they read with {@code handler} while it is active. */
    void runInline(PacketSockets.Inline<R> handler) {
        this.inline = handler;
    }

    /** The next datagram, blocking; null once closed. Safe from several threads. */
    R take() throws IOException {
        return queue.take(POLL_MILLIS, isClosed, family);
    }

    /** A send on the open descriptors: refused once closing has begun, and close() waits for it. */
    interface Send {
        void run() throws IOException;
    }

    void whileOpen(Send send) throws IOException {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IOException(family + " sockets are closed");
            }
            send.run();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    int queueDepth() {
        return queue.size();
    }

    /** Datagrams dropped: by the full queue, and by the kernel when a descriptor's receive buffer was full. */
    long dropped() {
        return queue.dropped() + kernelDropped.get();
    }

    /** Datagrams the kernel dropped on the readers' descriptors (their receive buffers were full). */
    long kernelDropped() {
        return kernelDropped.get();
    }

    double[] queueStatistics() {
        return queue.statistics();
    }

    /**
     * Stops the readers, then runs {@code closeDescriptors}: only then, since a descriptor closed
     * under a reader's poll could be reused by another open. Idempotent.
     */
    void close(Runnable closeDescriptors) {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        for (Thread t : readers) {
            try {
                t.join(5L * POLL_MILLIS + 1000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeDescriptors.run();
        queue.clear();
    }
}
