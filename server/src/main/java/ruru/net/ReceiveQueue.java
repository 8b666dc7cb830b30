package ruru.net;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bounded queue between the socket readers and the packet workers, of either family. When the
 * workers fall behind, the oldest query goes: its client has most likely retransmitted or given
 * up already (Kea's packet queue drops the same way). It keeps the drop count and the queue
 * lengths status-get reports.
 */
final class ReceiveQueue<R> {

    private static final double[] WEIGHTS = {1.0 / 10, 1.0 / 100, 1.0 / 1000};

    private final BlockingQueue<R> queue;
    private final AtomicLong dropped = new AtomicLong();
    /** Weighted queue lengths seen by take(); racy updates only blur an approximate figure. */
    private final double[] averages = new double[3];

    /** Datagrams waiting now. */
    int size() {
        return queue.size();
    }

    ReceiveQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Adds a received datagram, dropping the oldest ones while the queue is full. */
    void offer(R r) {
        while (!queue.offer(r)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    /** The next datagram, waiting in slices of {@code pollMillis}; null once {@code closed} says so. */
    R take(int pollMillis, BooleanSupplier closed, String what) throws InterruptedIOException {
        try {
            while (!closed.getAsBoolean()) {
                R r = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
                if (r != null) {
                    observe(queue.size());
                    return closed.getAsBoolean() ? null : r;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a " + what + " packet");
        }
    }

    private void observe(int length) {
        for (int i = 0; i < WEIGHTS.length; i++) {
            averages[i] += (length - averages[i]) * WEIGHTS[i];
        }
    }

    long dropped() {
        return dropped.get();
    }

    /** Average queue length over roughly the last 10, 100 and 1000 packets taken. */
    double[] statistics() {
        return averages.clone();
    }

    void clear() {
        queue.clear();
    }
}
