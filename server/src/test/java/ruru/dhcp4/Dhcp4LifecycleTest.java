package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestConfigs;

/** A daemon's configuration lifecycle, each test with its own daemon process. */
class Dhcp4LifecycleTest {

    private DaemonDirs dirs;
    private Path dir;
    private Path cfg;
    private Path socket;
    private DaemonProcess daemon;

    @BeforeEach
    void start() throws Exception {
        dirs = DaemonDirs.create();
        dir = dirs.config();
        cfg = dirs.writeConfig("kea.json", TestConfigs.dhcp4(4000));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterEach
    void stop() {
        daemon.close();
        dirs.close();
    }

    private MapElement call(String command) throws IOException {
        return DaemonProcess.call(socket, command);
    }

    private String hash() throws IOException {
        return ((StringElement) ((MapElement) call("{ \"command\": \"config-hash-get\" }").get("arguments")).get("hash")).value();
    }

    private long validLifetime() throws IOException {
        MapElement args = (MapElement) call("{ \"command\": \"config-get\" }").get("arguments");
        return ((MapElement) args.get("Dhcp4")).get("valid-lifetime").asLong().orElseThrow();
    }

    private static String configSet(String dhcp4Body) {
        return "{ \"command\": \"config-set\", \"arguments\": { \"Dhcp4\": " + dhcp4Body + " } }";
    }

    private static String body(int validLifetime) {
        String text = TestConfigs.dhcp4(validLifetime);
        return text.substring(text.indexOf("\"Dhcp4\": ") + 9, text.lastIndexOf('}'));
    }

    @Test
    void failedConfigSetLeavesTheRunningConfigurationUntouched() throws Exception {
        String before = hash();
        MapElement bad = call("{ \"command\": \"config-set\", \"arguments\": { \"Dhcp4\": {\n \"BOGUS\": 1 } } }");
        assertThat(bad.get("result")).isEqualTo(Element.of(1));
        assertThat(((StringElement) bad.get("text")).value()).contains("BOGUS").contains("(<wire>:1:");
        assertThat(hash()).isEqualTo(before);
        MapElement wrongType = call(configSet(body(4000).replace("\"valid-lifetime\": 4000", "\"valid-lifetime\": \"long\"")));
        assertThat(wrongType.get("result")).isEqualTo(Element.of(1));
        assertThat(hash()).isEqualTo(before);
        assertThat(call("{ \"command\": \"config-set\" }").get("text"))
                .isEqualTo(Element.of("Missing mandatory 'arguments' parameter."));
        assertThat(call("{ \"command\": \"config-set\", \"arguments\": { } }").get("text"))
                .isEqualTo(Element.of("Missing mandatory 'Dhcp4' parameter."));
        assertThat(hash()).isEqualTo(before);
    }

    @Test
    void configSetAppliesAndAnswersTheNewHash() throws Exception {
        String before = hash();
        MapElement ok = call(configSet(body(7200)));
        assertThat(ok.get("text")).isEqualTo(Element.of("Configuration successful."));
        String after = ((StringElement) ((MapElement) ok.get("arguments")).get("hash")).value();
        assertThat(after).isNotEqualTo(before).isEqualTo(hash());
        assertThat(validLifetime()).isEqualTo(7200);
        MapElement test = call("{ \"command\": \"config-test\", \"arguments\": { \"Dhcp4\": " + body(1) + " } }");
        assertThat(((StringElement) test.get("text")).value()).startsWith("Configuration seems sane.");
        assertThat(validLifetime()).as("config-test applies nothing").isEqualTo(7200);
    }

    @Test
    void configReloadAndSighupReadTheFileAgain() throws Exception {
        Files.writeString(cfg, TestConfigs.dhcp4(5000));
        assertThat(call("{ \"command\": \"config-reload\" }").get("text")).isEqualTo(Element.of("Configuration successful."));
        assertThat(validLifetime()).isEqualTo(5000);

        Files.writeString(cfg, TestConfigs.dhcp4(6000));
        new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor();
        await().atMost(Duration.ofSeconds(20)).until(() -> validLifetime() == 6000);

        Files.writeString(cfg, "{ \"Dhcp4\": {\n  \"valid-lifetime\": 1,\n  \"oops\": 2 } }");
        String before = hash();
        MapElement failed = call("{ \"command\": \"config-reload\" }");
        assertThat(failed.get("result")).isEqualTo(Element.of(1));
        assertThat(((StringElement) failed.get("text")).value())
                .startsWith("Config reload failed: configuration error using file '" + cfg + "': ")
                .contains("oops").contains(cfg + ":3:");
        assertThat(hash()).isEqualTo(before);
        assertThat(daemon.process().isAlive()).isTrue();
    }

    @Test
    void configWriteStaysInTheConfigDirectory() throws Exception {
        MapElement w = call("{ \"command\": \"config-write\", \"arguments\": { \"filename\": \"saved.json\" } }");
        assertThat(w.get("text")).isEqualTo(Element.of("Configuration written to saved.json successful"));
        Path saved = dir.resolve("saved.json");
        assertThat(((MapElement) w.get("arguments")).get("size")).isEqualTo(Element.of(Files.size(saved)));
        MapElement current = (MapElement) ((MapElement) call("{ \"command\": \"config-get\" }").get("arguments")).without("hash");
        assertThat(Json.parseFile(saved, x -> { })).isEqualTo(current);
        assertThat(Files.readString(saved)).startsWith("{\n  \"Dhcp4\": {\n");

        for (String evil : new String[] {"/tmp/evil.json", "../evil.json", "sub/evil.json"}) {
            MapElement refused = call("{ \"command\": \"config-write\", \"arguments\": { \"filename\": \"" + evil + "\" } }");
            assertThat(refused.get("result")).isEqualTo(Element.of(1));
            assertThat(((StringElement) refused.get("text")).value())
                    .isEqualTo("not allowed to write config into " + evil + ": file " + evil
                            + " must be in the same directory as the config file (" + cfg + ")");
        }
        assertThat(Path.of("/tmp/evil.json")).doesNotExist();
        assertThat(call("{ \"command\": \"config-write\", \"arguments\": { \"filename\": 5 } }").get("text"))
                .isEqualTo(Element.of("passed parameter 'filename' is not a string"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-r-----"));
        MapElement dflt = call("{ \"command\": \"config-write\" }");
        assertThat(dflt.get("text")).isEqualTo(Element.of("Configuration written to " + cfg + " successful"));
        assertThat(Json.parseFile(cfg, x -> { })).isEqualTo(current);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg))).isEqualTo("rw-r-----");
    }

