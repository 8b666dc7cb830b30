package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaLogLevels;

/**
 * Issue 9 item 8, the DController daemons' command registration: kea-dhcp-ddns and kea-ctrl-agent
 * 2.2 (live) and ruru's ddns and agent start on the same configuration with a debug-99 logger,
 * take one command and a shutdown command, and their COMMAND_REGISTERED / _DEREGISTERED /
 * COMMAND_RECEIVED lines and STARTED line are compared line by line (severity, logger, ID, text,
 * order; versions masked; Kea 3's config-hash-get left out). Kea's D2 registers list-commands (its
 * command manager's own) as it is made and the rest once started, the agent everything once started;
 * both deregister in name order at shutdown. D2's -d -t registers list-commands only.
 */
class DControllerLoggingAgainstKeaTest {

    @Test
    void d2RegistersItsCommandsAsKeas() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String body = "\"ip-address\": \"127.0.0.1\", \"port\": " + port
                + ", \"forward-ddns\": { }, \"reverse-ddns\": { }";
        List<String> kea = runKea("kea-dhcp-ddns", "DhcpDdns", body, dirs -> {
            DaemonProcess.send(dirs.root().resolve("d2.sock"), "{ \"command\": \"list-commands\" }");
            DaemonProcess.send(dirs.root().resolve("d2.sock"), "{ \"command\": \"shutdown\" }");
        });
        List<String> ruru = runRuru("ddns", "kea-dhcp-ddns", "DhcpDdns", body, dirs -> {
            DaemonProcess.send(dirs.socket("d2.sock"), "{ \"command\": \"list-commands\" }");
            DaemonProcess.send(dirs.socket("d2.sock"), "{ \"command\": \"shutdown\" }");
        });
        assertThat(String.join("\n", ruru)).isEqualTo(String.join("\n", kea));
        // (list-commands' line goes to the start-up logging, standard output: d2CheckRegistersListCommandsOnlyAsKeas)
        assertThat(kea).startsWith("INFO [kea-dhcp-ddns.dhcpddns] DHCP_DDNS_STARTED Kea DHCP-DDNS server version @V@ started",
                "DEBUG [kea-dhcp-ddns.commands] COMMAND_REGISTERED Command build-report registered");
        assertThat(kea).contains("DEBUG [kea-dhcp-ddns.commands] COMMAND_DEREGISTERED Command version-get deregistered");
    }

    @Test
    void agentRegistersItsCommandsAsKeas() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String body = "\"http-host\": \"127.0.0.1\", \"http-port\": " + port;
        Interaction http = dirs -> {
            HttpClient client = HttpClient.newHttpClient();
            for (String c : List.of("list-commands", "shutdown")) {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{ \"command\": \"" + c + "\" }")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        };
        List<String> kea = runKea("kea-ctrl-agent", "Control-agent", body, http);
        List<String> ruru = runRuru("agent", "kea-ctrl-agent", "Control-agent", body, http);
        assertThat(String.join("\n", ruru)).isEqualTo(String.join("\n", kea));
        assertThat(kea).startsWith("INFO [kea-ctrl-agent.ctrl-agent] CTRL_AGENT_STARTED Kea Control Agent version @V@ started",
                "DEBUG [kea-ctrl-agent.commands] COMMAND_REGISTERED Command list-commands registered");
        assertThat(kea).contains("DEBUG [kea-ctrl-agent.commands] COMMAND_DEREGISTERED Command version-get deregistered");
    }

    @Test
    void d2CheckRegistersListCommandsOnlyAsKeas() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        String config = "{ \"DhcpDdns\": { \"ip-address\": \"127.0.0.1\", \"port\": 53001 } }";
        Path kFile = dirs.root().resolve("kea-check.json");
        Files.writeString(kFile, config);
        Path rFile = dirs.writeConfig("check.json", config);
        Process p = new ProcessBuilder("/usr/sbin/kea-dhcp-ddns", "-d", "-t", kFile.toString()).redirectErrorStream(true)
                .start();
        String kea = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        DaemonProcess.Result r = DaemonProcess.runToEnd(dirs, "ddns", "-d", "-t", rFile.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> k = commandLines(kea);
        assertThat(commandLines(r.out() + r.err())).isEqualTo(k);
        assertThat(k).containsExactly("DEBUG [kea-dhcp-ddns.commands] COMMAND_REGISTERED Command list-commands registered");
    }

    /** What the test does with a started daemon (the last thing: a shutdown command). */
    @FunctionalInterface
    interface Interaction {
        void run(DaemonDirs dirs) throws Exception;
    }

    private static List<String> runKea(String binary, String root, String body, Interaction interaction) throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path log = dirs.root().resolve("kea.log");
        Path config = dirs.root().resolve("kea.json");
        Files.writeString(config, document(root, body, binary, dirs.root().resolve("d2.sock").toString(), log));
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/" + binary, "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dirs.root().resolve("kea.out").toFile());
        pb.environment().putAll(Map.of("KEA_PIDFILE_DIR", dirs.root().toString(), "KEA_LOCKFILE_DIR",
                dirs.root().toString()));
        Process p = pb.start();
        try {
            awaitLine(log, "_STARTED ");
            interaction.run(dirs);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s stops on shutdown", binary).isTrue();
        } finally {
            p.destroy();
        }
        return commandLines(Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    private static List<String> runRuru(String word, String binary, String root, String body, Interaction interaction)
            throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path log = dirs.logs().resolve("ruru.log");
        Path config = dirs.writeConfig("ruru.json", document(root, body, binary, "d2.sock", log));
        try (DaemonProcess d = DaemonProcess.start(dirs, word, "-c", config.toString())) {
            awaitLine(log, "_STARTED ");
            interaction.run(dirs);
            assertThat(d.waitForExit(Duration.ofSeconds(30))).as("%s stops on shutdown: %s", word, d.stderr()).isZero();
        }
        return commandLines(Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    private static String document(String root, String body, String binary, String socket, Path log) {
        String control = root.equals("DhcpDdns")
                ? ", \"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"" + socket + "\" }"
                : "";
        return "{ \"" + root + "\": { " + body + control + ", \"loggers\": [ { \"name\": \"" + binary
                + "\", \"severity\": \"DEBUG\", \"debuglevel\": 99, \"output_options\": [ { \"output\": \"" + log
                + "\", \"flush\": true } ] } ] } }";
    }

    private static void awaitLine(Path log, String marker) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(marker)) {
                Thread.sleep(300); // the registration lines written right after
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + marker + " line in " + log);
    }

    /** The registration, command and STARTED lines as severity [logger] ID text, versions masked. */
    static List<String> commandLines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches() || KeaLogLevels.kea3Command(m.group(3), m.group(4))) {
                continue;
            }
            String id = m.group(3);
            if (id.equals("COMMAND_REGISTERED") || id.equals("COMMAND_DEREGISTERED") || id.equals("COMMAND_RECEIVED")
                    || id.endsWith("_STARTED") && !id.contains("HTTP") && !id.contains("QUEUE")) {
                out.add(m.group(1) + " [" + m.group(2) + "] " + id + " "
                        + m.group(4).replaceAll("version [0-9.]+", "version @V@"));
            }
        }
        return out;
    }
}
