package ruru.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ruru.daemon.Daemon;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonDirs;

/** The agent as the shared daemon runtime runs it, driven over its REST listener. */
class AgentDaemonTest {

    private DaemonDirs dirs;
    private Path dir;
    private final FakeDaemons daemons = new FakeDaemons();
    private Daemon<AgentConfig> daemon;
    private AgentPersonality agent;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void setUp() throws Exception {
        dirs = DaemonDirs.create();
        dir = dirs.sockets();
        daemons.daemon(dir, "dhcp4");
        Path file = dirs.writeConfig("agent.json", """
                // an agent on an ephemeral port, forwarding to dhcp4 only
                { "Control-agent": {
                    "http-host": "127.0.0.1", "http-port": 0,
                    "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "dhcp4.sock" } },
                    "comment": "test agent"
                } }
                """);
        agent = new AgentPersonality(Duration.ofSeconds(2));
        daemon = new Daemon<>(agent, file, PathPolicy.forConfigFile(file, dirs.env(), false), false, Clock.systemUTC());
        daemon.apply(daemon.check(daemon.readConfigFile()));
    }

    @AfterEach
    void tearDown() throws Exception {
        daemon.stop();
        daemons.close();
        dirs.close();
    }

    private Element post(String body) throws Exception {
        return post(agent.httpAddress().orElseThrow().getPort(), body);
    }

    private Element post(int port, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.parse(r.body(), ParseOptions.string());
    }

    private MapElement own(String body) throws Exception {
        Element answer = post(body);
        assertThat(answer).isInstanceOf(ListElement.class);
        assertThat(((ListElement) answer).items()).hasSize(1);
        return (MapElement) ((ListElement) answer).items().getFirst();
    }

    @Test
    void listsExactlyTheControlAgentsCommands() throws Exception {
        assertThat(Json.toCompact(own("{ \"command\": \"list-commands\" }"))).isEqualTo("{ \"arguments\": [ "
                + "\"build-report\", \"config-get\", \"config-hash-get\", \"config-reload\", \"config-set\", "
                + "\"config-test\", \"config-write\", \"list-commands\", \"shutdown\", \"status-get\", \"version-get\" ],"
                + " \"result\": 0 }");
    }

    @Test
    void statusGetHasPidUptimeAndReloadOnly() throws Exception {
        MapElement status = (MapElement) own("{ \"command\": \"status-get\" }").get("arguments");
        assertThat(status.keys()).containsExactlyInAnyOrder("pid", "uptime", "reload");
        assertThat(Json.toCompact(status.get("pid"))).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void configGetShowsTheAgentWithItsDefaultsAndHash() throws Exception {
        MapElement args = (MapElement) own("{ \"command\": \"config-get\" }").get("arguments");
        MapElement ca = (MapElement) args.get("Control-agent");
        assertThat(Json.toCompact(ca.get("http-host"))).isEqualTo("\"127.0.0.1\"");
        assertThat(Json.toCompact(ca.get("user-context"))).isEqualTo("{ \"comment\": \"test agent\" }");
        assertThat(Json.toCompact(args.get("hash"))).matches("\"[0-9A-F]{64}\"");
        assertThat(Json.toCompact(own("{ \"command\": \"config-hash-get\" }").get("arguments")))
                .isEqualTo("{ \"hash\": " + Json.toCompact(args.get("hash")) + " }");
    }

    @Test
    void configTestAndConfigSetUseTheAgentsWording() throws Exception {
        int port = agent.httpAddress().orElseThrow().getPort();
        String config = "{ \"Control-agent\": { \"http-host\": \"127.0.0.1\", \"http-port\": " + port + " } }";
        assertThat(Json.toCompact(own("{ \"command\": \"config-test\", \"arguments\": " + config + " }")))
                .isEqualTo("{ \"result\": 0, \"text\": \"Configuration check successful\" }");
        MapElement set = own("{ \"command\": \"config-set\", \"arguments\": " + config + " }");
        assertThat(Json.toCompact(set.get("text"))).isEqualTo("\"Configuration applied successfully.\"");
        // The new configuration has no dhcp4 socket any more.
        MapElement forwarded = own("{ \"command\": \"version-get\", \"service\": [ \"dhcp4\" ] }");
        assertThat(Json.toCompact(forwarded.get("text")))
                .isEqualTo("\"forwarding socket is not configured for the server type dhcp4\"");
    }

    @Test
    void configTestRefusesUnknownKeysAndHookLibraries() throws Exception {
        assertThat(Json.toCompact(own("{ \"command\": \"config-test\", \"arguments\": "
                + "{ \"Control-agent\": { \"BOGUS\": 1 } } }").get("text")))
                .contains("BOGUS");
        assertThat(Json.toCompact(own("{ \"command\": \"config-test\", \"arguments\": { \"Control-agent\": "
                + "{ \"hooks-libraries\": [ { \"library\": \"/x.so\" } ] } } }").get("text")))
                .contains("hooks-libraries").contains("not supported yet");
    }

    @Test
    void configSetToAnotherPortMovesTheListener() throws Exception {
        int old = agent.httpAddress().orElseThrow().getPort();
        int fresh;
        try (var s = new java.net.ServerSocket(0)) {
            fresh = s.getLocalPort();
        }
        own("{ \"command\": \"config-set\", \"arguments\": { \"Control-agent\": "
                + "{ \"http-port\": " + fresh + " } } }");
        assertThat(agent.httpAddress().orElseThrow().getPort()).isEqualTo(fresh);
        Element answer = post(fresh, "{ \"command\": \"version-get\" }");
        assertThat(Json.toCompact(answer)).contains("\"result\": 0");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> post(old, "{ \"command\": \"version-get\" }"))
                        .isInstanceOf(java.io.IOException.class));
    }

    @Test
    void forwardsOverHttpToTheDaemonsSocket() throws Exception {
        MapElement answer = own("{ \"command\": \"version-get\", \"service\": [ \"dhcp4\" ] }");
        assertThat(Json.toCompact(answer)).isEqualTo("{ \"result\": 0, \"text\": \"dhcp4\" }");
    }

    @Test
    void shutdownIsAnsweredAndEndsTheDaemon() throws Exception {
        assertThat(Json.toCompact(own("{ \"command\": \"shutdown\", \"arguments\": { \"exit-value\": 3 } }")))
                .isEqualTo("{ \"result\": 0, \"text\": \"Shutting down.\" }");
        assertThat(daemon.awaitExit()).isEqualTo(3);
        assertThat(agent.httpAddress()).isEmpty();
    }

    @Test
    void theAgentOpensNoUnixSocketOfItsOwn() throws Exception {
        assertThat(daemon.current().config().common().unixSocket()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sock")).toList())
                    .containsExactly("dhcp4.sock");
        }
    }

    @Test
    void aPortInUseIsAConfigurationError() throws Exception {
        int port = agent.httpAddress().orElseThrow().getPort();
        AgentPersonality second = new AgentPersonality(Duration.ofSeconds(1));
        Path file = dirs.writeConfig("second.json",
                "{ \"Control-agent\": { \"http-port\": " + port + " } }");
        Daemon<AgentConfig> other = new Daemon<>(second, file, PathPolicy.forConfigFile(file, dirs.env(), false), false,
                Clock.systemUTC());
        try {
            assertThatThrownBy(() -> other.apply(other.check(other.readConfigFile())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("unable to start the HTTP service");
        } finally {
            other.stop();
        }
        assertThat(List.of(port)).containsExactly(agent.httpAddress().orElseThrow().getPort());
    }
}
