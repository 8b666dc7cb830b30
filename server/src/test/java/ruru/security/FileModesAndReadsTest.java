package ruru.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * The files a daemon creates get fixed modes whatever the umask (Kea's CVE-2025-32803 class), and
 * the files a configuration names for their content (TLS keys and certificates, password files)
 * are read only when they are small regular files: a FIFO or /dev/zero named over the control
 * channel cannot hang or exhaust the daemon.
 */
class FileModesAndReadsTest {

    private static String config(String extra) {
        return """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "control-sockets": [ { "socket-type": "unix", "socket-name": "ctl.sock" } %s ],
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output-options": [ { "output": "kea.log" } ] } ],
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" } ] } }
                """.formatted(extra);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void socketsLeaseFilesAndLogFilesGetTheirModesUnderAnOpenUmask() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Path cfg = dirs.writeConfig("kea.json", config(""));
            try (DaemonProcess d = DaemonProcess.startUnderUmask(dirs, "000", "dhcp4", "-c", cfg.toString())) {
                d.awaitSocket(dirs.socket("ctl.sock"));
                assertThat(mode(dirs.socket("ctl.sock"))).isEqualTo("rw-------");
                assertThat(mode(dirs.data("leases4.csv"))).isEqualTo("rw-r-----");
                assertThat(mode(dirs.log("kea.log"))).isEqualTo("rw-r-----");
                DaemonProcess.call(dirs.socket("ctl.sock"), "{ \"command\": \"config-write\", \"arguments\": "
                        + "{ \"filename\": \"saved.json\" } }");
                assertThat(mode(dirs.configFile("saved.json"))).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aFifoOrADeviceNamedAsAKeyOrPasswordFileIsRefusedAtOnce() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Path cfg = dirs.writeConfig("kea.json", config(""));
            Path fifo = dirs.configFile("fifo");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
            try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString())) {
                Path socket = dirs.socket("ctl.sock");
                d.awaitSocket(socket);
                String[] sockets = {
                    ", { \"socket-type\": \"https\", \"socket-address\": \"127.0.0.1\", \"socket-port\": 0, "
                            + "\"trust-anchor\": \"/dev/zero\", \"cert-file\": \"/dev/zero\", \"key-file\": \"/dev/zero\" }",
                    ", { \"socket-type\": \"https\", \"socket-address\": \"127.0.0.1\", \"socket-port\": 0, "
                            + "\"trust-anchor\": \"" + fifo + "\", \"cert-file\": \"" + fifo + "\", \"key-file\": \""
                            + fifo + "\" }",
                    ", { \"socket-type\": \"http\", \"socket-address\": \"127.0.0.1\", \"socket-port\": 0, "
                            + "\"authentication\": { \"type\": \"basic\", \"directory\": \"" + dirs.config() + "\", "
                            + "\"clients\": [ { \"user\": \"admin\", \"password-file\": \"fifo\" } ] } }",
                };
                for (String extra : sockets) {
                    Instant t0 = Instant.now();
                    MapElement set = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": "
                            + config(extra) + " }");
                    assertThat(set.get("result").asLong()).as(set.toString()).contains(1L);
                    assertThat(set.get("text").asString().orElseThrow()).containsAnyOf("not a regular file",
                            "Expected '" + fifo + "' to be a regular file");
                    assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(10));
                }
                assertThat(DaemonProcess.call(socket, "{ \"command\": \"version-get\" }").get("result").asLong())
                        .contains(0L);
            }
        }
    }
}
