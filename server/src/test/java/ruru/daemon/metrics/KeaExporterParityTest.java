package ruru.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.daemon.DaemonKind;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.PromText;

/**
 * Parity with a real kea-exporter run, kept as data so CI needs no kea-exporter: on 2026-12-07
 * kea-exporter (mweinelt/kea-exporter, exporter.py at aaffe6dd) scraped the UNIX control socket
 * of kea-dhcp4 2.2.0 and of ruru dhcp4 on the same subnets, and of kea-dhcp6 2.2.0 and ruru dhcp6
 * (IA_NA and IA_PD), each after a bounded perfdhcp run (exchanges, renewals, releases);
 * config-get and statistic-get-all were taken at the same quiet moment (resources {@code
 * kea-exporter/*}). Fed the same two answers (as the Control Agent feeds
 * what it fetches from a daemon), ruru's collector must give every series kea-exporter gave,
 * name for name, label for label, value for value; its only extra series are those of the
 * subnet in a shared network, which kea-exporter skips ("subnet vanished from configuration")
 * and ruru labels the same way. Types: what kea-exporter declares a counter is a counter, what
 * it declares a gauge is untyped (promtool refuses a gauge named {@code *_total}).
 */
class KeaExporterParityTest {

    /** The shared-network subnet of every configuration (10.7.0.0/24, 2001:db8:7::/64). */
    static final String SHARED_NETWORK_SUBNET = "subnet_id=7";

    private static String resource(String name) throws IOException {
        try (InputStream in = KeaExporterParityTest.class.getResourceAsStream("kea-exporter/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MapElement arguments(String name) throws Exception {
        MapElement answer = (MapElement) Json.parse(resource(name).getBytes(StandardCharsets.UTF_8), ParseOptions.string());
        return (MapElement) answer.get("arguments");
    }

    /** series {@code name{label=value, ...}} (labels sorted) → value, of the kea_ families. */
    static Map<String, Double> series(String text) {
        Map<String, Double> out = new TreeMap<>(PromText.series(text));
        out.keySet().removeIf(k -> !k.startsWith("kea_"));
        return out;
    }

    /** family → declared type, of the kea_ families. */
    static Map<String, String> types(String text) {
        Map<String, String> out = new TreeMap<>(PromText.types(text));
        out.keySet().removeIf(k -> !k.startsWith("kea_"));
        return out;
    }

    private static String ruruScrape(String daemon) throws Exception {
        boolean v6 = daemon.endsWith("-v6");
        MapElement config = (MapElement) arguments(daemon + "-config-get.json").get(v6 ? "Dhcp6" : "Dhcp4");
        SubnetDirectory subnets = SubnetDirectory.fromConfig(config, Map.of());
        StatSource source = StatSource.ofAnswer(v6 ? ExporterTables.DHCP6 : ExporterTables.DHCP4,
                arguments(daemon + "-statistic-get-all.json"), subnets);
        DaemonMetrics metrics = new DaemonMetrics(v6 ? DaemonKind.DHCP6 : DaemonKind.DHCP4, () -> List.of(source));
        return new String(metrics.scrape().body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kea22", "ruru", "kea22-v6", "ruru-v6"})
    void everySeriesKeaExporterGaveIsThereWithItsValue(String daemon) throws Exception {
        Map<String, Double> theirs = series(resource(daemon + "-kea-exporter.prom"));
        Map<String, Double> ours = series(ruruScrape(daemon));
        assertThat(theirs).hasSizeGreaterThan(20);
        assertThat(ours).containsAllEntriesOf(theirs);
        Map<String, Double> extra = new TreeMap<>(ours);
        theirs.keySet().forEach(extra::remove);
        assertThat(extra.keySet()).isNotEmpty().allMatch(k -> k.contains(SHARED_NETWORK_SUBNET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kea22", "ruru", "kea22-v6", "ruru-v6"})
    void countersAreCountersAndKeaExportersGaugesAreUntyped(String daemon) throws Exception {
        Map<String, String> theirs = types(resource(daemon + "-kea-exporter.prom"));
        Map<String, String> ours = types(ruruScrape(daemon));
        Map<String, Double> series = series(ruruScrape(daemon));
        for (Map.Entry<String, String> e : ours.entrySet()) {
            String expected = theirs.get(e.getKey()).equals("gauge") ? "untyped" : theirs.get(e.getKey());
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected);
        }
        // the families with series in this run, each typed
        assertThat(ours.keySet()).containsAll(series.keySet().stream().map(k -> k.substring(0, k.indexOf('{'))).toList());
    }

    @org.junit.jupiter.api.Test
    void theKea22RunLabelsPoolsAsKeaPrintsThemAndRuruDoesTheSame() throws Exception {
        // kea-dhcp4 2.2 reports no pool statistics (2.4+); ruru (as Kea 3) does, labelled with the
        // pool text as Kea's config-get prints it: "198.18.0.1-198.18.3.255", not as written.
        Map<String, Double> ours = series(ruruScrape("ruru"));
        assertThat(ours).containsKey(
                "kea_dhcp4_addresses_total{pool=198.18.0.1-198.18.3.255, subnet=198.18.0.0/15, subnet_id=1}");
        Map<String, Double> kea = series(resource("kea22-kea-exporter.prom"));
        assertThat(kea.keySet()).noneMatch(k -> k.contains("pool=1"));
        // the subnet-level counters Kea sets to 0 at configuration exist from the start in both
        assertThat(kea).containsEntry("kea_dhcp4_reservation_conflicts_total{subnet=10.3.0.0/24, subnet_id=3}", 0.0);
        assertThat(ours).containsEntry("kea_dhcp4_reservation_conflicts_total{subnet=10.3.0.0/24, subnet_id=3}", 0.0)
                .containsEntry("kea_dhcp4_leases_reused_total{subnet=10.3.0.0/24, subnet_id=3}", 0.0)
                .containsEntry("kea_dhcp4_addresses_reclaimed_total{pool=10.3.0.10-10.3.0.19, subnet=10.3.0.0/24, subnet_id=3}", 0.0);
    }
}
