package ruru.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** ruru shell against a recording HTTP server: kea-shell's request, output and failures. */
class ShellTest {

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> path = new AtomicReference<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private volatile int status = 200;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", ex -> {
            body.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            path.set(ex.getRequestURI().getPath());
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            byte[] answer = "[ { \"result\": 0, \"text\": \"ok\" } ]".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(String stdin, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--port", "" + server.getAddress().getPort()));
        all.addAll(List.of(args));
        return Shell.run(all, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void sendsKeaShellsBodyAndHeadersAndPrintsTheRawAnswer() {
        assertThat(run("\"name\": \"pkt4-received\"\n", "--service", "dhcp4", "--service", "dhcp6", "statistic-get"))
                .isZero();
        assertThat(body.get()).isEqualTo("{ \"command\": \"statistic-get\", \"service\": [\"dhcp4\",\"dhcp6\"],"
                + " \"arguments\": { \"name\": \"pkt4-received\"\n } }");
        assertThat(headers).containsEntry("content-type", "application/json").containsEntry("accept", "*/*")
                .doesNotContainKey("authorization");
        assertThat(headers.get("user-agent")).startsWith("Kea-shell/");
        assertThat(path.get()).isEqualTo("/");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[ { \"result\": 0, \"text\": \"ok\" } ]\n");
    }

    @Test
    void anEmptyLineMeansNoArgumentsAndTheDefaultCommandIsListCommands() {
        assertThat(run("\n")).isZero();
        assertThat(body.get()).isEqualTo("{ \"command\": \"list-commands\" }");
    }

    @Test
    void pathAndBasicCredentialsFromOptionOrFile() throws Exception {
        assertThat(run("", "--path", "api/kea", "--auth-user", "admin", "--auth-password", "pw", "version-get")).isZero();
        assertThat(path.get()).isEqualTo("/api/kea");
        assertThat(headers.get("authorization")).isEqualTo("Basic YWRtaW46cHc="); // admin:pw
        Path file = Files.createTempFile("ruru-shell", ".pw");
        try {
            Files.writeString(file, "pw\n");
            assertThat(run("", "--auth-user=admin", "--auth-password-file", file.toString(), "version-get")).isZero();
            assertThat(headers.get("authorization")).isEqualTo("Basic YWRtaW46cHc=");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anHttpErrorIsKeaShellsFailureLineAndExit1() {
        status = 401;
        assertThat(run("", "version-get")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Failed to run: HTTP Error 401: Unauthorized\n");
    }

    @Test
    void aRefusedConnectionIsAClearFailureAndExit1() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        assertThat(run("", "--port", "" + free, "version-get")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Failed to run: cannot connect to http://127.0.0.1:"
                + free + "/");
    }

    @Test
    void versionHelpAndUsageErrors() {
        assertThat(run("", "-v")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).matches("\\d+\\.\\d+\\.\\d+");
        out.reset();
        assertThat(run("", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--auth-password-file", "--service", "--timeout");
        assertThat(run("", "--cert", "c.pem", "version-get")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cert and --key must be used together");
        assertThat(run("", "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unrecognized arguments: --bogus");
    }

    @Test
    void bodyIsBuiltAsKeaShellBuildsIt() {
        assertThat(Shell.body("config-get", List.of(), "")).isEqualTo("{ \"command\": \"config-get\" }");
        assertThat(Shell.body("config-get", List.of(), "\n")).isEqualTo("{ \"command\": \"config-get\" }");
        assertThat(Shell.body("x", List.of("d2"), "\"a\": 1")).isEqualTo(
                "{ \"command\": \"x\", \"service\": [\"d2\"], \"arguments\": { \"a\": 1 } }");
    }
}
