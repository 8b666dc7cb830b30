package ruru.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The launcher's own words: help, unknown daemons and flags, version flags. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryDaemonAndFlag() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("dhcp4", "dhcp6", "ddns", "agent", "-c file", "-t file", "-v", "-V", "-W", "-d");
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: ruru <daemon>");
    }

    @Test
    void unknownDaemonIsAClearErrorWithExit2() {
        assertThat(run("dhcp5", "-c", "x.json")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown daemon 'dhcp5'");
    }

    @Test
    void unknownFlagIsAClearErrorWithExit2() {
        assertThat(run("dhcp4", "-q")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option -q").contains("Usage: ruru dhcp4");
    }

    @Test
    void missingFlagValueIsAUsageError() {
        assertThat(run("dhcp4", "-c")).isEqualTo(2);
        assertThat(err.toString()).contains("option -c needs a value");
    }

    @Test
    void badPortIsAUsageError() {
        assertThat(run("dhcp4", "-p", "70000", "-c", "x.json")).isEqualTo(2);
        assertThat(err.toString()).contains("port must be 1-65535");
    }

    @Test
    void versionFlagsPrintAndExitZero() {
        assertThat(run("dhcp4", "-v")).isZero();
        assertThat(out.toString().trim()).matches("\\d+\\.\\d+\\.\\d+");
        out.reset();
        assertThat(run("dhcp4", "-V")).isZero();
        assertThat(out.toString()).contains("ruru").contains("linked with:");
        out.reset();
        assertThat(run("dhcp4", "-W")).isZero();
        assertThat(out.toString()).contains("ruru build report").contains("Kea compatibility");
    }

    @Test
    void missingConfigFileIsExit1() {
        assertThat(run("dhcp4", "-c", "/nonexistent/kea.json")).isEqualTo(1);
        assertThat(err.toString()).contains("/nonexistent/kea.json").contains("does not exist");
    }

    @Test
    void dhcp6IsADaemonLikeTheOthers() {
        assertThat(run("dhcp6", "-c", "/nonexistent/kea-dhcp6.json")).isEqualTo(1);
        assertThat(err.toString()).contains("/nonexistent/kea-dhcp6.json").contains("does not exist");
    }

    @Test
    void helpNamesTheShellAndTheAgentIsImplemented() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("shell").containsPattern("agent .*kea-ctrl-agent\\)\\R");
    }

    @Test
    void agentChecksItsConfigurationWithMinusT() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ruru-agent-t");
        try {
            java.nio.file.Path good = java.nio.file.Files.writeString(dir.resolve("ca.json"),
                    "{ \"Control-agent\": { \"http-port\": 8001, \"control-sockets\": "
                            + "{ \"dhcp4\": { \"socket-name\": \"kea4.sock\" } } } }");
            assertThat(run("agent", "-t", good.toString())).isZero();
            assertThat(out.toString()).contains("Syntax check OK");
            java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.json"),
                    "{ \"Control-agent\": { \"http-port\": \"eighty\" } }");
            assertThat(run("agent", "-t", bad.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("http-port");
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path p : files.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
            java.nio.file.Files.delete(dir);
        }
    }
}
