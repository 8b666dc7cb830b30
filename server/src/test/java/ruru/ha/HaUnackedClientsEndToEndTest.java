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
 * The unacked-clients rule: with max-unacked-clients 2, a standby that lost its primary keeps
 * watching the primary's clients and takes over only once more than two distinct clients have been
 * trying for longer than max-ack-delay (their secs field) without an answer.
 */
class HaUnackedClientsEndToEndTest {

    private static final String BOTH = HaNetwork.SERVER1 + "," + HaNetwork.SERVER2;

    @Test
    void theStandbyTakesOverOnlyAfterMoreThanMaxUnackedClientsGoUnanswered() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = HaNetwork.create("u")) {
            String extra = "\"max-unacked-clients\": 2";
            DaemonProcess s1 = HaTestSetup.startRuru(dir, net, 1, write(dir, net, 1, extra));
            try (DaemonProcess s2 = HaTestSetup.startRuru(dir, net, 2, write(dir, net, 2, extra));
                 HaNetwork.Relay relay = net.relay()) {
                Path socket2 = dir.socket("s2.sock");
                awaitState(dir.socket("s1.sock"), "hot-standby", Duration.ofSeconds(30));
                awaitState(socket2, "hot-standby", Duration.ofSeconds(30));
                s1.close();
                Thread.sleep(HaTestSetup.MAX_RESPONSE_DELAY + 2L * HaTestSetup.HEARTBEAT_DELAY);
                assertThat(state(socket2)).isEqualTo("hot-standby");
                // clients that just started: not unacked yet
                relay.run("discover 1 3 " + BOTH);
                Thread.sleep(2L * HaTestSetup.HEARTBEAT_DELAY);
                assertThat(state(socket2)).isEqualTo("hot-standby");
                // two clients trying for 5 s: not more than two yet
                relay.run("discover 1 2 " + BOTH + " secs=5");
                Thread.sleep(2L * HaTestSetup.HEARTBEAT_DELAY);
                assertThat(state(socket2)).isEqualTo("hot-standby");
                // a third: the partner is down
                relay.run("discover 3 1 " + BOTH + " secs=5");
                awaitState(socket2, "partner-down", Duration.ofSeconds(10));
                String log = Files.readString(dir.log("s2.log"));
                assertThat(log).contains("HA_COMMUNICATION_INTERRUPTED_CLIENT4 server2: [hwtype=1 02:43:00:00:00:01], "
                        + "cid=[no info], tid=0x", "HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED server2: [hwtype=1 "
                        + "02:43:00:00:00:03], cid=[no info], tid=0x",
                        "partner server failed to respond, 3 clients unacked so far, 0 clients left before "
                                + "transitioning to the partner-down state");
                assertThat(relay.run("dora 10 1 " + BOTH).get(0)).contains("BY " + HaNetwork.SERVER2);
            } finally {
                s1.close();
            }
        }
    }

    private static Path write(DaemonDirs dir, HaNetwork net, int n, String extra) throws Exception {
        Path p = HaTestSetup.ruru(dir, net, n, "hot-standby", "");
        Files.writeString(p, Files.readString(p).replace("\"max-unacked-clients\": 0", extra));
        return p;
    }
}
