package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonProcess;
import ruru.testing.TestConfigs;

/** {@code ruru dhcp4 -t FILE}: exit 0 when valid, 1 with the error and its file:line:col. */
class Dhcp4ConfigCheckTest {

    private static Path dir;

    @BeforeAll
    static void dir() throws Exception {
        dir = TestConfigs.shortTempDir();
    }

    private DaemonProcess.Result check(String name, String text) throws Exception {
        Path f = TestConfigs.write(dir, name, text);
        return DaemonProcess.runToEnd(dir, "dhcp4", "-t", f.toString());
    }

    @Test
    void validConfiguration() throws Exception {
        DaemonProcess.Result r = check("ok.json", TestConfigs.dhcp4(4000));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Syntax check OK");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dhcp4-loopback.json", "dhcp4-lan.json", "dhcp4-relay.json"})
    void theShippedExamplesAreValid(String name) throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve(name);
        DaemonProcess.Result r = DaemonProcess.runToEnd(dir, "dhcp4", "-t", example.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Syntax check OK");
    }

    @Test
    void theAgentExampleIsValid() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("agent.json");
        DaemonProcess.Result r = DaemonProcess.runToEnd(dir, "agent", "-t", example.toString());
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
        DaemonProcess.Result r = check("ddns.json", "{ \"Dhcp4\": {\n \"dhcp-ddns\": { } } }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("dhcp-ddns").contains("not supported yet").contains("ddns.json:2:");
    }

    @Test
    void missingDaemonElement() throws Exception {
        DaemonProcess.Result r = check("none.json", "{ \"Dhcp6\": { } }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Dhcp4");
    }

    @Test
    void errorInsideAnIncludedFileIsPositionedThere() throws Exception {
        TestConfigs.write(dir, "part.json", "{\n  \"valid-lifetime\": 4000,\n  \"BOGUS\": true\n}\n");
        DaemonProcess.Result r = check("main.json", "{ \"Dhcp4\": <?include \"part.json\"?> }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("part.json:3:");
    }

    @Test
    void controlSocketOutsideAllowedDirectoriesIsRefused() throws Exception {
        DaemonProcess.Result r = check("evil.json",
                "{ \"Dhcp4\": { \"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"/etc/evil.sock\" } } }");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("outside the allowed directories");
    }
}
