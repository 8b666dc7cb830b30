package ruru.daemon.metrics;

import static ruru.daemon.metrics.ExporterTable.KEY;
import static ruru.daemon.metrics.ExporterTable.POOL;
import static ruru.daemon.metrics.ExporterTable.SUBNET;
import static ruru.daemon.metrics.ExporterTable.SUBNET_ID;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import ruru.daemon.DaemonKind;

/**
 * kea-exporter's names and labels (mweinelt/kea-exporter, the exporter Grafana dashboards and
 * alert rules for Kea are written against), as data. DHCPv4 and DHCPv6 follow it statistic for
 * statistic, including what it leaves out (the global sums {@code pkt4-received}, {@code pkt4-sent},
 * {@code cumulative-*}, global copies of subnet statistics). It has no D2 families; the ddns
 * table uses the {@code kea_ddns_*} names of its maintained fork (marcinpsk/kea-exporter).
 *
 * <p>Adding a statistic: one {@code row} (or {@code packets}) line in its daemon's table.
 */
public final class ExporterTables {

    private static final Set<StatScope> S = EnumSet.of(StatScope.SUBNET);
    private static final Set<StatScope> SP = EnumSet.of(StatScope.SUBNET, StatScope.POOL);
    private static final Set<StatScope> G = EnumSet.of(StatScope.GLOBAL);
    private static final Set<StatScope> K = EnumSet.of(StatScope.KEY);

    public static final ExporterTable DHCP4 = ExporterTable.builder("kea_dhcp4")
            .family("packets_sent_total", "Packets sent", "operation")
            .family("packets_received_total", "Packets received", "operation")
            .family("allocations_failed_total", "Allocation fail count", SUBNET, SUBNET_ID, "context")
            .gauge("addresses_assigned_total", "Assigned addresses", SUBNET, SUBNET_ID, POOL)
            .gauge("addresses_declined_total", "Declined counts", SUBNET, SUBNET_ID, POOL)
            .family("addresses_declined_reclaimed_total", "Declined addresses that were reclaimed", SUBNET, SUBNET_ID, POOL)
            .family("addresses_reclaimed_total", "Expired addresses that were reclaimed", SUBNET, SUBNET_ID, POOL)
            .gauge("addresses_total", "Size of subnet address pool", SUBNET, SUBNET_ID, POOL)
            .family("reservation_conflicts_total", "Reservation conflict count", SUBNET, SUBNET_ID)
            .gauge("leases_reused_total", "Number of times an IPv4 lease has been renewed in memory", SUBNET, SUBNET_ID)
            .packets("packets_sent_total", "pkt4-ack-sent", "ack", "pkt4-nak-sent", "nak", "pkt4-offer-sent", "offer")
            .packets("packets_received_total", "pkt4-discover-received", "discover", "pkt4-offer-received", "offer",
                    "pkt4-request-received", "request", "pkt4-ack-received", "ack", "pkt4-nak-received", "nak",
                    "pkt4-release-received", "release", "pkt4-decline-received", "decline",
                    "pkt4-inform-received", "inform", "pkt4-unknown-received", "unknown",
                    "pkt4-parse-failed", "parse-failed", "pkt4-receive-drop", "drop")
            .row("v4-allocation-fail-subnet", S, "allocations_failed_total", "context", "subnet")
            .row("v4-allocation-fail-shared-network", S, "allocations_failed_total", "context", "shared-network")
            .row("v4-allocation-fail-no-pools", S, "allocations_failed_total", "context", "no-pools")
            .row("v4-allocation-fail-classes", S, "allocations_failed_total", "context", "classes")
            .row("assigned-addresses", SP, "addresses_assigned_total")
            .row("declined-addresses", SP, "addresses_declined_total")
            .row("reclaimed-declined-addresses", SP, "addresses_declined_reclaimed_total")
            .row("reclaimed-leases", SP, "addresses_reclaimed_total")
            .row("total-addresses", SP, "addresses_total")
            .row("v4-reservation-conflicts", S, "reservation_conflicts_total")
            .row("v4-lease-reuses", S, "leases_reused_total")
            .build();

