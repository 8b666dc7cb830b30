package ruru.daemon.metrics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import ruru.daemon.stats.Sample;
import ruru.daemon.stats.StatValue;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;

/**
 * One daemon's statistics at one moment, as the exporters read them: the latest numeric value of
 * every statistic (string statistics left out) and the subnets that label them.
 */
public record StatSource(ExporterTable table, SortedMap<String, Double> values, SubnetDirectory subnets) {

    public StatSource {
        values = new TreeMap<>(values);
    }

    /** From the daemon's own statistics manager. */
    public static StatSource of(ExporterTable table, Map<String, Sample> latest, SubnetDirectory subnets) {
        SortedMap<String, Double> values = new TreeMap<>();
        latest.forEach((name, sample) -> {
            Double v = number(sample.value());
            if (v != null) {
                values.put(name, v);
            }
        });
        return new StatSource(table, values, subnets);
    }

    /** From a statistic-get-all answer's arguments: {@code { name: [ [value, time], ... ] }}. */
    public static StatSource ofAnswer(ExporterTable table, MapElement arguments, SubnetDirectory subnets) {
        SortedMap<String, Double> values = new TreeMap<>();
        arguments.entries().forEach((name, samples) -> {
            if (samples instanceof ListElement list && !list.isEmpty() && list.get(0) instanceof ListElement pair
                    && !pair.isEmpty()) {
                Double v = number(pair.get(0));
                if (v != null) {
                    values.put(name, v);
                }
            }
        });
        return new StatSource(table, values, subnets);
    }

    private static Double number(StatValue value) {
        return switch (value) {
            case StatValue.IntegerValue i -> (double) i.value();
            case StatValue.RealValue r -> r.value();
            case StatValue.DurationValue d -> d.value().toNanos() / 1e9;
            default -> null;
        };
    }

    private static Double number(Element e) {
        return switch (e) {
            case ruru.json.IntElement i -> (double) i.value();
            case ruru.json.DoubleElement d -> d.value();
            default -> null;
        };
    }
}
