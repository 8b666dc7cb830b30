package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.Ha6TestSetup.results;
import static ruru.ha.HaTestSetup.awaitState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.ha.Ha6TestSetup.Result;
import ruru.ha.HaServers.Server;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;

/**
 * Backup servers for DHCPv6: a ruru hot-standby pair with a third ruru server in the {@code backup}
 * role (it gets every lease update of whichever server is active, and never answers clients), and
 * passive-backup (the primary serves alone and feeds two backups, a ruru dhcp6 and a kea-dhcp6 2.2
 * with libdhcp_ha.so behind its Control Agent, without waiting for them).
 */
class Ha6BackupEndToEndTest {

    private static final String PEERS = """
            [ { "name": "server1", "url": "http://192.0.2.1:8001/", "role": "primary" },
              { "name": "server2", "url": "http://192.0.2.2:8002/", "role": "%s" },
              { "name": "server3", "url": "http://192.0.2.3:8003/", "role": "backup" } ]""";

    @Test
    void aHotStandbyPairKeepsItsBackupServerCurrent() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        String peers = PEERS.formatted("standby");
        try (HaNetwork net = network("b");
             DaemonProcess s1 = start(dir, net, 1, "hot-standby", peers);
             DaemonProcess s2 = start(dir, net, 2, "hot-standby", peers);
             DaemonProcess backup = start(dir, net, 3, "hot-standby", peers);
             HaNetwork.Relay relay = net.relay6()) {
            String all = net.address6(1) + "," + net.address6(2) + "," + net.address6(3);
            awaitState(dir.socket("s1.sock"), "hot-standby", Duration.ofSeconds(30));
            awaitState(dir.socket("s2.sock"), "hot-standby", Duration.ofSeconds(30));
            assertThat(HaTestSetup.state(dir.socket("s3.sock"))).isEqualTo("backup");
            List<Result> r = results(relay.run("sarr 1 4 " + all + " check=" + dir.data("s2.csv") + " pd tries=3"));
            assertThat(r).hasSize(4).allSatisfy(c -> {
                assertThat(c.adverts()).as("only the primary answers").containsExactly(net.address6(1));
                assertThat(c.file()).isEqualTo("yes");
            });
            awaitLeases(dir.data("s3.csv"), leasesOf(r));
            String got = DaemonProcess.send(dir.socket("s3.sock"), "{ \"command\": \"lease6-get\", \"arguments\": "
                    + "{ \"ip-address\": \"" + r.get(0).address() + "\" } }");
            assertThat(got).contains("\"result\": 0", "\"duid\": \"" + r.get(0).duid() + "\"");

            String released = relay.run("release 1 1 " + all).get(0).split(" ")[3];
            awaitReleased(dir.socket("s3.sock"), released);

            // the standby takes over and feeds the backup itself
            s1.close();
            awaitState(dir.socket("s2.sock"), "partner-down", Duration.ofSeconds(20));
            List<Result> taken = results(relay.run("sarr 10 2 " + all + " pd tries=3"));
            assertThat(taken).allSatisfy(c -> {
                assertThat(c.adverts()).containsExactly(net.address6(2));
                assertThat(c.address()).startsWith("2001:db8:1::1:");
            });
            awaitLeases(dir.data("s3.csv"), leasesOf(taken));
            assertThat(Files.readString(dir.log("s3.log"))).contains("HA_STATE_TRANSITION server3: server transitions "
                    + "from WAITING to BACKUP state");
        }
    }

    @Test
    void passiveBackupFeedsARuruAndAKeaBackupWithoutWaiting() throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        DaemonDirs dir = DaemonDirs.create();
        String peers = PEERS.formatted("backup");
        try (HaNetwork net = network("c");
             DaemonProcess primary = start(dir, net, 1, "passive-backup", peers);
             DaemonProcess backup = start(dir, net, 2, "passive-backup", peers);
             Server kea = HaServers.kea(dir, net, 3, "kea-dhcp6", Ha6TestSetup.keaWith(dir, net, 3,
                     HaTestSetup.ha("server3", "passive-backup", "", peers), Ha6TestSetup.SUBNET, ""))) {
            kea.start();
            String all = net.address6(1) + "," + net.address6(2) + "," + net.address6(3);
            awaitState(dir.socket("s1.sock"), "passive-backup", Duration.ofSeconds(20));
            awaitState(dir.socket("s2.sock"), "backup", Duration.ofSeconds(20));
            awaitState(kea.socket(), "backup", Duration.ofSeconds(20));
            try (HaNetwork.Relay relay = net.relay6()) {
                List<Result> r = results(relay.run("sarr 1 3 " + all + " pd tries=3"));
                assertThat(r).hasSize(3).allSatisfy(c -> {
                    assertThat(c.adverts()).containsExactly(net.address6(1));
                    assertThat(c.address()).startsWith("2001:db8:1::1:");
                });
                awaitLeases(dir.data("s2.csv"), leasesOf(r));
                awaitLeases(dir.data("s3.csv"), leasesOf(r));
                assertThat(Files.readString(dir.log("s1.log"))).contains("HA_STATE_TRANSITION_PASSIVE_BACKUP server1: "
                        + "server transitions from WAITING to PASSIVE-BACKUP state");

                String released = relay.run("release 1 1 " + all).get(0).split(" ")[3];
                awaitReleased(dir.socket("s2.sock"), released);
                awaitReleased(kea.socket(), released);

                // the primary does not wait for backups that are gone
                backup.close();
                kea.stop();
                assertThat(results(relay.run("sarr 10 2 " + all + " tries=3"))).allSatisfy(c ->
                        assertThat(c.by()).isEqualTo(net.address6(1)));
                assertThat(HaTestSetup.state(dir.socket("s1.sock"))).isEqualTo("passive-backup");
            }
        }
    }

    private static HaNetwork network(String letter) throws Exception {
        HaNetwork net = HaNetwork.create(letter, 3);
        try {
            net.enableIpv6();
        } catch (Exception e) {
            net.close();
            throw e;
        }
        return net;
    }

    private static DaemonProcess start(DaemonDirs dir, HaNetwork net, int n, String mode, String peers)
            throws Exception {
        Path config = Ha6TestSetup.ruruWith(dir, net, n, HaTestSetup.ha("server" + n, mode, "", peers),
                Ha6TestSetup.SUBNET);
        return Ha6TestSetup.startRuru(dir, net, n, config);
    }

    /** The addresses and delegated prefixes the clients got. */
    private static List<String> leasesOf(List<Result> results) {
        List<String> all = new ArrayList<>();
        for (Result c : results) {
            all.add(c.address());
            if (!c.prefix().equals("-")) {
                all.add(c.prefix().replace("/64", ""));
            }
        }
        return all;
    }

    /** Lease updates to a backup are not waited for: poll its file a little. */
    static void awaitLeases(Path file, List<String> leases) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            String text = Files.exists(file) ? Files.readString(file) : "";
            if (leases.stream().allMatch(a -> text.contains("\n" + a + ","))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(file + " lacks some of " + leases + ":\n" + text);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the server no longer holds {@code address} as an active lease: gone (Kea 2.2's
     * deletion) or kept as released for lease affinity (state 3, Kea 3's form).
     */
    static String awaitReleased(Path socket, String address) throws Exception {
        String get = "{ \"command\": \"lease6-get\", \"arguments\": { \"ip-address\": \"" + address + "\" } }";
        Instant deadline = Instant.now().plusSeconds(10);
        String answer = "";
        while (Instant.now().isBefore(deadline)) {
            answer = DaemonProcess.send(socket, get);
            if (answer.contains("\"result\": 3") || answer.contains("\"state\": 3")) {
                return answer;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(address + " still active on " + socket.getFileName() + ": " + answer);
    }
}
