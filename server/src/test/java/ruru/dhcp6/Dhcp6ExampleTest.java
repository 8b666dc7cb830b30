package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Examples;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * examples/dhcp6-lan.json passes {@code ruru dhcp6 -t} with the directories bin/ruru gives it, and
 * kea-dhcp6 2.2's {@code -t} too, in a namespace that has the example's interface "vs6" with its
 * address 2001:db8:1::1 (the README's namespace setup; a veth link is enough, -t opens no socket).
 */
class Dhcp6ExampleTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        net = Netns6.create("x", false, null);
        net.exec(net.server(), "ip", "link", "add", "vs6", "type", "veth", "peer", "name", "vs6p");
        net.exec(net.server(), "ip", "addr", "add", "2001:db8:1::1/64", "dev", "vs6", "nodad");
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void theLanExamplePassesRuruAndKeaChecks() throws Exception {
        Path example = Examples.file("dhcp6-lan.json");
        Map<String, String> env = Examples.launcherEnv(example);
        DaemonDirs dirs = DaemonDirs.create();
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs.root(), env, "dhcp6", "-t", example.toString())) {
            assertThat(d.waitForExit(Duration.ofSeconds(60))).as(d.stderr()).isZero();
            assertThat(d.stdout()).contains("Syntax check OK");
        }
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        assertThat(net.exec(net.server(), "env", "KEA_LOCKFILE_DIR=" + dirs.root(), "kea-dhcp6", "-t",
                example.toString())).doesNotContain("ERROR");
    }
}
