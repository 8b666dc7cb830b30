package ruru.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Name-for-name parity with kea-exporter (mweinelt/kea-exporter, exporter.py: its families, their
 * label names and its statistic map), written out here from its source as facts. kea-exporter
 * itself cannot be installed on a clean CI machine (it is on PyPI only), so this is the check
 * that runs everywhere, with {@link KeaExporterParityTest} replaying a real kea-exporter run; the
 * README says how that run was made.
 */
class ExporterTablesTest {

    /** kea-exporter's DHCPv4 families and label names. */
    static final Map<String, String> DHCP4_FAMILIES = Map.of(
            "kea_dhcp4_packets_sent_total", "operation",
            "kea_dhcp4_packets_received_total", "operation",
            "kea_dhcp4_allocations_failed_total", "subnet,subnet_id,context",
            "kea_dhcp4_addresses_assigned_total", "subnet,subnet_id,pool",
            "kea_dhcp4_addresses_declined_total", "subnet,subnet_id,pool",
            "kea_dhcp4_addresses_declined_reclaimed_total", "subnet,subnet_id,pool",
            "kea_dhcp4_addresses_reclaimed_total", "subnet,subnet_id,pool",
            "kea_dhcp4_addresses_total", "subnet,subnet_id,pool",
            "kea_dhcp4_reservation_conflicts_total", "subnet,subnet_id",
            "kea_dhcp4_leases_reused_total", "subnet,subnet_id");

    /** kea-exporter's metrics_dhcp4_map: statistic → family and fixed labels. */
    static final Map<String, String> DHCP4_MAP = new TreeMap<>(Map.ofEntries(
            Map.entry("pkt4-ack-sent", "kea_dhcp4_packets_sent_total{operation=ack}"),
            Map.entry("pkt4-nak-sent", "kea_dhcp4_packets_sent_total{operation=nak}"),
            Map.entry("pkt4-offer-sent", "kea_dhcp4_packets_sent_total{operation=offer}"),
            Map.entry("pkt4-discover-received", "kea_dhcp4_packets_received_total{operation=discover}"),
            Map.entry("pkt4-offer-received", "kea_dhcp4_packets_received_total{operation=offer}"),
            Map.entry("pkt4-request-received", "kea_dhcp4_packets_received_total{operation=request}"),
            Map.entry("pkt4-ack-received", "kea_dhcp4_packets_received_total{operation=ack}"),
            Map.entry("pkt4-nak-received", "kea_dhcp4_packets_received_total{operation=nak}"),
            Map.entry("pkt4-release-received", "kea_dhcp4_packets_received_total{operation=release}"),
            Map.entry("pkt4-decline-received", "kea_dhcp4_packets_received_total{operation=decline}"),
            Map.entry("pkt4-inform-received", "kea_dhcp4_packets_received_total{operation=inform}"),
            Map.entry("pkt4-unknown-received", "kea_dhcp4_packets_received_total{operation=unknown}"),
            Map.entry("pkt4-parse-failed", "kea_dhcp4_packets_received_total{operation=parse-failed}"),
            Map.entry("pkt4-receive-drop", "kea_dhcp4_packets_received_total{operation=drop}"),
            Map.entry("v4-allocation-fail-subnet", "kea_dhcp4_allocations_failed_total{context=subnet}"),
            Map.entry("v4-allocation-fail-shared-network", "kea_dhcp4_allocations_failed_total{context=shared-network}"),
            Map.entry("v4-allocation-fail-no-pools", "kea_dhcp4_allocations_failed_total{context=no-pools}"),
            Map.entry("v4-allocation-fail-classes", "kea_dhcp4_allocations_failed_total{context=classes}"),
            Map.entry("v4-lease-reuses", "kea_dhcp4_leases_reused_total{}"),
            Map.entry("assigned-addresses", "kea_dhcp4_addresses_assigned_total{}"),
            Map.entry("declined-addresses", "kea_dhcp4_addresses_declined_total{}"),
            Map.entry("reclaimed-declined-addresses", "kea_dhcp4_addresses_declined_reclaimed_total{}"),
            Map.entry("reclaimed-leases", "kea_dhcp4_addresses_reclaimed_total{}"),
            Map.entry("total-addresses", "kea_dhcp4_addresses_total{}"),
            Map.entry("v4-reservation-conflicts", "kea_dhcp4_reservation_conflicts_total{}")));

