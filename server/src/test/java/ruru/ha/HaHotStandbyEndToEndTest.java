package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.results;
import static ruru.ha.HaTestSetup.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import ruru.ha.HaTestSetup.Result;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * Two ruru dhcp4 servers in hot-standby on one LAN, as an operator runs them: they come up and sync,
 * only the primary answers (and every lease it gives is in the standby's lease file before the ACK
 * reaches the client), the standby takes over when the primary is killed, the restarted primary syncs
 * what it missed, and ha-maintenance-start lets one be stopped while no client goes unanswered.
 * A relay agent forwards every client message to both servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaHotStandbyEndToEndTest {

    private static final String BOTH = HaNetwork.SERVER1 + "," + HaNetwork.SERVER2;

    private static HaNetwork net;
    private static DaemonDirs dir;
    private static Path config1;
    private static DaemonProcess server1;
    private static DaemonProcess server2;
    private static HaNetwork.Relay relay;

    @BeforeAll
    static void pair() throws Exception {
        net = HaNetwork.create("a");
        dir = DaemonDirs.create();
        config1 = HaTestSetup.ruru(dir, net, 1, "hot-standby", "");
        Path config2 = HaTestSetup.ruru(dir, net, 2, "hot-standby", "");
        server1 = HaTestSetup.startRuru(dir, net, 1, config1);
        server2 = HaTestSetup.startRuru(dir, net, 2, config2);
        relay = net.relay();
    }

    @AfterAll
    static void down() {
        for (AutoCloseable c : new AutoCloseable[] {relay, server1, server2, net}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private static Path socket(int i) {
        return dir.socket("s" + i + ".sock");
    }

    @Test
    @Order(1)
    void bothReachHotStandbyAndOnlyThePrimaryAnswersWithTheStandbyUpdatedFirst() throws Exception {
        awaitState(socket(1), "hot-standby", Duration.ofSeconds(30));
        awaitState(socket(2), "hot-standby", Duration.ofSeconds(30));
        // the standby syncs from the primary; the primary may have started alone (then partner-down first)
        assertThat(Files.readString(dir.log("s2.log"))).contains("HA_STATE_TRANSITION server2: server transitions "
                + "from WAITING to SYNCING state", "HA_STATE_TRANSITION server2: server transitions from READY to "
                + "HOT-STANDBY state", "HA_SYNC_SUCCESSFUL server2: lease database synchronization with server1");
        assertThat(Files.readString(dir.log("s1.log"))).contains("HA_STATE_TRANSITION server1: server transitions "
                + "from ", " to HOT-STANDBY state");
        List<Result> r = results(relay.run("dora 1 5 " + BOTH + " check=" + dir.data("s2.csv")));
        assertThat(r).hasSize(5).allSatisfy(c -> {
            assertThat(c.offers()).containsExactly(HaNetwork.SERVER1);
            assertThat(c.by()).isEqualTo(HaNetwork.SERVER1);
            assertThat(c.file()).as("lease in the standby's file when the ACK arrived").isEqualTo("yes");
        });
        // as a Kea 2.2 standby: the partner's queries count as received, not as drops
        assertThat(DaemonProcess.statistic(socket(2), "pkt4-received")).isGreaterThanOrEqualTo(10);
        assertThat(DaemonProcess.statistic(socket(2), "pkt4-receive-drop")).isZero();
        assertThat(DaemonProcess.statistic(socket(2), "pkt4-discover-received")).isZero();
    }

    @Test
    @Order(2)
    void releasesAndDeclinesReachTheStandby() throws Exception {
        String released = relay.run("release 1 1 " + BOTH).get(0).split(" ")[3];
        String declined = relay.run("decline 6 1 " + BOTH).get(0).split(" ")[3];
        assertThat(released).isNotEqualTo("-");
        assertThat(declined).isNotEqualTo("-");
        // no reply goes to a RELEASE or DECLINE, so nothing waits for the update: poll the standby
        awaitAnswer(socket(2), "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \"" + released
                + "\" } }", "\"result\": 3");
        awaitAnswer(socket(2), "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \"" + declined
                + "\" } }", "\"state\": 1");
    }

    private static void awaitAnswer(Path socket, String command, String expected) throws Exception {
        String answer = "";
        for (int i = 0; i < 50 && !answer.contains(expected); i++) {
            answer = DaemonProcess.send(socket, command);
            Thread.sleep(100);
        }
        assertThat(answer).contains(expected);
    }

    @Test
    @Order(3)
    void killingThePrimaryMakesTheStandbyTakeOverWithinMaxResponseDelay() throws Exception {
        server1.close();
        Duration took = awaitState(socket(2), "partner-down", Duration.ofSeconds(20));
        // communication is interrupted after max-response-delay; the next heartbeat confirms it
        assertThat(took).isLessThan(Duration.ofMillis(HaTestSetup.MAX_RESPONSE_DELAY + 2L * HaTestSetup.HEARTBEAT_DELAY
                + 2000));
        List<Result> r = results(relay.run("dora 10 3 " + BOTH));
        assertThat(r).allSatisfy(c -> assertThat(c.by()).isEqualTo(HaNetwork.SERVER2));
        assertThat(Files.readString(dir.log("s2.log"))).contains("HA_COMMUNICATION_INTERRUPTED server2: "
                + "communication with server1 is interrupted", "server transitions from HOT-STANDBY to PARTNER-DOWN");
    }

    @Test
    @Order(4)
    void theRestartedPrimarySyncsWhatItMissedAndBothReturnToHotStandby() throws Exception {
        List<String> missed = results(relay.run("dora 10 3 " + BOTH)).stream().map(Result::address).toList();
        server1 = HaTestSetup.startRuru(dir, net, 1, config1);
        awaitState(socket(1), "hot-standby", Duration.ofSeconds(30));
        awaitState(socket(2), "hot-standby", Duration.ofSeconds(30));
        String leases1 = Files.readString(dir.data("s1.csv"));
        assertThat(missed).allSatisfy(a -> assertThat(leases1).contains(a + ",02:43:00:00:00:"));
        List<Result> r = results(relay.run("dora 20 2 " + BOTH + " check=" + dir.data("s2.csv")));
        assertThat(r).allSatisfy(c -> {
            assertThat(c.by()).isEqualTo(HaNetwork.SERVER1);
            assertThat(c.file()).isEqualTo("yes");
        });
    }

    @Test
    @Order(5)
    void maintenanceLetsOneServerBeStoppedWithNoClientLost() throws Exception {
        List<String> lines = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread clients = Thread.ofPlatform().start(() -> {
            int n = 100;
            try {
                while (running.get()) {
                    lines.addAll(relay.run("dora " + n + " 1 " + BOTH + " tries=3"));
                    n++;
                }
            } catch (Exception e) {
                lines.add("ERROR " + e);
            }
        });
        try {
            Thread.sleep(2000);
            String answer = DaemonProcess.send(socket(2), "{ \"command\": \"ha-maintenance-start\" }");
            assertThat(answer).contains("\"result\": 0", "The partner can be now safely shut down.");
            assertThat(state(socket(1))).isEqualTo("in-maintenance");
            assertThat(state(socket(2))).isEqualTo("partner-in-maintenance");
            Thread.sleep(1500);
            server1.close();
            awaitState(socket(2), "partner-down", Duration.ofSeconds(20));
            Thread.sleep(2000);
        } finally {
            running.set(false);
            clients.join(20_000);
        }
        List<Result> r = results(lines);
        // every client got its lease: from the primary before, from the standby during and after
        assertThat(r).allSatisfy(c -> assertThat(c.address()).isNotEqualTo("-"));
        assertThat(r.get(0).by()).isEqualTo(HaNetwork.SERVER1);
        assertThat(r.get(r.size() - 1).by()).isEqualTo(HaNetwork.SERVER2);
        server1 = HaTestSetup.startRuru(dir, net, 1, config1);
        awaitState(socket(1), "hot-standby", Duration.ofSeconds(30));
        awaitState(socket(2), "hot-standby", Duration.ofSeconds(30));
    }
}
