package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.state;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import ruru.ha.state.CommunicationState;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * What ruru says to an HA partner and accepts from one, checked against a recording partner on
 * loopback: every request byte for byte as Kea 3 sends it (FACTS 13.3, with Kea 3's additions) with
 * only Host, Content-Length, Content-Type and Authorization; the 2.2 form of every message accepted;
 * the dedicated listener's basic auth and restrict-commands; the state machine's pause and
 * ha-continue; the admin commands' texts; and termination on a clock skew of more than 60 s.
 */
class HaPeerProtocolTest {

    private static final String AUTH1 = "Basic " + Base64.getEncoder().encodeToString("ha1:pw1".getBytes(
            StandardCharsets.UTF_8));
    private static final String AUTH2 = "Basic " + Base64.getEncoder().encodeToString("ha2:pw2".getBytes(
            StandardCharsets.UTF_8));

    private static Element list(String json) {
        try {
            return Json.parse(json, ParseOptions.string());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A Kea 2.2 partner (through its agent) in {@code state}, with a clock {@code skew} seconds off. */
    private static Function<MapElement, Element> partner(String state, long skew) {
        return command -> switch (command.get("command").asString().orElse("")) {
            case "ha-heartbeat" -> list("[ { \"arguments\": { \"date-time\": \""
                    + CommunicationState.RFC_1123.format(Instant.now().plusSeconds(skew)) + "\", \"scopes\": [ \"server1\" ], "
                    + "\"state\": \"" + state + "\", \"unsent-update-count\": 0 }, \"result\": 0, "
                    + "\"text\": \"HA peer status returned.\" } ]");
            case "dhcp-disable" -> list("[ { \"result\": 0, \"text\": \"DHCPv4 service disabled for 60 seconds\" } ]");
            case "lease4-get-page" -> page(command);
            case "ha-sync-complete-notify" -> list("[ { \"result\": 0, \"text\": \"Server successfully notified about "
                    + "the synchronization completion.\" } ]");
            default -> list("[ { \"result\": 2, \"text\": \"'x' command not supported.\" } ]");
        };
    }

    /** Four leases, pages of three: the second page holds the last one, as Kea's lease4-get-page. */
    private static Element page(MapElement command) {
        String from = ((MapElement) command.get("arguments")).get("from").asString().orElse("");
        StringBuilder leases = new StringBuilder();
        int first = from.equals("start") ? 10 : 13;
        int last = from.equals("start") ? 12 : 13;
        for (int i = first; i <= last; i++) {
            leases.append(i == first ? "" : ", ").append("{ \"cltt\": 1796590000, \"fqdn-fwd\": false, \"fqdn-rev\": "
                    + "false, \"hostname\": \"\", \"hw-address\": \"0d:00:00:00:00:").append(i).append("\", \"ip-address\": "
                    + "\"192.0.2.").append(i).append("\", \"state\": 0, \"subnet-id\": 1, \"valid-lft\": 3600 }");
        }
        int count = last - first + 1;
        return list("[ { \"arguments\": { \"count\": " + count + ", \"leases\": [ " + leases + " ] }, \"result\": 0, "
                + "\"text\": \"" + count + " IPv4 lease(s) found.\" } ]");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void messagesToAndFromAPartnerAreKeas() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        int port = freePort();
        int control = freePort();
        try (FakeKeaPeer kea = new FakeKeaPeer(partner("ready", 0))) {
            Path config = dir.writeConfig("ha.json", """
                    { "Dhcp4": {
                      "interfaces-config": { "interfaces": [ ] },
                      "control-sockets": [ { "socket-type": "unix", "socket-name": "ctl.sock" },
                                           { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d } ],
                      "lease-database": { "type": "memfile", "name": "s2.csv", "lfc-interval": 0 },
                      "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" },
                        { "library": "libdhcp_ha.so", "parameters": { "high-availability": [ {
                          "this-server-name": "server2", "mode": "hot-standby", "heartbeat-delay": 500,
                          "max-response-delay": 5000, "sync-page-limit": 3,
                          "state-machine": { "states": [ { "state": "waiting", "pause": "once" } ] },
                          "peers": [ { "name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary",
                                       "basic-auth-user": "ha1", "basic-auth-password": "pw1" },
                                     { "name": "server2", "url": "http://127.0.0.1:%d/", "role": "standby",
                                       "basic-auth-user": "ha2", "basic-auth-password": "pw2" } ] } ] } } ],
                      "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.99" } ] } ],
                      "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "s2.log" } ] } ]
                    } }""".formatted(control, kea.port(), port));
            Path socket = dir.socket("ctl.sock");
            try (DaemonProcess ruru = DaemonProcess.start(dir, "dhcp4", "-c", config.toString())) {
                ruru.awaitSocket(socket);

                // paused once in waiting: the partner is ready, yet nothing moves until ha-continue
                Thread.sleep(1500);
                assertThat(state(socket)).isEqualTo("waiting");
                assertThat(Files.readString(dir.log("s2.log"))).contains("HA_STATE_MACHINE_PAUSED server2: "
                        + "state machine paused in state WAITING");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-continue\" }"))
                        .isEqualTo("{ \"result\": 0, \"text\": \"HA state machine continues.\" }");
                awaitState(socket, "ready", Duration.ofSeconds(10));
                kea.answer(partner("hot-standby", 0));
                awaitState(socket, "hot-standby", Duration.ofSeconds(10));

                // every request as Kea 3 sends it, with the partner's credentials
                FakeKeaPeer.Request hb = kea.requests("ha-heartbeat").get(0);
                assertThat(hb.body()).isEqualTo("{ \"arguments\": { \"server-name\": \"server2\" }, \"command\": "
                        + "\"ha-heartbeat\", \"service\": [ \"dhcp4\" ] }");
                assertThat(hb.head()).startsWith("POST / HTTP/1.1\r\n");
                assertThat(hb.head().lines().skip(1).map(l -> l.substring(0, l.indexOf(':'))).sorted().toList())
                        .containsExactly("Authorization", "Content-Length", "Content-Type", "Host");
                assertThat(hb.head()).contains("Host: 127.0.0.1\r\n", "Content-Type: application/json\r\n",
                        "Authorization: " + AUTH1 + "\r\n");
                List<String> sync = kea.requests().stream().map(FakeKeaPeer.Request::body)
                        .filter(b -> !b.contains("ha-heartbeat")).toList();
                assertThat(sync).containsExactly(
                        "{ \"arguments\": { \"max-period\": 60, \"origin\": \"ha-partner\", \"origin-id\": 2001 }, "
                                + "\"command\": \"dhcp-disable\", \"service\": [ \"dhcp4\" ] }",
                        "{ \"arguments\": { \"from\": \"start\", \"limit\": 3 }, \"command\": \"lease4-get-page\", "
                                + "\"service\": [ \"dhcp4\" ] }",
                        "{ \"arguments\": { \"max-period\": 60, \"origin\": \"ha-partner\", \"origin-id\": 2001 }, "
                                + "\"command\": \"dhcp-disable\", \"service\": [ \"dhcp4\" ] }",
                        "{ \"arguments\": { \"from\": \"192.0.2.12\", \"limit\": 3 }, \"command\": \"lease4-get-page\", "
                                + "\"service\": [ \"dhcp4\" ] }",
                        "{ \"arguments\": { \"origin\": \"ha-partner\", \"origin-id\": 2001, \"server-name\": \"server2\" }, "
                                + "\"command\": \"ha-sync-complete-notify\", \"service\": [ \"dhcp4\" ] }");
                String leases = Files.readString(dir.data("s2.csv"));
                assertThat(leases).contains("192.0.2.10,0d:00:00:00:00:10,,3600,1796593600,1,",
                        "192.0.2.13,0d:00:00:00:00:13,,3600,1796593600,1,");

                // the partner's side: 2.2 forms accepted on the dedicated listener, with its credentials
                HttpClient http = HttpClient.newHttpClient();
                String url = "http://127.0.0.1:" + port + "/";
                HttpResponse<String> heartbeat = post(http, url, AUTH2, "{ \"command\": \"ha-heartbeat\", "
                        + "\"service\": [ \"dhcp4\" ] }");
                assertThat(heartbeat.statusCode()).isEqualTo(200);
                MapElement hbAnswer = (MapElement) ((ListElement) list(heartbeat.body())).get(0);
                assertThat(hbAnswer.get("text").asString()).contains("HA peer status returned.");
                assertThat(((MapElement) hbAnswer.get("arguments")).get("state").asString()).contains("hot-standby");
                assertThat(((MapElement) hbAnswer.get("arguments")).keys()).containsExactlyInAnyOrder("date-time",
                        "scopes", "state", "unsent-update-count");
                assertThat(post(http, url, AUTH2, "{ \"arguments\": { \"client-id\": \"01:0d:00:00:00:00:01\", "
                        + "\"expire\": 1896592952, \"force-create\": true, \"fqdn-fwd\": false, \"fqdn-rev\": false, "
                        + "\"hostname\": \"\", \"hw-address\": \"0d:00:00:00:00:01\", \"ip-address\": \"192.0.2.50\", "
                        + "\"state\": 0, \"subnet-id\": 1, \"valid-lft\": 600 }, \"command\": \"lease4-update\", "
                        + "\"service\": [ \"dhcp4\" ] }").body())
                        .isEqualTo("[ { \"result\": 0, \"text\": \"IPv4 lease added.\" } ]");
                assertThat(post(http, url, AUTH2, "{ \"command\": \"ha-sync-complete-notify\", \"service\": "
                        + "[ \"dhcp4\" ] }").body()).isEqualTo("[ { \"result\": 0, \"text\": \"Server successfully "
                        + "notified about the synchronization completion.\" } ]");
                // restrict-commands: only HA's commands; credentials first
                HttpResponse<String> forbidden = post(http, url, AUTH2, "{ \"command\": \"config-get\" }");
                assertThat(forbidden.statusCode()).isEqualTo(403);
                assertThat(forbidden.body()).isEqualTo("{ \"result\": 403, \"text\": \"Forbidden\" }");
                assertThat(post(http, url, null, "{ \"command\": \"ha-heartbeat\" }").statusCode()).isEqualTo(401);
                assertThat(post(http, url, AUTH1, "{ \"command\": \"ha-heartbeat\" }").statusCode()).isEqualTo(401);

                // administrator commands with Kea's texts
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-continue\" }"))
                        .isEqualTo("{ \"result\": 0, \"text\": \"HA state machine is not paused.\" }");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-scopes\", \"arguments\": { \"scopes\": "
                        + "[ \"bogus\" ] } }")).isEqualTo("{ \"result\": 1, \"text\": \"invalid server name specified "
                        + "'bogus' while enabling/disabling HA scopes\" }");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-sync\" }"))
                        .isEqualTo("{ \"result\": 1, \"text\": \"arguments not found in the 'ha-sync' command\" }");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-maintenance-cancel\" }"))
                        .isEqualTo("{ \"result\": 1, \"text\": \"Unable to cancel maintenance request because the "
                                + "server is not in the partner-in-maintenance state.\" }");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-heartbeat\", \"arguments\": "
                        + "{ \"server-name\": \"bogus\" } }")).isEqualTo("{ \"result\": 1, \"text\": \"bogus matches "
                        + "no configured 'server-name'\" }");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-scopes\", \"arguments\": { \"scopes\": "
                        + "[ \"server1\" ] } }")).isEqualTo("{ \"result\": 0, \"text\": \"New HA scopes configured.\" }");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"status-get\" }"))
                        .contains("\"local\": { \"role\": \"standby\", \"scopes\": [ \"server1\" ], \"server-name\": "
                                + "\"server2\", \"state\": \"hot-standby\"");
                assertThat(DaemonProcess.send(socket, "{ \"command\": \"ha-reset\" }"))
                        .isEqualTo("{ \"result\": 0, \"text\": \"HA state machine reset.\" }");
                awaitState(socket, "hot-standby", Duration.ofSeconds(10));

                // GET /metrics: the HA state and the lease updates seen
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control
                        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains(
                        "ruru_dhcp4_ha_state{server=\"server2\",ruru_dhcp4_ha_state=\"hot-standby\"} 1",
                        "ruru_dhcp4_ha_partner_state{server=\"server2\",ruru_dhcp4_ha_partner_state=\"hot-standby\"} 1",
                        "ruru_dhcp4_ha_communication_interrupted{server=\"server2\"} 0.0",
                        "ruru_dhcp4_ha_clock_skew_seconds{server=\"server2\"} 0.0");

                // a partner clock 2 minutes ahead terminates HA: no more heartbeats
                kea.answer(partner("hot-standby", 120));
                awaitState(socket, "terminated", Duration.ofSeconds(10));
                assertThat(Files.readString(dir.log("s2.log"))).contains("HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION "
                        + "server2: my time: ", "s ahead, causing HA service to terminate", "HA_TERMINATED server2: HA "
                        + "service terminated due to an unrecoverable condition.");
                Thread.sleep(500);
                int heartbeats = kea.requests("ha-heartbeat").size();
                Thread.sleep(1500);
                assertThat(kea.requests("ha-heartbeat")).hasSize(heartbeats);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
