package ruru.control.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonProcess;
import ruru.testing.DaemonDirs;

/**
 * A real dhcp4 daemon with HTTP control sockets next to its UNIX socket, driven by curl exactly
 * as the seed and the Kea manual show it.
 */
class DaemonHttpEndToEndTest {

    static final String SECRET = "Open-Sesame-42";

    private static DaemonDirs dirs;
    private static Path dir;
    private static Path socket;
    private static DaemonProcess daemon;
    private static int open;
    private static int guarded;

    @BeforeAll
    static void start() throws Exception {
        Process which = new ProcessBuilder("sh", "-c", "command -v curl").start();
        if (!which.waitFor(10, TimeUnit.SECONDS) || which.exitValue() != 0) {
            throw new AssertionError("curl is required by this test: apt-get install curl");
        }
        dirs = DaemonDirs.create();
        dir = dirs.config();
        Path creds = Files.createDirectories(dir.resolve("creds"));
        Files.writeString(creds.resolve("admin-password"), SECRET + "\n");
        open = freePort();
        guarded = freePort();
        Path cfg = dirs.writeConfig("kea.json", config(open, guarded));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    static String config(int open, int guarded) {
        return """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "control-sockets": [
                      { "socket-type": "unix", "socket-name": "ctl.sock" },
                      { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d,
                        "http-headers": [ { "name": "X-Ruru-Test", "value": "yes" } ] },
                      { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d,
                        "authentication": { "type": "basic", "directory": "creds", "clients": [
                          { "user": "admin", "password-file": "admin-password" },
                          { "user": "reader", "password": "read-only", "commands": [ "config-get", "status-get" ] } ] } }
                    ],
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "127.0.0.0/8", "pools": [ { "pool": "127.1.0.1 - 127.1.0.200" } ] } ]
                  }
                }
                """.formatted(open, guarded);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Curl(int exit, String out) {
        /** Status line and headers (curl -i), then the body. */
        String body() {
            int split = out.indexOf("\r\n\r\n");
            return split < 0 ? out : out.substring(split + 4);
        }
    }

    static Curl curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Curl(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void curlAsTheSeedShowsItGetsTheListWrappedConfig() throws Exception {
        Curl c = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{ \"command\": \"config-get\" }",
                "http://127.0.0.1:" + open + "/");
        assertThat(c.exit()).as(c.out()).isZero();
        ListElement list = (ListElement) Json.parse(c.out(), ParseOptions.string());
        MapElement answer = (MapElement) list.items().getFirst();
        assertThat(list.items()).hasSize(1);
        assertThat(Json.toCompact(answer.get("result"))).isEqualTo("0");
        assertThat(((MapElement) answer.get("arguments")).get("Dhcp4")).isInstanceOf(MapElement.class);
        assertThat(c.out()).startsWith("[ { \"arguments\": { \"Dhcp4\": {").endsWith("\"result\": 0 } ]");
        // The same command over the UNIX socket gives the same configuration, unwrapped.
        MapElement unix = DaemonProcess.call(socket, "{ \"command\": \"config-get\" }");
        assertThat(unix.get("arguments")).isEqualTo(answer.get("arguments"));
    }

    @Test
    void headersServiceAndBadRequests() throws Exception {
        Curl c = curl("-i", "-X", "POST", "-H", "Content-Type: application/json",
                "-d", "{ \"command\": \"version-get\", \"service\": [ \"dhcp4\" ] }", "http://127.0.0.1:" + open + "/x/y");
        assertThat(c.out()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-type: application/json")
                .containsIgnoringCase("x-ruru-test: yes").containsIgnoringCase("date: ");
        assertThat(c.body()).startsWith("[ { \"arguments\": { \"extended\": ").endsWith("\"result\": 0, \"text\": \"3.0.4\" } ]");
        Curl get = curl("-i", "http://127.0.0.1:" + open + "/not-a-page");
        assertThat(get.out()).startsWith("HTTP/1.1 400 Bad Request");
        assertThat(get.body()).isEqualTo("{ \"result\": 400, \"text\": \"Bad Request\" }");
        Curl page = curl("-i", "http://127.0.0.1:" + open + "/");
        assertThat(page.out()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-type: text/html");
        Curl unknown = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{ \"command\": \"foo\" }",
                "http://127.0.0.1:" + open + "/");
        assertThat(unknown.out()).isEqualTo("[ { \"result\": 2, \"text\": \"'foo' command not supported.\" } ]");
        Curl http10 = curl("-i", "--http1.0", "-X", "POST", "-H", "Content-Type: application/json",
                "-d", "{ \"command\": \"status-get\" }", "http://127.0.0.1:" + open + "/");
        assertThat(http10.out()).startsWith("HTTP/1.0 200 OK");
    }

    @Test
    void basicAuthenticationAndAuthorization() throws Exception {
        String url = "http://127.0.0.1:" + guarded + "/";
        String[] json = {"-X", "POST", "-H", "Content-Type: application/json"};
        Curl none = curl(concat(json, "-i", "-d", "{ \"command\": \"status-get\" }", url));
        assertThat(none.out()).startsWith("HTTP/1.1 401 Unauthorized")
                .containsIgnoringCase("WWW-Authenticate: Basic realm=\"kea-dhcpv4-server\"");
        assertThat(none.body()).isEqualTo("{ \"result\": 401, \"text\": \"Unauthorized\" }");
        Curl wrong = curl(concat(json, "-i", "-u", "admin:nope", "-d", "{ \"command\": \"status-get\" }", url));
        assertThat(wrong.out()).startsWith("HTTP/1.1 401");
        Curl admin = curl(concat(json, "-u", "admin:" + SECRET, "-d", "{ \"command\": \"status-get\" }", url));
        assertThat(admin.out()).startsWith("[ { \"arguments\": {").endsWith("\"result\": 0 } ]");
        Curl reader = curl(concat(json, "-u", "reader:read-only", "-d", "{ \"command\": \"config-get\" }", url));
        assertThat(reader.out()).startsWith("[ { \"arguments\": { \"Dhcp4\"");
        Curl forbidden = curl(concat(json, "-i", "-u", "reader:read-only", "-d", "{ \"command\": \"shutdown\" }", url));
        assertThat(forbidden.out()).startsWith("HTTP/1.1 403 Forbidden");
        assertThat(forbidden.body()).isEqualTo("{ \"result\": 403, \"text\": \"Forbidden\" }");
        assertThat(daemon.stdout() + daemon.stderr()).doesNotContain(SECRET).doesNotContain("read-only");
    }

    @Test
    void configSetOverHttpKeepsUnchangedListenersAndRefusesAnHttpsSwitch() throws Exception {
        String url = "http://127.0.0.1:" + open + "/";
        String set = "{ \"command\": \"config-set\", \"arguments\": " + config(open, guarded)
                .replace("\"valid-lifetime\": 4000", "\"valid-lifetime\": 4100") + " }";
        Curl c = curl("-X", "POST", "-H", "Content-Type: application/json", "--data-binary", set, url);
        assertThat(c.out()).contains("\"result\": 0").startsWith("[ {");
        String https = config(open, guarded).replace(
                "{ \"socket-type\": \"http\", \"socket-address\": \"127.0.0.1\", \"socket-port\": " + open,
                "{ \"socket-type\": \"https\", \"trust-anchor\": \"ca.pem\", \"cert-file\": \"c.pem\", "
                        + "\"key-file\": \"k.pem\", \"socket-address\": \"127.0.0.1\", \"socket-port\": " + open);
        Curl refused = curl("-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
                "{ \"command\": \"config-set\", \"arguments\": " + https + " }", url);
        assertThat(refused.out()).contains("\"result\": 1").contains("from http to https");
        // Still serving, with the accepted configuration.
        Curl get = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{ \"command\": \"config-get\" }", url);
        assertThat(get.out()).contains("\"valid-lifetime\": 4100");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
