package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.StringElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestConfigs;

/**
 * One real dhcp4 daemon, driven over its UNIX socket by socat and by a plain socket client:
 * every common command, read-only ones first. Configuration changes have their own test class.
 */
class Dhcp4ControlChannelTest {

    private static DaemonDirs dirs;
    private static Path dir;
    private static Path socket;
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        dirs = DaemonDirs.create();
        dir = dirs.root();
        Path cfg = dirs.writeConfig("kea.json", TestConfigs.dhcp4(4000));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static MapElement call(String command) throws IOException {
        return DaemonProcess.call(socket, command);
    }

    @Test
    void socatListCommandsAsTheArmShowsIt() throws Exception {
        Process p = new ProcessBuilder("sh", "-c",
                "echo '{ \"command\": \"list-commands\" }' | socat UNIX:" + socket + " -,ignoreeof")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as("socat must be installed (apt-get install socat); output: " + out).isZero();
        assertThat(out).startsWith("{ \"arguments\": [ \"build-report\", \"config-backend-pull\", \"config-get\", ")
                .endsWith(" ], \"result\": 0 }");
        List<String> names = ((ListElement) ((MapElement) Json.parse(out, ParseOptions.string()))
                .get("arguments")).items().stream().map(e -> ((StringElement) e).value()).toList();
        assertThat(names).isSorted().containsExactlyInAnyOrder(
                "build-report", "config-backend-pull", "config-get", "config-hash-get", "config-reload",
                "config-set", "config-test", "config-write", "dhcp-disable", "dhcp-enable", "leases-reclaim", "libreload",
                "list-commands", "server-tag-get", "shutdown", "statistic-get", "statistic-get-all",
                "statistic-remove", "statistic-remove-all", "statistic-reset", "statistic-reset-all",
                "statistic-sample-age-set", "statistic-sample-age-set-all", "statistic-sample-count-set",
                "statistic-sample-count-set-all", "status-get", "version-get");
    }

    @Test
    void socketFileIsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    }

    @Test
    void versionGetAndBuildReport() throws Exception {
        MapElement v = call("{ \"command\": \"version-get\" }");
        assertThat(v.get("result")).isEqualTo(Element.of(0));
        assertThat(((StringElement) v.get("text")).value()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(((StringElement) ((MapElement) v.get("arguments")).get("extended")).value()).contains("ruru");
        MapElement b = call("{ \"command\": \"build-report\" }");
        assertThat(((StringElement) b.get("text")).value()).contains("ruru build report");
    }

    @Test
    void configGetCarriesTheHashAndUserContext() throws Exception {
        MapElement get = call("{ \"command\": \"config-get\" }");
        MapElement args = (MapElement) get.get("arguments");
        String hash = ((StringElement) args.get("hash")).value();
        assertThat(hash).matches("[0-9A-F]{64}");
        // The hash is SHA-256 of the compact text of { "Dhcp4": ... }.
        assertThat(Json.hash(args.without("hash"))).isEqualTo(hash);
        MapElement hashGet = (MapElement) call("{ \"command\": \"config-hash-get\" }").get("arguments");
        assertThat(hashGet.get("hash")).isEqualTo(Element.of(hash));
        MapElement subnet = (MapElement) ((ListElement) ((MapElement) args.get("Dhcp4")).get("subnet4")).get(0);
        assertThat(subnet.has("comment")).isFalse();
        assertThat(subnet.get("user-context")).isEqualTo(MapElement.builder().put("comment", "first floor").build());
    }

    @Test
    void statusGetReportsProcessAndServiceState() throws Exception {
        MapElement args = (MapElement) call("{ \"command\": \"status-get\" }").get("arguments");
        assertThat(args.get("pid")).isEqualTo(Element.of(daemon.pid()));
        assertThat(((IntElement) args.get("uptime")).value()).isBetween(0L, 600L);
        assertThat(((IntElement) args.get("reload")).value()).isBetween(0L, 600L);
        assertThat(args.get("multi-threading-enabled")).isEqualTo(Element.of(true));
        assertThat(args.has("thread-pool-size")).isTrue();
        assertThat(args.get("packet-queue-size")).isEqualTo(Element.of(64));
        MapElement state = (MapElement) args.get("dhcp-state");
        assertThat(state.get("globally-disabled")).isEqualTo(Element.of(false));
        assertThat(state.get("disabled-by-user")).isEqualTo(Element.of(false));
    }

    @Test
    void dhcpDisableShowsInStatusAndEnableClearsIt() throws Exception {
        MapElement d = call("{ \"command\": \"dhcp-disable\", \"arguments\": { \"max-period\": 600 } }");
        assertThat(d.get("text")).isEqualTo(Element.of("DHCPv4 service disabled for 600 seconds"));
        MapElement state = (MapElement) ((MapElement) call("{ \"command\": \"status-get\" }").get("arguments")).get("dhcp-state");
        assertThat(state.get("disabled-by-user")).isEqualTo(Element.of(true));
        assertThat(state.get("globally-disabled")).isEqualTo(Element.of(true));
        MapElement e = call("{ \"command\": \"dhcp-enable\" }");
        assertThat(e.get("text")).isEqualTo(Element.of("DHCP service successfully enabled"));
        state = (MapElement) ((MapElement) call("{ \"command\": \"status-get\" }").get("arguments")).get("dhcp-state");
        assertThat(state.get("globally-disabled")).isEqualTo(Element.of(false));
    }

    @Test
    void smallDhcpCommands() throws Exception {
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"server-tag-get\" }"))
                .isEqualTo("{ \"arguments\": { \"server-tag\": \"\" }, \"result\": 0 }");
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"config-backend-pull\" }"))
                .isEqualTo("{ \"result\": 3, \"text\": \"No config backend.\" }");
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"libreload\" }"))
                .isEqualTo("{ \"result\": 0, \"text\": \"Hooks libraries successfully reloaded.\" }");
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"foo-bar\" }"))
                .isEqualTo("{ \"result\": 2, \"text\": \"'foo-bar' command not supported.\" }");
    }

    @Test
    void statisticsUseTheConfiguredSampleCount() throws Exception {
        MapElement all = call("{ \"command\": \"statistic-get-all\" }");
        assertThat(all.get("result")).isEqualTo(Element.of(0));
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"statistic-get\", \"arguments\": { \"name\": \"nope\" } }"))
                .isEqualTo("{ \"arguments\": {  }, \"result\": 0 }");
    }

    @Test
    void commentsInCommandsAndMalformedCommands() throws Exception {
        assertThat(call("# a comment\n{ /* c */ \"command\": // c\n \"config-hash-get\" }").get("result"))
                .isEqualTo(Element.of(0));
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"version-get\", \"bogus\": 1 }"))
                .isEqualTo("{ \"result\": 1, \"text\": \"Error during command processing: invalid command: unsupported parameter 'bogus'\" }");
        assertThat(DaemonProcess.send(socket, "this is not json"))
                .isEqualTo("{ \"result\": 1, \"text\": \"invalid first character t\" }");
    }

    @Test
    void keepsServingAfterEachCall() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(call("{ \"command\": \"config-hash-get\" }").get("result")).isEqualTo(Element.of(0));
        }
        assertThat(daemon.process().isAlive()).isTrue();
    }
}