    public static final ExporterTable DHCP6 = ExporterTable.builder("kea_dhcp6")
            .family("packets_sent_total", "Packets sent", "operation")
            .family("packets_received_total", "Packets received", "operation")
            .family("packets_sent_dhcp4_total", "DHCPv4-over-DHCPv6 Packets sent", "operation")
            .family("packets_received_dhcp4_total", "DHCPv4-over-DHCPv6 Packets received", "operation")
            .family("allocations_failed_total", "Allocation fail count", SUBNET, SUBNET_ID, "context")
            .gauge("addresses_declined_total", "Declined addresses", SUBNET, SUBNET_ID, POOL)
            .family("addresses_declined_reclaimed_total", "Declined addresses that were reclaimed", SUBNET, SUBNET_ID, POOL)
            .family("addresses_reclaimed_total", "Expired addresses that were reclaimed", SUBNET, SUBNET_ID, POOL)
            .family("reservation_conflicts_total", "Reservation conflict count", SUBNET, SUBNET_ID)
            .gauge("na_assigned_total", "Assigned non-temporary addresses (IA_NA)", SUBNET, SUBNET_ID, POOL)
            .gauge("na_total", "Size of non-temporary address pool", SUBNET, SUBNET_ID, POOL)
            .gauge("na_reuses_total", "Number of IA_NA lease reuses", SUBNET, SUBNET_ID, POOL)
            .gauge("pd_assigned_total", "Assigned prefix delegations (IA_PD)", SUBNET, SUBNET_ID)
            .gauge("pd_total", "Size of prefix delegation pool", SUBNET, SUBNET_ID)
            .gauge("pd_reuses_total", "Number of IA_PD lease reuses", SUBNET, SUBNET_ID, POOL)
            .packets("packets_sent_total", "pkt6-advertise-sent", "advertise", "pkt6-reply-sent", "reply")
            .packets("packets_received_total", "pkt6-receive-drop", "drop", "pkt6-parse-failed", "parse-failed",
                    "pkt6-solicit-received", "solicit", "pkt6-advertise-received", "advertise",
                    "pkt6-request-received", "request", "pkt6-reply-received", "reply",
                    "pkt6-renew-received", "renew", "pkt6-rebind-received", "rebind",
                    "pkt6-release-received", "release", "pkt6-decline-received", "decline",
                    "pkt6-infrequest-received", "infrequest", "pkt6-unknown-received", "unknown")
            .packets("packets_sent_dhcp4_total", "pkt6-dhcpv4-response-sent", "response")
            .packets("packets_received_dhcp4_total", "pkt6-dhcpv4-query-received", "query",
                    "pkt6-dhcpv4-response-received", "response")
            .row("v6-allocation-fail-shared-network", S, "allocations_failed_total", "context", "shared-network")
            .row("v6-allocation-fail-subnet", S, "allocations_failed_total", "context", "subnet")
            .row("v6-allocation-fail-no-pools", S, "allocations_failed_total", "context", "no-pools")
            .row("v6-allocation-fail-classes", S, "allocations_failed_total", "context", "classes")
            .row("assigned-nas", SP, "na_assigned_total")
            .row("assigned-pds", S, "pd_assigned_total")
            .row("declined-addresses", SP, "addresses_declined_total")
            .row("declined-reclaimed-addresses", SP, "addresses_declined_reclaimed_total")
            .row("reclaimed-declined-addresses", SP, "addresses_declined_reclaimed_total")
            .row("reclaimed-leases", SP, "addresses_reclaimed_total")
            .row("total-nas", SP, "na_total")
            .row("total-pds", S, "pd_total")
            .row("v6-reservation-conflicts", S, "reservation_conflicts_total")
            .row("v6-ia-na-lease-reuses", S, "na_reuses_total")
            .row("v6-ia-pd-lease-reuses", S, "pd_reuses_total")
            .build();

    public static final ExporterTable DDNS = ExporterTable.builder("kea_ddns")
            .family("ncr_error_total", "NCR processing errors")
            .family("ncr_invalid_total", "Invalid NCRs received")
            .family("ncr_received_total", "NCRs received")
            .family("queue_full_total", "Queue manager queue full")
            .family("update_error_total", "Update errors")
            .family("update_sent_total", "Updates sent")
            .family("update_signed_total", "Updates signed")
            .family("update_success_total", "Successful updates")
            .family("update_timeout_total", "Update timeouts")
            .family("update_unsigned_total", "Updates unsigned")
            .family("key_update_error_total", "Per-key update errors", KEY)
            .family("key_update_sent_total", "Per-key updates sent", KEY)
            .family("key_update_success_total", "Per-key successful updates", KEY)
            .family("key_update_timeout_total", "Per-key update timeouts", KEY)
            .row("ncr-error", G, "ncr_error_total")
            .row("ncr-invalid", G, "ncr_invalid_total")
            .row("ncr-received", G, "ncr_received_total")
            .row("queue-mgr-queue-full", G, "queue_full_total")
            .row("update-error", G, "update_error_total")
            .row("update-sent", G, "update_sent_total")
            .row("update-signed", G, "update_signed_total")
            .row("update-success", G, "update_success_total")
            .row("update-timeout", G, "update_timeout_total")
            .row("update-unsigned", G, "update_unsigned_total")
            .row("update-error", K, "key_update_error_total")
            .row("update-sent", K, "key_update_sent_total")
            .row("update-success", K, "key_update_success_total")
            .row("update-timeout", K, "key_update_timeout_total")
            .build();

    private ExporterTables() {
    }

    /** The table of a daemon; the Control Agent has no statistics of its own. */
    public static Optional<ExporterTable> of(DaemonKind kind) {
        return switch (kind) {
            case DHCP4 -> Optional.of(DHCP4);
            case DHCP6 -> Optional.of(DHCP6);
            case DDNS -> Optional.of(DDNS);
            case AGENT -> Optional.empty();
        };
    }

    /** The table for a Control Agent service name ({@code dhcp4}, {@code dhcp6}, {@code d2}). */
    public static Optional<ExporterTable> ofService(String service) {
        return switch (service) {
            case "dhcp4" -> Optional.of(DHCP4);
            case "dhcp6" -> Optional.of(DHCP6);
            case "d2" -> Optional.of(DDNS);
            default -> Optional.empty();
        };
    }
}
