package ruru.daemon.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import ruru.json.MapElement;

/**
 * Kea's StatsMgr: named observations, each a newest-first list of timestamped samples of one kind.
 *
 * <p>Packet threads call {@link #setValue}/{@link #addValue} per packet, so that path takes no
 * global lock: a lock-free map lookup, then the observation's own short monitor. Command threads
 * read through the same monitors; whole-set operations (get-all, reset-all, ...) see each statistic
 * atomically but not the set as one snapshot, which Kea's command answers do not promise either.
 *
 * <p>New observations take the default limit: {@code statistic-default-sample-count} samples (20),
 * or, when that count is 0, samples within {@code statistic-default-sample-age}.
 */
public final class StatsManager {

    /** Kea's defaults (observation.cc): count limit 20, age value 0 (inactive). */
    public static final long DEFAULT_SAMPLE_COUNT = 20;
    public static final Duration DEFAULT_SAMPLE_AGE = Duration.ZERO;

    private record Defaults(long count, Duration age) {
        SampleLimit limit() {
            return count == 0 ? new SampleLimit.Age(age) : new SampleLimit.Count(count);
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    private final ConcurrentHashMap<String, Observation> stats = new ConcurrentHashMap<>();
    private volatile Defaults defaults = new Defaults(DEFAULT_SAMPLE_COUNT, DEFAULT_SAMPLE_AGE);

    /** Timestamps from the system clock, rendered in the system's local time zone (as Kea). */
    public StatsManager() {
        this(Clock.systemDefaultZone());
    }

    /** Timestamps from {@code clock}, rendered in the clock's zone. */
    public StatsManager(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = clock.getZone();
    }

    // ---- recording (hot path) ----

    public void setValue(String name, long value) {
        set(name, Observation.Kind.INTEGER, value, null);
    }

    public void setValue(String name, double value) {
        set(name, Observation.Kind.REAL, Double.doubleToRawLongBits(value), null);
    }

    public void setValue(String name, Duration value) {
        set(name, Observation.Kind.DURATION, value.toNanos(), null);
    }

    public void setValue(String name, String value) {
        set(name, Observation.Kind.STRING, 0L, Objects.requireNonNull(value, "value"));
    }

    /** Records latest + value as a new sample; an unknown statistic starts at {@code value}. */
    public void addValue(String name, long value) {
        add(name, Observation.Kind.INTEGER, value, null);
    }

    public void addValue(String name, double value) {
        add(name, Observation.Kind.REAL, Double.doubleToRawLongBits(value), null);
    }

    public void addValue(String name, Duration value) {
        add(name, Observation.Kind.DURATION, value.toNanos(), null);
    }

    /** Appends to the latest string (Kea's string addValue). */
    public void addValue(String name, String value) {
        add(name, Observation.Kind.STRING, 0L, Objects.requireNonNull(value, "value"));
    }

    private void set(String name, Observation.Kind kind, long num, Object obj) {
        while (true) {
            Observation obs = stats.get(name);
            if (obs == null) {
                obs = stats.putIfAbsent(name, new Observation(name, kind, defaults.limit(), clock, num, obj));
                if (obs == null) {
                    return;
                }
            }
            if (obs.set(kind, clock, num, obj)) {
                return;
            }
        }
    }

    private void add(String name, Observation.Kind kind, long num, Object obj) {
        while (true) {
            Observation obs = stats.get(name);
            if (obs == null) {
                obs = stats.putIfAbsent(name, new Observation(name, kind, defaults.limit(), clock, num, obj));
                if (obs == null) {
                    return;
                }
            }
            if (obs.add(kind, clock, num, obj)) {
                return;
            }
        }
    }

    // ---- reading ----

    /** Samples newest first. */
    public Optional<List<Sample>> samples(String name) {
        return Optional.ofNullable(stats.get(name)).map(Observation::samples);
    }

    public Optional<Sample> latest(String name) {
        return Optional.ofNullable(stats.get(name)).map(Observation::latest);
    }

    /** The latest value, for callers that only want the number. */
    public Optional<StatValue> value(String name) {
        return latest(name).map(Sample::value);
    }

    /** Kea's StatsMgr::get: {@code { name: [ [v, ts], ... ] }}, or an empty map if unknown. */
    public MapElement get(String name) {
        Observation obs = stats.get(name);
        MapElement.Builder b = MapElement.builder();
        if (obs != null) {
            b.put(name, obs.toElement(zone));
        }
        return b.build();
    }

    /** Every statistic, by name. */
    public MapElement getAll() {
        MapElement.Builder b = MapElement.builder();
        for (Map.Entry<String, Observation> e : new TreeMap<>(stats).entrySet()) {
            b.put(e.getKey(), e.getValue().toElement(zone));
        }
        return b.build();
    }

    /** The latest sample of every statistic, by name (for the Prometheus collector). */
    public SortedMap<String, Sample> snapshot() {
        SortedMap<String, Sample> out = new TreeMap<>();
        stats.forEach((name, obs) -> out.put(name, obs.latest()));
        return out;
    }

    /** How many statistics exist. */
    /** The names of every statistic, in no particular order. */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(stats.keySet());
    }

