package ruru.daemon.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;

/**
 * A latency histogram the packet path can feed without ever waiting: an observation is a bucket
 * search and two adder increments (striped cells, no lock), and a scrape only sums the cells. So a
 * scrape never blocks a packet thread, and a packet thread never blocks a scrape.
 */
public final class LatencyHistogram {

    /** 10 µs to 2.5 s: DHCP answers are sub-millisecond, lease writes up to disk latency. */
    public static final double[] DEFAULT_BOUNDS = {0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001,
        0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final String name;
    private final String help;
    private final long[] boundsNanos;
    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sumSeconds = new DoubleAdder();

    /** @param name the family name, ending in {@code _seconds} */
    public LatencyHistogram(String name, String help, double... bounds) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.boundsNanos = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            boundsNanos[i] = Math.round(bounds[i] * 1e9);
            if (i > 0 && boundsNanos[i] <= boundsNanos[i - 1]) {
                throw new IllegalArgumentException("bounds must increase");
            }
        }
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public LatencyHistogram(String name, String help) {
        this(name, help, DEFAULT_BOUNDS);
    }

    public String name() {
        return name;
    }

    /** Records one duration; negative ones (a clock step) count as zero. */
    public void observeNanos(long nanos) {
        long n = Math.max(0, nanos);
        int lo = 0;
        int hi = boundsNanos.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (boundsNanos[mid] < n) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        counts[lo].increment();
        sumSeconds.add(n / 1e9);
    }

    /** Observations so far (all buckets). */
    public long count() {
        long total = 0;
        for (LongAdder c : counts) {
            total += c.sum();
        }
        return total;
    }

    HistogramSnapshot snapshot() {
        double[] upper = new double[bounds.length + 1];
        System.arraycopy(bounds, 0, upper, 0, bounds.length);
        upper[bounds.length] = Double.POSITIVE_INFINITY;
        long[] c = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            c[i] = counts[i].sum();
        }
        return HistogramSnapshot.builder().name(name).help(help)
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, c))
                        .sum(sumSeconds.sum())
                        .build())
                .build();
    }
}
