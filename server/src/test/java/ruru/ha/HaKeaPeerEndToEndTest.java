package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.ha.HaServers.Server;
import ruru.ha.HaTestSetup.Result;
import ruru.testing.DaemonDirs;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;

/**
 * ruru as the HA partner of Debian's kea-dhcp4 2.2 (libdhcp_ha.so behind kea-ctrl-agent), each side
 * once the primary: both state machines reach hot-standby, the primary's leases reach the standby
 * before each ACK, the standby takes over when the primary dies, and the restarted primary gets the
 * leases it missed by synchronizing from the other implementation.
 */
class HaKeaPeerEndToEndTest {

    private static final String BOTH = HaNetwork.SERVER1 + "," + HaNetwork.SERVER2;

    @ParameterizedTest(name = "Kea 2.2 is server{0}")
    @ValueSource(ints = {1, 2})
    void keaAndRuruFailOverAndResyncEachWay(int keaServer) throws Exception {
        NetnsPair.requireTool("kea-dhcp4", "kea-dhcp4-server");
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = HaNetwork.create(keaServer == 1 ? "k" : "m");
             Server kea = kea(dir, net, keaServer);
             Server ruru = ruru(dir, net, 3 - keaServer)) {
            Server primary = keaServer == 1 ? kea : ruru;
            Server standby = keaServer == 1 ? ruru : kea;
            kea.start();
            ruru.start();
            awaitState(primary.socket(), "hot-standby", Duration.ofSeconds(40));
            awaitState(standby.socket(), "hot-standby", Duration.ofSeconds(40));
            try (HaNetwork.Relay relay = net.relay()) {
                List<Result> r = results(relay.run("dora 1 4 " + BOTH + " check=" + dir.data("s2.csv")));
                assertThat(r).allSatisfy(c -> {
                    assertThat(c.offers()).containsExactly(HaNetwork.SERVER1);
                    assertThat(c.by()).isEqualTo(HaNetwork.SERVER1);
                    assertThat(c.file()).as("lease in the standby's file when the ACK arrived").isEqualTo("yes");
                });

                // a RELEASE and a DECLINE on the primary reach the standby too
                String released = relay.run("release 1 1 " + BOTH).get(0).split(" ")[3];
                String declined = relay.run("decline 30 1 " + BOTH).get(0).split(" ")[3];
                awaitAnswer(standby.socket(), "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \""
                        + released + "\" } }", "\"result\": 3");
                awaitAnswer(standby.socket(), "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \""
                        + declined + "\" } }", "\"state\": 1");

                primary.stop();
                awaitState(standby.socket(), "partner-down", Duration.ofSeconds(20));
                List<String> missed = results(relay.run("dora 10 3 " + BOTH)).stream().map(c -> {
                    assertThat(c.by()).isEqualTo(HaNetwork.SERVER2);
                    return c.address();
                }).toList();

                primary.start();
                awaitState(primary.socket(), "hot-standby", Duration.ofSeconds(40));
                awaitState(standby.socket(), "hot-standby", Duration.ofSeconds(40));
                String leases1 = Files.readString(dir.data("s1.csv"));
                assertThat(missed).allSatisfy(a -> assertThat(leases1).contains(a + ",02:43:00:00:00:"));
                assertThat(results(relay.run("dora 20 2 " + BOTH + " check=" + dir.data("s2.csv"))))
                        .allSatisfy(c -> {
                            assertThat(c.by()).isEqualTo(HaNetwork.SERVER1);
                            assertThat(c.file()).isEqualTo("yes");
                        });
            }
        }
    }

    private static void awaitAnswer(Path socket, String command, String expected) throws Exception {
        String answer = "";
        for (int i = 0; i < 50 && !answer.contains(expected); i++) {
            answer = ruru.testing.DaemonProcess.send(socket, command);
            Thread.sleep(100);
        }
        assertThat(answer).as(command).contains(expected);
    }

    private static Server ruru(DaemonDirs dir, HaNetwork net, int n) throws Exception {
        return HaServers.ruru(dir, net, n, "dhcp4", HaTestSetup.ruru(dir, net, n, "hot-standby", ""));
    }

    private static Server kea(DaemonDirs dir, HaNetwork net, int n) throws Exception {
        return HaServers.kea(dir, net, n, "kea-dhcp4", HaTestSetup.kea(dir, net, n, "hot-standby", ""));
    }
}