    /** Whether a statistic of this name exists. */
    public boolean has(String name) {
        return stats.containsKey(name);
    }

    public int size() {
        return stats.size();
    }

    /** How many samples {@code name} holds; 0 if unknown (Kea's getSize). */
    public int sampleCount(String name) {
        Observation obs = stats.get(name);
        return obs == null ? 0 : obs.size();
    }

    public Optional<SampleLimit> limit(String name) {
        return Optional.ofNullable(stats.get(name)).map(Observation::limit);
    }

    // ---- management ----

    /** Resets to the neutral value; false if unknown. */
    public boolean reset(String name) {
        Observation obs = stats.get(name);
        if (obs == null) {
            return false;
        }
        obs.reset(clock);
        return true;
    }

    public void resetAll() {
        stats.values().forEach(obs -> obs.reset(clock));
    }

    /** Removes a statistic; false if unknown. Code may create it again by recording a value. */
    public boolean remove(String name) {
        Observation obs = stats.remove(name);
        if (obs == null) {
            return false;
        }
        obs.markRemoved();
        return true;
    }

    public void removeAll() {
        for (Map.Entry<String, Observation> e : stats.entrySet()) {
            if (stats.remove(e.getKey(), e.getValue())) {
                e.getValue().markRemoved();
            }
        }
    }

    /** Count limit for one statistic (clears its age limit); false if unknown. */
    public boolean setMaxSampleCount(String name, long max) {
        SampleLimit limit = new SampleLimit.Count(max);
        Observation obs = stats.get(name);
        if (obs == null) {
            return false;
        }
        obs.setLimit(limit);
        return true;
    }

    /** Age limit for one statistic (clears its count limit); false if unknown. */
    public boolean setMaxSampleAge(String name, Duration max) {
        SampleLimit limit = new SampleLimit.Age(max);
        Observation obs = stats.get(name);
        if (obs == null) {
            return false;
        }
        obs.setLimit(limit);
        return true;
    }

    /** Count limit for every existing statistic (not the default for new ones). */
    public void setMaxSampleCountAll(long max) {
        SampleLimit limit = new SampleLimit.Count(max);
        stats.values().forEach(obs -> obs.setLimit(limit));
    }

    /** Age limit for every existing statistic (not the default for new ones). */
    public void setMaxSampleAgeAll(Duration max) {
        SampleLimit limit = new SampleLimit.Age(max);
        stats.values().forEach(obs -> obs.setLimit(limit));
    }

    /**
     * The defaults for statistics created from now on, from {@code statistic-default-sample-count}
     * and {@code statistic-default-sample-age}; a count of 0 selects the age limit.
     */
    public void setDefaults(long count, Duration age) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        defaults = new Defaults(count, Objects.requireNonNull(age, "age"));
    }

    /** Kea's setMaxSampleCountDefault: 0 switches new statistics to the age limit. */
    public void setDefaultSampleCount(long count) {
        setDefaults(count, defaults.age());
    }

    /** Kea's setMaxSampleAgeDefault: sets the age value; it is used only while the count is 0. */
    public void setDefaultSampleAge(Duration age) {
        setDefaults(defaults.count(), age);
    }

    public long defaultSampleCount() {
        return defaults.count();
    }

    public Duration defaultSampleAge() {
        return defaults.age();
    }

    /** Applies the current default limit to every existing statistic (after a config change). */
    public void applyDefaultsToAll() {
        SampleLimit limit = defaults.limit();
        stats.values().forEach(obs -> obs.setLimit(limit));
    }
}
