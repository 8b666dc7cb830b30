package ruru.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ruru.control.CommandRegistry;
import ruru.control.http.HttpSocketSpec;
import ruru.daemon.config.CommonConfig;
import ruru.daemon.config.StatsDefaults;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.Position;
import ruru.testing.TestConfigs;

/** The agent's routing by {@code service}, against fake daemons on real UNIX sockets. */
class AgentCommandHandlerTest {

    private Path dir;
    private final FakeDaemons daemons = new FakeDaemons();
    private final Map<String, Path> sockets = new HashMap<>();
    private UnixForwarder forwarder;
    private AgentCommandHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        dir = TestConfigs.shortTempDir();
        forwarder = new UnixForwarder(Duration.ofMillis(400));
        CommandRegistry registry = new CommandRegistry("test.agent");
        handler = new AgentCommandHandler(registry, this::config, forwarder, LoggerFactory.getLogger("test.agent"));
    }

    @AfterEach
    void tearDown() throws Exception {
        daemons.close();
        forwarder.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private AgentConfig config() {
        HttpSocketSpec spec = new HttpSocketSpec("127.0.0.1", 0, Optional.empty(), false, Optional.empty(),
                java.util.List.of(), Position.NONE);
        return new AgentConfig(MapElement.builder().build(), new CommonConfig(Optional.empty(), java.util.List.of(),
                StatsDefaults.KEA), spec, sockets);
    }

    private Element send(String command) throws Exception {
        return handler.handle(Json.parse(command, ParseOptions.string()), null);
    }

    private static MapElement item(Element answer, int i) {
        assertThat(answer).isInstanceOf(ListElement.class);
        return (MapElement) ((ListElement) answer).items().get(i);
    }

    @Test
    void forwardsToOneServiceWithoutTheServiceKeyAndWrapsTheAnswer() throws Exception {
        sockets.put("dhcp4", daemons.daemon(dir, "dhcp4"));
        Element answer = send("{ \"command\": \"echo\", \"service\": [ \"dhcp4\" ], \"arguments\": { \"a\": 1 } }");
        assertThat(Json.toCompact(answer)).isEqualTo("[ { \"arguments\": { \"a\": 1 }, \"result\": 0, \"text\": \"dhcp4\" } ]");
        assertThat(daemons.received).containsExactly("dhcp4:echo:false");
    }

    @Test
    void forwardsToTwoServicesInTheOrderAsked() throws Exception {
        sockets.put("dhcp4", daemons.daemon(dir, "dhcp4"));
        sockets.put("dhcp6", daemons.daemon(dir, "dhcp6"));
        Element answer = send("{ \"command\": \"version-get\", \"service\": [ \"dhcp6\", \"dhcp4\" ] }");
        assertThat(((ListElement) answer).items()).hasSize(2);
        assertThat(Json.toCompact(item(answer, 0).get("text"))).isEqualTo("\"dhcp6\"");
        assertThat(Json.toCompact(item(answer, 1).get("text"))).isEqualTo("\"dhcp4\"");
        assertThat(daemons.received).containsExactly("dhcp6:version-get:false", "dhcp4:version-get:false");
    }

    @Test
    void aServiceWithoutSocketGetsKeasTextWhileTheOthersAnswer() throws Exception {
        sockets.put("dhcp4", daemons.daemon(dir, "dhcp4"));
        Element answer = send("{ \"command\": \"version-get\", \"service\": [ \"dhcp6\", \"dhcp4\", \"d2\" ] }");
        assertThat(Json.toCompact(item(answer, 0))).isEqualTo(
                "{ \"result\": 1, \"text\": \"forwarding socket is not configured for the server type dhcp6\" }");
        assertThat(Json.toCompact(item(answer, 1))).isEqualTo("{ \"result\": 0, \"text\": \"dhcp4\" }");
        assertThat(Json.toCompact(item(answer, 2))).contains("server type d2");
    }

    @Test
    void aDaemonWhoseSocketFileIsMissingGetsAnErrorElement() throws Exception {
        sockets.put("dhcp4", dir.resolve("gone.sock"));
        sockets.put("dhcp6", daemons.daemon(dir, "dhcp6"));
        Element answer = send("{ \"command\": \"version-get\", \"service\": [ \"dhcp4\", \"dhcp6\" ] }");
        assertThat(Json.toCompact(item(answer, 0))).isEqualTo("{ \"result\": 1, \"text\": \"unable to forward command to"
                + " the dhcp4 service: No such file or directory. The server is likely to be offline\" }");
        assertThat(Json.toCompact(item(answer, 1).get("result"))).isEqualTo("0");
    }

    @Test
    void aDaemonThatRefusesConnectionsGetsAnErrorElement() throws Exception {
        sockets.put("dhcp4", daemons.refusing(dir, "dead.sock"));
        Element answer = send("{ \"command\": \"version-get\", \"service\": [ \"dhcp4\" ] }");
        assertThat(Json.toCompact(item(answer, 0))).isEqualTo("{ \"result\": 1, \"text\": \"unable to forward command to"
                + " the dhcp4 service: Connection refused. The server is likely to be offline\" }");
    }

    @Test
    void aDaemonThatNeverAnswersTimesOutAndTheNextServiceStillAnswers() throws Exception {
        sockets.put("d2", daemons.silent(dir, "hung.sock"));
        sockets.put("dhcp4", daemons.daemon(dir, "dhcp4"));
        long start = System.nanoTime();
        Element answer = send("{ \"command\": \"version-get\", \"service\": [ \"d2\", \"dhcp4\" ] }");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(Json.toCompact(item(answer, 0))).isEqualTo("{ \"result\": 1, \"text\": \"unable to forward command to"
                + " the d2 service: Connection timed out. The server is likely to be offline\" }");
        assertThat(Json.toCompact(item(answer, 1))).isEqualTo("{ \"result\": 0, \"text\": \"dhcp4\" }");
    }

    @Test
    void anUnknownOwnCommandGetsKeasHintAboutService() throws Exception {
        Element answer = send("{ \"command\": \"foo\" }");
        assertThat(Json.toCompact(answer)).isEqualTo("[ { \"result\": 2, \"text\": \"'foo' command not supported."
                + " You did not include \\\"service\\\" parameter in the command, which indicates that Kea Control Agent"
                + " should process this command rather than forward it to one or more Kea servers. If you aimed to send"
                + " this command to one of the Kea servers you should include the \\\"service\\\" parameter in your"
                + " request, e.g. \\\"service\\\": [ \\\"dhcp4\\\" ] to forward the command to the DHCPv4 server, or"
                + " \\\"service\\\": [ \\\"dhcp4\\\", \\\"dhcp6\\\", \\\"d2\\\" ] to forward it to DHCPv4, DHCPv6 and D2"
                + " servers etc.\" } ]");
    }

    @Test
    void anEmptyServiceListMeansTheAgentItself() throws Exception {
        sockets.put("dhcp4", daemons.daemon(dir, "dhcp4"));
        Element answer = send("{ \"command\": \"list-commands\", \"service\": [ ] }");
        assertThat(Json.toCompact(answer)).isEqualTo("[ { \"arguments\": [ \"list-commands\" ], \"result\": 0 } ]");
        assertThat(daemons.received).isEmpty();
    }

    @Test
    void aServiceThatIsNotAListIsAnErrorInAList() throws Exception {
        assertThat(Json.toCompact(send("{ \"command\": \"version-get\", \"service\": \"dhcp4\" }")))
                .isEqualTo("[ { \"result\": 1, \"text\": \"service value must be a list\" } ]");
    }

    @Test
    void aMalformedCommandIsAnUnwrappedError() throws Exception {
        assertThat(Json.toCompact(send("{ \"arguments\": { } }"))).isEqualTo("{ \"result\": 1, \"text\": \"Error during"
                + " command processing: invalid command: does not contain mandatory 'command'\" }");
    }

    @Test
    void aDaemonThatClosesWithoutAnsweringGetsEndOfFile() throws Exception {
        Path socket = dir.resolve("mute.sock");
        var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        server.bind(java.net.UnixDomainSocketAddress.of(socket));
        Thread t = Thread.ofVirtual().start(() -> {
            try (var c = server.accept()) {
                c.read(java.nio.ByteBuffer.allocate(1024));
            } catch (Exception e) {
                // test over
            }
        });
        sockets.put("dhcp4", socket);
        try {
            assertThat(Json.toCompact(item(send("{ \"command\": \"version-get\", \"service\": [ \"dhcp4\" ] }"), 0)))
                    .isEqualTo("{ \"result\": 1, \"text\": \"unable to forward command to the dhcp4 service: End of"
                            + " file. The server is likely to be offline\" }");
        } finally {
            server.close();
            t.join(2000);
        }
    }
}
