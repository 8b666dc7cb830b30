package ruru.control.http;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The request-body bytes all HTTP listeners of the process may hold at once. A body is read only
 * once its bytes are reserved here (and its client authenticated); a request that cannot get them
 * before its deadline is answered 503 without a byte of its body read. So however many clients
 * send large bodies at once, the daemon's heap never holds more than this in request bodies, and
 * the DHCP service keeps its memory.
 */
final class BodyBudget {

    /** 32 MiB: two of the largest bodies at once, hundreds of ordinary commands. */
    static final BodyBudget SHARED = new BodyBudget(32 * 1024 * 1024);

    private final Semaphore bytes;
    private final int total;

    BodyBudget(int total) {
        this.total = total;
        this.bytes = new Semaphore(total, true);
    }

    /** Reserves {@code n} bytes, waiting until {@code deadlineNanos} at most; false if they never came. */
    boolean reserve(int n, long deadlineNanos) throws InterruptedException {
        if (n == 0) {
            return true;
        }
        if (n > total) {
            return false;
        }
        return bytes.tryAcquire(n, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    void release(int n) {
        if (n > 0) {
            bytes.release(n);
        }
    }

    /** Bytes free now; for tests. */
    int available() {
        return bytes.availablePermits();
    }
}
