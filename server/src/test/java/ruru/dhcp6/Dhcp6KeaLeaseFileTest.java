package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * kea-dhcp6 2.2 hands out leases and writes its lease file (schema 4.0); ruru then starts on that
 * very file, loads it in place (rewriting it to schema 5.0) and gives every client back the address
 * Kea had given it, under Kea's server DUID (kea-dhcp6-serverid in the same data directory).
 */
class Dhcp6KeaLeaseFileTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("k", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static Process client(Path out, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "ruru.testing.Dhcp6TestClient"));
        cmd.addAll(List.of(args));
        return net.start(net.client(), out, cmd.toArray(String[]::new));
    }

    private static List<String> replies(Path out) throws Exception {
        return Files.readAllLines(out).stream().filter(l -> l.startsWith("REPLY ")).sorted().toList();
    }

    @Test
    void ruruLoadsKeaTwoTwosLeaseFileAndKeepsEveryBinding() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path leases = dirs.data("kea-leases6.csv");
        String subnets = """
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "%s",
                               "pools": [ { "pool": "2001:db8:1::1:0/112" } ] } ]
                """.formatted(net.serverIface());
        Path keaCfg = Files.writeString(dir.resolve("kea.json"), """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "data-directory": "%s",
                  "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                  "preferred-lifetime": 3000, "valid-lifetime": 4000, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, dirs.data(), leases, subnets));
        Process kea = new ProcessBuilder("ip", "netns", "exec", net.server(), "env", "KEA_PIDFILE_DIR=" + dir,
                "KEA_LOCKFILE_DIR=" + dir, "kea-dhcp6", "-c", keaCfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea.out").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(dir.resolve("kea.out"))
                    .contains("DHCP6_STARTED"));
            Path out = dir.resolve("kea.sarr");
            assertThat(client(out, "sarr", Netns6.CLIENT_IP6, Netns6.SERVER_IP6, "40").waitFor()).isZero();
            assertThat(replies(out)).hasSize(40);
        } finally {
            kea.destroy();
            kea.waitFor(20, TimeUnit.SECONDS);
        }
        // Kea's server DUID, which ruru must go on using.
        String keaDuid = Files.readString(dirs.data("kea-dhcp6-serverid")).strip();
        assertThat(keaDuid).startsWith("00:01:00:01:");
        List<String> keaRows = Files.readAllLines(leases);
        assertThat(keaRows.getFirst()).isEqualTo("address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,"
                + "lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source");
        assertThat(keaRows).hasSize(41);

        Path cfg = dirs.writeConfig("ruru.json", """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                  "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                  "preferred-lifetime": 3000, "valid-lifetime": 4000, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, leases, subnets));
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-nas")).isEqualTo(40);
            assertThat(Files.readAllLines(leases).getFirst()).endsWith(",hwaddr_source,pool_id");
            Path again = dir.resolve("ruru.sarr");
            assertThat(client(again, "sarr", Netns6.CLIENT_IP6, Netns6.SERVER_IP6, "40").waitFor()).isZero();
            assertThat(replies(again)).as("each client gets Kea's address back").isEqualTo(replies(dir.resolve("kea.sarr")));
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-nas")).isEqualTo(40);
        }
        assertThat(Files.readString(dirs.data("kea-dhcp6-serverid")).strip()).isEqualTo(keaDuid);
    }
}
