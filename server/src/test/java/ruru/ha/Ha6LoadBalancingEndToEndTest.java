package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.Ha6TestSetup.results;
import static ruru.ha.HaTestSetup.awaitState;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ruru.ha.Ha6TestSetup.Result;
import ruru.ha.HaServers.Server;
import ruru.ha.state.LoadBalancing;
import ruru.testing.DaemonDirs;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;

/**
 * DHCPv6 load balancing: each client is answered by the one server RFC 3074's hash of its DUID
 * names, and a kea-dhcp6 2.2 pair on the same segment splits the very same DUIDs the same way.
 * Each lease reaches the partner before the REPLY, and when one server goes away the other serves
 * both scopes.
 */
class Ha6LoadBalancingEndToEndTest {

    private static final int CLIENTS = 16;

    @Test
    void ruruAndKeaSplitTheSameDuidsByTheHash() throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = Ha6TestSetup.network("r")) {
            Map<String, String> ruru = split(net, dir, false);
            Map<String, String> kea = split(net, dir, true);
            assertThat(ruru).hasSize(CLIENTS).isEqualTo(kea);
            assertThat(ruru.values()).contains(net.address6(1), net.address6(2));
            ruru.forEach((duid, server) -> assertThat(server).as(duid).isEqualTo(expected(net, duid)));
        }
    }

    /** Which server answered each client (by DUID), for one kind of pair. */
    private static Map<String, String> split(HaNetwork net, DaemonDirs dir, boolean kea) throws Exception {
        DaemonDirs run = DaemonDirs.in(dir.root().resolve(kea ? "kea" : "ruru"));
        List<Server> servers = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                Server s = kea ? HaServers.kea(run, net, n, "kea-dhcp6", Ha6TestSetup.kea(run, net, n, "load-balancing",
                        "")) : HaServers.ruru(run, net, n, "dhcp6", Ha6TestSetup.ruru(run, net, n, "load-balancing", ""));
                servers.add(s);
                s.start();
            }
            awaitState(servers.get(0).socket(), "load-balancing", Duration.ofSeconds(40));
            awaitState(servers.get(1).socket(), "load-balancing", Duration.ofSeconds(40));
            String both = net.address6(1) + "," + net.address6(2);
            Map<String, String> split = new LinkedHashMap<>();
            try (HaNetwork.Relay relay = net.relay6()) {
                for (Result r : results(relay.run("sarr 1 " + CLIENTS + " " + both + " check="
                        + run.data("s2.csv")))) {
                    assertThat(r.adverts()).as(r.toString()).hasSize(1);
                    assertThat(r.by()).isEqualTo(r.adverts().get(0));
                    split.put(r.duid(), r.by());
                    if (r.by().equals(net.address6(1))) {
                        assertThat(r.file()).as("server1's lease in server2's file before the REPLY").isEqualTo("yes");
                    } else {
                        assertThat(Files.readString(run.data("s1.csv"))).contains(r.address() + "," + r.duid());
                    }
                }
                if (!kea) {
                    // server2 goes away: server1 serves both scopes
                    servers.get(1).stop();
                    awaitState(servers.get(0).socket(), "partner-down", Duration.ofSeconds(20));
                    assertThat(results(relay.run("sarr 100 6 " + both)))
                            .allSatisfy(r -> assertThat(r.by()).isEqualTo(net.address6(1)));
                }
            }
            return split;
        } finally {
            for (Server s : servers) {
                s.close();
            }
        }
    }

    /** The server RFC 3074 assigns the DUID: index 0 the primary (server1), 1 the secondary. */
    private static String expected(HaNetwork net, String duid) {
        return LoadBalancing.server(HexFormat.ofDelimiter(":").parseHex(duid), 2) == 0 ? net.address6(1)
                : net.address6(2);
    }
}
