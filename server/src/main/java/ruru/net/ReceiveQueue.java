package ruru.net;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The bounded queue between the socket readers and the packet workers, of either family. When the
 * workers fall behind, the oldest query goes: its client has most likely retransmitted or given
 * up already (Kea's packet queue drops the same way). It keeps the drop count and the queue
 * lengths status-get reports.
 *
 * <p>Adding a datagram wakes nobody: the reader says when workers are wanted ({@link #wake}), so
 * a reader that answers what it read itself (run to completion) costs no thread wake-up. A woken
 * worker that leaves datagrams behind wakes the next one.
 */
final class ReceiveQueue<R> {

    private static final double[] WEIGHTS = {1.0 / 10, 1.0 / 100, 1.0 / 1000};

    private final Object[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wanted = lock.newCondition();
    private int head; // guarded by lock
    private int count; // guarded by lock
    private int waiting; // workers waiting in take(); guarded by lock
    private volatile long dropped; // written under lock
    /** Weighted queue lengths seen by the takers; racy updates only blur an approximate figure. */
    private final double[] averages = new double[3];

    ReceiveQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive");
        }
        this.ring = new Object[capacity];
    }

    /** Datagrams waiting now. */
    int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Adds a received datagram, dropping the oldest one when the queue is full. Wakes nobody. */
    void offer(R r) {
        lock.lock();
        try {
            if (count == ring.length) {
                ring[head] = null;
                head = (head + 1) % ring.length;
                count--;
                dropped++;
            }
            ring[(head + count) % ring.length] = r;
            count++;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting worker when datagrams are waiting (it wakes the next one if it leaves some). */
    void wake() {
        lock.lock();
        try {
            if (count > 0 && waiting > 0) {
                wanted.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The oldest datagram waiting, without waiting; null when none is. */
    R poll() {
        lock.lock();
        try {
            return count == 0 ? null : removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** The next datagram, waiting in slices of {@code pollMillis}; null once {@code closed} says so. */
    R take(int pollMillis, BooleanSupplier closed, String what) throws InterruptedIOException {
        lock.lock();
        try {
            while (count == 0) {
                if (closed.getAsBoolean()) {
                    return null;
                }
                waiting++;
                try {
                    wanted.await(pollMillis, TimeUnit.MILLISECONDS);
                } finally {
                    waiting--;
                }
            }
            R r = removeFirst();
            if (count > 0 && waiting > 0) {
                wanted.signal();
            }
            return closed.getAsBoolean() ? null : r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a " + what + " packet");
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private R removeFirst() {
        R r = (R) ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        count--;
        observe(count);
        return r;
    }

    private void observe(int length) {
        for (int i = 0; i < WEIGHTS.length; i++) {
            averages[i] += (length - averages[i]) * WEIGHTS[i];
        }
    }

    /** Workers waiting in take() now. */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        return dropped;
    }

    /** Average queue length over roughly the last 10, 100 and 1000 packets taken. */
    double[] statistics() {
        return averages.clone();
    }

    void clear() {
        lock.lock();
        try {
            java.util.Arrays.fill(ring, null);
            head = 0;
            count = 0;
        } finally {
            lock.unlock();
        }
    }
}
