package ruru.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HeadlessChromium;
import ruru.testing.NetnsPair;

/**
 * The dashboard in Debian's headless Chromium, as a person would use it: the page served by a
 * dhcp4 daemon (in its network namespace, reached through a socat bridge on loopback) loads with
 * the socket's credentials, shows the subnets, updates after a real DORA by ISC dhclient, finds the
 * lease by MAC address, and lets an authorised user disable and enable the service; a user not
 * allowed to do so gets no buttons. The Control Agent serves the same page with its daemons.
 * Screenshots go to target/dashboard-*.png.
 */
class DashboardEndToEndTest {

    static final String MAC = "02:00:00:00:0d:01";
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static DaemonProcess daemon;
    private static DaemonProcess agent;
    private static Process bridge;
    private static int bridgePort;
    private static int agentPort;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        NetnsPair.requireTool("socat", "socat");
        net = NetnsPair.create("w", false, MAC);
        dirs = DaemonDirs.create();
        dir = dirs.root();
        Path cfg = dirs.writeConfig("kea.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-sockets": [
                      { "socket-type": "unix", "socket-name": "ctl.sock" },
                      { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": 8004,
                        "authentication": { "type": "basic", "clients": [
                          { "user": "admin", "password": "admin-pass-1" },
                          { "user": "viewer", "password": "viewer-pass-1",
                            "commands": [ "config-get", "status-get", "statistic-get-all", "lease4-get-all" ] } ] } }
                    ],
                    "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" } ],
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "valid-lifetime": 600,
                    "subnet4": [
                      { "id": 7, "subnet": "192.0.2.0/24",
                        "pools": [ { "pool": "192.0.2.100 - 192.0.2.109" }, { "pool": "192.0.2.200 - 192.0.2.249", "pool-id": 1 } ] },
                      { "id": 8, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.19" } ] }
                    ]
                  }
                }
                """.formatted(net.serverIface()));
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(dirs.socket("ctl.sock"));
        bridgePort = freePort();
        bridge = new ProcessBuilder("socat", "TCP-LISTEN:" + bridgePort + ",bind=127.0.0.1,reuseaddr,fork",
                "SYSTEM:ip netns exec " + net.server() + " socat STDIO TCP\\:127.0.0.1\\:8004")
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        agentPort = freePort();
        Path agentCfg = dirs.writeConfig("agent.json", """
                { "Control-agent": { "http-host": "127.0.0.1", "http-port": %d,
                    "authentication": { "type": "basic", "clients": [ { "user": "admin", "password": "agent-pass-1" } ] },
                    "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "ctl.sock" } } } }
                """.formatted(agentPort));
        agent = DaemonProcess.start(dirs, "agent", "-c", agentCfg.toString());
        browser = HeadlessChromium.start(dir);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (bridge != null) {
            bridge.destroyForcibly();
        }
        if (agent != null) {
            agent.close();
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

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path screenshotPath(String name) throws Exception {
        return Files.createDirectories(Path.of("target")).resolve("dashboard-" + name + ".png");
    }

    /** One DORA by ISC dhclient in the client namespace. */
    private static String dora() throws Exception {
        Path script = dir.resolve("dhclient.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        net.exec(net.client(), "timeout", "60", "dhclient", "-1", "-sf", script.toString(), "-lf",
                dir.resolve("dhclient.leases").toString(), "-pf", dir.resolve("dhclient.pid").toString(), net.clientIface());
        String leases = Files.readString(dir.resolve("dhclient.leases"));
        int at = leases.indexOf("fixed-address ");
        assertThat(at).as(leases).isPositive();
        return leases.substring(at + 14, leases.indexOf(';', at));
    }

    @Test
    void theDaemonsDashboardShowsSubnetsUpdatesAfterADoraAndDrivesTheService() throws Exception {
        String url = "http://127.0.0.1:" + bridgePort + "/";
        browser.basicAuth("admin", "admin-pass-1");
        browser.navigate(url);
        browser.await("document.querySelectorAll('#subnets tr.subnet').length === 2", Duration.ofSeconds(30));
        assertThat(browser.eval("document.getElementById('daemon').textContent")).isEqualTo("kea-dhcp4");
        String subnets = browser.eval("document.getElementById('subnets').innerText");
        assertThat(subnets).contains("192.0.2.0/24").contains("198.51.100.0/24")
                .contains("192.0.2.100-192.0.2.109").contains("192.0.2.200-192.0.2.249"); // config-get prints pools as Kea does
        assertThat(browser.eval("document.querySelector('tr[data-subnet-id=\"7\"]').dataset.total")).isEqualTo("60");
        assertThat(browser.eval("document.querySelector('tr[data-subnet-id=\"7\"]').dataset.assigned")).isEqualTo("0");
        assertThat(browser.eval("document.getElementById('state').textContent")).isEqualTo("DHCP service enabled");
        assertThat(browser.eval("String(document.getElementById('disable').hidden)")).isEqualTo("false");

        String address = dora();
        browser.await("document.querySelector('tr[data-subnet-id=\"7\"]').dataset.assigned === '1'", Duration.ofSeconds(20));
        browser.await("document.querySelector('#leases tr[data-address=\"" + address + "\"]') !== null", Duration.ofSeconds(30));
        browser.await("Number(document.getElementById('chart').dataset.points) >= 3", Duration.ofSeconds(20));
        // The packet chart saw the DORA: its received line rose above zero somewhere.
        assertThat(browser.eval("String(Array.from(document.querySelectorAll('#chart polyline.rx')).length)")).isEqualTo("1");
        assertThat(browser.eval("document.getElementById('leases').innerText")).contains(MAC);
        assertThat(browser.eval("document.querySelector('tr[data-subnet-id=\"7\"] .meter span').textContent"))
                .isEqualTo((String.format(java.util.Locale.ROOT, "%.1f", 100.0 / 60)) + " %");
        browser.screenshot(screenshotPath("dhcp4"));

        // Search by MAC address, then by address.
        browser.eval("document.getElementById('query').value = '" + MAC + "'; "
                + "document.getElementById('search').requestSubmit(); 'ok'");
        browser.await("document.getElementById('lease-note').textContent.includes('matching')", Duration.ofSeconds(10));
        assertThat(browser.eval("document.getElementById('leases').innerText")).contains(address);

        // dhcp-disable and dhcp-enable from the buttons, seen by the daemon itself.
        browser.eval("document.getElementById('disable').click(); 'ok'");
        browser.await("document.getElementById('state').textContent === 'DHCP service disabled'", Duration.ofSeconds(10));
        MapElement state = (MapElement) ((MapElement) DaemonProcess.call(dirs.socket("ctl.sock"),
                "{ \"command\": \"status-get\" }").get("arguments")).get("dhcp-state");
        assertThat(state.get("globally-disabled").toString()).contains("true");
        browser.eval("document.getElementById('enable').click(); 'ok'");
        browser.await("document.getElementById('state').textContent === 'DHCP service enabled'", Duration.ofSeconds(10));
    }

    @Test
    void aUserWhoMayNotDisableTheServiceGetsNoButtons() throws Exception {
        browser.basicAuth("viewer", "viewer-pass-1");
        browser.navigate("http://127.0.0.1:" + bridgePort + "/");
        browser.await("document.querySelectorAll('#subnets tr.subnet').length === 2", Duration.ofSeconds(30));
        browser.await("document.getElementById('state').textContent === 'DHCP service enabled'", Duration.ofSeconds(10));
        assertThat(browser.eval("String(document.getElementById('disable').hidden)")).isEqualTo("true");
        assertThat(browser.eval("String(document.getElementById('enable').hidden)")).isEqualTo("true");
        assertThat(browser.eval("document.getElementById('user').textContent")).isEqualTo("user viewer");
    }

    @Test
    void theAgentsDashboardShowsEveryDaemonAndItsMetricsCoverThem() throws Exception {
        browser.basicAuth("admin", "agent-pass-1");
        browser.navigate("http://127.0.0.1:" + agentPort + "/");
        browser.await("document.querySelectorAll('#services button').length === 1", Duration.ofSeconds(30));
        assertThat(browser.eval("document.getElementById('daemon').textContent")).isEqualTo("kea-ctrl-agent");
        assertThat(browser.eval("document.querySelector('#services button').dataset.service")).isEqualTo("dhcp4");
        browser.await("document.querySelectorAll('#subnets tr.subnet').length === 2", Duration.ofSeconds(30));
        browser.screenshot(screenshotPath("agent"));

        Process curl = new ProcessBuilder("curl", "-s", "--max-time", "20", "-u", "admin:agent-pass-1",
                "http://127.0.0.1:" + agentPort + "/metrics").redirectErrorStream(true).start();
        String metrics = new String(curl.getInputStream().readAllBytes());
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(metrics).contains("ruru_agent_daemon_up{service=\"dhcp4\"} 1.0")
                .contains("kea_dhcp4_addresses_total{pool=\"\",subnet=\"192.0.2.0/24\",subnet_id=\"7\"} 60.0")
                .contains("# TYPE kea_dhcp4_packets_received_total counter");
        assertThat(List.of(metrics.split("\n"))).noneMatch(l -> l.startsWith("ruru_dhcp4_packet_processing"));
    }
}