    /** kea-exporter's DHCPv6 families. */
    static final Map<String, String> DHCP6_FAMILIES = Map.ofEntries(
            Map.entry("kea_dhcp6_packets_sent_total", "operation"),
            Map.entry("kea_dhcp6_packets_received_total", "operation"),
            Map.entry("kea_dhcp6_packets_sent_dhcp4_total", "operation"),
            Map.entry("kea_dhcp6_packets_received_dhcp4_total", "operation"),
            Map.entry("kea_dhcp6_allocations_failed_total", "subnet,subnet_id,context"),
            Map.entry("kea_dhcp6_addresses_declined_total", "subnet,subnet_id,pool"),
            Map.entry("kea_dhcp6_addresses_declined_reclaimed_total", "subnet,subnet_id,pool"),
            Map.entry("kea_dhcp6_addresses_reclaimed_total", "subnet,subnet_id,pool"),
            Map.entry("kea_dhcp6_reservation_conflicts_total", "subnet,subnet_id"),
            Map.entry("kea_dhcp6_na_assigned_total", "subnet,subnet_id,pool"),
            Map.entry("kea_dhcp6_na_total", "subnet,subnet_id,pool"),
            Map.entry("kea_dhcp6_na_reuses_total", "subnet,subnet_id,pool"),
            Map.entry("kea_dhcp6_pd_assigned_total", "subnet,subnet_id"),
            Map.entry("kea_dhcp6_pd_total", "subnet,subnet_id"),
            Map.entry("kea_dhcp6_pd_reuses_total", "subnet,subnet_id,pool"));

    /**
     * D2: mweinelt/kea-exporter has none (its UNIX client exits "has no supported configuration" on a
     * D2 socket, its HTTP client skips d2); these are its maintained fork's (marcinpsk/kea-exporter,
     * kea_exporter/catalogue.py CATALOGUE_DDNS at af34db2c), which ruru follows minus the fork's
     * {@code server} label: statistic (scope) → family{labels}.
     */
    static final Map<String, String> DDNS_MAP = new TreeMap<>(Map.ofEntries(
            Map.entry("ncr-error", "kea_ddns_ncr_error_total{}"),
            Map.entry("ncr-invalid", "kea_ddns_ncr_invalid_total{}"),
            Map.entry("ncr-received", "kea_ddns_ncr_received_total{}"),
            Map.entry("queue-mgr-queue-full", "kea_ddns_queue_full_total{}"),
            Map.entry("update-error", "kea_ddns_update_error_total{}"),
            Map.entry("update-sent", "kea_ddns_update_sent_total{}"),
            Map.entry("update-signed", "kea_ddns_update_signed_total{}"),
            Map.entry("update-success", "kea_ddns_update_success_total{}"),
            Map.entry("update-timeout", "kea_ddns_update_timeout_total{}"),
            Map.entry("update-unsigned", "kea_ddns_update_unsigned_total{}"),
            Map.entry("key[].update-error", "kea_ddns_key_update_error_total{key}"),
            Map.entry("key[].update-sent", "kea_ddns_key_update_sent_total{key}"),
            Map.entry("key[].update-success", "kea_ddns_key_update_success_total{key}"),
            Map.entry("key[].update-timeout", "kea_ddns_key_update_timeout_total{key}")));

    @Test
    void ddnsFamiliesAreTheForksOneForOne() {
        Map<String, String> ours = new TreeMap<>();
        for (ExporterTable.Row r : ExporterTables.DDNS.rows()) {
            String stat = r.scope() == StatScope.KEY ? "key[]." + r.statistic() : r.statistic();
            ours.put(stat, r.family().sampleName() + "{" + String.join(",", r.family().labels()) + "}");
            assertThat(r.family().kind()).as(stat).isEqualTo(ExporterTable.Kind.COUNTER);
        }
        assertThat(ours).isEqualTo(DDNS_MAP);
    }

