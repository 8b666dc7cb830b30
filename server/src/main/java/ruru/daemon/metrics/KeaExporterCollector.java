package ruru.daemon.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;

/**
 * kea-exporter's families computed from a statistics snapshot at scrape time, so there is no
 * second bookkeeping next to Kea's statistics: the value of a series is the latest sample of its
 * statistic, exactly what statistic-get-all shows.
 *
 * <p>A family kea-exporter declares a counter is a counter; one it declares a gauge is {@code
 * untyped} ({@link ExporterTable.Kind}): series names, labels and values are kea-exporter's, so
 * PromQL written for it reads them unchanged, and promtool accepts the scrape.
 */
public final class KeaExporterCollector implements MultiCollector {

    private final Supplier<List<StatSource>> sources;

    /** @param sources the snapshots to export (one per daemon; the Control Agent has several) */
    public KeaExporterCollector(Supplier<List<StatSource>> sources) {
        this.sources = sources;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Builder> families = new LinkedHashMap<>();
        for (StatSource source : sources.get()) {
            add(source, families);
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(b -> out.add(b.build()));
        return new MetricSnapshots(out);
    }

    /** The labelled series of one source, by family; also used by the tests. */
    static void add(StatSource source, Map<String, Builder> families) {
        source.values().forEach((name, value) -> {
            StatScope.Name n = StatScope.Name.parse(name);
            Optional<ExporterTable.Row> row = source.table().row(n.base(), n.scope());
            if (row.isEmpty() || value < 0 || value.isNaN()) {
                return;
            }
            Optional<Labels> labels = labels(row.get(), n, source.subnets());
            if (labels.isEmpty()) {
                return;
            }
            ExporterTable.Family f = row.get().family();
            families.computeIfAbsent(f.sampleName(), k -> new Builder(f)).add(labels.get(), value);
        });
    }

    /** kea-exporter's labels; empty when the subnet or pool is not in the configuration (it skips those too). */
    private static Optional<Labels> labels(ExporterTable.Row row, StatScope.Name n, SubnetDirectory subnets) {
        Map<String, String> values = new LinkedHashMap<>(row.fixed());
        if (n.scope() == StatScope.KEY) {
            values.put(ExporterTable.KEY, n.key());
        } else if (n.scope() != StatScope.GLOBAL) {
            Optional<SubnetDirectory.Subnet> subnet = subnets.get(n.subnetId());
            if (subnet.isEmpty()) {
                return Optional.empty();
            }
            values.put(ExporterTable.SUBNET, subnet.get().subnet());
            values.put(ExporterTable.SUBNET_ID, Long.toString(n.subnetId()));
            String pool = "";
            if (n.scope() == StatScope.POOL) {
                Optional<String> text = subnet.get().pool(n.poolId());
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                pool = text.get();
            }
            values.put(ExporterTable.POOL, pool);
        }
        Labels.Builder b = Labels.builder();
        for (String label : row.family().labels()) {
            b.label(label, values.getOrDefault(label, ""));
        }
        return Optional.of(b.build());
    }

    static final class Builder {
        private final ExporterTable.Family family;
        private final Map<Labels, Double> points = new LinkedHashMap<>();

        Builder(ExporterTable.Family family) {
            this.family = family;
        }

        void add(Labels labels, double value) {
            points.putIfAbsent(labels, value);
        }

        Map<Labels, Double> points() {
            return points;
        }

        MetricSnapshot build() {
            if (family.kind() == ExporterTable.Kind.GAUGE) {
                UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(family.sampleName()).help(family.help());
                points.forEach((labels, value) -> b.dataPoint(
                        UnknownDataPointSnapshot.builder().labels(labels).value(value).build()));
                return b.build();
            }
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(family.counterName()).help(family.help());
            points.forEach((labels, value) -> b.dataPoint(
                    CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
            return b.build();
        }
    }
}
