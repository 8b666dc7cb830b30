package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.results;
import static ruru.ha.HaTestSetup.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.ha.HaTestSetup.Result;
import ruru.ha.state.LoadBalancing;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * The other two modes of operation: passive-backup (the primary serves alone and keeps a backup
 * server's lease database current without waiting for it), and load balancing through a short
 * loss of contact (communication-recovery: the lease updates wait in a backlog, the server keeps
 * serving its own scope, and the backlog reaches the partner when it is back).
 */
class HaBackupAndRecoveryEndToEndTest {

    private static final String BOTH = HaNetwork.SERVER1 + "," + HaNetwork.SERVER2;

    @Test
    void passiveBackupServesAloneAndFeedsTheBackup() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = HaNetwork.create("p");
             DaemonProcess primary = HaTestSetup.startRuru(dir, net, 1,
                     HaTestSetup.ruru(dir, net, 1, "passive-backup", ""));
             DaemonProcess backup = HaTestSetup.startRuru(dir, net, 2,
                     HaTestSetup.ruru(dir, net, 2, "passive-backup", ""));
             HaNetwork.Relay relay = net.relay()) {
            awaitState(dir.socket("s1.sock"), "passive-backup", Duration.ofSeconds(20));
            awaitState(dir.socket("s2.sock"), "backup", Duration.ofSeconds(20));
            List<Result> r = results(relay.run("dora 1 3 " + BOTH));
            assertThat(r).allSatisfy(c -> {
                assertThat(c.offers()).containsExactly(HaNetwork.SERVER1);
                assertThat(c.by()).isEqualTo(HaNetwork.SERVER1);
            });
            awaitLeases(dir.data("s2.csv"), r.stream().map(Result::address).toList());
            assertThat(Files.readString(dir.log("s1.log"))).contains("HA_STATE_TRANSITION_PASSIVE_BACKUP server1: "
                    + "server transitions from WAITING to PASSIVE-BACKUP state");
            // the primary does not wait for a backup that is gone
            backup.close();
            assertThat(results(relay.run("dora 10 2 " + BOTH))).allSatisfy(c ->
                    assertThat(c.by()).isEqualTo(HaNetwork.SERVER1));
            assertThat(state(dir.socket("s1.sock"))).isEqualTo("passive-backup");
        }
    }

    @Test
    void loadBalancingRidesOutAShortLossOfContactWithABacklog() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        String extra = "\"max-unacked-clients\": 10";
        try (HaNetwork net = HaNetwork.create("r");
             DaemonProcess s1 = HaTestSetup.startRuru(dir, net, 1, withExtra(dir, net, 1, extra));
             DaemonProcess s2 = HaTestSetup.startRuru(dir, net, 2, withExtra(dir, net, 2, extra));
             HaNetwork.Relay relay = net.relay()) {
            Path socket1 = dir.socket("s1.sock");
            awaitState(socket1, "load-balancing", Duration.ofSeconds(30));
            awaitState(dir.socket("s2.sock"), "load-balancing", Duration.ofSeconds(30));
            signal("STOP", s2);
            try {
                // the heartbeat to the frozen partner times out (10 s); no unacked clients: not partner-down
                awaitState(socket1, "communication-recovery", Duration.ofSeconds(25));
                List<String> queued = new ArrayList<>();
                for (int n : ownClients(3)) {
                    Result c = results(relay.run("dora " + n + " 1 " + BOTH)).get(0);
                    assertThat(c.by()).isEqualTo(HaNetwork.SERVER1);
                    queued.add(c.address());
                }
                assertThat(Files.readString(dir.data("s2.csv"))).doesNotContain(queued.get(0) + ",");
                signal("CONT", s2);
                awaitState(socket1, "load-balancing", Duration.ofSeconds(20));
                awaitLeases(dir.data("s2.csv"), queued);
                assertThat(Files.readString(dir.log("s1.log"))).contains("HA_LEASES_BACKLOG_START server1: "
                        + "starting to send 3 outstanding lease updates to server2", "HA_LEASES_BACKLOG_SUCCESS");
            } finally {
                signal("CONT", s2);
            }
        }
    }

    /** Client numbers (as HaClient numbers them) whose MAC hashes to server1. */
    private static List<Integer> ownClients(int count) {
        List<Integer> own = new ArrayList<>();
        for (int n = 50; own.size() < count; n++) {
            byte[] mac = {0x02, 0x43, 0, 0, (byte) (n >>> 8), (byte) n};
            if (LoadBalancing.server(mac, 2) == 0) {
                own.add(n);
            }
        }
        return own;
    }

    private static void signal(String signal, DaemonProcess p) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    }

    private static Path withExtra(DaemonDirs dir, HaNetwork net, int n, String extra) throws Exception {
        Path p = HaTestSetup.ruru(dir, net, n, "load-balancing", "");
        Files.writeString(p, Files.readString(p).replace("\"max-unacked-clients\": 0", extra));
        return p;
    }

    /** Lease updates to a backup are not waited for: poll its file a little. */
    private static void awaitLeases(Path file, List<String> addresses) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            String text = Files.exists(file) ? Files.readString(file) : "";
            if (addresses.stream().allMatch(a -> text.contains(a + ","))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(file + " lacks some of " + addresses + ":\n" + text);
            }
            Thread.sleep(100);
        }
    }
}
