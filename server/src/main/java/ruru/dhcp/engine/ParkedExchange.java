package ruru.dhcp.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import ruru.hooks.ParkHandle;

/**
 * One exchange held by a {@code leasesN_committed} callout (Kea's parking lot entry), of either
 * family. The library may resume or drop it from any thread, even before the callout returned
 * PARK; exactly one of send or drop happens, once.
 *
 * @param <A> the answer waiting to be sent
 */
public final class ParkedExchange<A> implements ParkHandle {

    private static final int NEW = 0;
    private static final int PARKED = 1;
    private static final int RESUMED_EARLY = 2;
    private static final int DONE = 4;

    private final AtomicInteger state = new AtomicInteger(NEW);
    private final ParkingLot lot;
    private final Runnable dropped;
    private A answer;
    private Consumer<A> send;

    /**
     * The park handle of a hook point's arguments: made when a callout first asks for it, the same
     * one on every later call (several callouts may take part in one exchange).
     */
    public static java.util.function.Supplier<ParkHandle> onDemand(ParkingLot lot, Runnable dropped) {
        return new java.util.function.Supplier<>() {
            private ParkedExchange<?> made;

            @Override
            public synchronized ParkHandle get() {
                if (made == null) {
                    made = new ParkedExchange<>(lot, dropped);
                }
                return made;
            }
        };
    }

    /** @param dropped counts a dropped exchange (the family's pktN-receive-drop) */
    public ParkedExchange(ParkingLot lot, Runnable dropped) {
        this.lot = lot;
        this.dropped = dropped;
    }

    /**
     * The callout returned PARK: hold {@code a} until the library decides. Returns the answer when
     * the library already resumed it (the caller sends it at once), else null.
     */
    public A park(A a, Consumer<A> sender) {
        synchronized (this) {
            this.answer = a;
            this.send = sender;
        }
        if (state.compareAndSet(NEW, PARKED)) {
            lot.enter();
            return null;
        }
        if (state.compareAndSet(RESUMED_EARLY, DONE)) {
            return a;
        }
        state.set(DONE);
        dropped.run();
        return null;
    }

    @Override
    public void resume() {
        if (state.compareAndSet(PARKED, DONE)) {
            lot.leave();
            A a;
            Consumer<A> s;
            synchronized (this) {
                a = answer;
                s = send;
            }
            s.accept(a);
        } else {
            state.compareAndSet(NEW, RESUMED_EARLY);
        }
    }

    @Override
    public void drop() {
        if (state.compareAndSet(PARKED, DONE)) {
            lot.leave();
            dropped.run();
        } else {
            state.compareAndSet(NEW, 3);
        }
    }
}
