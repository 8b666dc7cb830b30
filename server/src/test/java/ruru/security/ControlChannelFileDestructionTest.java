package ruru.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * Issue 8 item 2, as the review found it: a control-channel user makes the daemon destroy its own
 * files (append log lines to its configuration, delete the configuration or a password file as a
 * "stale socket", overwrite the configuration with a lease dump, turn the control socket into a
 * regular file). Against a real daemon, with and without {@code -X}: every attempt is refused with
 * a clear answer, every file stays as it was, and the daemon still restarts from its configuration.
 */
class ControlChannelFileDestructionTest {

    private DaemonDirs dirs;
    private DaemonProcess daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        dirs.close();
    }

    private static String config(String socketName, String extra) {
        return """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                    "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" } ],
                    %s
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ] } }
                """.formatted(socketName, extra);
    }

    private MapElement call(Path socket, String command) throws Exception {
        return DaemonProcess.call(socket, command);
    }

    private static long result(MapElement answer) {
        return answer.get("result").asLong().orElseThrow();
    }

    private static String text(MapElement answer) {
        return answer.get("text").asString().orElse("");
    }

    private Path startDaemon(boolean noChecks) throws Exception {
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("kea.json", config("ctl.sock", ""));
        Path socket = dirs.socket("ctl.sock");
        daemon = noChecks ? DaemonProcess.start(dirs, "dhcp4", "-X", "-c", cfg.toString())
                : DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
        return cfg;
    }

    private void attempts(Path cfg, boolean noChecks) throws Exception {
        Path socket = dirs.socket("ctl.sock");
        String original = Files.readString(cfg);
        Path password = Files.writeString(dirs.socket("admin-password"), "s3cret\n");
        Path passwordBeside = Files.writeString(dirs.configFile("admin-password"), "s3cret\n");

        // A log output set to the configuration file.
        MapElement logToConfig = call(socket, "{ \"command\": \"config-set\", \"arguments\": " + config("ctl.sock",
                "\"loggers\": [ { \"name\": \"kea-dhcp4\", \"output-options\": [ { \"output\": \"" + cfg + "\" } ] } ],")
                + " }");
        assertThat(result(logToConfig)).as(logToConfig.toString()).isEqualTo(1);
        assertThat(text(logToConfig)).contains("output");

        // A socket-name naming an existing regular file: the configuration, a password file in the
        // socket directory, a password file beside the configuration.
        for (Path victim : new Path[] {cfg, password, passwordBeside}) {
            MapElement set = call(socket, "{ \"command\": \"config-set\", \"arguments\": "
                    + config(victim.toString(), "") + " }");
            assertThat(result(set)).as(set.toString()).isEqualTo(1);
            assertThat(victim).as("never removed as a stale socket").exists();
        }
        MapElement bare = call(socket, "{ \"command\": \"config-set\", \"arguments\": "
                + config("admin-password", "") + " }");
        assertThat(result(bare)).isEqualTo(1);
        assertThat(text(bare)).contains("a file that is not a socket is there");

        // lease4-write over the configuration file or the control socket.
        for (Path victim : new Path[] {cfg, socket}) {
            MapElement write = call(socket, "{ \"command\": \"lease4-write\", \"arguments\": { \"filename\": \""
                    + victim + "\" } }");
            assertThat(result(write)).as(write.toString()).isEqualTo(1);
        }
        MapElement intoSocketName = call(socket, "{ \"command\": \"lease4-write\", \"arguments\": { \"filename\": "
                + "\"../run/ctl.sock\" } }");
        assertThat(result(intoSocketName)).isEqualTo(1);

        // config-write onto the socket's path.
        MapElement configWrite = call(socket, "{ \"command\": \"config-write\", \"arguments\": { \"filename\": \""
                + socket + "\" } }");
        assertThat(result(configWrite)).as(configWrite.toString()).isEqualTo(1);

        assertThat(Files.readString(cfg)).as("the configuration is untouched").isEqualTo(original);
        assertThat(Files.readString(password)).isEqualTo("s3cret\n");
        assertThat(Files.readString(passwordBeside)).isEqualTo("s3cret\n");
        assertThat(ruru.control.unix.UnixSockets.isSocket(socket)).as("the control socket is still a socket").isTrue();
        assertThat(call(socket, "{ \"command\": \"config-reload\" }").get("result").asLong()).contains(0L);
        if (!noChecks) {
            // What may be written goes where it belongs.
            MapElement dump = call(socket, "{ \"command\": \"lease4-write\", \"arguments\": { \"filename\": "
                    + "\"dump.csv\" } }");
            assertThat(result(dump)).as(dump.toString()).isZero();
            assertThat(dirs.data("dump.csv")).exists();
        }
    }

    @Test
    void theDaemonCannotBeMadeToDestroyItsOwnFiles() throws Exception {
        Path cfg = startDaemon(false);
        attempts(cfg, false);
        daemon.close();
        daemon = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(dirs.socket("ctl.sock"));
    }

    @Test
    void evenWithDashXWritersRefuseToReplaceFilesOfAnotherKind() throws Exception {
        Path cfg = startDaemon(true);
        attempts(cfg, true);
        daemon.close();
        daemon = DaemonProcess.start(dirs, "dhcp4", "-X", "-c", cfg.toString());
        daemon.awaitSocket(dirs.socket("ctl.sock"));
    }

    @Test
    void aStaleSocketIsReplacedButAnythingElseAtTheSocketPathStays() throws Exception {
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("kea.json", config("ctl.sock", ""));
        Path socket = dirs.socket("ctl.sock");
        Files.writeString(socket, "not a socket\n");
        try (DaemonProcess refused = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString())) {
            assertThat(refused.waitForExit(java.time.Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(refused.stderr()).contains("a file that is not a socket is there");
        }
        assertThat(Files.readString(socket)).isEqualTo("not a socket\n");
        Files.delete(socket);
        daemon = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
        daemon.process().destroyForcibly().waitFor();
        assertThat(ruru.control.unix.UnixSockets.isSocket(socket)).as("a stale socket is left").isTrue();
        daemon = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }
}
