package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Examples;
import ruru.testing.TestConfigs;

/** {@code ruru dhcp4 -t FILE}: exit 0 when valid, 1 with the error and its file:line:col. */
class Dhcp4ConfigCheckTest {

    private static DaemonDirs dirs;
    private static Path dir;

    @BeforeAll
    static void dir() throws Exception {
        dirs = DaemonDirs.create();
        dir = dirs.config();
    }

    private DaemonProcess.Result check(String name, String text) throws Exception {
        Path f = dirs.writeConfig(name, text);
        return DaemonProcess.runToEnd(dirs, "dhcp4", "-t", f.toString());
    }

    @Test
    void validConfiguration() throws Exception {
        DaemonProcess.Result r = check("ok.json", TestConfigs.dhcp4(4000));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Syntax check OK");
    }

    /**
     * The shipped examples pass -t on a machine that has the interfaces they name: run in a network
     * namespace with a veth named "eth0" (dhcp4-lan.json's), since ruru, as Kea, refuses an
     * interface that does not exist and this machine need not have an eth0.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dhcp4-loopback.json", "dhcp4-lan.json", "dhcp4-relay.json"})
    void theShippedExamplesAreValid(String name) throws Exception {
        Path example = Examples.file(name);
        Map<String, String> env = Examples.launcherEnv(example);
        assertThat(env).containsEntry("KEA_CONTROL_SOCKET_DIR", Examples.checkout() + "/examples/run/sockets")
                .containsEntry("KEA_DHCP_DATA_DIR", Examples.checkout() + "/examples/run/data");
        try (ruru.testing.NetnsPair net = ruru.testing.NetnsPair.create("xc", false, null)) {
            net.exec(net.server(), "ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0p");
            try (DaemonProcess d = DaemonProcess.startIn(net.server(), dir, env, "dhcp4", "-t", example.toString())) {
                assertThat(d.waitForExit(java.time.Duration.ofSeconds(60))).as(d.stderr()).isZero();
                assertThat(d.stdout()).contains("Syntax check OK");
            }
            // Without the launcher's directories the bare names go to Kea's standard ones.
            try (DaemonProcess d = DaemonProcess.startIn(net.server(), dir, Map.of(), "dhcp4", "-t",
                    example.toString())) {
                assertThat(d.waitForExit(java.time.Duration.ofSeconds(60))).as(d.stderr()).isZero();
            }
        }
    }

    @Test
    void theAgentExampleIsValid() throws Exception {
        Path example = Examples.file("agent.json");
        DaemonProcess.Result r = DaemonProcess.runToEnd(dir, Examples.launcherEnv(example), "agent", "-t",
                example.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Syntax check OK");
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() throws Exception {
        DaemonProcess.Result r = check("syntax.json", "{\n  \"Dhcp4\": {\n    \"valid-lifetime\" 4000\n  }\n}\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(dir.resolve("syntax.json") + ":3:");
    }

    @Test
    void unknownParameterNamesItsPosition() throws Exception {
        DaemonProcess.Result r = check("unknown.json", "{\n  \"Dhcp4\": {\n    \"valid-lifetime\": 4000,\n    \"BOGUS\": 1\n  }\n}\n");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("BOGUS").contains("unknown.json:4:");
    }

    @Test
    void notSupportedYetIsRefusedByName() throws Exception {
        DaemonProcess.Result r = check("cb.json", "{ \"Dhcp4\": {\n \"config-control\": { } } }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("config-control").contains("not supported yet").contains("cb.json:2:");
    }

    @Test
    void missingDaemonElement() throws Exception {
        DaemonProcess.Result r = check("none.json", "{ \"Dhcp6\": { } }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Dhcp4");
    }

    @Test
    void errorInsideAnIncludedFileIsPositionedThere() throws Exception {
        dirs.writeConfig("part.json", "{\n  \"valid-lifetime\": 4000,\n  \"BOGUS\": true\n}\n");
        DaemonProcess.Result r = check("main.json", "{ \"Dhcp4\": <?include \"part.json\"?> }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("part.json:3:");
    }

    @Test
    void controlSocketOutsideItsDirectoryIsRefused() throws Exception {
        DaemonProcess.Result r = check("evil.json",
                "{ \"Dhcp4\": { \"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"/etc/evil.sock\" } } }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("'socket-name' is invalid: invalid path specified: '/etc', supported path is '"
                + dirs.sockets() + "'");
        DaemonProcess.Result beside = check("beside.json", "{ \"Dhcp4\": { \"control-socket\": { \"socket-type\": "
                + "\"unix\", \"socket-name\": \"" + dir.resolve("x.sock") + "\" } } }");
        assertThat(beside.err()).as("the configuration's directory is no catch-all").contains("invalid path specified");
    }

    @Test
    void kindsSharingADirectoryAreRefusedAtStart() throws Exception {
        Path f = dirs.writeConfig("shared.json", TestConfigs.dhcp4(4000));
        DaemonProcess.Result r = DaemonProcess.runToEnd(dir, dirs.env(Map.of("KEA_HOOKS_PATH", dirs.logs().toString())),
                "dhcp4", "-t", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("the log file directory (KEA_LOG_FILE_DIR) and the hook library directory "
                + "(KEA_HOOKS_PATH) are both");
        DaemonProcess.Result lax = DaemonProcess.runToEnd(dir, dirs.env(Map.of("KEA_HOOKS_PATH", dirs.logs().toString())),
                "dhcp4", "-X", "-t", f.toString());
        assertThat(lax.exit()).as("-X does not lift the hooks rule").isEqualTo(1);
    }
}
