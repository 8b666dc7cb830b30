package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * DHCPv6's unacked-clients rule: with the primary gone, the standby counts the distinct DUIDs whose
 * elapsed time (hundredths of a second) exceeds max-ack-delay, and takes over only when there are
 * more than max-unacked-clients of them.
 */
class Ha6UnackedClientsEndToEndTest {

    @Test
    void theStandbyTakesOverOnlyAfterMoreThanMaxUnackedClientsGoUnanswered() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = Ha6TestSetup.network("v")) {
            String both = net.address6(1) + "," + net.address6(2);
            String extra = "\"max-unacked-clients\": 2";
            DaemonProcess s1 = Ha6TestSetup.startRuru(dir, net, 1, write(dir, net, 1, extra));
            try (DaemonProcess s2 = Ha6TestSetup.startRuru(dir, net, 2, write(dir, net, 2, extra));
                 HaNetwork.Relay relay = net.relay6()) {
                Path socket2 = dir.socket("s2.sock");
                awaitState(dir.socket("s1.sock"), "hot-standby", Duration.ofSeconds(30));
                awaitState(socket2, "hot-standby", Duration.ofSeconds(30));
                s1.close();
                Thread.sleep(HaTestSetup.MAX_RESPONSE_DELAY + 2L * HaTestSetup.HEARTBEAT_DELAY);
                assertThat(state(socket2)).isEqualTo("hot-standby");
                // clients that just started (elapsed 0.5 s < max-ack-delay 1 s): not unacked
                relay.run("solicit 1 3 " + both + " elapsed=50");
                Thread.sleep(2L * HaTestSetup.HEARTBEAT_DELAY);
                assertThat(state(socket2)).isEqualTo("hot-standby");
                // two clients trying for 5 s: not more than two yet
                relay.run("solicit 1 2 " + both + " elapsed=500");
                Thread.sleep(2L * HaTestSetup.HEARTBEAT_DELAY);
                assertThat(state(socket2)).isEqualTo("hot-standby");
                // a third: the partner is down
                relay.run("solicit 3 1 " + both + " elapsed=500");
                awaitState(socket2, "partner-down", Duration.ofSeconds(10));
                assertThat(Files.readString(dir.log("s2.log"))).contains("HA_COMMUNICATION_INTERRUPTED_CLIENT6 "
                        + "server2: duid=[00:03:00:01:02:66:00:00:00:01], tid=0x",
                        "HA_COMMUNICATION_INTERRUPTED_CLIENT6_UNACKED server2: duid=[00:03:00:01:02:66:00:00:00:03], "
                                + "tid=0x", "3 clients unacked so far, 0 clients left before transitioning to the "
                                + "partner-down state");
                assertThat(relay.run("sarr 10 1 " + both).get(0)).contains("BY " + net.address6(2));
            } finally {
                s1.close();
            }
        }
    }

    private static Path write(DaemonDirs dir, HaNetwork net, int n, String extra) throws Exception {
        Path p = Ha6TestSetup.ruru(dir, net, n, "hot-standby", "");
        Files.writeString(p, Files.readString(p).replace("\"max-unacked-clients\": 0", extra));
        return p;
    }
}
