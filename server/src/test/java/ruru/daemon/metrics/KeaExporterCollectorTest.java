package ruru.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ruru.daemon.DaemonKind;
import ruru.daemon.stats.StatsManager;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** The exposition produced from a statistics manager and a configuration, read as Prometheus would. */
class KeaExporterCollectorTest {

    static final String CONFIG = """
            { "subnet4": [ { "id": 7, "subnet": "192.0.2.0/24",
                             "pools": [ { "pool": "192.0.2.10 - 192.0.2.19" }, { "pool": "192.0.2.100/30", "pool-id": 1 } ] } ],
              "shared-networks": [ { "name": "lan", "subnet4": [ { "id": 8, "subnet": "198.51.100.0/24",
                             "pools": [ { "pool": "198.51.100.5 - 198.51.100.8" } ] } ] } ] }
            """;

    private static String scrape(StatsManager stats) throws Exception {
        MapElement config = (MapElement) Json.parse(CONFIG.getBytes(StandardCharsets.UTF_8), ParseOptions.string());
        SubnetDirectory subnets = SubnetDirectory.fromConfig(config, Map.of());
        DaemonMetrics metrics = new DaemonMetrics(DaemonKind.DHCP4,
                () -> List.of(StatSource.of(ExporterTables.DHCP4, stats.snapshot(), subnets)));
        return new String(metrics.scrape().body(), StandardCharsets.UTF_8);
    }

    @Test
    void packetCountersCarryTheOperationLabel() throws Exception {
        StatsManager stats = new StatsManager();
        stats.setValue("pkt4-discover-received", 5L);
        stats.setValue("pkt4-offer-sent", 4L);
        stats.setValue("pkt4-received", 9L);
        String text = scrape(stats);
        assertThat(text).contains("# TYPE kea_dhcp4_packets_received_total counter\n")
                .contains("kea_dhcp4_packets_received_total{operation=\"discover\"} 5.0\n")
                .contains("kea_dhcp4_packets_sent_total{operation=\"offer\"} 4.0\n")
                .doesNotContain("operation=\"all\"");
    }

    @Test
    void subnetAndPoolStatisticsAreLabelledFromTheConfiguration() throws Exception {
        StatsManager stats = new StatsManager();
        stats.setValue("subnet[7].total-addresses", 14L);
        stats.setValue("subnet[7].assigned-addresses", 3L);
        stats.setValue("subnet[7].pool[0].assigned-addresses", 2L);
        stats.setValue("subnet[7].pool[0].total-addresses", 10L);
        stats.setValue("subnet[7].pool[1].assigned-addresses", 1L);
        stats.setValue("subnet[7].pool[1].total-addresses", 4L);
        stats.setValue("subnet[8].assigned-addresses", 1L);
        stats.setValue("subnet[8].total-addresses", 4L);
        stats.setValue("subnet[7].v4-allocation-fail-subnet", 6L);
        stats.setValue("subnet[9].assigned-addresses", 1L);
        String text = scrape(stats);
        assertThat(text)
                .contains("kea_dhcp4_addresses_assigned_total{pool=\"\",subnet=\"192.0.2.0/24\",subnet_id=\"7\"} 3.0\n")
                .contains("kea_dhcp4_addresses_assigned_total{pool=\"192.0.2.10-192.0.2.19\",subnet=\"192.0.2.0/24\",subnet_id=\"7\"} 2.0\n")
                .contains("kea_dhcp4_addresses_assigned_total{pool=\"192.0.2.100/30\",subnet=\"192.0.2.0/24\",subnet_id=\"7\"} 1.0\n")
                .contains("kea_dhcp4_addresses_assigned_total{pool=\"\",subnet=\"198.51.100.0/24\",subnet_id=\"8\"} 1.0\n")
                .contains("kea_dhcp4_allocations_failed_total{context=\"subnet\",subnet=\"192.0.2.0/24\",subnet_id=\"7\"} 6.0\n")
                // A subnet the configuration does not have is left out, as kea-exporter does.
                .doesNotContain("subnet_id=\"9\"");
        assertThat(text)
                .contains("ruru_dhcp4_subnet_utilisation_ratio{lease_type=\"address\",subnet=\"192.0.2.0/24\",subnet_id=\"7\"} "
                        + (3.0 / 14) + "\n")
                .contains("ruru_dhcp4_pool_utilisation_ratio{lease_type=\"address\",pool=\"192.0.2.100/30\",pool_id=\"1\","
                        + "subnet=\"192.0.2.0/24\",subnet_id=\"7\"} 0.25\n");
    }

    @Test
    void latencyHistogramsCountIntoTheirBuckets() throws Exception {
        DaemonMetrics metrics = new DaemonMetrics(DaemonKind.DHCP4, List::of);
        metrics.packetProcessing().observeNanos(30_000);
        metrics.packetProcessing().observeNanos(2_000_000);
        metrics.leaseWrite().observeNanos(-5);
        metrics.queueDepth(() -> 3);
        String text = new String(metrics.scrape().body(), StandardCharsets.UTF_8);
        assertThat(text).contains("ruru_dhcp4_packet_processing_seconds_bucket{le=\"2.5E-5\"} 0\n")
                .contains("ruru_dhcp4_packet_processing_seconds_bucket{le=\"5.0E-5\"} 1\n")
                .contains("ruru_dhcp4_packet_processing_seconds_bucket{le=\"0.0025\"} 2\n")
                .contains("ruru_dhcp4_packet_processing_seconds_count 2\n")
                .contains("ruru_dhcp4_lease_write_seconds_bucket{le=\"1.0E-5\"} 1\n")
                .contains("ruru_dhcp4_packet_queue_depth 3.0\n")
                .contains("ruru_build_info{daemon=\"kea-dhcp4\"");
        assertThat(metrics.scrape().contentType()).startsWith("text/plain; version=0.0.4");
    }
}
