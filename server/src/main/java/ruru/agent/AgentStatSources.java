package ruru.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import ruru.daemon.metrics.ExporterTable;
import ruru.daemon.metrics.ExporterTables;
import ruru.daemon.metrics.StatSource;
import ruru.daemon.metrics.SubnetDirectory;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;

/**
 * The Control Agent's /metrics: at each scrape, {@code config-get} and {@code statistic-get-all}
 * go to every daemon the agent forwards to (as kea-exporter does through the agent), and each
 * answer becomes that daemon's kea-exporter families. A daemon that does not answer is left out
 * and shows as {@code ruru_agent_daemon_up{service="..."} 0}.
 */
final class AgentStatSources implements Supplier<List<StatSource>> {

    private final Supplier<AgentConfig> config;
    private final UnixForwarder forwarder;
    /** Up (1) or down (0) per service at the last scrape, for the up gauge. */
    private volatile Map<String, Integer> up = Map.of();

    AgentStatSources(Supplier<AgentConfig> config, UnixForwarder forwarder) {
        this.config = config;
        this.forwarder = forwarder;
    }

    /** One scrape runs several collectors over the same sources: they share one round of questions. */
    private static final long REUSE_NANOS = 1_000_000_000L;
    private List<StatSource> last = List.of(); // guarded by this
    private long lastAt; // guarded by this

    @Override
    public synchronized List<StatSource> get() {
        long now = System.nanoTime();
        if (lastAt != 0 && now - lastAt < REUSE_NANOS) {
            return last;
        }
        last = fetchAll();
        lastAt = System.nanoTime();
        return last;
    }

    private List<StatSource> fetchAll() {
        AgentConfig c = config.get();
        if (c == null) {
            return List.of();
        }
        List<StatSource> out = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (Map.Entry<String, Path> e : new TreeMap<>(c.sockets()).entrySet()) {
            Optional<ExporterTable> table = ExporterTables.ofService(e.getKey());
            if (table.isEmpty()) {
                continue;
            }
            Optional<StatSource> source = fetch(e.getKey(), e.getValue(), table.get());
            seen.put(e.getKey(), source.isPresent() ? 1 : 0);
            source.ifPresent(out::add);
        }
        up = Map.copyOf(seen);
        return out;
    }

    private Optional<StatSource> fetch(String service, Path socket, ExporterTable table) {
        try {
            MapElement stats = arguments(forwarder.forward(service, socket, "{ \"command\": \"statistic-get-all\" }"));
            MapElement config = arguments(forwarder.forward(service, socket, "{ \"command\": \"config-get\" }"));
            if (stats == null) {
                return Optional.empty();
            }
            SubnetDirectory subnets = SubnetDirectory.EMPTY;
            if (config != null) {
                for (Element daemon : config.entries().values()) {
                    if (daemon instanceof MapElement m) {
                        subnets = SubnetDirectory.fromConfig(m, Map.of());
                        break;
                    }
                }
            }
            return Optional.of(StatSource.ofAnswer(table, stats, subnets));
        } catch (ForwardException e) {
            return Optional.empty();
        }
    }

    /** A successful answer's arguments map, else null. */
    private static MapElement arguments(Element answer) {
        if (answer instanceof MapElement m && m.get("result") instanceof IntElement r && r.value() == 0
                && m.get("arguments") instanceof MapElement args) {
            return args;
        }
        return null;
    }

    /**
     * {@code ruru_agent_daemon_up}: whether each daemon answered this scrape. It asks for the sources
     * itself (a scrape shares one round of questions), so it does not depend on the registry
     * collecting the daemon families first.
     */
    MultiCollector upGauge() {
        return () -> {
            get();
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("ruru_agent_daemon_up")
                    .help("1 when the daemon answered the agent's statistic-get-all at this scrape, else 0");
            up.forEach((service, value) -> b.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("service", service)).value(value).build()));
            return new MetricSnapshots(b.build());
        };
    }
}
