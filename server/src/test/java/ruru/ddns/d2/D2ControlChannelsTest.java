package ruru.ddns.d2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.control.http.TestCertificates;
import ruru.ddns.ncr.ChangeType;
import ruru.testing.BindServer;
import ruru.testing.Closer;
import ruru.testing.Commands;
import ruru.testing.Commands.Result;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * D2's control channels as an operator drives them: an HTTPS socket that requires a client
 * certificate, spoken to with curl and with Kea's kea-shell (its --ca/--cert/--key), and the
 * Control Agent forwarding kea-shell's commands to service {@code d2} over D2's UNIX socket.
 */
class D2ControlChannelsTest {

    private static final Path KEA_SHELL = Path.of("/usr/sbin/kea-shell");
    private static DaemonDirs dirs;
    private static TestCertificates pki;
    private static DaemonProcess d2;
    private static DaemonProcess agent;
    private static int httpsPort;
    private static int agentPort;
    private static int ncrPort;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Files.isExecutable(KEA_SHELL)).as("kea-shell is needed: apt-get install kea-ctrl-agent").isTrue();
        dirs = DaemonDirs.create();
        pki = TestCertificates.create(Files.createDirectories(dirs.config().resolve("pki")));
        httpsPort = BindServer.freePort();
        agentPort = BindServer.freePort();
        ncrPort = BindServer.freePort();
        Path cfg = dirs.writeConfig("d2.json", """
                { "DhcpDdns": {
                    "ip-address": "127.0.0.1", "port": %d,
                    "control-sockets": [
                      { "socket-type": "unix", "socket-name": "d2.sock" },
                      { "socket-type": "https", "socket-address": "127.0.0.1", "socket-port": %d,
                        "trust-anchor": "%s", "cert-file": "%s", "key-file": "%s", "cert-required": true } ],
                    "forward-ddns": { "ddns-domains": [ ] }, "reverse-ddns": { "ddns-domains": [ ] } } }
                """.formatted(ncrPort, httpsPort, pki.ca(), pki.file("server.pem"), pki.file("server.key")));
        d2 = DaemonProcess.start(dirs, "ddns", "-c", cfg.toString());
        d2.awaitSocket(dirs.socket("d2.sock"));
        Path agentCfg = dirs.writeConfig("agent.json", """
                { "Control-agent": { "http-host": "127.0.0.1", "http-port": %d,
                  "control-sockets": { "d2": { "socket-type": "unix", "socket-name": "d2.sock" } } } }
                """.formatted(agentPort));
        agent = DaemonProcess.start(dirs, "agent", "-c", agentCfg.toString());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(agent.process().isAlive()).as("agent exited: %s", agent.stderr()).isTrue();
            try (Socket ignored = new Socket("127.0.0.1", agentPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(agent, d2, dirs);
    }

    private static Result run(String stdin, List<String> command) throws Exception {
        return Commands.withInput(stdin, command);
    }

    private static Result curl(String body, String url, String... tls) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-X", "POST", "-H",
                "Content-Type: application/json", "-d", body));
        cmd.addAll(List.of(tls));
        cmd.add(url);
        return run("", cmd);
    }

    private static String[] client(String name) {
        return new String[] {"--cacert", pki.ca().toString(), "--cert", pki.file(name + ".pem").toString(), "--key",
                pki.file(name + ".key").toString()};
    }

    private static String https() {
        return "https://127.0.0.1:" + httpsPort + "/";
    }

    @Test
    void curlWithAClientCertificateDrivesD2OverHttps() throws Exception {
        D2BindTest.sendTo(ncrPort, D2BindTest.ncr(ChangeType.ADD, "x.example.org.", "192.0.2.9", "0100aa"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                DaemonProcess.statistic(dirs.socket("d2.sock"), "ncr-received") == 1);
        Result stat = curl("{ \"command\": \"statistic-get\", \"arguments\": { \"name\": \"ncr-received\" } }", https(),
                client("client"));
        assertThat(stat.exit()).as(stat.out()).isZero();
        assertThat(stat.out()).startsWith("[ { \"arguments\": { \"ncr-received\": [ [ 1, ")
                .endsWith("\"result\": 0 } ]");
        Result status = curl("{ \"command\": \"status-get\" }", https(), client("client"));
        assertThat(status.out()).startsWith("[ { \"arguments\": {").contains("\"pid\": " + d2.pid());
        Result config = curl("{ \"command\": \"config-get\" }", https(), client("client"));
        assertThat(config.out()).contains("\"DhcpDdns\": {").contains("\"socket-type\": \"https\"");
    }

    @Test
    void withoutATrustedClientCertificateOrWithoutTlsNothingIsAnswered() throws Exception {
        Result noCert = curl("{ \"command\": \"status-get\" }", https(), "--cacert", pki.ca().toString());
        assertThat(noCert.exit()).as(noCert.out()).isNotZero();
        assertThat(noCert.out()).doesNotContain("\"result\"");
        Result stranger = curl("{ \"command\": \"status-get\" }", https(), client("stranger"));
        assertThat(stranger.exit()).as(stranger.out()).isNotZero();
        assertThat(stranger.out()).doesNotContain("\"result\"");
        Result plain = curl("{ \"command\": \"status-get\" }", "http://127.0.0.1:" + httpsPort + "/");
        assertThat(plain.exit()).isNotZero();
        assertThat(plain.out()).doesNotContain("\"result\"");
        // and the socket still serves a trusted client
        assertThat(curl("{ \"command\": \"version-get\" }", https(), client("client")).out()).contains("\"result\": 0");
    }

    @Test
    void keaShellSpeaksToD2OverHttpsAndThroughTheControlAgent() throws Exception {
        Result direct = run("\"name\": \"ncr-invalid\"\n", List.of(KEA_SHELL.toString(), "--host", "127.0.0.1",
                "--port", "" + httpsPort, "--ca", pki.ca().toString(), "--cert", pki.file("client.pem").toString(),
                "--key", pki.file("client.key").toString(), "statistic-get"));
        assertThat(direct.exit()).as(direct.out()).isZero();
        assertThat(direct.out()).startsWith("[ { \"arguments\": { \"ncr-invalid\": [ [ 0, ");

        Result forwarded = run("", List.of(KEA_SHELL.toString(), "--host", "127.0.0.1", "--port", "" + agentPort,
                "--service", "d2", "list-commands"));
        assertThat(forwarded.exit()).as(forwarded.out()).isZero();
        assertThat(forwarded.out()).startsWith("[ { \"arguments\": [ ").contains("\"shutdown\"")
                .contains("\"statistic-reset-all\"");
        Result config = run("", List.of(KEA_SHELL.toString(), "--host", "127.0.0.1", "--port", "" + agentPort,
                "--service", "d2", "config-get"));
        assertThat(config.out()).contains("\"DhcpDdns\": {").contains("\"ip-address\": \"127.0.0.1\"");
        Result stats = run("\"name\": \"update-sent\"\n", List.of(KEA_SHELL.toString(), "--host", "127.0.0.1", "--port",
                "" + agentPort, "--service", "d2", "statistic-get"));
        assertThat(stats.out()).startsWith("[ { \"arguments\": { \"update-sent\": [ [ 0, ");
    }
}
