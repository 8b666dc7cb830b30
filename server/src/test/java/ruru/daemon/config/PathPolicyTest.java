package ruru.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.json.Position;

/** Kea 3's path rules, one directory per kind of file (issue 8 items 1 and 2). */
class PathPolicyTest {

    private final Position pos = new Position("kea.json", 3, 7);
    private final PathPolicy policy = new PathPolicy(Path.of("/etc/kea"), Map.of(), false);

    @TempDir
    Path tmp;

    @Test
    void aBareNameGoesIntoItsKindsStandardDirectory() throws Exception {
        assertThat(policy.resolve(PathKind.CONTROL_SOCKET, "kea4-ctrl-socket", pos))
                .isEqualTo(Path.of("/run/kea/kea4-ctrl-socket"));
        assertThat(policy.resolve(PathKind.DATA, "kea-leases4.csv", pos)).isEqualTo(Path.of("/var/lib/kea/kea-leases4.csv"));
        assertThat(policy.resolve(PathKind.LOG, "kea-dhcp4.log", pos)).isEqualTo(Path.of("/var/log/kea/kea-dhcp4.log"));
        assertThat(policy.resolve(PathKind.HOOKS, "x.jar", pos)).isEqualTo(Path.of("/usr/lib/ruru/hooks/x.jar"));
    }

