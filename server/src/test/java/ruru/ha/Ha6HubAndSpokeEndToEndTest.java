package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.Ha6TestSetup.results;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.ha.Ha6TestSetup.Result;
import ruru.ha.HaServers.Server;
import ruru.testing.DaemonDirs;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;

/**
 * Kea 3's hub and spoke for DHCPv6: a ruru hub is the standby in two hot-standby relationships, as
 * server2 with the spoke server1 (kea-dhcp6 2.2 + libdhcp_ha.so behind its Control Agent: Kea 2.2
 * has no hub and spoke, but a spoke is an ordinary hot-standby partner) and as server4 with the
 * spoke server3 (ruru). Each spoke serves its relayed subnet (2001:db8:2::/64, 2001:db8:3::/64,
 * named by {@code ha-server-name}) and keeps the hub current; when a spoke dies the hub serves that
 * spoke's subnet only, and the restarted spoke takes back what it missed. The Kea spoke is the
 * partner of the hub's first relationship: Kea 2.2 names no {@code server-name} in its commands, and
 * Kea 3 (and ruru) give such a command to the first relationship.
 */
class Ha6HubAndSpokeEndToEndTest {

    private static final String HUB = "2001:db8:1::2";
    private static final String SPOKE_A = "2001:db8:1::1";
    private static final String SPOKE_B = "2001:db8:1::3";

