package ruru.daemon.stats;

import java.util.Arrays;

/**
 * Samples newest first in primitive arrays: a timestamp (epoch microseconds) and a 64-bit payload
 * per sample, plus a reference slot only for string observations. Recording a packet counter
 * therefore allocates nothing once the ring has reached its limit. Not thread-safe: the owning
 * {@link Observation} guards it.
 */
final class SampleRing {

    private long[] times;
    private long[] nums;
    private Object[] objs;
    private int head;
    private int size;

    SampleRing(int capacity, boolean withObjects) {
        int cap = Math.max(1, capacity);
        times = new long[cap];
        nums = new long[cap];
        objs = withObjects ? new Object[cap] : null;
    }

    int size() {
        return size;
    }

    /** Adds a newest sample, growing the arrays if they are full. */
    void pushNewest(long time, long num, Object obj) {
        if (size == times.length) {
            grow();
        }
        head = (head - 1 + times.length) % times.length;
        times[head] = time;
        nums[head] = num;
        if (objs != null) {
            objs[head] = obj;
        }
        size++;
    }

    /** Index 0 is the newest sample. */
    long time(int i) {
        return times[(head + i) % times.length];
    }

    long num(int i) {
        return nums[(head + i) % times.length];
    }

    Object obj(int i) {
        return objs == null ? null : objs[(head + i) % times.length];
    }

    void dropOldest() {
        if (size == 0) {
            return;
        }
        int oldest = (head + size - 1) % times.length;
        if (objs != null) {
            objs[oldest] = null;
        }
        size--;
    }

    void clear() {
        if (objs != null) {
            Arrays.fill(objs, null);
        }
        head = 0;
        size = 0;
    }

    private void grow() {
        int cap = times.length;
        int newCap = cap >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE - 8 : cap * 2;
        if (newCap <= cap) {
            throw new IllegalStateException("statistic sample storage is full");
        }
        long[] t = new long[newCap];
        long[] n = new long[newCap];
        Object[] o = objs == null ? null : new Object[newCap];
        for (int i = 0; i < size; i++) {
            int src = (head + i) % cap;
            t[i] = times[src];
            n[i] = nums[src];
            if (o != null) {
                o[i] = objs[src];
            }
        }
        times = t;
        nums = n;
        objs = o;
        head = 0;
    }
}
