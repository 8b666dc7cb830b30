package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.ha.HaTestSetup.awaitState;
import static ruru.ha.HaTestSetup.results;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ruru.ha.HaTestSetup.Result;
import ruru.ha.state.LoadBalancing;
import ruru.testing.DaemonDirs;
import ruru.testing.HaNetwork;
import ruru.testing.NetnsPair;

/**
 * Load balancing: each client is answered by the one server RFC 3074's hash of its client-id (else
 * its MAC) names, and a Kea 2.2 pair on the same segment splits the very same clients the same way.
 * Leases one server gives reach the other before the ACK, and with pools guarded by the scope classes
 * {@code HA_server1} and {@code HA_server2} (Kea's recommended setup) each server hands out addresses
 * of its own pool.
 */
class HaLoadBalancingEndToEndTest {

    private static final String BOTH = HaNetwork.SERVER1 + "," + HaNetwork.SERVER2;

    @Test
    void ruruAndKeaSplitTheSameClientsByTheHash() throws Exception {
        DaemonDirs dir = DaemonDirs.create();
        try (HaNetwork net = HaNetwork.create("l")) {
            Map<String, String> ruru = split(net, dir, false);
            NetnsPair.requireTool("kea-dhcp4", "kea-dhcp4-server");
            Map<String, String> kea = split(net, dir, true);
            assertThat(ruru).isEqualTo(kea);
            // both servers got clients, each the ones the hash gives it
            assertThat(ruru.values()).contains(HaNetwork.SERVER1, HaNetwork.SERVER2);
            ruru.forEach((client, server) -> assertThat(server).as(client).isEqualTo(expected(client)));
        }
    }

    /** Which server answered each client (MAC, "/cid" when it sent a client-id), for one kind of pair. */
    private static Map<String, String> split(HaNetwork net, DaemonDirs dir, boolean kea) throws Exception {
        DaemonDirs run = DaemonDirs.in(dir.root().resolve(kea ? "kea" : "ruru"));
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                if (kea) {
                    Path[] c = HaTestSetup.kea(run, net, n, "load-balancing", "", HaTestSetup.SCOPE_POOLS);
                    Process dhcp = net.startKea(n, run.root(), "kea-dhcp4", c[0]);
                    Process agent = net.startKea(n, run.root(), "kea-ctrl-agent", c[1]);
                    servers.add(() -> {
                        dhcp.destroyForcibly();
                        agent.destroyForcibly();
                        dhcp.waitFor(10, TimeUnit.SECONDS);
                        agent.waitFor(10, TimeUnit.SECONDS);
                    });
                } else {
                    servers.add(HaTestSetup.startRuru(run, net, n,
                            HaTestSetup.ruru(run, net, n, "load-balancing", "", HaTestSetup.SCOPE_POOLS)));
                }
            }
            String prefix = kea ? "k" : "s";
            awaitState(run.socket(prefix + "1.sock"), "load-balancing", Duration.ofSeconds(40));
            awaitState(run.socket(prefix + "2.sock"), "load-balancing", Duration.ofSeconds(40));
            Map<String, String> split = new LinkedHashMap<>();
            try (HaNetwork.Relay relay = net.relay()) {
                for (Result r : results(relay.run("dora 1 12 " + BOTH))) {
                    assertThat(r.offers()).hasSize(1);
                    assertThat(r.by()).isEqualTo(r.offers().get(0));
                    assertThat(fromScopePool(r)).as(r.toString()).isTrue();
                    split.put(r.mac(), r.by());
                }
                // with a client-id the hash is over it; each lease reaches the partner before the ACK
                for (Result r : results(relay.run("dora 40 12 " + BOTH + " cid"))) {
                    assertThat(r.offers()).hasSize(1);
                    assertThat(fromScopePool(r)).as(r.toString()).isTrue();
                    String partnerFile = "s" + (r.by().equals(HaNetwork.SERVER1) ? 2 : 1) + ".csv";
                    split.put(r.mac() + "/cid", r.by());
                    if (!kea) {
                        assertThat(java.nio.file.Files.readString(run.data(partnerFile))).contains(r.address()
                                + "," + r.mac() + ",01:" + r.mac());
                    }
                }
                if (!kea) {
                    // server2 goes away: server1 serves both scopes, each client still from its scope's pool
                    servers.remove(1).close();
                    awaitState(run.socket("s1.sock"), "partner-down", Duration.ofSeconds(20));
                    for (Result r : results(relay.run("dora 70 8 " + BOTH))) {
                        assertThat(r.by()).isEqualTo(HaNetwork.SERVER1);
                        int last = Integer.parseInt(r.address().substring(r.address().lastIndexOf('.') + 1));
                        assertThat(last >= 100).as(r.toString()).isEqualTo(expected(r.mac()).equals(HaNetwork.SERVER2));
                    }
                }
            }
            return split;
        } finally {
            for (AutoCloseable s : servers) {
                s.close();
            }
        }
    }

    /** The pools are guarded by HA_server1 / HA_server2: each server hands out its own pool's addresses. */
    private static boolean fromScopePool(Result r) {
        int last = Integer.parseInt(r.address().substring(r.address().lastIndexOf('.') + 1));
        return r.by().equals(HaNetwork.SERVER1) ? last >= 10 && last <= 99 : last >= 100 && last <= 199;
    }

    /** The server RFC 3074 assigns: index 0 the primary (server1), 1 the secondary. */
    private static String expected(String client) {
        String mac = client.replace("/cid", "");
        byte[] hw = HexFormat.ofDelimiter(":").parseHex(mac);
        byte[] key = client.endsWith("/cid") ? concat(new byte[] {1}, hw) : hw;
        return LoadBalancing.server(key, 2) == 0 ? HaNetwork.SERVER1 : HaNetwork.SERVER2;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
