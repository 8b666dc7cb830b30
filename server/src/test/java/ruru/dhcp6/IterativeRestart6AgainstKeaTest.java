package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaDaemon;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;
import ruru.testing.TestMains;

/**
 * Issue 11: the iterative allocator starts again from the pool's first address when the server
 * is reconfigured, as kea-dhcp6 2.2 does (its subnets and pools are built anew). Two relayed
 * clients take ::100 and ::101, the first lease is deleted with lease6-del, the configuration is
 * reloaded, and the next new client gets ::100 again (without the restart it would get ::102):
 * the same on kea-dhcp6 2.2 and on ruru.
 */
class IterativeRestart6AgainstKeaTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("ir", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static String config(String socket, String hooks) {
        return """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": { "type": "memfile", "persist": false },
                  "hooks-libraries": [ { "library": "%s" } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                    "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] } ] } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, socket, hooks);
    }

    private static List<String> sarr(Path dir, String tag, int first, int count) throws Exception {
        return TestMains.runInClient(net, dir.resolve(tag + ".out"), 60, "ruru.testing.Dhcp6TestClient", "sarr",
                Netns6.CLIENT_IP6, Netns6.SERVER_IP6, Integer.toString(count), Integer.toString(first)).stream()
                .filter(l -> l.startsWith("REPLY ")).map(l -> l.split(" ")[1]).toList();
    }

    /** The addresses: the first two clients', then the next client's after the delete and the reload. */
    private static List<String> scenario(Path dir, Path socket) throws Exception {
        List<String> got = new ArrayList<>(sarr(dir, "first", 0, 2));
        String del = DaemonProcess.send(socket, "{ \"command\": \"lease6-del\", \"arguments\": { \"ip-address\": \""
                + got.getFirst() + "\" } }");
        assertThat(del).contains("\"result\": 0");
        String reload = DaemonProcess.send(socket, "{ \"command\": \"config-reload\" }");
        assertThat(reload).contains("\"result\": 0");
        got.addAll(sarr(dir, "after", 10, 1));
        return got;
    }

    @Test
    void aReloadRestartsTheIterativeAllocatorAsKeaDhcp6() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path keaSocket = dir.resolve("kea6.sock");
        Path keaCfg = Files.writeString(dir.resolve("kea.json"),
                config(keaSocket.toString(), "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so")
                        // its server DUID file in the test's directory, not in /var/lib/kea
                        .replace("\"Dhcp6\": {", "\"Dhcp6\": { \"data-directory\": \"" + dir + "\","));
        Process kea = KeaDaemon.start(net, dir, "kea-dhcp6", keaCfg);
        List<String> byKea;
        try {
            KeaDaemon.awaitSocket(keaSocket, kea, dir.resolve("kea.log"));
            byKea = scenario(dir, keaSocket);
        } finally {
            KeaDaemon.stop(kea);
        }
        Path cfg = dirs.writeConfig("ruru.json", config("ctl.sock", "libdhcp_lease_cmds.so"));
        List<String> byRuru;
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(dirs.socket("ctl.sock"));
            byRuru = scenario(dir, dirs.socket("ctl.sock"));
        }
        assertThat(byKea).containsExactly("2001:db8:1::100", "2001:db8:1::101", "2001:db8:1::100");
        assertThat(byRuru).isEqualTo(byKea);
    }
}
