package ruru.control.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.control.unix.SocketClient.LIST_COMMANDS_ANSWER;
import static ruru.control.unix.SocketClient.VERSION_ANSWER;
import static ruru.control.unix.SocketClient.exchange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command protocol over a real socket: framing, answers, Kea's error texts. */
class UnixControlSocketProtocolTest {

    @TempDir
    Path dir;

    private UnixControlSocket socket;
    private Path path;

    @BeforeEach
    void open() throws Exception {
        socket = UnixControlSocket.open(dir.resolve("c.sock"), PosixFilePermissions.fromString("rw-------"),
                SocketClient.registry());
        path = socket.path();
    }

    @AfterEach
    void close() {
        socket.close();
    }

    @Test
    void listCommandsRoundTripGivesKeasCompactBytes() throws Exception {
        assertThat(exchange(path, "{ \"command\": \"list-commands\" }")).isEqualTo(LIST_COMMANDS_ANSWER);
    }

    @Test
    void commandSplitAcrossManyChunksWithPauses() throws Exception {
        String command = "{ \"command\": \"version-get\", \"arguments\": { \"a\": [ 1, 2, \"}\" ] } }";
        try (SocketClient client = SocketClient.connect(path)) {
            for (int i = 0; i < command.length(); i += 5) {
                client.send(command.substring(i, Math.min(command.length(), i + 5)));
                Thread.sleep(10);
            }
            assertThat(client.readToEof()).isEqualTo(VERSION_ANSWER);
        }
    }

    @Test
    void bytesAfterTheFirstValueAreIgnored() throws Exception {
        assertThat(exchange(path, "{\"command\":\"version-get\"}{\"command\":\"status-get\"}")).isEqualTo(VERSION_ANSWER);
        assertThat(exchange(path, "{\"command\":\"version-get\"} garbage")).isEqualTo(VERSION_ANSWER);
    }

    @Test
    void halfClosingClientStillGetsTheAnswer() throws Exception {
        try (SocketClient client = SocketClient.connect(path)) {
            client.send("{\"command\":\"version-get\"}");
            client.halfClose();
            assertThat(client.readToEof()).isEqualTo(VERSION_ANSWER);
        }
    }

    @Test
    void commentsAreAllowedAroundAndInsideTheCommand() throws Exception {
        String command = "# leading\n// another\n/* and\n a block */ {\n"
                + "  \"command\": /* inline */ \"version-get\", # hash\n"
                + "  // line\n  \"arguments\": { } }";
        assertThat(exchange(path, command)).isEqualTo(VERSION_ANSWER);
    }

    @Test
    void emptyConnectionGetsNoAnswer() throws Exception {
        try (SocketClient client = SocketClient.connect(path)) {
            client.halfClose();
            assertThat(client.readToEof()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "this is not json|{ \"result\": 1, \"text\": \"invalid first character t\" }",
        "\"version-get\"|{ \"result\": 1, \"text\": \"invalid first character \\\"\" }",
        "xx{\"command\":\"version-get\"}|{ \"result\": 1, \"text\": \"invalid first character x\" }",
        "{}|{ \"result\": 1, \"text\": \"Error during command processing: invalid command: does not contain mandatory 'command'\" }",
        "{\"arguments\":{}}|{ \"result\": 1, \"text\": \"Error during command processing: invalid command: does not contain mandatory 'command'\" }",
        "[{\"command\":\"version-get\"}]|{ \"result\": 1, \"text\": \"Error during command processing: invalid command: expected toplevel entry to be a map, got list instead\" }",
        "{\"command\":123}|{ \"result\": 1, \"text\": \"Error during command processing: invalid command: expected 'command' to be a string, got integer instead\" }",
        "{\"command\":\"version-get\",\"bogus\":1}|{ \"result\": 1, \"text\": \"Error during command processing: invalid command: unsupported parameter 'bogus'\" }",
        "{\"command\":\"foo-bar\"}|{ \"result\": 2, \"text\": \"'foo-bar' command not supported.\" }",
        "{\"command\":\"version-get\",\"service\":[\"dhcp4\"],\"remote-address\":\"::1\"}|{ \"result\": 0, \"text\": \"9.9.9\" }",
    })
    void malformedCommandsGetKeasAnswers(String command, String answer) throws Exception {
        assertThat(exchange(path, command)).isEqualTo(answer);
    }

    @Test
    void parseErrorsCarryTheWirePosition() throws Exception {
        // Kea 2.2 observed: "String expected in <wire>:0:29" (FACTS section 2).
        String answer = exchange(path, "{\"command\": \"list-commands\",}");
        assertThat(answer).isEqualTo("{ \"result\": 1, \"text\": \"String expected in <wire>:0:29\" }");
        assertThat(exchange(path, "{\"command\":\n\"version-get\",\n\n  \"x\": tru }"))
                .endsWith("Bad boolean value: tru in <wire>:3:7\" }"); // Kea's fromJSON: the column before the word
    }

    @Test
    void twoMegabyteCommandIsAccepted() throws Exception {
        String blob = "x".repeat(2_000_000);
        String answer = exchange(path, "{\"command\":\"blob-size\",\"arguments\":{\"blob\":\"" + blob + "\"}}");
        assertThat(answer).isEqualTo("{ \"result\": 0, \"text\": \"size 2000000\" }");
    }

    @Test
    void deepNestingReachesTheParserWhichRefusesIt() throws Exception {
        String lists = exchange(path, "[".repeat(100_000) + "]".repeat(100_000));
        assertThat(lists).startsWith("{ \"result\": 1, \"text\": \"").contains("nested too deeply").contains("<wire>:0:");
        String maps = exchange(path, "{".repeat(100_000) + "}".repeat(100_000));
        assertThat(maps).startsWith("{ \"result\": 1, \"text\": \"").contains("<wire>:0:");
        assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
    }

    @Test
    void binaryGarbageIsAnsweredAndTheServerSurvives() throws Exception {
        assertThat(exchange(path, "\u0001\u0002")).isEqualTo("{ \"result\": 1, \"text\": \"invalid first character \\u0001\" }");
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[0] = '{';
        try (SocketClient client = SocketClient.connect(path)) {
            client.send(garbage);
            client.halfClose();
            // Either an answer (the random bytes closed the value) or nothing (EOF mid-command).
            String answer = client.readToEof();
            assertThat(answer).matches(a -> a.isEmpty() || a.startsWith("{ \"result\": 1, \"text\": "), "error or nothing");
        }
        byte[] closed = new byte[1000];
        for (int i = 0; i < closed.length; i++) {
            closed[i] = (byte) (0x80 + i % 0x80);
        }
        closed[0] = '{';
        closed[closed.length - 1] = '}';
        try (SocketClient client = SocketClient.connect(path)) {
            client.send(closed);
            assertThat(client.readToEof()).startsWith("{ \"result\": 1, \"text\": ").contains("<wire>:0:");
        }
        assertThat(exchange(path, "{\"command\":\"version-get\"}")).isEqualTo(VERSION_ANSWER);
    }

    @Test
    void answersLargerThanOneChunkArriveWhole() throws Exception {
        socket.close();
        var registry = SocketClient.registry();
        String big = "y".repeat(3 * Connection.CHUNK + 17);
        registry.register("big", cmd -> ruru.control.Answer.ok(big));
        socket = UnixControlSocket.open(path, PosixFilePermissions.fromString("rw-------"), registry);
        assertThat(exchange(path, "{\"command\":\"big\"}").getBytes(StandardCharsets.UTF_8))
                .hasSize("{ \"result\": 0, \"text\": \"\" }".length() + big.length());
    }
}
