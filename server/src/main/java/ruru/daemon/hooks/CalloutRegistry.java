package ruru.daemon.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;

/**
 * The callouts in force, per hook point, swapped as a whole when libraries are (re)loaded. The
 * packet path asks {@link #has} first and builds a point's arguments only when a callout exists, so
 * a server without libraries does no hook work and allocates nothing for hooks.
 */
public final class CalloutRegistry {

    private static final Logger LOG = LoggerFactory.getLogger("ruru.hooks");

    /** One registered callout and the library that registered it (for error messages). */
    record Entry(Object callout, String library) {
    }

    private static final Entry[] NONE = new Entry[0];

    private volatile Entry[][] byPoint = empty();
    /** Whether byPoint holds no callout (asked per packet). */
    private volatile boolean empty = true;

    private static Entry[][] empty() {
        Entry[][] all = new Entry[HookPoint.all().size()][];
        java.util.Arrays.fill(all, NONE);
        return all;
    }

    /** Whether no callout at all is registered (no library's callout can observe a packet or lease). */
    public boolean isEmpty() {
        return empty;
    }

    /** A packet that sees a callout in byPoint never sees empty still true. */
    private void publish(Entry[][] next) {
        boolean none = none(next);
        if (!none) {
            empty = false;
        }
        byPoint = next;
        empty = none;
    }

    private static boolean none(Entry[][] all) {
        for (Entry[] e : all) {
            if (e.length > 0) {
                return false;
            }
        }
        return true;
    }

    public boolean has(HookPoint<?> point) {
        return byPoint[point.index()].length > 0;
    }

    /**
     * Runs the point's callouts in library order; the first status other than CONTINUE decides and
     * ends the chain. A callout that throws is logged (Kea's HOOKS_CALLOUT_EXCEPTION) and counts as
     * CONTINUE. {@code invoke} should be a method reference, so no lambda is allocated per call.
     */
    public <C, A> NextStep call(HookPoint<C> point, A args, BiFunction<C, A, NextStep> invoke) {
        Entry[] entries = byPoint[point.index()];
        for (Entry e : entries) {
            NextStep step;
            try {
                step = invoke.apply(point.calloutType().cast(e.callout()), args);
            } catch (RuntimeException | LinkageError ex) {
                LOG.error("HOOKS_CALLOUT_EXCEPTION exception thrown by callout on hook {} registered by library {}: {}",
                        point.name(), e.library(), ex.toString());
                continue;
            }
            if (step != null && step != NextStep.CONTINUE) {
                return step;
            }
        }
        return NextStep.CONTINUE;
    }

    /** Replaces every callout with {@code entries} (per point index, in library order). */
    void replace(List<List<Entry>> entries) {
        Entry[][] next = empty();
        for (int i = 0; i < next.length; i++) {
            List<Entry> list = i < entries.size() ? entries.get(i) : List.of();
            next[i] = list.isEmpty() ? NONE : list.toArray(Entry[]::new);
        }
        publish(next);
    }

    /**
     * Adds one callout after those in force, outside any library (in-process extensions, tests); a
     * library (re)load replaces it.
     */
    public synchronized <C> void add(HookPoint<C> point, C callout, String owner) {
        Entry[][] next = byPoint.clone();
        Entry[] old = next[point.index()];
        Entry[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = new Entry(point.calloutType().cast(callout), owner);
        next[point.index()] = grown;
        publish(next);
    }

    void clear() {
        publish(empty());
    }

    static List<List<Entry>> newTable() {
        List<List<Entry>> t = new ArrayList<>();
        for (int i = 0; i < HookPoint.all().size(); i++) {
            t.add(new ArrayList<>());
        }
        return t;
    }
}