    @Test
    void shutdownExitValueBecomesTheExitCodeAndFilesAreRemoved() throws Exception {
        Path pid = dirs.socket("kea.kea-dhcp4.pid");
        assertThat(Files.readString(pid).trim()).isEqualTo(Long.toString(daemon.pid()));
        assertThat(call("{ \"command\": \"shutdown\", \"arguments\": { \"exit-value\": 7 } }").get("text"))
                .isEqualTo(Element.of("Shutting down."));
        assertThat(daemon.waitForExit(Duration.ofSeconds(20))).isEqualTo(7);
        assertThat(socket).doesNotExist();
        assertThat(pid).doesNotExist();
    }

    @Test
    void sigtermShutsDownCleanly() throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).start().waitFor();
        assertThat(daemon.waitForExit(Duration.ofSeconds(20))).isZero();
        assertThat(socket).doesNotExist();
    }

    @Test
    void aSecondInstanceOnTheSameConfigOrSocketRefusesToStart() throws Exception {
        try (DaemonProcess second = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString())) {
            assertThat(second.waitForExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(second.stderr()).contains("another instance is already running");
        }
        Path other = dirs.writeConfig("other.json", TestConfigs.dhcp4(1234));
        try (DaemonProcess second = DaemonProcess.start(dirs, "dhcp4", "-c", other.toString())) {
            assertThat(second.waitForExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(second.stderr()).contains("unable to open control socket").contains("ctl.sock");
        }
        assertThat(hash()).isNotEmpty();
    }

    @Test
    void aKilledDaemonsStaleSocketIsReplacedOnRestart() throws Exception {
        daemon.process().destroyForcibly().waitFor();
        assertThat(socket).exists();
        daemon = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
        assertThat(hash()).matches("[0-9A-F]{64}");
    }
}
