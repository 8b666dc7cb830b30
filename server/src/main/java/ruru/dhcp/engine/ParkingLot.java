package ruru.dhcp.engine;

import java.util.concurrent.atomic.AtomicInteger;

/** Kea's parking lot bound ({@code parked-packet-limit}, default 256, 0 = no limit) and occupancy. */
public final class ParkingLot {

    public static final int DEFAULT_LIMIT = 256;

    private final AtomicInteger parked = new AtomicInteger();
    private volatile int limit = DEFAULT_LIMIT;

    public void limit(int newLimit) {
        this.limit = newLimit;
    }

    public int parked() {
        return parked.get();
    }

    public boolean full() {
        int l = limit;
        return l > 0 && parked.get() >= l;
    }

    void enter() {
        parked.incrementAndGet();
    }

    void leave() {
        parked.decrementAndGet();
    }
}
