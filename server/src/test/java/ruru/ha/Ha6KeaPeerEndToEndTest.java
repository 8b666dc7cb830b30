package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.Ha6TestSetup.results;
import static ruru.ha.HaTestSetup.awaitState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.ha.Ha6TestSetup.Result;
import ruru.ha.HaServers.Server;
import ruru.testing.DaemonDirs;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;

/**
 * ruru dhcp6 as the HA partner of Debian's kea-dhcp6 2.2 (libdhcp_ha.so behind kea-ctrl-agent),
 * each side once the primary: both state machines reach hot-standby, the primary's leases reach the
 * standby (lease6-bulk-apply) before each REPLY, a release reaches it too, the standby takes over
 * when the primary dies, and the restarted primary gets the leases it missed by synchronizing
 * (lease6-get-page) from the other implementation.
 */
class Ha6KeaPeerEndToEndTest {

    @ParameterizedTest(name = "Kea 2.2 is server{0}")
    @ValueSource(ints = {1, 2})
    void keaAndRuruFailOverAndResyncEachWay(int keaServer) throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = Ha6TestSetup.network(keaServer == 1 ? "p" : "q");
             Server kea = HaServers.kea(dir, net, keaServer, "kea-dhcp6",
                     Ha6TestSetup.kea(dir, net, keaServer, "hot-standby", ""));
             Server ruru = HaServers.ruru(dir, net, 3 - keaServer, "dhcp6",
                     Ha6TestSetup.ruru(dir, net, 3 - keaServer, "hot-standby", ""))) {
            Server primary = keaServer == 1 ? kea : ruru;
            Server standby = keaServer == 1 ? ruru : kea;
            kea.start();
            ruru.start();
            failOverAndResync(dir, net, primary, standby);
            if (keaServer == 2) {
                assertThat(Files.readString(dir.log("s1.log"))).as("ruru learnt Kea 2.2's form of a release")
                        .contains("the partner takes Kea 2.2's forms: sending it a released lease as a deletion");
            }
        }
    }

    /**
     * The pair scenario with Kea on one side: both reach hot-standby; the primary's leases and
     * prefixes are in the standby's file before each REPLY; a release reaches the standby (as a
     * deletion: Kea 2.2 takes no released state); the standby takes over when the primary dies;
     * the restarted primary synchronizes what it missed and serves again.
     */
    static void failOverAndResync(DaemonDirs dir, HaNetwork net, Server primary, Server standby) throws Exception {
        String both = net.address6(1) + "," + net.address6(2);
        awaitState(primary.socket(), "hot-standby", Duration.ofSeconds(40));
        awaitState(standby.socket(), "hot-standby", Duration.ofSeconds(40));
        try (HaNetwork.Relay relay = net.relay6()) {
            List<Result> r = results(relay.run("sarr 1 4 " + both + " check=" + dir.data("s2.csv") + " pd"));
            assertThat(r).allSatisfy(c -> {
                assertThat(c.adverts()).containsExactly(net.address6(1));
                assertThat(c.by()).isEqualTo(net.address6(1));
                assertThat(c.file()).as("lease in the standby's file when the REPLY arrived").isEqualTo("yes");
                assertThat(c.prefix()).matches("2001:db8:8:[0-9a-f:]*/64");
                assertThat(c.prefixFile()).as("delegated prefix in the standby's file").isEqualTo("yes");
            });

            String released = relay.run("release 1 1 " + both).get(0).split(" ")[3];
            assertThat(released).startsWith("2001:db8:1::");
            assertThat(Ha6BackupEndToEndTest.awaitReleased(standby.socket(), released))
                    .as("the released lease deleted on the standby").contains("\"result\": 3");

            primary.stop();
            awaitState(standby.socket(), "partner-down", Duration.ofSeconds(20));
            List<Result> gotMissed = results(relay.run("sarr 10 3 " + both + " pd tries=3"));
            assertThat(gotMissed).allSatisfy(c -> assertThat(c.by()).isEqualTo(net.address6(2)));
            List<String> missed = gotMissed.stream().map(Result::address).toList();
            List<String> missedPrefixes = gotMissed.stream().map(c -> c.prefix().replace("/64", "")).toList();

            primary.start();
            awaitState(primary.socket(), "hot-standby", Duration.ofSeconds(40));
            awaitState(standby.socket(), "hot-standby", Duration.ofSeconds(40));
            String leases1 = Files.readString(dir.data("s1.csv"));
            assertThat(missed).allSatisfy(a -> assertThat(leases1).contains(a + ",00:03:00:01:02:66:00:00:00:"));
            assertThat(missedPrefixes).allSatisfy(p -> assertThat(leases1).contains(p
                    + ",00:03:00:01:02:66:00:00:00:"));
            assertThat(results(relay.run("sarr 20 2 " + both + " check=" + dir.data("s2.csv"))))
                    .allSatisfy(c -> {
                        assertThat(c.by()).isEqualTo(net.address6(1));
                        assertThat(c.file()).isEqualTo("yes");
                    });
        }
    }
}