    @Test
    void theHubStandsInForEachSpokeThatDiesAndTheSpokesResync() throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = HaNetwork.create("d", 3)) {
            net.enableIpv6();
            net.addRelayNetwork6("2001:db8:2::fe/64", "2001:db8:2::/64");
            net.addRelayNetwork6("2001:db8:3::fe/64", "2001:db8:3::/64");
            Path[] keaSpoke = Ha6TestSetup.keaWith(dir, net, 1, relationship("server1", "server1", 1, "server2", 8002),
                    subnet(1, "2001:db8:2", "server1"), "");
            Path ruruSpoke = Ha6TestSetup.ruruWith(dir, net, 3, relationship("server3", "server3", 3, "server4", 8004),
                    subnet(3, "2001:db8:3", "server3"));
            Path hub = Ha6TestSetup.ruruWith(dir, net, 2, relationship("server2", "server1", 1, "server2", 8002) + ","
                    + relationship("server4", "server3", 3, "server4", 8004),
                    subnet(1, "2001:db8:2", "server2") + "," + subnet(3, "2001:db8:3", "server4"));
            try (Server a = HaServers.kea(dir, net, 1, "kea-dhcp6", keaSpoke);
                 Server h = HaServers.ruru(dir, net, 2, "dhcp6", hub);
                 Server b = HaServers.ruru(dir, net, 3, "dhcp6", ruruSpoke)) {
                a.start();
                h.start();
                b.start();
                Path hubSocket = dir.socket("s2.sock");
                awaitState(a.socket(), "hot-standby", Duration.ofSeconds(40));
                awaitState(b.socket(), "hot-standby", Duration.ofSeconds(40));
                awaitState(hubSocket, 0, "hot-standby", Duration.ofSeconds(40));
                awaitState(hubSocket, 1, "hot-standby", Duration.ofSeconds(40));
                try (HaNetwork.Relay relayA = net.relay6("2001:db8:2::fe");
                     HaNetwork.Relay relayB = net.relay6("2001:db8:3::fe")) {
                    String toA = " " + SPOKE_A + "," + HUB;
                    String toB = " " + SPOKE_B + "," + HUB;
                    assertThat(results(relayA.run("sarr 1 2" + toA + " check=" + dir.data("s2.csv") + " pd tries=3")))
                            .allSatisfy(c -> served(c, SPOKE_A, "2001:db8:2::", true));
                    assertThat(results(relayB.run("sarr 11 2" + toB + " check=" + dir.data("s2.csv") + " pd tries=3")))
                            .allSatisfy(c -> served(c, SPOKE_B, "2001:db8:3::", true));

                    // the Kea spoke dies: the hub serves its subnet, the other relationship is untouched
                    List<Result> missedA = hubTakesOver(a, hubSocket, 0, relayA, "sarr 21 2" + toA + " pd tries=3",
                            "2001:db8:2::");
                    assertThat(results(relayB.run("sarr 31 1" + toB + " tries=3"))).allSatisfy(c -> served(c, SPOKE_B,
                            "2001:db8:3::", false));
                    // Kea 2.2 comes back and synchronizes from the ruru hub
                    spokeResyncs(a, hubSocket, 0, dir.data("s1.csv"), missedA);
                    assertThat(results(relayA.run("sarr 41 1" + toA + " check=" + dir.data("s2.csv") + " tries=3")))
                            .allSatisfy(c -> served(c, SPOKE_A, "2001:db8:2::", true));

                    // the ruru spoke dies: the hub serves its subnet; back, it takes its own leases only
                    List<Result> missedB = hubTakesOver(b, hubSocket, 1, relayB, "sarr 51 2" + toB + " pd tries=3",
                            "2001:db8:3::");
                    String ruruLeases = spokeResyncs(b, hubSocket, 1, dir.data("s3.csv"), missedB);
                    assertThat(ruruLeases).doesNotContain("2001:db8:2::");
                }
            }
        }
    }

    /**
     * Stops {@code spoke}: the hub's relationship with it goes partner-down (the other stays
     * hot-standby), and the hub serves the clients of {@code command} from the spoke's subnet.
     */
    private static List<Result> hubTakesOver(Server spoke, Path hub, int relationship, HaNetwork.Relay relay,
                                             String command, String prefix) throws Exception {
        spoke.stop();
        awaitState(hub, relationship, "partner-down", Duration.ofSeconds(20));
        assertThat(state(hub, 1 - relationship)).isEqualTo("hot-standby");
        List<Result> missed = results(relay.run(command));
        assertThat(missed).allSatisfy(c -> served(c, HUB, prefix, false));
        return missed;
    }

    /** Restarts {@code spoke}: both sides back in hot-standby, the leases it missed in its file (returned). */
    private static String spokeResyncs(Server spoke, Path hub, int relationship, Path file, List<Result> missed)
            throws Exception {
        spoke.start();
        awaitState(spoke.socket(), "hot-standby", Duration.ofSeconds(40));
        awaitState(hub, relationship, "hot-standby", Duration.ofSeconds(40));
        String leases = Files.readString(file);
        assertThat(missed).allSatisfy(c -> assertThat(leases).contains(c.address() + ",",
                c.prefix().replace("/64", ",")));
        return leases;
    }

    private static void served(Result c, String by, String prefix, boolean inHubFile) {
        assertThat(c.adverts()).containsExactly(by);
        assertThat(c.by()).isEqualTo(by);
        assertThat(c.address()).startsWith(prefix + "1:");
        if (inHubFile) {
            assertThat(c.file()).as("lease in the hub's file before the REPLY").isEqualTo("yes");
        }
    }

    private static String subnet(long id, String prefix, String serverName) {
        return """
                { "id": %d, "subnet": "%s::/64", "pools": [ { "pool": "%s::1:0/112" } ],
                  "pd-pools": [ { "prefix": "%s:8000::", "prefix-len": 49, "delegated-len": 64 } ],
                  "user-context": { "ha-server-name": "%s" } }"""
                .formatted(id, prefix, prefix, prefix, serverName);
    }

    private static String relationship(String me, String primary, int primaryHost, String standby, int standbyPort) {
        return HaTestSetup.ha(me, "hot-standby", "", """
                [ { "name": "%s", "url": "http://192.0.2.%d:%d/", "role": "primary" },
                  { "name": "%s", "url": "http://192.0.2.2:%d/", "role": "standby" } ]"""
                .formatted(primary, primaryHost, 8000 + primaryHost, standby, standbyPort));
    }
}
