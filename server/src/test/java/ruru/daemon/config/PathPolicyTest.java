package ruru.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ruru.json.Position;

class PathPolicyTest {

    private final Position pos = new Position("kea.json", 3, 7);
    private final PathPolicy policy = new PathPolicy(Path.of("/etc/kea"), Map.of(), false);

    @Test
    void relativeNamesResolveAgainstTheConfigDirectory() throws Exception {
        assertThat(policy.resolve(PathKind.CONTROL_SOCKET, "run/k4.sock", pos)).isEqualTo(Path.of("/etc/kea/run/k4.sock"));
    }

    @Test
    void standardDirectoriesAreAllowed() throws Exception {
        assertThat(policy.resolve(PathKind.CONTROL_SOCKET, "/run/kea/kea4-ctrl-socket", pos))
                .isEqualTo(Path.of("/run/kea/kea4-ctrl-socket"));
        assertThat(policy.resolve(PathKind.DATA, "/var/lib/kea/kea-leases4.csv", pos))
                .isEqualTo(Path.of("/var/lib/kea/kea-leases4.csv"));
    }

    @Test
    void escapesAreRefusedWithThePosition() {
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "../../etc/cron.d/evil", pos))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("outside the allowed directories")
                .hasMessageContaining("KEA_DHCP_DATA_DIR")
                .hasMessageEndingWith("(kea.json:3:7)");
        assertThatThrownBy(() -> policy.resolve(PathKind.CONTROL_SOCKET, "/tmp/x.sock", pos))
                .isInstanceOf(ConfigException.class);
        // A directory named like an allowed one is not inside it.
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "/var/lib/kea-evil/x", pos))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> policy.resolve(PathKind.DATA, "", pos)).hasMessageContaining("must not be empty");
    }

    @Test
    void environmentReplacesTheStandardDirectory() throws Exception {
        PathPolicy p = new PathPolicy(Path.of("/etc/kea"), Map.of("KEA_DHCP_DATA_DIR", "/srv/leases"), false);
        assertThat(p.resolve(PathKind.DATA, "/srv/leases/l.csv", pos)).isEqualTo(Path.of("/srv/leases/l.csv"));
        assertThatThrownBy(() -> p.resolve(PathKind.DATA, "/var/lib/kea/l.csv", pos)).isInstanceOf(ConfigException.class);
    }

    @Test
    void dashXDisablesTheCheck() throws Exception {
        PathPolicy p = new PathPolicy(Path.of("/etc/kea"), Map.of(), true);
        assertThat(p.resolve(PathKind.DATA, "/tmp/anywhere.csv", pos)).isEqualTo(Path.of("/tmp/anywhere.csv"));
    }
}
