package ruru.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HeadlessChromium;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;
import ruru.testing.PromText;

/**
 * dhcp6 as a new user would scrape it: a bounded {@code perfdhcp -6} run asking for addresses and
 * prefixes, then {@code curl -u ... /metrics} on the daemon's HTTP control socket: promtool
 * accepts it, kea-exporter's {@code kea_dhcp6_*} series equal statistic-get-all (names and labels
 * as kea-exporter gave them for ruru dhcp6, see KeaExporterParityTest), and ruru's own dhcp6
 * families count every query and every lease write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Dhcp6MetricsEndToEndTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;
    private static final int PORT = 8006;
    private static Process bridge;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("perfdhcp", "kea-admin");
        NetnsPair.requireTool("curl", "curl");
        NetnsPair.requireTool("promtool", "prometheus");
        net = Netns6.create("m6", true, null);
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("kea6.json", """
                {
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-sockets": [
                      { "socket-type": "unix", "socket-name": "ctl6.sock" },
                      { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d,
                        "authentication": { "type": "basic", "clients": [ { "user": "user", "password": "pass-word-9" } ] } }
                    ],
                    "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" } ],
                    "lease-database": { "type": "memfile", "name": "leases6.csv" },
                    "preferred-lifetime": 3000, "valid-lifetime": 4000,
                    "subnet6": [ {
                      "id": 1, "subnet": "2001:db8:1::/64", "interface": "%s",
                      "pools": [ { "pool": "2001:db8:1::1000 - 2001:db8:1::1fff" } ],
                      "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 64 } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), PORT, net.serverIface()));
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
        daemon.awaitSocket(dirs.socket("ctl6.sock"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (bridge != null) {
            bridge.destroyForcibly();
        }
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

    @Test
    @Order(1)
    void aScrapeAfterPerfdhcpEqualsStatisticGetAllAndCountsQueriesAndLeaseWrites() throws Exception {
        Path out = dirs.root().resolve("perfdhcp6.out");
        Process load = net.start(net.client(), out, "perfdhcp", "-6", "-l", net.clientIface(), "-e",
                "address-and-prefix", "-r", "50", "-R", "100", "-n", "150", "-p", "8");
        assertThat(load.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();

        String scrape = net.exec(net.server(), "curl", "-s", "--max-time", "20", "-u", "user:pass-word-9",
                "http://127.0.0.1:" + PORT + "/metrics");
        PromText.promtoolAccepts(dirs.root(), scrape);

        MapElement all = (MapElement) DaemonProcess.call(dirs.socket("ctl6.sock"),
                "{ \"command\": \"statistic-get-all\" }").get("arguments");
        Map<String, Double> stats = new HashMap<>();
        all.entries().forEach((name, samples) -> {
            Element v = ((ListElement) ((ListElement) samples).get(0)).get(0);
            v.asLong().ifPresent(x -> stats.put(name, (double) x));
        });
        assertThat(stats.get("subnet[1].assigned-nas")).isGreaterThan(0.0);
        Map<String, Double> series = PromText.series(scrape);
        String subnet = "subnet=2001:db8:1::/64, subnet_id=1";
        Map<String, String> expected = Map.of(
                "pkt6-solicit-received", "kea_dhcp6_packets_received_total{operation=solicit}",
                "pkt6-request-received", "kea_dhcp6_packets_received_total{operation=request}",
                "pkt6-advertise-sent", "kea_dhcp6_packets_sent_total{operation=advertise}",
                "pkt6-reply-sent", "kea_dhcp6_packets_sent_total{operation=reply}",
                "subnet[1].assigned-nas", "kea_dhcp6_na_assigned_total{pool=, " + subnet + "}",
                "subnet[1].pool[0].assigned-nas", "kea_dhcp6_na_assigned_total{pool=2001:db8:1::1000/116, " + subnet + "}",
                "subnet[1].total-nas", "kea_dhcp6_na_total{pool=, " + subnet + "}",
                "subnet[1].assigned-pds", "kea_dhcp6_pd_assigned_total{" + subnet + "}",
                "subnet[1].total-pds", "kea_dhcp6_pd_total{" + subnet + "}");
        expected.forEach((stat, name) -> assertThat(series.get(name)).as(name + " in\n" + scrape)
                .isEqualTo(stats.get(stat)));
        assertThat(scrape).contains("# TYPE kea_dhcp6_packets_received_total counter\n")
                .contains("# TYPE kea_dhcp6_na_assigned_total untyped\n");
        assertThat(series.get("ruru_dhcp6_packet_processing_seconds_count{}")).isGreaterThanOrEqualTo(
                stats.get("pkt6-solicit-received") + stats.get("pkt6-request-received"));
        assertThat(series.get("ruru_dhcp6_lease_write_seconds_count{}")).isGreaterThanOrEqualTo(
                stats.get("subnet[1].assigned-nas") + stats.get("subnet[1].assigned-pds"));
        assertThat(series).containsKey("ruru_dhcp6_packet_queue_depth{}");
    }

    @Test
    void statusGetNamesTheLeaseFileForStorkAsDhcp4Does() throws Exception {
        MapElement status = (MapElement) DaemonProcess.call(dirs.socket("ctl6.sock"),
                "{ \"command\": \"status-get\" }").get("arguments");
        assertThat(status.get("csv-lease-file").asString()).contains(dirs.data("leases6.csv").toAbsolutePath().toString());
        assertThat(status.get("sockets")).isEqualTo(MapElement.builder().put("status", "ready").build());
        assertThat(Files.readString(Path.of("/proc/" + daemon.pid() + "/comm")).strip()).isEqualTo("kea-dhcp6");
    }

    @Test
    @Order(2)
    void theDashboardShowsTheDhcp6SubnetWithItsPoolsAndTheirUtilisation() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        bridge = new ProcessBuilder("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "SYSTEM:ip netns exec " + net.server() + " socat STDIO TCP\\:127.0.0.1\\:" + PORT)
                .redirectErrorStream(true).redirectOutput(dirs.root().resolve("socat.log").toFile()).start();
        browser = HeadlessChromium.start(dirs.root());
        browser.basicAuth("user", "pass-word-9");
        browser.navigate("http://127.0.0.1:" + port + "/");
        browser.await("document.querySelectorAll('#subnets tr.subnet').length === 1", Duration.ofSeconds(30));
        assertThat(browser.eval("document.getElementById('daemon').textContent")).isEqualTo("kea-dhcp6");
        assertThat(browser.eval("document.getElementById('subnets').innerText")).contains("2001:db8:1::/64")
                .contains("2001:db8:1::1000/116");
        browser.await("Number(document.getElementById('chart').dataset.points) >= 2", Duration.ofSeconds(20));
        MapElement all = (MapElement) DaemonProcess.call(dirs.socket("ctl6.sock"),
                "{ \"command\": \"statistic-get-all\" }").get("arguments");
        long totalNas = ((ListElement) ((ListElement) all.get("subnet[1].total-nas")).get(0)).get(0).asLong().orElseThrow();
        long assignedNas = ((ListElement) ((ListElement) all.get("subnet[1].assigned-nas")).get(0)).get(0).asLong().orElseThrow();
        String row = "document.querySelector('tr[data-subnet-id=\"1\"]')";
        assertThat(browser.eval(row + ".dataset.total")).isEqualTo(Long.toString(totalNas));
        browser.await(row + ".dataset.assigned === '" + assignedNas + "'", Duration.ofSeconds(20));
        // Delegated prefixes: the subnet's and its pd-pool's, from the same statistics.
        long totalPds = ((ListElement) ((ListElement) all.get("subnet[1].pd-pool[0].total-pds")).get(0)).get(0).asLong().orElseThrow();
        assertThat(browser.eval("document.querySelector('tr.pd[data-pd-pool-id=\"0\"]').dataset.total"))
                .isEqualTo(Long.toString(totalPds));
        assertThat(browser.eval("document.getElementById('subnets').innerText")).contains("2001:db8:8::/48 (/64)");
        // The leases perfdhcp -6 obtained (test 1), addresses and prefixes, by DUID.
        browser.await("document.querySelectorAll('#leases tbody tr').length > 0", Duration.ofSeconds(20));
        assertThat(browser.eval("document.querySelector('#leases thead th:nth-child(2)').textContent")).isEqualTo("DUID");
        long assignedPds = ((ListElement) ((ListElement) all.get("subnet[1].assigned-pds")).get(0)).get(0).asLong().orElseThrow();
        assertThat(browser.eval("document.getElementById('lease-note').textContent"))
                .startsWith((assignedNas + assignedPds) + " lease(s)");
        assertThat(browser.eval("document.getElementById('leases').innerText")).contains("2001:db8:1::1")
                .contains("00:01:00:01:");
        assertThat(browser.eval("document.getElementById('state').textContent")).isEqualTo("DHCP service enabled");
        browser.screenshot(java.nio.file.Files.createDirectories(Path.of("target")).resolve("dashboard-dhcp6.png"));
    }
}
