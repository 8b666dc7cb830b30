package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirectoriesTest {

    @TempDir
    Path tmp;

    @Test
    void bareNameGoesToTheFirstDirectory() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        assertThat(LogDirectories.of(a, b).resolve("kea.log")).isEqualTo(a.resolve("kea.log"));
        assertThat(LogDirectories.of(a, b).resolve(b + "/sub/kea.log")).isEqualTo(b.resolve("sub/kea.log"));
    }

    @Test
    void refusesPathsOutside() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        LogDirectories dirs = LogDirectories.of(a);
        assertThatThrownBy(() -> dirs.resolve(tmp.resolve("other.log").toString()))
                .hasMessageContaining("outside the allowed log directories [" + a + "]");
        assertThatThrownBy(() -> dirs.resolve("../escape.log")).hasMessageContaining("outside");
        assertThatThrownBy(() -> dirs.resolve(a + "/../a2/x.log")).hasMessageContaining("outside");
        // A sibling whose name merely starts with the allowed one is outside too.
        assertThatThrownBy(() -> dirs.resolve(tmp.resolve("ab/x.log").toString())).hasMessageContaining("outside");
        assertThatThrownBy(() -> dirs.resolve(a.toString())).hasMessageContaining("outside");
        assertThatThrownBy(() -> dirs.resolve(a + "/")).hasMessageContaining("has no filename");
        assertThatThrownBy(() -> LogDirectories.none().resolve("x.log")).hasMessageContaining("no log directory");
        assertThat(tmp.resolve("a2")).doesNotExist();
    }

    @Test
    void refusesSymbolicLinksThatLeadOutside() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(a.resolve("link"), outside);
        Files.createSymbolicLink(a.resolve("file.log"), outside.resolve("target.log"));
        LogDirectories dirs = LogDirectories.of(a);
        assertThatThrownBy(() -> dirs.resolve("link/kea.log")).hasMessageContaining("outside");
        assertThatThrownBy(() -> dirs.resolve("file.log")).hasMessageContaining("cannot be resolved");
        Files.createFile(outside.resolve("target.log"));
        assertThatThrownBy(() -> dirs.resolve("file.log")).hasMessageContaining("outside");
    }

    @Test
    void followsALinkedAllowedDirectory() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThat(LogDirectories.of(link).resolve("kea.log")).isEqualTo(link.resolve("kea.log"));
        assertThat(LogDirectories.of(link).resolve(real + "/kea.log")).isEqualTo(real.resolve("kea.log"));
    }

    @Test
    void refusesADirectory() throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Files.createDirectory(a.resolve("d"));
        assertThatThrownBy(() -> LogDirectories.of(a).resolve("d")).hasMessageContaining("is a directory");
    }
}
