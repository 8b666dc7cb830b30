package ruru.daemon.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.MapElement;

class StatsManagerTest {

    // 2026-11-21 16:01:52.296300 UTC is 17:01:52.296300 in Paris (CET, +01:00).
    private static final Instant T0 = Instant.parse("2026-11-21T16:01:52.296300999Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final MutableClock clock = new MutableClock(T0, PARIS);
    private final StatsManager stats = new StatsManager(clock);

    private static Element pair(Element value, String ts) {
        return Element.list(value, Element.of(ts));
    }

    @Test
    void rendersSamplesNewestFirstInLocalTimeWithTruncatedMicroseconds() {
        stats.setValue("pkt4-received", 0L);
        clock.advance(Duration.ofMillis(1500));
        stats.addValue("pkt4-received", 3L);

        MapElement expected = MapElement.builder()
                .put("pkt4-received", Element.list(
                        pair(Element.of(3L), "2026-11-21 17:01:53.796300"),
                        pair(Element.of(0L), "2026-11-21 17:01:52.296300")))
                .build();
        assertThat(stats.get("pkt4-received")).isEqualTo(expected);
        assertThat(stats.get("unknown")).isEqualTo(MapElement.empty());
    }

    @Test
    void timestampsFollowTheClockZoneIncludingSummerTime() {
        MutableClock summer = new MutableClock(Instant.parse("2026-07-01T00:00:00.000001Z"), PARIS);
        StatsManager s = new StatsManager(summer);
        s.setValue("x", 1L);
        assertThat(s.get("x")).isEqualTo(MapElement.builder()
                .put("x", Element.list(pair(Element.of(1L), "2026-07-01 02:00:00.000001"))).build());
    }

    @Test
    void keepsTwentySamplesByDefault() {
        for (int i = 0; i < 25; i++) {
            stats.setValue("c", (long) i);
            clock.advance(Duration.ofSeconds(1));
        }
        List<Sample> samples = stats.samples("c").orElseThrow();
        assertThat(samples).hasSize(20);
        assertThat(samples.getFirst().value()).isEqualTo(new StatValue.IntegerValue(24));
        assertThat(samples.getLast().value()).isEqualTo(new StatValue.IntegerValue(5));
        assertThat(samples.getFirst().timestamp()).isEqualTo(T0.plusSeconds(24).minusNanos(999));
        assertThat(stats.limit("c")).contains(new SampleLimit.Count(20));
    }

    @Test
    void defaultsApplyToStatisticsCreatedAfterwards() {
        stats.setValue("old", 1L);
        stats.setDefaults(3, Duration.ofSeconds(99));
        stats.setValue("new", 1L);
        assertThat(stats.limit("old")).contains(new SampleLimit.Count(20));
        assertThat(stats.limit("new")).contains(new SampleLimit.Count(3));

        stats.setDefaults(0, Duration.ofSeconds(10));
        stats.setValue("aged", 1L);
        assertThat(stats.limit("aged")).contains(new SampleLimit.Age(Duration.ofSeconds(10)));
        assertThat(stats.defaultSampleCount()).isZero();
        assertThat(stats.defaultSampleAge()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void ageLimitKeepsSamplesWithinTheSpanFromTheNewest() {
        stats.setDefaults(0, Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            stats.setValue("a", (long) i);
            clock.advance(Duration.ofSeconds(4));
        }
        // Samples at 0,4,...,36 s; the newest is at 36 s, so 26 s and later stay (span <= 10 s).
        assertThat(stats.samples("a").orElseThrow()).extracting(Sample::value).containsExactly(
                new StatValue.IntegerValue(9), new StatValue.IntegerValue(8), new StatValue.IntegerValue(7));
    }

    @Test
    void settingCountClearsAgeAndViceVersaAndTrimsAtOnce() {
        stats.setDefaults(0, Duration.ofHours(1));
        for (int i = 0; i < 30; i++) {
            stats.setValue("s", (long) i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(stats.sampleCount("s")).isEqualTo(30);

        assertThat(stats.setMaxSampleCount("s", 4)).isTrue();
        assertThat(stats.limit("s")).contains(new SampleLimit.Count(4));
        assertThat(stats.sampleCount("s")).isEqualTo(4);
        for (int i = 0; i < 10; i++) {
            stats.setValue("s", 100L + i);
        }
        assertThat(stats.sampleCount("s")).isEqualTo(4);

        assertThat(stats.setMaxSampleAge("s", Duration.ZERO)).isTrue();
        assertThat(stats.limit("s")).contains(new SampleLimit.Age(Duration.ZERO));
        // The four samples share one timestamp, so a zero span keeps them all ...
        assertThat(stats.sampleCount("s")).isEqualTo(4);
        clock.advance(Duration.ofMillis(1));
        stats.setValue("s", 7L);
        // ... until a later one arrives.
        assertThat(stats.samples("s").orElseThrow()).extracting(Sample::value)
                .containsExactly(new StatValue.IntegerValue(7));

        assertThat(stats.setMaxSampleCount("nope", 3)).isFalse();
        assertThat(stats.setMaxSampleAge("nope", Duration.ZERO)).isFalse();
    }

    @Test
    void countZeroStillKeepsTheNewestSample() {
        stats.setValue("z", 1L);
        stats.setValue("z", 2L);
        stats.setMaxSampleCount("z", 0);
        stats.setValue("z", 3L);
        assertThat(stats.samples("z").orElseThrow()).extracting(Sample::value)
                .containsExactly(new StatValue.IntegerValue(3));
    }

    @Test
    void addValueWorksForEveryKindAndStartsUnknownStatisticsAtTheValue() {
        stats.addValue("i", 5L);
        stats.addValue("i", -2L);
        stats.addValue("r", 1.5);
        stats.addValue("r", 0.25);
        stats.addValue("d", Duration.ofSeconds(1));
        stats.addValue("d", Duration.ofNanos(4_000));
        stats.addValue("t", "ab");
        stats.addValue("t", "cd");

        assertThat(stats.value("i")).contains(new StatValue.IntegerValue(3));
        assertThat(stats.value("r")).contains(new StatValue.RealValue(1.75));
        assertThat(stats.value("d")).contains(new StatValue.DurationValue(Duration.ofNanos(1_000_004_000)));
        assertThat(stats.value("t")).contains(new StatValue.StringValue("abcd"));
        assertThat(stats.sampleCount("i")).isEqualTo(2);

        MapElement all = stats.getAll();
        String ts = "2026-11-21 17:01:52.296300";
        assertThat(all).isEqualTo(MapElement.builder()
                .put("d", Element.list(pair(Element.of("00:00:01.000004"), ts), pair(Element.of("00:00:01.000000"), ts)))
                .put("i", Element.list(pair(Element.of(3L), ts), pair(Element.of(5L), ts)))
                .put("r", Element.list(pair(Element.of(1.75), ts), pair(Element.of(1.5), ts)))
                .put("t", Element.list(pair(Element.of("abcd"), ts), pair(Element.of("ab"), ts)))
                .build());
        assertThat(all.keys()).containsExactly("d", "i", "r", "t");
    }

    @Test
    void aStatisticKeepsItsKind() {
        stats.setValue("k", 1L);
        assertThatThrownBy(() -> stats.setValue("k", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid statistic type requested: float, but the actual type is integer");
        assertThatThrownBy(() -> stats.addValue("k", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(stats.value("k")).contains(new StatValue.IntegerValue(1));
    }

    @Test
    void resetRecordsOneNeutralSampleAndKeepsTheLimit() {
        stats.setValue("i", 9L);
        stats.setValue("i", 10L);
        stats.setMaxSampleCount("i", 5);
        stats.setValue("r", 2.5);
        stats.setValue("d", Duration.ofMinutes(3));
        stats.setValue("t", "hello");
        clock.advance(Duration.ofSeconds(2));

        assertThat(stats.reset("i")).isTrue();
        assertThat(stats.reset("missing")).isFalse();
        stats.resetAll();

        assertThat(stats.samples("i").orElseThrow())
                .containsExactly(new Sample(new StatValue.IntegerValue(0), Instant.parse("2026-11-21T16:01:54.296300Z")));
        assertThat(stats.limit("i")).contains(new SampleLimit.Count(5));
        assertThat(stats.value("r")).contains(new StatValue.RealValue(0.0));
        assertThat(stats.value("d")).contains(new StatValue.DurationValue(Duration.ZERO));
        assertThat(stats.value("t")).contains(new StatValue.StringValue(""));
        assertThat(stats.get("d")).isEqualTo(MapElement.builder()
                .put("d", Element.list(pair(Element.of("00:00:00.000000"), "2026-11-21 17:01:54.296300"))).build());
    }

    @Test
    void durationTextFollowsKea() {
        assertThat(KeaTimeText.duration(Duration.ofHours(1).plusMinutes(2).plusSeconds(3).plusNanos(4_999)))
                .isEqualTo("01:02:03.000004");
        assertThat(KeaTimeText.duration(Duration.ofHours(100))).isEqualTo("100:00:00.000000");
        assertThat(KeaTimeText.duration(Duration.ZERO)).isEqualTo("00:00:00.000000");
    }

    @Test
    void removeAndRemoveAll() {
        stats.setValue("a", 1L);
        stats.setValue("b", 1L);
        assertThat(stats.size()).isEqualTo(2);
        assertThat(stats.remove("a")).isTrue();
        assertThat(stats.remove("a")).isFalse();
        assertThat(stats.get("a")).isEqualTo(MapElement.empty());
        stats.addValue("a", 4L);
        assertThat(stats.value("a")).contains(new StatValue.IntegerValue(4));
        assertThat(stats.sampleCount("a")).isEqualTo(1);
        stats.removeAll();
        assertThat(stats.size()).isZero();
        assertThat(stats.getAll()).isEqualTo(MapElement.empty());
    }

    @Test
    void snapshotHoldsTheLatestSampleOfEachStatistic() {
        stats.setValue("b", 1L);
        stats.addValue("b", 1L);
        stats.setValue("a", "x");
        assertThat(stats.snapshot()).containsExactly(
                org.assertj.core.api.Assertions.entry("a", new Sample(new StatValue.StringValue("x"), clock.instant().minusNanos(999))),
                org.assertj.core.api.Assertions.entry("b", new Sample(new StatValue.IntegerValue(2), clock.instant().minusNanos(999))));
    }

    @Test
    void concurrentAddsLoseNothing() throws Exception {
        StatsManager s = new StatsManager(Clock.systemDefaultZone());
        int threads = 4;
        int perThread = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        s.addValue("pkt4-received", 1L);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Sample> samples = s.samples("pkt4-received").orElseThrow();
        assertThat(samples.getFirst().value()).isEqualTo(new StatValue.IntegerValue((long) threads * perThread));
        assertThat(samples).hasSize(20);
        // Newest first: values strictly decrease by one and timestamps never increase.
        for (int i = 1; i < samples.size(); i++) {
            assertThat(((StatValue.IntegerValue) samples.get(i).value()).value())
                    .isEqualTo(((StatValue.IntegerValue) samples.get(i - 1).value()).value() - 1);
            assertThat(samples.get(i).timestamp()).isBeforeOrEqualTo(samples.get(i - 1).timestamp());
        }
    }

    @Test
    void writersRacingRemoveAllNeverFail() throws Exception {
        StatsManager s = new StatsManager(Clock.systemDefaultZone());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 50_000; i++) {
                    s.addValue("w" + (i % 8), 1L);
                }
            });
            Future<?> remover = pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    s.removeAll();
                }
            });
            writer.get();
            remover.get();
        } finally {
            pool.shutdownNow();
        }
        s.addValue("w0", 1L);
        assertThat(s.size()).isBetween(1, 8);
        assertThat(s.sampleCount("w0")).isBetween(1, 20);
    }
}
