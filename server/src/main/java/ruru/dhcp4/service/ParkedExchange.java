package ruru.dhcp4.service;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import ruru.hooks.ParkHandle;

/**
 * One exchange held by a {@code leases4_committed} callout (Kea's parking lot entry). The library
 * may resume or drop it from any thread, even before the callout returned PARK; exactly one of
 * send or drop happens, once.
 */
final class ParkedExchange implements ParkHandle {

    private static final int NEW = 0;
    private static final int PARKED = 1;
    private static final int RESUMED_EARLY = 2;
    private static final int DROPPED_EARLY = 3;
    private static final int DONE = 4;

    private final AtomicInteger state = new AtomicInteger(NEW);
    private final Dhcp4Hooks hooks;
    private final PacketStats packetStats;
    private QueryProcessor.Answered answered;
    private Consumer<QueryProcessor.Answered> send;

    ParkedExchange(Dhcp4Hooks hooks, PacketStats packetStats) {
        this.hooks = hooks;
        this.packetStats = packetStats;
    }

    /**
     * The callout returned PARK: hold {@code answer} until the library decides. Returns the answer
     * when the library already resumed it (the caller sends it at once), else null.
     */
    QueryProcessor.Answered park(QueryProcessor.Answered answer, Consumer<QueryProcessor.Answered> sender) {
        synchronized (this) {
            this.answered = answer;
            this.send = sender;
        }
        if (state.compareAndSet(NEW, PARKED)) {
            hooks.parkedOne();
            return null;
        }
        if (state.compareAndSet(RESUMED_EARLY, DONE)) {
            return answer;
        }
        state.set(DONE);
        packetStats.dropped();
        return null;
    }

    @Override
    public void resume() {
        if (state.compareAndSet(PARKED, DONE)) {
            hooks.unparkedOne();
            QueryProcessor.Answered a;
            Consumer<QueryProcessor.Answered> s;
            synchronized (this) {
                a = answered;
                s = send;
            }
            packetStats.sent(a.reply().messageType().orElseThrow());
            s.accept(a);
        } else {
            state.compareAndSet(NEW, RESUMED_EARLY);
        }
    }

    @Override
    public void drop() {
        if (state.compareAndSet(PARKED, DONE)) {
            hooks.unparkedOne();
            packetStats.dropped();
        } else {
            state.compareAndSet(NEW, DROPPED_EARLY);
        }
    }
}
