package ruru.daemon.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import ruru.daemon.BuildInfo;
import ruru.daemon.DaemonKind;

/**
 * One daemon's Prometheus registry and the instruments its services feed: kea-exporter's
 * families and the utilisation gauges (computed from the statistics at scrape time), the packet
 * processing and lease-write latency histograms, the packet queue depth, build information, and
 * any collector another part registers (HA state, ...). {@link #scrape} renders the text format.
 */
public final class DaemonMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final String prefix;
    private final LatencyHistogram packetProcessing;
    private final LatencyHistogram leaseWrite;
    private volatile IntSupplier queueDepth;

    /**
     * @param kind  the daemon (names its own families {@code ruru_<word>_...})
     * @param stats the statistics to export under kea-exporter's names (empty for the agent's own)
     */
    public DaemonMetrics(DaemonKind kind, Supplier<List<StatSource>> stats) {
        this.prefix = "ruru_" + kind.word();
        this.packetProcessing = new LatencyHistogram(prefix + "_packet_processing_seconds",
                "Time from taking a query off the queue to handing its reply to the socket (or dropping it)");
        this.leaseWrite = new LatencyHistogram(prefix + "_lease_write_seconds",
                "Time the lease store took to make one lease change durable (insert, replace, delete)");
        registry.register(new KeaExporterCollector(stats));
        registry.register(new UtilisationCollector(stats));
        registry.register(() -> InfoSnapshot.builder().name("ruru_build").help("ruru build information")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("daemon", kind.processName(),
                        "kea_version", BuildInfo.keaVersion(), "version", BuildInfo.ruruVersion())).build())
                .build());
        if (kind == DaemonKind.DHCP4 || kind == DaemonKind.DHCP6) {
            registry.register(packetProcessing::snapshot);
            registry.register(leaseWrite::snapshot);
            registry.register(() -> GaugeSnapshot.builder().name(prefix + "_packet_queue_depth")
                    .help("Queries received and waiting for a worker thread")
                    .dataPoint(GaugeDataPointSnapshot.builder().value(depth()).build()).build());
        }
    }

    /** Per-query processing time, fed by the packet workers. */
    public LatencyHistogram packetProcessing() {
        return packetProcessing;
    }

    /** Per-change lease store write time, fed by the lease store. */
    public LatencyHistogram leaseWrite() {
        return leaseWrite;
    }

    /** Where the queue depth is read at scrape time (the packet service sets it when it starts). */
    public void queueDepth(IntSupplier depth) {
        this.queueDepth = depth;
    }

    private int depth() {
        IntSupplier q = queueDepth;
        return q == null ? 0 : q.getAsInt();
    }

    /** Adds a collector (HA state, a hook library's own figures ...). */
    public void register(MultiCollector collector) {
        registry.register(collector);
    }

    /** The registry's families now. */
    public MetricSnapshots snapshots() {
        return registry.scrape();
    }

    /** {@code GET /metrics}: the Prometheus text exposition format 0.0.4. */
    public Scrape scrape() {
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }

    /** A rendered scrape. */
    public record Scrape(String contentType, byte[] body) {
    }
}
