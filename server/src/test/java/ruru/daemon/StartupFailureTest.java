package ruru.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestConfigs;

/**
 * A daemon that cannot start says why in an operator's words, naming the file and the reason, as
 * Kea does (kea-dhcp4 2.2: {@code DHCP4_SERVER_FAILED server failed: Unable to open PID file
 * '/run/kea/k.kea-dhcp4.pid' for write}), never a Java exception's bare text. A missing directory
 * is refused, not created, as in Kea 3.
 */
class StartupFailureTest {

    private DaemonDirs dirs;
    private Path missing;

    @BeforeEach
    void dirs() throws Exception {
        dirs = DaemonDirs.create();
        missing = dirs.root().resolve("missing");
    }

    @AfterEach
    void close() {
        dirs.close();
    }

    private DaemonProcess.Result run(Map<String, String> env, String word, String config) throws Exception {
        Path cfg = dirs.writeConfig("kea.json", config);
        try (DaemonProcess d = DaemonProcess.start(dirs.root(), dirs.env(env), word, "-c", cfg.toString())) {
            int exit = d.waitForExit(Duration.ofSeconds(60));
            return new DaemonProcess.Result(exit, d.stdout(), d.stderr());
        }
    }

    private String noDirectory() {
        return "No such file or directory (the directory " + missing + " does not exist; ruru, like Kea 3, does not"
                + " create it)";
    }

    @Test
    void aMissingSocketDirectoryStopsDhcp4AtThePidFileWithFileAndReason() throws Exception {
        DaemonProcess.Result r = run(Map.of("KEA_CONTROL_SOCKET_DIR", missing.toString()), "dhcp4",
                TestConfigs.dhcp4(4000));
        String text = "Unable to open PID file '" + missing.resolve("kea.kea-dhcp4.pid") + "' for write: " + noDirectory();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("ruru dhcp4: Fatal error during start up: " + text);
        assertThat(r.out() + r.err()).containsPattern("FATAL \\[kea-dhcp4\\.dhcp4/[0-9.]+\\] DHCP4_SERVER_FAILED server "
                + "failed: " + java.util.regex.Pattern.quote(text));
        assertThat(missing).doesNotExist();
    }

    @Test
    void d2AndTheAgentSayItWithTheProcessLibrarysMessage() throws Exception {
        Map<String, String> env = Map.of("KEA_CONTROL_SOCKET_DIR", missing.toString());
        DaemonProcess.Result d2 = run(env, "ddns", "{ \"DhcpDdns\": { \"port\": 0 } }");
        assertThat(d2.exit()).isEqualTo(1);
        assertThat(d2.out() + d2.err()).contains("DCTL_PID_FILE_ERROR DhcpDdns could not create a PID file: Unable to "
                + "open PID file '" + missing.resolve("kea.kea-dhcp-ddns.pid") + "' for write: " + noDirectory());
        DaemonProcess.Result agent = run(env, "agent", "{ \"Control-agent\": { \"http-port\": 0 } }");
        assertThat(agent.exit()).isEqualTo(1);
        assertThat(agent.err()).contains("ruru agent: Fatal error during start up: Unable to open PID file '"
                + missing.resolve("kea.kea-ctrl-agent.pid") + "' for write: " + noDirectory());
        assertThat(agent.out() + agent.err()).contains("DCTL_PID_FILE_ERROR Control-agent could not create a PID file");
    }

    @Test
    void withThePidFileElsewhereTheSocketsLockFileSaysTheDirectoryIsMissing() throws Exception {
        DaemonProcess.Result r = run(Map.of("KEA_CONTROL_SOCKET_DIR", missing.toString(),
                "KEA_PIDFILE_DIR", dirs.sockets().toString()), "dhcp4", TestConfigs.dhcp4(4000));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("unable to open control socket " + missing.resolve("ctl.sock")
                + ": cannot create socket lockfile, " + missing.resolve("ctl.sock.lock") + ": " + noDirectory());
        assertThat(missing).doesNotExist();
    }

    @Test
    void aMissingLogDirectoryNamesTheFileAndTheReason() throws Exception {
        DaemonProcess.Result r = run(Map.of("KEA_LOG_FILE_DIR", missing.toString()), "dhcp4", """
                { "Dhcp4": {
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "persist": false },
                    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                                   "output-options": [ { "output": "kea-dhcp4.log" } ] } ]
                } }
                """);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot open log output: " + missing.resolve("kea-dhcp4.log") + ": log directory "
                + missing + " does not exist; a logger never creates directories");
        assertThat(missing).doesNotExist();
    }
}
