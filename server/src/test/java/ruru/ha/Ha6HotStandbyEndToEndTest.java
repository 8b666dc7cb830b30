package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.Ha6TestSetup.results;
import static ruru.ha.HaTestSetup.awaitState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import ruru.ha.Ha6TestSetup.Result;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * Two ruru dhcp6 servers in hot-standby, as an operator runs them: they come up and sync, only the
 * primary answers (every lease it gives is in the standby's lease file before the REPLY reaches the
 * client, carried by lease6-bulk-apply), releases reach the standby, the standby takes over when the
 * primary is killed, and the restarted primary syncs what it missed (lease6-get-page) and both
 * return to hot-standby. A relay agent forwards every client message to both servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ha6HotStandbyEndToEndTest {

    private static HaNetwork net;
    private static DaemonDirs dir;
    private static Path config1;
    private static DaemonProcess server1;
    private static DaemonProcess server2;
    private static HaNetwork.Relay relay;
    private static String both;

    @BeforeAll
    static void pair() throws Exception {
        net = Ha6TestSetup.network("f");
        dir = DaemonDirs.create();
        both = net.address6(1) + "," + net.address6(2);
        config1 = Ha6TestSetup.ruru(dir, net, 1, "hot-standby", "");
        Path config2 = Ha6TestSetup.ruru(dir, net, 2, "hot-standby", "");
        server1 = Ha6TestSetup.startRuru(dir, net, 1, config1);
        server2 = Ha6TestSetup.startRuru(dir, net, 2, config2);
        relay = net.relay6();
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
        assertThat(Files.readString(dir.log("s2.log"))).contains("HA_STATE_TRANSITION server2: server transitions "
                + "from WAITING to SYNCING state", "HA_SYNC_SUCCESSFUL server2: lease database synchronization with "
                + "server1", "server transitions from READY to HOT-STANDBY state");
        List<Result> r = results(relay.run("sarr 1 5 " + both + " check=" + dir.data("s2.csv") + " pd"));
        assertThat(r).hasSize(5).allSatisfy(c -> {
            assertThat(c.adverts()).containsExactly(net.address6(1));
            assertThat(c.by()).isEqualTo(net.address6(1));
            assertThat(c.address()).startsWith("2001:db8:1::1:");
            assertThat(c.file()).as("lease in the standby's file when the REPLY arrived").isEqualTo("yes");
            assertThat(c.prefix()).matches("2001:db8:8:[0-9a-f:]*/64");
            assertThat(c.prefixFile()).as("delegated prefix in the standby's file").isEqualTo("yes");
        });
        String status = DaemonProcess.send(socket(1), "{ \"command\": \"status-get\" }");
        assertThat(status).contains("\"high-availability\"", "\"ha-mode\": \"hot-standby\"", "\"role\": \"primary\"",
                "\"scopes\": [ \"server1\" ]");
        String ha = DaemonProcess.send(socket(2), "{ \"command\": \"ha-heartbeat\" }");
        assertThat(ha).contains("\"state\": \"hot-standby\"", "HA peer status returned.");
        String scrape = net.exec(net.ns(2), "curl", "-s", "http://127.0.0.1:" + Ha6TestSetup.METRICS_PORT + "/metrics");
        assertThat(scrape).contains("ruru_dhcp6_ha_state{server=\"server2\",ruru_dhcp6_ha_state=\"hot-standby\"} 1",
                "ruru_dhcp6_ha_partner_state{server=\"server2\",ruru_dhcp6_ha_partner_state=\"hot-standby\"} 1",
                "ruru_dhcp6_ha_communication_interrupted{server=\"server2\"} 0.0");
    }

    @Test
    @Order(2)
    void releasesReachTheStandbyAsReleasedLeasesKeptForAffinity() throws Exception {
        String line = relay.run("release 1 1 " + both).get(0);
        String released = line.split(" ")[3];
        assertThat(released).as(line).startsWith("2001:db8:1::1:");
        // Kea 3's form: the released lease in "leases" with state 3, kept by the standby as by the primary
        String answer = Ha6BackupEndToEndTest.awaitReleased(socket(2), released);
        assertThat(answer).contains("\"result\": 0", "\"state\": 3", "\"duid\": \"00:03:00:01:02:66:00:00:00:01\"");
        assertThat(DaemonProcess.send(socket(1), "{ \"command\": \"lease6-get\", \"arguments\": { \"ip-address\": \""
                + released + "\" } }")).contains("\"state\": 3");
    }

    @Test
    @Order(3)
    void killingThePrimaryMakesTheStandbyTakeOverWithinMaxResponseDelay() throws Exception {
        server1.close();
        Duration took = awaitState(socket(2), "partner-down", Duration.ofSeconds(20));
        assertThat(took).isLessThan(Duration.ofMillis(HaTestSetup.MAX_RESPONSE_DELAY + 2L * HaTestSetup.HEARTBEAT_DELAY
                + 2000));
        List<Result> r = results(relay.run("sarr 10 3 " + both + " tries=3"));
        assertThat(r).allSatisfy(c -> {
            assertThat(c.by()).isEqualTo(net.address6(2));
            assertThat(c.address()).startsWith("2001:db8:1::1:");
        });
        assertThat(Files.readString(dir.log("s2.log"))).contains("HA_COMMUNICATION_INTERRUPTED server2: "
                + "communication with server1 is interrupted", "server transitions from HOT-STANDBY to PARTNER-DOWN");
    }

    @Test
    @Order(4)
    void theRestartedPrimarySyncsWhatItMissedAndBothReturnToHotStandby() throws Exception {
        List<Result> gotMissed = results(relay.run("sarr 20 3 " + both + " pd"));
        List<String> missed = gotMissed.stream().map(Result::address).toList();
        List<String> missedPrefixes = gotMissed.stream().map(c -> c.prefix().replace("/64", "")).toList();
        assertThat(missed).allSatisfy(a -> assertThat(a).startsWith("2001:db8:1::1:"));
        server1 = Ha6TestSetup.startRuru(dir, net, 1, config1);
        awaitState(socket(1), "hot-standby", Duration.ofSeconds(30));
        awaitState(socket(2), "hot-standby", Duration.ofSeconds(30));
        String leases1 = Files.readString(dir.data("s1.csv"));
        assertThat(missed).allSatisfy(a -> assertThat(leases1).contains(a + ",00:03:00:01:02:66:00:00:00:"));
        assertThat(missedPrefixes).allSatisfy(p -> assertThat(leases1).contains(p + ",00:03:00:01:02:66:00:00:00:"));
        List<Result> r = results(relay.run("sarr 30 2 " + both + " check=" + dir.data("s2.csv")));
        assertThat(r).allSatisfy(c -> {
            assertThat(c.by()).isEqualTo(net.address6(1));
            assertThat(c.file()).isEqualTo("yes");
        });
    }

    @Test
    @Order(5)
    void maintenanceHandsTheTrafficToThePartnerAndCancelGivesItBack() throws Exception {
        String answer = DaemonProcess.send(socket(2), "{ \"command\": \"ha-maintenance-start\" }");
        assertThat(answer).contains("\"result\": 0", "The partner can be now safely shut down.");
        assertThat(HaTestSetup.state(socket(1))).isEqualTo("in-maintenance");
        assertThat(HaTestSetup.state(socket(2))).isEqualTo("partner-in-maintenance");
        assertThat(results(relay.run("sarr 40 2 " + both + " check=" + dir.data("s1.csv")))).allSatisfy(c -> {
            assertThat(c.adverts()).containsExactly(net.address6(2));
            assertThat(c.file()).as("the server in maintenance still gets the leases").isEqualTo("yes");
        });
        assertThat(DaemonProcess.send(socket(2), "{ \"command\": \"ha-maintenance-cancel\" }"))
                .contains("Server maintenance successfully canceled.");
        awaitState(socket(1), "hot-standby", Duration.ofSeconds(30));
        awaitState(socket(2), "hot-standby", Duration.ofSeconds(30));
    }
}
