package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.HaNetwork;

/**
 * Kea 3's hub and spoke: one hub server is the standby of two primaries, in two hot-standby
 * relationships (as server2 with the spoke server1, as server4 with the spoke server3), each
 * subnet naming its relationship with {@code ha-server-name} in its user-context. Each spoke
 * serves its subnet with the hub kept up to date; when one spoke dies the hub takes over that
 * spoke's subnet only.
 */
class HaHubAndSpokeEndToEndTest {

    private static final String HUB = "192.0.2.2";
    private static final String SPOKE_A = "192.0.2.1";
    private static final String SPOKE_B = "192.0.2.3";

    @Test
    void theHubStandsInForTheSpokeThatDied() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = HaNetwork.create("w", 3)) {
            net.addRelayNetwork("10.1.0.254/24");
            net.addRelayNetwork("10.2.0.254/24");
            Path spokeA = spoke(dir, net, 1, "server1", "server2", "8002", "10.1");
            Path spokeB = spoke(dir, net, 3, "server3", "server4", "8004", "10.2");
            Path hub = hub(dir, net);
            try (DaemonProcess a = HaTestSetup.startRuru(dir, net, 1, spokeA);
                 DaemonProcess h = HaTestSetup.startRuru(dir, net, 2, hub);
                 DaemonProcess b = HaTestSetup.startRuru(dir, net, 3, spokeB);
                 HaNetwork.Relay relayA = net.relay("10.1.0.254");
                 HaNetwork.Relay relayB = net.relay("10.2.0.254")) {
                Path hubSocket = dir.socket("s2.sock");
                awaitState(dir.socket("s1.sock"), "hot-standby", Duration.ofSeconds(40));
                awaitState(dir.socket("s3.sock"), "hot-standby", Duration.ofSeconds(40));
                awaitState(hubSocket, 0, "hot-standby", Duration.ofSeconds(40));
                awaitState(hubSocket, 1, "hot-standby", Duration.ofSeconds(40));

                assertThat(results(relayA.run("dora 1 2 " + SPOKE_A + "," + HUB + " check=" + dir.data("s2.csv"))))
                        .allSatisfy(c -> {
                            assertThat(c.offers()).containsExactly(SPOKE_A);
                            assertThat(c.address()).startsWith("10.1.0.");
                            assertThat(c.file()).isEqualTo("yes");
                        });
                assertThat(results(relayB.run("dora 11 2 " + SPOKE_B + "," + HUB + " check=" + dir.data("s2.csv"))))
                        .allSatisfy(c -> {
                            assertThat(c.offers()).containsExactly(SPOKE_B);
                            assertThat(c.address()).startsWith("10.2.0.");
                            assertThat(c.file()).isEqualTo("yes");
                        });

                a.close();
                awaitState(hubSocket, 0, "partner-down", Duration.ofSeconds(20));
                assertThat(HaTestSetup.state(hubSocket, 1)).isEqualTo("hot-standby");
                java.util.List<String> missed = results(relayA.run("dora 21 2 " + SPOKE_A + "," + HUB)).stream()
                        .map(c -> {
                            assertThat(c.by()).isEqualTo(HUB);
                            assertThat(c.address()).startsWith("10.1.0.");
                            return c.address();
                        }).toList();
                assertThat(results(relayB.run("dora 31 2 " + SPOKE_B + "," + HUB))).allSatisfy(c ->
                        assertThat(c.offers()).containsExactly(SPOKE_B));

                // the spoke comes back: it takes the leases of its own subnet from the hub, none of the other's
                try (DaemonProcess back = HaTestSetup.startRuru(dir, net, 1, spokeA)) {
                    awaitState(dir.socket("s1.sock"), "hot-standby", Duration.ofSeconds(40));
                    awaitState(hubSocket, 0, "hot-standby", Duration.ofSeconds(40));
                    String leases = Files.readString(dir.data("s1.csv"));
                    assertThat(missed).allSatisfy(m -> assertThat(leases).contains(m + ","));
                    assertThat(leases).doesNotContain("10.2.0.");
                    assertThat(results(relayA.run("dora 41 1 " + SPOKE_A + "," + HUB)).get(0).by()).isEqualTo(SPOKE_A);
                }
            }
        }
    }

    private static String subnet(long id, String prefix, String serverName) {
        return """
                { "id": %d, "subnet": "%s.0.0/24", "pools": [ { "pool": "%s.0.10 - %s.0.200" } ],
                  "user-context": { "ha-server-name": "%s" } }""".formatted(id, prefix, prefix, prefix, serverName);
    }

    private static String relationship(String me, String primary, String primaryUrl, String standby,
                                       String standbyPort) {
        return """
                { "this-server-name": "%s", "mode": "hot-standby", "heartbeat-delay": %d,
                  "max-response-delay": %d, "max-unacked-clients": 0,
                  "peers": [ { "name": "%s", "url": "%s", "role": "primary" },
                             { "name": "%s", "url": "http://192.0.2.2:%s/", "role": "standby" } ] }"""
                .formatted(me, HaTestSetup.HEARTBEAT_DELAY, HaTestSetup.MAX_RESPONSE_DELAY, primary, primaryUrl,
                        standby, standbyPort);
    }

    private static Path spoke(DaemonDirs dir, HaNetwork net, int n, String me, String hubName, String hubPort,
                              String prefix) throws Exception {
        return write(dir, net, n, relationship(me, me, "http://192.0.2." + n + ":800" + n + "/", hubName, hubPort),
                subnet(n, prefix, me));
    }

    private static Path hub(DaemonDirs dir, HaNetwork net) throws Exception {
        return write(dir, net, 2, relationship("server2", "server1", "http://192.0.2.1:8001/", "server2", "8002") + ","
                + relationship("server4", "server3", "http://192.0.2.3:8003/", "server4", "8004"),
                subnet(1, "10.1", "server2") + "," + subnet(3, "10.2", "server4"));
    }

    private static Path write(DaemonDirs dir, HaNetwork net, int n, String relationships, String subnets)
            throws Exception {
        return dir.writeConfig("s" + n + ".json", """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "s%d.sock" },
                  "lease-database": { "type": "memfile", "name": "s%d.csv", "lfc-interval": 0 },
                  "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" },
                    { "library": "libdhcp_ha.so", "parameters": { "high-availability": [ %s ] } } ],
                  "subnet4": [ %s ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "s%d.log" } ] } ]
                } }""".formatted(net.iface(n), n, n, relationships, subnets, n));
    }
}
