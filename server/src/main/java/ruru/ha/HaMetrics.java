package ruru.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;

import ruru.ha.state.CommunicationState;
import ruru.ha.state.HaState;

/**
 * HA in {@code GET /metrics}: per relationship (label {@code server}, this server's name) its state
 * and its partner's as state sets, whether communication is interrupted, the unsent-update count
 * and unacked clients of status-get, the clock skew, and counters of lease updates by outcome and
 * of failed heartbeats. Read at scrape time; nothing when libdhcp_ha.so is not loaded.
 */
public final class HaMetrics implements MultiCollector {

    private final String prefix;
    private final Supplier<HaServices> services;

    /** @param prefix e.g. {@code ruru_dhcp4} */
    public HaMetrics(String prefix, Supplier<HaServices> services) {
        this.prefix = prefix + "_ha";
        this.services = services;
    }

    @Override
    public MetricSnapshots collect() {
        HaServices all = services.get();
        if (all == null) {
            return MetricSnapshots.of();
        }
        StateSetSnapshot.Builder state = StateSetSnapshot.builder().name(prefix + "_state")
                .help("This server's HA state");
        StateSetSnapshot.Builder partner = StateSetSnapshot.builder().name(prefix + "_partner_state")
                .help("The partner's HA state as last seen (unavailable when it cannot be reached)");
        GaugeSnapshot.Builder interrupted = gauge("communication_interrupted",
                "1 when the partner has not been reached for longer than max-response-delay");
        GaugeSnapshot.Builder unsent = gauge("unsent_updates", "Lease updates this server did not send to its partner "
                + "(status-get's unsent-update-count)");
        GaugeSnapshot.Builder unacked = gauge("unacked_clients", "Clients seen trying the partner without an answer "
                + "while communication is interrupted");
        GaugeSnapshot.Builder skew = gauge("clock_skew_seconds", "The partner's clock minus this server's at the last "
                + "heartbeat, in whole seconds as status-get's clock-skew");
        CounterSnapshot.Builder updates = CounterSnapshot.builder().name(prefix + "_lease_updates")
                .help("Lease updates sent to peers, by outcome");
        CounterSnapshot.Builder heartbeats = CounterSnapshot.builder().name(prefix + "_heartbeat_failures")
                .help("Heartbeats to the partner that failed");
        for (HaService s : all.all()) {
            Labels labels = Labels.of("server", s.config().thisServerName());
            StateSetDataPointSnapshot.Builder mine = StateSetDataPointSnapshot.builder().labels(labels);
            StateSetDataPointSnapshot.Builder theirs = StateSetDataPointSnapshot.builder().labels(labels);
            CommunicationState comm = s.communication();
            HaState p = comm.partnerState();
            for (HaState st : HaState.values()) {
                if (st != HaState.UNAVAILABLE) {
                    mine.state(st.keaName(), st == s.state());
                }
                theirs.state(st.keaName(), st == p);
            }
            state.dataPoint(mine.build());
            partner.dataPoint(theirs.build());
            interrupted.dataPoint(point(labels, comm.isCommunicationInterrupted() ? 1 : 0));
            unsent.dataPoint(point(labels, comm.unsentUpdateCount()));
            var report = comm.report().build();
            unacked.dataPoint(point(labels, report.get("unacked-clients").asLong().orElse(0L)));
            skew.dataPoint(point(labels, report.get("clock-skew").asLong().orElse(0L)));
            HaService.Counters c = s.counters();
            for (var outcome : List.of(new Object[] {"acknowledged", c.acknowledged()},
                    new Object[] {"failed", c.failed()}, new Object[] {"rejected", c.rejected()})) {
                updates.dataPoint(CounterDataPointSnapshot.builder().labels(labels.add("outcome", (String) outcome[0]))
                        .value((Long) outcome[1]).build());
            }
            heartbeats.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(c.heartbeatsFailed()).build());
        }
        List<MetricSnapshot> out = new ArrayList<>(List.of(state.build(), partner.build(), interrupted.build(),
                unsent.build(), unacked.build(), skew.build(), updates.build(), heartbeats.build()));
        return new MetricSnapshots(out);
    }

    private GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(prefix + "_" + name).help(help);
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
