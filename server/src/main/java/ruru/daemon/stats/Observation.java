package ruru.daemon.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import ruru.json.Element;
import ruru.json.ListElement;

/**
 * One named statistic: its kind, its limit and its samples. Each observation has its own monitor,
 * held only for a few array stores, so packet threads updating different counters never meet, and
 * threads updating the same counter wait only for each other. The timestamp is read under the
 * monitor so that samples stay newest first even when threads race.
 */
final class Observation {

    enum Kind {
        INTEGER("integer"), REAL("float"), DURATION("duration"), STRING("string");

        private final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final String name;
    private final Kind kind;
    private final SampleRing ring;
    private SampleLimit limit;
    /** Set once the statistic has left the manager's map, so late writers go and make a new one. */
    private boolean removed;

    Observation(String name, Kind kind, SampleLimit limit, Clock clock, long num, Object obj) {
        this.name = name;
        this.kind = kind;
        this.limit = limit;
        int capacity = limit instanceof SampleLimit.Count c ? (int) Math.min(Math.max(c.max(), 1), 64) : 16;
        this.ring = new SampleRing(capacity, kind == Kind.STRING);
        ring.pushNewest(now(clock), num, obj);
    }

    Kind kind() {
        return kind;
    }

    /** Records {@code value} as the newest sample; false if this observation was removed meanwhile. */
    synchronized boolean set(Kind k, Clock clock, long num, Object obj) {
        if (removed) {
            return false;
        }
        checkKind(k);
        record(now(clock), num, obj);
        return true;
    }

    /** Records latest + delta as the newest sample (Kea's addValue); false if removed meanwhile. */
    synchronized boolean add(Kind k, Clock clock, long delta, Object objDelta) {
        if (removed) {
            return false;
        }
        checkKind(k);
        long cur = ring.num(0);
        long num = switch (kind) {
            case INTEGER -> cur + delta; // int64 arithmetic wraps, as in Kea
            case REAL -> Double.doubleToRawLongBits(Double.longBitsToDouble(cur) + Double.longBitsToDouble(delta));
            case DURATION -> Math.addExact(cur, delta);
            case STRING -> 0L;
        };
        Object obj = kind == Kind.STRING ? (String) ring.obj(0) + objDelta : null;
        record(now(clock), num, obj);
        return true;
    }

    synchronized void markRemoved() {
        removed = true;
    }

    /** Kea's reset: drop every sample and record the neutral value (0, 0.0, zero duration, ""). */
    synchronized void reset(Clock clock) {
        ring.clear();
        ring.pushNewest(now(clock), kind == Kind.REAL ? Double.doubleToRawLongBits(0.0) : 0L,
                kind == Kind.STRING ? "" : null);
    }

    synchronized void setLimit(SampleLimit newLimit) {
        limit = newLimit;
        trim();
    }

    synchronized SampleLimit limit() {
        return limit;
    }

    synchronized int size() {
        return ring.size();
    }

    synchronized Sample latest() {
        return sample(0);
    }

    synchronized List<Sample> samples() {
        List<Sample> out = new ArrayList<>(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            out.add(sample(i));
        }
        return out;
    }

    /** {@code [ [ value, "timestamp" ], ... ]}, newest first, timestamps in {@code zone}. */
    ListElement toElement(ZoneId zone) {
        long[] times;
        StatValue[] values;
        synchronized (this) {
            times = new long[ring.size()];
            values = new StatValue[ring.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = ring.time(i);
                values[i] = value(i);
            }
        }
        List<Element> pairs = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            pairs.add(Element.list(values[i].toElement(), Element.of(KeaTimeText.clock(times[i], zone))));
        }
        return Element.list(pairs);
    }

    private void checkKind(Kind k) {
        if (k != kind) {
            // Kea throws InvalidStatType here; it is a programming error, not bad input.
            throw new IllegalArgumentException("Invalid statistic type requested: " + k.text
                    + ", but the actual type is " + kind.text + " (statistic '" + name + "')");
        }
    }

    private void record(long time, long num, Object obj) {
        if (limit instanceof SampleLimit.Count c) {
            // Make room first, so a count-limited ring never grows past its limit.
            long keep = Math.max(1, c.max());
            while (ring.size() >= keep) {
                ring.dropOldest();
            }
        }
        ring.pushNewest(time, num, obj);
        trim();
    }

    /**
     * Applies the limit. At least the newest sample always stays: Kea would empty the list for a
     * count of 0 and then fail every later read ("Observation storage container empty").
     */
    private void trim() {
        switch (limit) {
            case SampleLimit.Count c -> {
                long keep = Math.max(1, c.max());
                while (ring.size() > keep) {
                    ring.dropOldest();
                }
            }
            case SampleLimit.Age a -> {
                long maxAge = KeaTimeText.micros(a.max());
                while (ring.size() > 1 && ring.time(0) - ring.time(ring.size() - 1) > maxAge) {
                    ring.dropOldest();
                }
            }
        }
    }

    private Sample sample(int i) {
        return new Sample(value(i), KeaTimeText.instant(ring.time(i)));
    }

    private StatValue value(int i) {
        long num = ring.num(i);
        return switch (kind) {
            case INTEGER -> new StatValue.IntegerValue(num);
            case REAL -> new StatValue.RealValue(Double.longBitsToDouble(num));
            case DURATION -> new StatValue.DurationValue(Duration.ofNanos(num));
            case STRING -> new StatValue.StringValue((String) ring.obj(i));
        };
    }

    private static long now(Clock clock) {
        return KeaTimeText.micros(clock.instant());
    }
}
