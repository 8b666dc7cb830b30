package ruru.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;

/**
 * As a new user would try it: a dhcp4 daemon under perfdhcp load, {@code curl -u user:pass
 * http://127.0.0.1:PORT/metrics}, the scrape checked by Debian's promtool, and every kea-exporter
 * series equal to the statistic statistic-get-all shows. Also: the same authentication as
 * commands, and the process is kea-dhcp4 in /proc/PID/comm.
 */
class MetricsEndToEndTest {


    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static DaemonProcess daemon;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("perfdhcp", "kea-admin");
        NetnsPair.requireTool("curl", "curl");
        NetnsPair.requireTool("promtool", "prometheus");
        net = NetnsPair.create("m", true, null);
        dirs = DaemonDirs.create();
        dir = dirs.root();
        port = 8004;
        Path cfg = dirs.writeConfig("kea.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ], "dhcp-socket-type": "udp" },
                    "control-sockets": [
                      { "socket-type": "unix", "socket-name": "ctl.sock" },
                      { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d,
                        "authentication": { "type": "basic", "clients": [
                          { "user": "user", "password": "pass-word-9" },
                          { "user": "operator", "password": "op-word-9", "commands": [ "status-get" ] } ] } }
                    ],
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "valid-lifetime": 4000,
                    "subnet4": [ {
                      "id": 1, "subnet": "198.18.0.0/15",
                      "relay": { "ip-addresses": [ "192.0.2.2" ] },
                      "pools": [ { "pool": "198.18.0.1 - 198.18.3.255" }, { "pool": "198.19.0.0/24", "pool-id": 1 } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), port));
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(dirs.socket("ctl.sock"));
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (net != null) {
            net.close();
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "20"));
        cmd.addAll(List.of(args));
        return net.exec(net.server(), cmd.toArray(String[]::new));
    }

    private static String scrape() throws Exception {
        return curl("-u", "user:pass-word-9", "http://127.0.0.1:" + port + "/metrics");
    }

    private static void promtoolAccepts(String scrape) throws Exception {
        ruru.testing.PromText.promtoolAccepts(dir, scrape);
    }

    /** series (name{sorted labels}) → value. */
    static Map<String, Double> samples(String scrape) {
        return ruru.testing.PromText.series(scrape);
    }

    @Test
    void scrapesUnderPerfdhcpLoadPassPromtoolAndEqualStatisticGetAll() throws Exception {
        Path out = dir.resolve("perfdhcp.out");
        Process load = net.start(net.client(), out, "perfdhcp", "-4", "-l", NetnsPair.CLIENT_IP, "-r", "200",
                "-R", "300", "-n", "1000", "-p", "8", NetnsPair.SERVER_IP);
        int during = 0;
        while (load.isAlive() && during < 5) {
            String s = scrape();
            assertThat(s).contains("# TYPE kea_dhcp4_packets_received_total counter");
            promtoolAccepts(s);
            during++;
            Thread.sleep(300);
        }
        assertThat(during).as("scrapes while perfdhcp ran").isGreaterThan(0);
        assertThat(load.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();

        String scrape = scrape();
        promtoolAccepts(scrape);
        Map<String, Double> series = samples(scrape);
        MapElement all = (MapElement) DaemonProcess.call(dirs.socket("ctl.sock"),
                "{ \"command\": \"statistic-get-all\" }").get("arguments");
        Map<String, Double> stats = new HashMap<>();
        all.entries().forEach((name, samples) -> {
            Element v = ((ListElement) ((ListElement) samples).get(0)).get(0);
            v.asLong().ifPresent(x -> stats.put(name, (double) x));
        });
        assertThat(stats.get("pkt4-ack-sent")).isGreaterThan(100.0);

        // Every statistic kea-exporter exports is there, with statistic-get-all's value.
        String subnet = "subnet=198.18.0.0/15, subnet_id=1";
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("pkt4-discover-received", "kea_dhcp4_packets_received_total{operation=discover}");
        expected.put("pkt4-request-received", "kea_dhcp4_packets_received_total{operation=request}");
        expected.put("pkt4-receive-drop", "kea_dhcp4_packets_received_total{operation=drop}");
        expected.put("pkt4-offer-sent", "kea_dhcp4_packets_sent_total{operation=offer}");
        expected.put("pkt4-ack-sent", "kea_dhcp4_packets_sent_total{operation=ack}");
        expected.put("pkt4-nak-sent", "kea_dhcp4_packets_sent_total{operation=nak}");
        expected.put("subnet[1].assigned-addresses", "kea_dhcp4_addresses_assigned_total{pool=, " + subnet + "}");
        expected.put("subnet[1].total-addresses", "kea_dhcp4_addresses_total{pool=, " + subnet + "}");
        expected.put("subnet[1].pool[0].assigned-addresses",
                "kea_dhcp4_addresses_assigned_total{pool=198.18.0.1-198.18.3.255, " + subnet + "}");
        expected.put("subnet[1].pool[0].total-addresses",
                "kea_dhcp4_addresses_total{pool=198.18.0.1-198.18.3.255, " + subnet + "}");
        expected.put("subnet[1].pool[1].total-addresses",
                "kea_dhcp4_addresses_total{pool=198.19.0.0/24, " + subnet + "}");
        expected.put("subnet[1].declined-addresses", "kea_dhcp4_addresses_declined_total{pool=, " + subnet + "}");
        // Counters Kea sets to 0 at configuration (per subnet, per pool) are there before any event.
        expected.put("subnet[1].v4-reservation-conflicts", "kea_dhcp4_reservation_conflicts_total{" + subnet + "}");
        expected.put("subnet[1].v4-lease-reuses", "kea_dhcp4_leases_reused_total{" + subnet + "}");
        expected.put("subnet[1].pool[1].reclaimed-leases",
                "kea_dhcp4_addresses_reclaimed_total{pool=198.19.0.0/24, " + subnet + "}");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(stats).as(e.getKey()).containsKey(e.getKey());
            assertThat(series.get(e.getValue())).as(e.getValue() + " in\n" + scrape).isEqualTo(stats.get(e.getKey()));
        }
        // kea-exporter's types: its counters are counters, its gauges untyped (a gauge named *_total fails promtool).
        assertThat(scrape).contains("# TYPE kea_dhcp4_packets_sent_total counter\n")
                .contains("# TYPE kea_dhcp4_addresses_assigned_total untyped\n")
                .contains("# TYPE kea_dhcp4_addresses_total untyped\n")
                .contains("# TYPE kea_dhcp4_addresses_reclaimed_total counter\n");
        // The pool label is the pool text of config-get, which prints it as Kea does.
        String config = DaemonProcess.call(dirs.socket("ctl.sock"), "{ \"command\": \"config-get\" }").toString();
        assertThat(config).contains("198.18.0.1-198.18.3.255").doesNotContain("198.18.0.1 - 198.18.3.255");
        // Nothing but what statistic-get-all has: every kea_dhcp4 series value is one of its values.
        long keaSeries = series.keySet().stream().filter(k -> k.startsWith("kea_dhcp4_")).count();
        assertThat(keaSeries).isGreaterThan(20);
        // ruru's own families: latency observed for every query, utilisation from the same figures.
        assertThat(series.get("ruru_dhcp4_packet_processing_seconds_count{}")).isGreaterThanOrEqualTo(
                stats.get("pkt4-discover-received") + stats.get("pkt4-request-received"));
        assertThat(series.get("ruru_dhcp4_lease_write_seconds_count{}")).isGreaterThanOrEqualTo(
                stats.get("subnet[1].assigned-addresses"));
        assertThat(series.get("ruru_dhcp4_pool_utilisation_ratio{lease_type=address, pool=198.18.0.1-198.18.3.255, "
                + "pool_id=0, " + subnet + "}")).isEqualTo(
                stats.get("subnet[1].pool[0].assigned-addresses") / stats.get("subnet[1].pool[0].total-addresses"));
    }

    @Test
    void metricsAreBehindTheSocketsAuthentication() throws Exception {
        String url = "http://127.0.0.1:" + port + "/metrics";
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", url)).isEqualTo("401");
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-u", "user:wrong", url)).isEqualTo("401");
        // A client limited to status-get may not read the statistics this way either.
        assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "-u", "operator:op-word-9", url)).isEqualTo("403");
        assertThat(curl("-D", "-", "-o", "/dev/null", "-u", "user:pass-word-9", url))
                .containsIgnoringCase("Content-Type: text/plain; version=0.0.4");
    }

    @Test
    void theProcessIsNamedKeaDhcp4() throws Exception {
        assertThat(Files.readString(Path.of("/proc/" + daemon.pid() + "/comm")).strip()).isEqualTo("kea-dhcp4");
        MapElement status = (MapElement) DaemonProcess.call(dirs.socket("ctl.sock"),
                "{ \"command\": \"status-get\" }").get("arguments");
        assertThat(status.get("csv-lease-file").asString().orElseThrow())
                .isEqualTo(dirs.data("leases4.csv").toAbsolutePath().toString());
        assertThat(status.get("sockets")).isNotNull();
    }
}
