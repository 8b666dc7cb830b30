package ruru.daemon.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * ruru's utilisation gauges, which kea-exporter leaves to PromQL: assigned / total per subnet and
 * per pool (Kea's pool statistics are per {@code pool-id}, so pools sharing an id share a series,
 * labelled with all their ranges). Family-neutral: which statistics pair up is a table per
 * exporter table (addresses for DHCPv4; IA_NA and IA_PD for DHCPv6).
 */
public final class UtilisationCollector implements MultiCollector {

    /** One assigned/total pair and the {@code lease_type} it is reported as. */
    record Pair(String assigned, String total, String leaseType, boolean prefixDelegation) {
    }

    private static final Map<String, List<Pair>> PAIRS = Map.of(
            "kea_dhcp4", List.of(new Pair("assigned-addresses", "total-addresses", "address", false)),
            "kea_dhcp6", List.of(new Pair("assigned-nas", "total-nas", "na", false),
                    new Pair("assigned-pds", "total-pds", "pd", true)));

    private final Supplier<List<StatSource>> sources;

    public UtilisationCollector(Supplier<List<StatSource>> sources) {
        this.sources = sources;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (StatSource source : sources.get()) {
            List<Pair> pairs = PAIRS.getOrDefault(source.table().prefix(), List.of());
            if (pairs.isEmpty()) {
                continue;
            }
            String prefix = "ruru_" + source.table().prefix().substring("kea_".length());
            GaugeSnapshot.Builder subnets = GaugeSnapshot.builder().name(prefix + "_subnet_utilisation_ratio")
                    .help("Assigned leases / leases in the pools, per subnet (0 to 1)");
            GaugeSnapshot.Builder pools = GaugeSnapshot.builder().name(prefix + "_pool_utilisation_ratio")
                    .help("Assigned leases / leases in the pool, per pool-id (0 to 1)");
            int[] points = new int[2];
            for (SubnetDirectory.Subnet subnet : source.subnets().subnets().values()) {
                for (Pair pair : pairs) {
                    String base = "subnet[" + subnet.id() + "].";
                    Labels labels = Labels.of("lease_type", pair.leaseType(), "subnet", subnet.subnet(),
                            "subnet_id", Long.toString(subnet.id()));
                    if (ratio(source, base + pair.assigned(), base + pair.total(), subnets, labels)) {
                        points[0]++;
                    }
                    String poolScope = pair.prefixDelegation() ? "pd-pool[" : "pool[";
                    for (long id : (pair.prefixDelegation() ? subnet.pdPoolIds() : subnet.poolIds()).stream()
                            .distinct().toList()) {
                        String p = base + poolScope + id + "].";
                        Labels pl = labels.add("pool_id", Long.toString(id))
                                .add("pool", subnet.poolsWithId(id, pair.prefixDelegation()));
                        if (ratio(source, p + pair.assigned(), p + pair.total(), pools, pl)) {
                            points[1]++;
                        }
                    }
                }
            }
            if (points[0] > 0) {
                out.add(subnets.build());
            }
            if (points[1] > 0) {
                out.add(pools.build());
            }
        }
        return new MetricSnapshots(out);
    }

    private static boolean ratio(StatSource source, String assigned, String total, GaugeSnapshot.Builder into,
            Labels labels) {
        Double a = source.values().get(assigned);
        Double t = source.values().get(total);
        if (a == null || t == null || t <= 0) {
            return false;
        }
        into.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(Math.max(0, a) / t).build());
        return true;
    }
}
