package ruru.daemon.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandRegistry;
import ruru.control.ResultCode;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

class StatisticCommandsTest {

    private static final String TS = "2026-11-21 17:01:52.296300";
    private static final Position WIRE = new Position("<wire>", 0, 37);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T16:01:52.296300Z"), ZoneId.of("Europe/Paris"));
    private final StatsManager stats = new StatsManager(clock);
    private final CommandRegistry registry = new CommandRegistry();

    StatisticCommandsTest() {
        StatisticCommands.register(registry, stats, true);
    }

    private Answer run(String name, Element args) {
        return registry.execute(Command.of(name, args));
    }

    private Answer run(String name) {
        return registry.execute(Command.of(name));
    }

    private static MapElement args(Object... kv) {
        MapElement.Builder b = MapElement.builder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            b.put((String) kv[i], v instanceof Element e ? e : v instanceof String s ? Element.of(s) : Element.of((Integer) v));
        }
        return b.build();
    }

    private static Answer success(String text) {
        return new Answer(new ResultCode(0), text, null);
    }

    private static Answer error(String text) {
        return new Answer(new ResultCode(1), text, null);
    }

    private static Element series(long... values) {
        return Element.list(java.util.Arrays.stream(values)
                .mapToObj(v -> (Element) Element.list(Element.of(v), Element.of(TS))).toList());
    }

    @Test
    void registersTenCommandsForDhcpAndFourForD2() {
        assertThat(registry.names()).contains("statistic-get", "statistic-get-all", "statistic-remove",
                "statistic-remove-all", "statistic-reset", "statistic-reset-all", "statistic-sample-age-set",
                "statistic-sample-age-set-all", "statistic-sample-count-set", "statistic-sample-count-set-all");
        CommandRegistry d2 = new CommandRegistry();
        StatisticCommands.register(d2, stats, false);
        assertThat(d2.names()).containsExactly("list-commands", "statistic-get", "statistic-get-all",
                "statistic-reset", "statistic-reset-all");
    }

    @Test
    void statisticGet() {
        stats.setValue("pkt4-received", 0L);
        stats.addValue("pkt4-received", 2L);
        Answer a = run("statistic-get", args("name", "pkt4-received"));
        assertThat(a).isEqualTo(new Answer(new ResultCode(0), null,
                MapElement.builder().put("pkt4-received", series(2, 0)).build()));
        assertThat(a.toElement().keys()).containsExactlyInAnyOrder("arguments", "result");

        // Unknown name: an empty map, still success ({ "arguments": {  }, "result": 0 }).
        assertThat(run("statistic-get", args("name", "nonexistent")))
                .isEqualTo(new Answer(new ResultCode(0), null, MapElement.empty()));
    }

    @Test
    void compactTextMatchesKea() {
        stats.setValue("pkt4-received", 0L);
        assertThat(Json.toCompact(run("statistic-get", args("name", "pkt4-received")).toElement()))
                .isEqualTo("{ \"arguments\": { \"pkt4-received\": [ [ 0, \"2026-11-21 17:01:52.296300\" ] ] }, \"result\": 0 }");
        assertThat(Json.toCompact(run("statistic-get", args("name", "nonexistent")).toElement()))
                .isEqualTo("{ \"arguments\": {  }, \"result\": 0 }");
        assertThat(Json.toCompact(run("statistic-reset", args("name", "nonexistent")).toElement()))
                .isEqualTo("{ \"result\": 1, \"text\": \"No 'nonexistent' statistic found\" }");
        assertThat(Json.toCompact(run("statistic-sample-age-set-all", args("duration", 1245)).toElement()))
                .isEqualTo("{ \"result\": 0, \"text\": \"All statistics duration limit are set.\" }");
    }

    @Test
    void nameErrors() {
        for (String cmd : List.of("statistic-get", "statistic-reset", "statistic-remove",
                "statistic-sample-age-set", "statistic-sample-count-set")) {
            assertThat(run(cmd)).as(cmd).isEqualTo(error("Missing mandatory 'name' parameter."));
            assertThat(run(cmd, MapElement.empty())).as(cmd).isEqualTo(error("Missing mandatory 'name' parameter."));
            assertThat(run(cmd, args("name", 5))).as(cmd).isEqualTo(error("'name' parameter expected to be a string."));
            assertThat(run(cmd, new ListElement(List.of(), WIRE))).as(cmd).isEqualTo(
                    error("Error during command processing: get(string) called on a non-map Element in (<wire>:0:37)"));
        }
    }

    @Test
    void statisticGetAll() {
        stats.setValue("b", 1L);
        stats.setValue("a", 7L);
        assertThat(run("statistic-get-all")).isEqualTo(new Answer(new ResultCode(0), null,
                MapElement.builder().put("a", series(7)).put("b", series(1)).build()));
        stats.removeAll();
        assertThat(run("statistic-get-all")).isEqualTo(new Answer(new ResultCode(0), null, MapElement.empty()));
    }

    @Test
    void statisticReset() {
        stats.setValue("pkt4-received", 5L);
        stats.setValue("pkt4-received", 6L);
        assertThat(run("statistic-reset", args("name", "pkt4-received")))
                .isEqualTo(success("Statistic 'pkt4-received' reset."));
        assertThat(stats.get("pkt4-received")).isEqualTo(MapElement.builder().put("pkt4-received", series(0)).build());
        assertThat(run("statistic-reset", args("name", "nonexistent")))
                .isEqualTo(error("No 'nonexistent' statistic found"));
    }

    @Test
    void statisticResetAll() {
        stats.setValue("a", 5L);
        stats.setValue("b", "text");
        assertThat(run("statistic-reset-all")).isEqualTo(success("All statistics reset to neutral values."));
        assertThat(stats.value("a")).contains(new StatValue.IntegerValue(0));
        assertThat(stats.value("b")).contains(new StatValue.StringValue(""));
    }

    @Test
    void statisticRemove() {
        stats.setValue("pkt4-nak-sent", 1L);
        assertThat(run("statistic-remove", args("name", "pkt4-nak-sent")))
                .isEqualTo(success("Statistic 'pkt4-nak-sent' removed."));
        assertThat(stats.size()).isZero();
        assertThat(run("statistic-remove", args("name", "x"))).isEqualTo(error("No 'x' statistic found"));
    }

    @Test
    void statisticRemoveAll() {
        stats.setValue("a", 1L);
        stats.setValue("b", 1L);
        assertThat(run("statistic-remove-all", MapElement.empty())).isEqualTo(
                success("Warning: statistic-remove-all command is deprecated. All statistics removed."));
        assertThat(stats.size()).isZero();
    }

    @Test
    void statisticSampleAgeSet() {
        stats.setValue("pkt4-received", 1L);
        assertThat(run("statistic-sample-age-set", args("name", "pkt4-received", "duration", 1245)))
                .isEqualTo(success("Statistic 'pkt4-received' duration limit is set."));
        assertThat(stats.limit("pkt4-received")).contains(new SampleLimit.Age(Duration.ofSeconds(1245)));

        assertThat(run("statistic-sample-age-set", args("name", "other", "duration", 10)))
                .isEqualTo(error("No 'other' statistic found"));
        assertThat(run("statistic-sample-age-set", args("name", "pkt4-received")))
                .isEqualTo(error("Missing mandatory 'duration' parameter."));
        assertThat(run("statistic-sample-age-set", args("name", "pkt4-received",
                "duration", new StringElement("10", new Position("<wire>", 0, 64)))))
                .isEqualTo(error("Error during command processing: intValue() called on non-integer Element in (<wire>:0:64)"));
    }

    @Test
    void statisticSampleAgeSetAllAlsoChangesTheDefault() {
        stats.setValue("a", 1L);
        stats.setValue("b", 1L);
        assertThat(run("statistic-sample-age-set-all", args("duration", 1245)))
                .isEqualTo(success("All statistics duration limit are set."));
        assertThat(stats.limit("a")).contains(new SampleLimit.Age(Duration.ofSeconds(1245)));
        assertThat(stats.limit("b")).contains(new SampleLimit.Age(Duration.ofSeconds(1245)));
        assertThat(stats.defaultSampleCount()).isZero();
        assertThat(stats.defaultSampleAge()).isEqualTo(Duration.ofSeconds(1245));
        stats.setValue("c", 1L);
        assertThat(stats.limit("c")).contains(new SampleLimit.Age(Duration.ofSeconds(1245)));

        assertThat(run("statistic-sample-age-set-all")).isEqualTo(error("Missing mandatory 'duration' parameter."));
        assertThat(run("statistic-sample-age-set-all", MapElement.empty()))
                .isEqualTo(error("Missing mandatory 'duration' parameter."));
    }

    @Test
    void statisticSampleCountSet() {
        stats.setValue("pkt4-received", 1L);
        assertThat(run("statistic-sample-count-set", args("name", "pkt4-received", "max-samples", 100)))
                .isEqualTo(success("Statistic 'pkt4-received' count limit is set."));
        assertThat(stats.limit("pkt4-received")).contains(new SampleLimit.Count(100));
        assertThat(run("statistic-sample-count-set", args("name", "zz", "max-samples", 100)))
                .isEqualTo(error("No 'zz' statistic found"));
        assertThat(run("statistic-sample-count-set", args("name", "pkt4-received")))
                .isEqualTo(error("Missing mandatory 'max-samples' parameter."));
        assertThat(run("statistic-sample-count-set", args("name", "pkt4-received", "max-samples", "5")))
                .isEqualTo(error("'max-samples' parameter expected to be an integer."));
        // Kea keeps max-samples in a uint32_t: -1 becomes 4294967295.
        assertThat(run("statistic-sample-count-set", args("name", "pkt4-received", "max-samples", -1)).isSuccess()).isTrue();
        assertThat(stats.limit("pkt4-received")).contains(new SampleLimit.Count(4_294_967_295L));
    }

    @Test
    void statisticSampleCountSetAll() {
        stats.setDefaults(0, Duration.ofSeconds(5));
        stats.setValue("a", 1L);
        assertThat(run("statistic-sample-count-set-all", args("max-samples", 100)))
                .isEqualTo(success("All statistics count limit are set."));
        assertThat(stats.limit("a")).contains(new SampleLimit.Count(100));
        assertThat(stats.defaultSampleCount()).isEqualTo(100);

        assertThat(run("statistic-sample-count-set-all", args("max-samples", 0)))
                .isEqualTo(error("'max-samples' parameter must not be zero"));
        assertThat(run("statistic-sample-count-set-all", new MapElement(
                java.util.Map.of("max-samples", new IntElement(1L << 32, Position.NONE)), Position.NONE)))
                .isEqualTo(error("'max-samples' parameter must not be zero"));
        assertThat(run("statistic-sample-count-set-all", args("max-samples", "x")))
                .isEqualTo(error("'max-samples' parameter expected to be an integer."));
        assertThat(run("statistic-sample-count-set-all"))
                .isEqualTo(error("Missing mandatory 'max-samples' parameter."));
        assertThat(stats.limit("a")).contains(new SampleLimit.Count(100));
    }
}
