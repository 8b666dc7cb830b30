package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.Json;
import ruru.json.ParseOptions;

/** Where a logger's file {@code output} may go: directly in the log directory, Kea 3's rule. */
class LogOutputPathsTest {

    @TempDir
    Path tmp;
    private Path logs;
    private Path etc;

    @BeforeEach
    void setUp() throws Exception {
        logs = Files.createDirectory(tmp.resolve("log"));
        etc = Files.createDirectory(tmp.resolve("etc"));
    }

    private Path output(Path logDir, String output) throws ConfigException {
        PathPolicy paths = new PathPolicy(etc, Map.of("KEA_LOG_FILE_DIR", logDir.toString()), false);
        try {
            var loggers = Json.parse("[ { \"name\": \"kea-dhcp4\", \"output-options\": [ { \"output\": "
                    + Json.toCompact(ruru.json.Element.of(output)) + " } ] } ]", ParseOptions.string());
            return ((OutputSpec.File) LoggingConfigParser.parse(loggers, paths).getFirst().outputs().getFirst()).path();
        } catch (ruru.json.JsonException e) {
            throw new AssertionError(e);
        }
    }

    private Path output(String output) throws ConfigException {
        return output(logs, output);
    }

    @Test
    void aBareNameGoesToTheLogDirectoryAndAnAbsoluteOneMustNameAFileDirectlyInIt() throws Exception {
        assertThat(output("kea.log")).isEqualTo(logs.resolve("kea.log"));
        assertThat(output(logs + "/kea.log")).isEqualTo(logs.resolve("kea.log"));
        assertThatThrownBy(() -> output(logs + "/sub/kea.log"))
                .hasMessageContaining("invalid path specified: '" + logs + "/sub', supported path is '" + logs + "'");
        assertThatThrownBy(() -> output("sub/kea.log")).hasMessageContaining("invalid path specified");
    }

    @Test
    void refusesPathsOutsideTheLogDirectory() {
        assertThatThrownBy(() -> output(tmp.resolve("other.log").toString()))
                .hasMessageContaining("invalid path specified: '" + tmp + "', supported path is '" + logs + "'")
                .hasMessageContaining("KEA_LOG_FILE_DIR");
        assertThatThrownBy(() -> output("../escape.log")).hasMessageContaining("invalid path specified");
        assertThatThrownBy(() -> output(logs + "/../log2/x.log")).hasMessageContaining("invalid path specified");
        // A sibling whose name merely starts with the log directory's is outside too.
        assertThatThrownBy(() -> output(tmp.resolve("log2/x.log").toString()))
                .hasMessageContaining("invalid path specified");
        assertThatThrownBy(() -> output(logs + "/")).hasMessageContaining("has no filename");
        assertThatThrownBy(() -> output("/etc/passwd")).hasMessageContaining("invalid path specified: '/etc'");
        assertThat(tmp.resolve("log2")).doesNotExist();
    }

    @Test
    void theConfigurationDirectoryIsNoLogDirectory() {
        assertThatThrownBy(() -> output(etc.resolve("kea.conf").toString()))
                .hasMessageContaining("invalid path specified: '" + etc + "'");
    }

    @Test
    void refusesSymbolicLinksThatLeadOutside() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(logs.resolve("link"), outside);
        Files.createSymbolicLink(logs.resolve("file.log"), outside.resolve("target.log"));
        assertThatThrownBy(() -> output("link/kea.log")).hasMessageContaining("invalid path specified");
        assertThatThrownBy(() -> output("file.log")).hasMessageContaining("does not lead to an existing file");
        Files.createFile(outside.resolve("target.log"));
        assertThatThrownBy(() -> output("file.log")).hasMessageContaining("is a symbolic link to '"
                + outside.resolve("target.log") + "'");
    }

    @Test
    void followsALinkedLogDirectory() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), logs);
        assertThat(output(link, "kea.log")).isEqualTo(link.resolve("kea.log"));
        assertThat(output(link, logs + "/kea.log")).isEqualTo(logs.resolve("kea.log"));
    }

    @Test
    void refusesADirectoryAndASocket() throws Exception {
        Files.createDirectory(logs.resolve("d"));
        assertThatThrownBy(() -> output("d")).hasMessageContaining("is a directory");
        Path fifo = logs.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertThatThrownBy(() -> output("fifo")).hasMessageContaining("is not a regular file");
    }

    @Test
    void refusesControlCharactersInTheName() {
        assertThatThrownBy(() -> output("a\u0000b.log")).hasMessageContaining("NUL character");
        assertThatThrownBy(() -> output("a\nb.log")).hasMessageContaining("control character");
    }
}
