package ruru.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ruru.testing.Commands;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestConfigs;

/**
 * A real {@code ruru agent} in front of a real {@code ruru dhcp4}, used the way Kea users use
 * theirs: curl, Kea's own kea-shell (Debian package kea-ctrl-agent), and {@code ruru shell}.
 */
class AgentEndToEndTest {

    private static final Path KEA_SHELL = Path.of("/usr/sbin/kea-shell");
    private static final String PASSWORD = "ruru-Test-9";

    private DaemonDirs dirs;
    private Path dir;
    private int port;
    private DaemonProcess dhcp4;
    private DaemonProcess agent;

    @BeforeEach
    void start() throws Exception {
        assertThat(Files.isExecutable(KEA_SHELL))
                .as("kea-shell is needed: apt-get install kea-ctrl-agent").isTrue();
        dirs = DaemonDirs.create();
        dir = dirs.config();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dhcp4Config = dirs.writeConfig("kea-dhcp4.json", TestConfigs.dhcp4(3600));
        Path agentConfig = dirs.writeConfig("agent.json", agentConfig(""));
        dhcp4 = DaemonProcess.start(dirs, "dhcp4", "-c", dhcp4Config.toString());
        dhcp4.awaitSocket(dirs.socket("ctl.sock"));
        agent = DaemonProcess.startIn(null, dirs, Map.of(AgentPersonality.FORWARD_TIMEOUT_ENV, "5000"),
                "agent", "-c", agentConfig.toString());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(agent.process().isAlive()).as("agent exited: %s", agent.stderr()).isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private String agentConfig(String authentication) {
        return """
                // the agent of the end-to-end test
                { "Control-agent": {
                    "http-host": "127.0.0.1", "http-port": %d,
                    %s
                    "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "ctl.sock" } }
                } }
                """.formatted(port, authentication);
    }

    @AfterEach
    void stop() throws IOException {
        if (agent != null) {
            agent.close();
        }
        if (dhcp4 != null) {
            dhcp4.close();
        }
        dirs.close();
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String stdin, List<String> command) throws Exception {
        Commands.Result r = Commands.withInput(stdin, command);
        return new Run(r.exit(), r.out());
    }

    private Run keaShell(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(KEA_SHELL.toString(), "--host", "127.0.0.1", "--port", "" + port));
        cmd.addAll(List.of(args));
        return run(stdin, cmd);
    }

