package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.agent.AgentPersonality;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.StringElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * ruru dhcp6's control channel, over its UNIX socket and through a ruru Control Agent that
 * forwards to the dhcp6 service (curl, as Kea users do): the common commands with DHCPv6's texts.
 */
class Dhcp6ControlChannelTest {

    private static DaemonDirs dirs;
    private static DaemonProcess dhcp6;
    private static DaemonProcess agent;
    private static Path socket;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dirs = DaemonDirs.create();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dirs.writeConfig("kea-dhcp6.json", """
                // dhcp6 of the control channel test
                { "Dhcp6": { "interfaces-config": { "interfaces": [ ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "ctl6.sock" },
                  "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                  "server-tag": "lab",
                  "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" },
                                       { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_stat_cmds.so" } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                                 "pools": [ { "pool": "2001:db8:1::/80" } ],
                                 "comment": "first floor" } ] } }
                """);
        socket = dirs.socket("ctl6.sock");
        dhcp6 = DaemonProcess.start(dirs, "dhcp6", "-c", cfg.toString());
        dhcp6.awaitSocket(socket);
        Path agentCfg = dirs.writeConfig("agent.json", """
                { "Control-agent": { "http-host": "127.0.0.1", "http-port": %d,
                    "control-sockets": { "dhcp6": { "socket-type": "unix", "socket-name": "ctl6.sock" } } } }
                """.formatted(port));
        agent = DaemonProcess.startIn(null, dirs, Map.of(AgentPersonality.FORWARD_TIMEOUT_ENV, "5000"),
                "agent", "-c", agentCfg.toString());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(agent.process().isAlive()).as("agent exited: %s", agent.stderr()).isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (dhcp6 != null) {
            dhcp6.close();
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    private static MapElement call(String command) throws IOException {
        return DaemonProcess.call(socket, command);
    }

    /** curl through the Control Agent; the answer is the agent's list with one element per service. */
    private static ListElement curl(String body) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-X", "POST", "-H", "Content-Type: application/json", "-d", body,
                "http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return (ListElement) Json.parse(out, ParseOptions.string());
    }

    @Test
    void theAgentForwardsToDhcp6() throws Exception {
        ListElement listed = curl("{ \"command\": \"list-commands\", \"service\": [ \"dhcp6\" ] }");
        MapElement answer = (MapElement) listed.get(0);
        assertThat(answer.get("result")).isEqualTo(Element.of(0));
        assertThat(Json.toCompact(answer.get("arguments"))).contains("\"lease6-get\"", "\"stat-lease6-get\"",
                "\"dhcp-disable\"", "\"leases-reclaim\"", "\"config-get\"");
        MapElement stat = (MapElement) curl("{ \"command\": \"statistic-get\", \"service\": [ \"dhcp6\" ], "
                + "\"arguments\": { \"name\": \"pkt6-received\" } }").get(0);
        assertThat(Json.toCompact(stat.get("arguments"))).startsWith("{ \"pkt6-received\": [ [ 0, ");
        MapElement config = (MapElement) curl("{ \"command\": \"config-get\", \"service\": [ \"dhcp6\" ] }").get(0);
        assertThat(((MapElement) config.get("arguments")).has("Dhcp6")).isTrue();
    }

    @Test
    void configGetCarriesTheHashAndUserContext() throws Exception {
        MapElement args = (MapElement) call("{ \"command\": \"config-get\" }").get("arguments");
        String hash = ((StringElement) args.get("hash")).value();
        assertThat(hash).matches("[0-9A-F]{64}");
        assertThat(Json.hash(args.without("hash"))).isEqualTo(hash);
        MapElement subnet = (MapElement) ((ListElement) ((MapElement) args.get("Dhcp6")).get("subnet6")).get(0);
        assertThat(subnet.get("user-context")).isEqualTo(MapElement.builder().put("comment", "first floor").build());
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"server-tag-get\" }"))
                .isEqualTo("{ \"arguments\": { \"server-tag\": \"lab\" }, \"result\": 0 }");
    }

    @Test
    void dhcpDisableAndEnableWithDhcpv6Texts() throws Exception {
        MapElement d = call("{ \"command\": \"dhcp-disable\", \"arguments\": { \"max-period\": 600 } }");
        assertThat(d.get("text")).isEqualTo(Element.of("DHCPv6 service disabled for 600 seconds"));
        MapElement state = (MapElement) ((MapElement) call("{ \"command\": \"status-get\" }").get("arguments"))
                .get("dhcp-state");
        assertThat(state.get("disabled-by-user")).isEqualTo(Element.of(true));
        MapElement e = call("{ \"command\": \"dhcp-enable\" }");
        assertThat(e.get("text")).isEqualTo(Element.of("DHCP service successfully enabled"));
        state = (MapElement) ((MapElement) call("{ \"command\": \"status-get\" }").get("arguments")).get("dhcp-state");
        assertThat(state.get("globally-disabled")).isEqualTo(Element.of(false));
    }

    @Test
    void statusGetAndReclaim() throws Exception {
        MapElement args = (MapElement) call("{ \"command\": \"status-get\" }").get("arguments");
        assertThat(args.get("pid")).isEqualTo(Element.of(dhcp6.pid()));
        assertThat(args.has("multi-threading-enabled")).isTrue();
        assertThat(args.get("extended-info-tables")).as("Kea 3's kea-dhcp6 member").isEqualTo(Element.of(false));
        assertThat(args.get("lease-database")).isEqualTo(MapElement.builder().put("status", "ready")
                .put("write-errors", 0).build());
        assertThat(DaemonProcess.statistic(socket, "v6-lease-write-fail")).isZero();
        MapElement reclaim = call("{ \"command\": \"leases-reclaim\", \"arguments\": { \"remove\": true } }");
        assertThat(reclaim.get("result")).isEqualTo(Element.of(0));
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"foo-bar\" }"))
                .isEqualTo("{ \"result\": 2, \"text\": \"'foo-bar' command not supported.\" }");
        for (String name : List.of("pkt6-received", "pkt6-solicit-received", "pkt6-reply-sent", "pkt6-parse-failed",
                "subnet[1].total-nas", "subnet[1].assigned-nas", "subnet[1].cumulative-assigned-nas",
                "subnet[1].declined-addresses", "subnet[1].reclaimed-leases", "subnet[1].pool[0].total-nas")) {
            assertThat(call("{ \"command\": \"statistic-get\", \"arguments\": { \"name\": \"" + name + "\" } }")
                    .get("arguments")).as(name).isNotEqualTo(MapElement.builder().build());
        }
        assertThat(DaemonProcess.statistic(socket, "subnet[1].total-nas")).isEqualTo(1L << 48);
    }
}