    @Test
    void familyTypesAreKeaExportersCountersAndGauges() {
        // exporter.py at aaffe6dd: Counter(...) vs Gauge(...) per family.
        java.util.Set<String> gauges = java.util.Set.of("kea_dhcp4_addresses_assigned_total",
                "kea_dhcp4_addresses_declined_total", "kea_dhcp4_addresses_total", "kea_dhcp4_leases_reused_total",
                "kea_dhcp6_addresses_declined_total", "kea_dhcp6_na_assigned_total", "kea_dhcp6_na_total",
                "kea_dhcp6_na_reuses_total", "kea_dhcp6_pd_assigned_total", "kea_dhcp6_pd_total",
                "kea_dhcp6_pd_reuses_total");
        for (ExporterTable t : java.util.List.of(ExporterTables.DHCP4, ExporterTables.DHCP6)) {
            for (ExporterTable.Family f : t.families()) {
                assertThat(f.kind()).as(f.sampleName()).isEqualTo(gauges.contains(f.sampleName())
                        ? ExporterTable.Kind.GAUGE : ExporterTable.Kind.COUNTER);
            }
        }
    }

    private static Map<String, String> families(ExporterTable table) {
        return table.families().stream().collect(Collectors.toMap(ExporterTable.Family::sampleName,
                f -> String.join(",", f.labels())));
    }

    /** Every (statistic → family{fixed labels}) row the table has at its first non-global or global scope. */
    private static Map<String, String> rows(ExporterTable table) {
        Map<String, String> out = new TreeMap<>();
        for (ExporterTable.Row r : table.rows()) {
            String fixed = r.fixed().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            out.put(r.statistic(), r.family().sampleName() + "{" + fixed + "}");
        }
        return out;
    }

    @Test
    void dhcp4FamiliesAndStatisticsAreKeaExportersOneForOne() {
        assertThat(families(ExporterTables.DHCP4)).isEqualTo(DHCP4_FAMILIES);
        assertThat(rows(ExporterTables.DHCP4)).isEqualTo(DHCP4_MAP);
    }

    @Test
    void dhcp6FamiliesAreKeaExporters() {
        assertThat(families(ExporterTables.DHCP6)).isEqualTo(DHCP6_FAMILIES);
        assertThat(ExporterTables.DHCP6.row("pkt6-solicit-received", StatScope.GLOBAL).orElseThrow().fixed())
                .containsEntry("operation", "solicit");
        assertThat(ExporterTables.DHCP6.row("assigned-nas", StatScope.POOL)).isPresent();
    }

    @Test
    void globalSumsAndCumulativeCountersAreLeftOutAsKeaExporterDoes() {
        for (String ignored : new String[] {"pkt4-received", "pkt4-sent", "cumulative-assigned-addresses",
            "v4-allocation-fail", "declined-addresses", "reclaimed-leases", "v4-lease-reuses"}) {
            assertThat(ExporterTables.DHCP4.row(ignored, StatScope.GLOBAL)).as(ignored).isEmpty();
        }
        assertThat(ExporterTables.DHCP4.row("cumulative-assigned-addresses", StatScope.SUBNET)).isEmpty();
        assertThat(ExporterTables.DHCP4.row("v4-allocation-fail", StatScope.SUBNET)).isEmpty();
    }

    @Test
    void statisticNamesAreTakenApartByScope() {
        assertThat(StatScope.Name.parse("pkt4-received")).isEqualTo(
                new StatScope.Name(StatScope.GLOBAL, "pkt4-received", -1, -1, null));
        assertThat(StatScope.Name.parse("subnet[12].assigned-addresses")).isEqualTo(
                new StatScope.Name(StatScope.SUBNET, "assigned-addresses", 12, -1, null));
        assertThat(StatScope.Name.parse("subnet[12].pool[3].total-addresses")).isEqualTo(
                new StatScope.Name(StatScope.POOL, "total-addresses", 12, 3, null));
        assertThat(StatScope.Name.parse("subnet[1].pd-pool[0].assigned-pds")).isEqualTo(
                new StatScope.Name(StatScope.PD_POOL, "assigned-pds", 1, 0, null));
        assertThat(StatScope.Name.parse("key[ddns-key.].update-sent")).isEqualTo(
                new StatScope.Name(StatScope.KEY, "update-sent", -1, -1, "ddns-key."));
        assertThat(StatScope.Name.parse("subnet[x].assigned-addresses").scope()).isEqualTo(StatScope.GLOBAL);
    }
}