    /** bin/ruru shell as a user runs it: its own JVM, stdin piped in. */
    private Run ruruShell(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "ruru.cli.Main", "shell",
                "--host", "127.0.0.1", "--port", "" + port));
        cmd.addAll(List.of(args));
        return run(stdin, cmd);
    }

    private Run curl(String body, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-X", "POST", "-H", "Content-Type: application/json",
                "-d", body));
        cmd.addAll(List.of(extra));
        cmd.add("http://127.0.0.1:" + port + "/");
        return run("", cmd);
    }

    @Test
    void curlKeaShellAndRuruShellReachTheAgentAndTheDaemonBehindIt() throws Exception {
        Run listed = curl("{ \"command\": \"list-commands\", \"service\": [ \"dhcp4\" ] }");
        assertThat(listed.out()).startsWith("[ { \"arguments\": [ ").contains("\"statistic-get\"", "\"dhcp-disable\"");

        Run status = curl("{ \"command\": \"status-get\" }");
        assertThat(status.out()).startsWith("[ { \"arguments\": { \"pid\": " + agent.pid() + ", \"reload\": ")
                .doesNotContain("multi-threading");

        Run shell = keaShell("\n", "--service", "dhcp4", "list-commands");
        assertThat(shell.exit()).as(shell.out()).isZero();
        assertThat(shell.out()).startsWith("[ { \"arguments\": [ ").contains("\"statistic-get\"");

        Run stat = keaShell("\"name\": \"pkt4-received\"\n", "--service", "dhcp4", "statistic-get");
        assertThat(stat.exit()).as(stat.out()).isZero();
        assertThat(stat.out()).startsWith("[ { \"arguments\": { \"pkt4-received\": [ [ 0, ");

        Run ours = ruruShell("\"name\": \"pkt4-received\"\n", "--service", "dhcp4", "statistic-get");
        assertThat(ours.exit()).as(ours.out()).isZero();
        assertThat(ours.out()).startsWith("[ { \"arguments\": { \"pkt4-received\": [ [ 0, ");

        Run two = keaShell("", "--service", "dhcp4", "--service", "dhcp6", "version-get");
        assertThat(two.out()).matches("(?s)\\[ \\{ \"arguments\": \\{ \"extended\": .*\"result\": 0, \"text\": \"[0-9.]+\" \\},"
                + " \\{ \"result\": 1, \"text\": \"forwarding socket is not configured for the server type dhcp6\" \\} \\]\\n");

        Run own = ruruShell("", "foo");
        assertThat(own.out()).startsWith("[ { \"result\": 2, \"text\": \"'foo' command not supported. You did not include");
    }

    @Test
    void basicAuthenticationWithKeaShellAndRuruShell() throws Exception {
        String auth = "\"authentication\": { \"type\": \"basic\", \"realm\": \"kea-control-agent\","
                + " \"clients\": [ { \"user\": \"admin\", \"password\": \"" + PASSWORD + "\" } ] },";
        Files.writeString(dir.resolve("agent.json"), agentConfig(auth));
        Run reload = curl("{ \"command\": \"config-reload\" }");
        assertThat(reload.out()).startsWith("[ { \"arguments\": { \"hash\": ").contains("\"result\": 0");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Run refused = keaShell("", "--service", "dhcp4", "version-get");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).isEqualTo("Failed to run: HTTP Error 401: Unauthorized\n");
        });
        Run refused = ruruShell("", "--service", "dhcp4", "version-get");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEqualTo("Failed to run: HTTP Error 401: Unauthorized\n");

        Run wrong = keaShell("", "--auth-user", "admin", "--auth-password", "nope", "version-get");
        assertThat(wrong.out()).isEqualTo("Failed to run: HTTP Error 401: Unauthorized\n");

        Run shell = keaShell("", "--auth-user", "admin", "--auth-password", PASSWORD, "--service", "dhcp4",
                "list-commands");
        assertThat(shell.exit()).as(shell.out()).isZero();
        assertThat(shell.out()).contains("\"statistic-get\"");

        Path secret = dir.resolve("password");
        Files.writeString(secret, PASSWORD + "\n");
        Run ours = ruruShell("", "--auth-user", "admin", "--auth-password-file", secret.toString(), "--service",
                "dhcp4", "list-commands");
        assertThat(ours.exit()).as(ours.out()).isZero();
        assertThat(ours.out()).contains("\"statistic-get\"");

        Run curled = curl("{ \"command\": \"status-get\" }", "-u", "admin:" + PASSWORD);
        assertThat(curled.out()).startsWith("[ { \"arguments\": { \"pid\": " + agent.pid());
    }

    @Test
    void aDaemonThatStopsGetsAnErrorElementAndTheAgentShutsDownWhenAsked() throws Exception {
        Run stopped = curl("{ \"command\": \"shutdown\", \"service\": [ \"dhcp4\" ] }");
        assertThat(stopped.out()).isEqualTo("[ { \"result\": 0, \"text\": \"Shutting down.\" } ]");
        assertThat(dhcp4.waitForExit(Duration.ofSeconds(30))).isZero();

        Run dead = curl("{ \"command\": \"version-get\", \"service\": [ \"dhcp4\" ] }");
        assertThat(dead.out()).isEqualTo("[ { \"result\": 1, \"text\": \"unable to forward command to the dhcp4 service:"
                + " No such file or directory. The server is likely to be offline\" } ]");

        assertThat(dirs.socket("agent.kea-ctrl-agent.pid")).exists();
        Run bye = ruruShell("", "shutdown");
        assertThat(bye.out()).isEqualTo("[ { \"result\": 0, \"text\": \"Shutting down.\" } ]\n");
        assertThat(agent.waitForExit(Duration.ofSeconds(30))).isZero();
        assertThat(dirs.socket("agent.kea-ctrl-agent.pid")).doesNotExist();
    }
}