    @Test
    void anAbsoluteNameMustLieDirectlyInItsKindsDirectory() throws Exception {
        assertThat(policy.resolve(PathKind.CONTROL_SOCKET, "/run/kea/kea4-ctrl-socket", pos))
                .isEqualTo(Path.of("/run/kea/kea4-ctrl-socket"));
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "/var/lib/kea/sub/l.csv", pos))
                .hasMessage("'name' is invalid: invalid path specified: '/var/lib/kea/sub', supported path is "
                        + "'/var/lib/kea'; give a bare file name, or set KEA_DHCP_DATA_DIR to use another directory "
                        + "(kea.json:3:7)");
    }

    @Test
    void theConfigurationDirectoryIsNoCatchAll() {
        for (PathKind kind : PathKind.values()) {
            assertThatThrownBy(() -> policy.resolve(kind, "/etc/kea/x", pos))
                    .hasMessageContaining("invalid path specified: '/etc/kea', supported path is '"
                            + kind.standardDirectory() + "'")
                    .hasMessageContaining(kind.environmentVariable());
        }
    }

    @Test
    void relativeNamesResolveAgainstTheKindsDirectoryAndEscapesAreRefused() {
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "../../etc/cron.d/evil", pos))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid path specified: '/var/etc/cron.d'")
                .hasMessageEndingWith("(kea.json:3:7)");
        assertThatThrownBy(() -> policy.resolve(PathKind.CONTROL_SOCKET, "run/k4.sock", pos))
                .hasMessageContaining("invalid path specified: '/run/kea/run'");
        assertThatThrownBy(() -> policy.resolve(PathKind.CONTROL_SOCKET, "/tmp/x.sock", pos))
                .hasMessageContaining("'socket-name' is invalid: invalid path specified: '/tmp', supported path is "
                        + "'/run/kea'");
        // A directory named like the allowed one is not it.
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "/var/lib/kea-evil/x", pos))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void namesThatAreNoFileNamesAreRefused() {
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "", pos)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "/var/lib/kea/", pos)).hasMessageContaining("has no filename");
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "..", pos)).hasMessageContaining("has no filename");
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "a\u0000b", pos))
                .hasMessageStartingWith("data file name contains a NUL character");
        assertThatThrownBy(() -> policy.resolve(PathKind.LOG, "a\u001bb", pos)).hasMessageContaining("control character");
    }

    @Test
    void environmentReplacesTheStandardDirectory() throws Exception {
        PathPolicy p = new PathPolicy(Path.of("/etc/kea"), Map.of("KEA_DHCP_DATA_DIR", "/srv/leases/"), false);
        assertThat(p.resolve(PathKind.DATA, "/srv/leases/l.csv", pos)).isEqualTo(Path.of("/srv/leases/l.csv"));
        assertThat(p.resolve(PathKind.DATA, "l.csv", pos)).isEqualTo(Path.of("/srv/leases/l.csv"));
        assertThatThrownBy(() -> p.resolve(PathKind.DATA, "/var/lib/kea/l.csv", pos)).isInstanceOf(ConfigException.class);
    }

    @Test
    void dashXWarnsInsteadOfRefusingExceptForHookLibraries() throws Exception {
        PathPolicy p = new PathPolicy(Path.of("/etc/kea"), Map.of(), true);
        assertThat(p.resolve(PathKind.DATA, "/tmp/anywhere.csv", pos)).isEqualTo(Path.of("/tmp/anywhere.csv"));
        assertThat(p.resolve(PathKind.LOG, "sub/k.log", pos)).isEqualTo(Path.of("/var/log/kea/sub/k.log"));
        assertThatThrownBy(() -> p.resolve(PathKind.HOOKS, "/tmp/evil.jar", pos))
                .hasMessageContaining("invalid path specified: '/tmp', supported path is '/usr/lib/ruru/hooks'");
    }

    @Test
    void symbolicLinksAreFollowedBeforeTheCheck() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(data.resolve("sub"), elsewhere);
        Files.createSymbolicLink(data.resolve("l.csv"), elsewhere.resolve("l.csv"));
        Files.createFile(elsewhere.resolve("l.csv"));
        Files.createFile(data.resolve("real.csv"));
        Files.createSymbolicLink(data.resolve("alias.csv"), data.resolve("real.csv"));
        PathPolicy p = new PathPolicy(tmp.resolve("etc"), Map.of("KEA_DHCP_DATA_DIR", data.toString()), false);
        assertThatThrownBy(() -> p.resolve(PathKind.DATA, "sub/x.csv", pos)).hasMessageContaining("invalid path specified");
        assertThatThrownBy(() -> p.resolve(PathKind.DATA, "l.csv", pos))
                .hasMessageContaining("is a symbolic link to '" + elsewhere.resolve("l.csv").toRealPath() + "'");
        assertThat(p.resolve(PathKind.DATA, "alias.csv", pos)).isEqualTo(data.resolve("alias.csv"));
        // The data directory itself may be reached through a link.
        Path link = Files.createSymbolicLink(tmp.resolve("datalink"), data);
        PathPolicy viaLink = new PathPolicy(tmp.resolve("etc"), Map.of("KEA_DHCP_DATA_DIR", link.toString()), false);
        assertThat(viaLink.resolve(PathKind.DATA, data + "/x.csv", pos)).isEqualTo(data.resolve("x.csv"));
    }

    @Test
    void theSocketDirectoryMayGrantAtMost0750() throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        PathPolicy p = new PathPolicy(tmp.resolve("etc"), Map.of("KEA_CONTROL_SOCKET_DIR", run.toString()), false);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(p.resolve(PathKind.CONTROL_SOCKET, "k.sock", pos)).isEqualTo(run.resolve("k.sock"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> p.resolve(PathKind.CONTROL_SOCKET, "k.sock", pos))
                .hasMessageContaining("socket path: " + run + " has permissions rwxr-xr-x, more than rwxr-x--- (0750)");
        PathPolicy lax = new PathPolicy(tmp.resolve("etc"), Map.of("KEA_CONTROL_SOCKET_DIR", run.toString()), true);
        assertThat(lax.resolve(PathKind.CONTROL_SOCKET, "k.sock", pos)).isEqualTo(run.resolve("k.sock"));
    }

    @Test
    void everyKindNeedsADirectoryOfItsOwn() throws Exception {
        new PathPolicy(Path.of("/etc/kea"), Map.of(), false).checkSeparation();
        PathPolicy shared = new PathPolicy(Path.of("/etc/kea"), Map.of("KEA_LOG_FILE_DIR", "/var/lib/kea"), false);
        assertThatThrownBy(shared::checkSeparation).hasMessage("the data file directory (KEA_DHCP_DATA_DIR) and the "
                + "log file directory (KEA_LOG_FILE_DIR) are both /var/lib/kea; every kind of file needs a directory "
                + "of its own");
        new PathPolicy(Path.of("/etc/kea"), Map.of("KEA_LOG_FILE_DIR", "/var/lib/kea"), true).checkSeparation();
        assertThatThrownBy(() -> new PathPolicy(Path.of("/etc/kea"), Map.of("KEA_HOOKS_PATH", "/etc/kea"), true)
                .checkSeparation())
                .as("the hooks directory is never shared, even with -X")
                .hasMessageContaining("the configuration file directory and the hook library directory "
                        + "(KEA_HOOKS_PATH) are both /etc/kea");
        assertThatThrownBy(() -> new PathPolicy(Path.of("/var/log/kea"), Map.of(), false).checkSeparation())
                .hasMessageContaining("the configuration file directory and the log file directory");
    }

    @Test
    void writersNeverReplaceWhatIsNotARegularFileNorWriteIntoAnotherKindsDirectory() throws Exception {
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path logs = Files.createDirectory(tmp.resolve("logs"));
        PathPolicy p = new PathPolicy(etc, Map.of("KEA_DHCP_DATA_DIR", data.toString(),
                "KEA_LOG_FILE_DIR", logs.toString()), true);
        p.checkWritable(PathKind.DATA, data.resolve("new.csv"));
        Files.createDirectory(data.resolve("dir"));
        assertThatThrownBy(() -> p.checkWritable(PathKind.DATA, data.resolve("dir")))
                .hasMessageContaining("exists and is not a regular file");
        assertThatThrownBy(() -> p.checkWritable(PathKind.DATA, etc.resolve("kea.conf")))
                .hasMessageContaining("is in the configuration file's directory");
        assertThatThrownBy(() -> p.checkWritable(PathKind.LOG, data.resolve("leases.csv")))
                .hasMessageContaining("is in the data file directory");
        Files.createSymbolicLink(logs.resolve("l.log"), data.resolve("leases.csv"));
        Files.createFile(data.resolve("leases.csv"));
        assertThatThrownBy(() -> p.checkWritable(PathKind.LOG, logs.resolve("l.log")))
                .hasMessageContaining("is in the data file directory");
    }
}
