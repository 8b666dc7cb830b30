package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;

/**
 * Kea 3's {@code offer-lifetime} on a real daemon (Kea 2.6 and later; the installed Kea 2.2 refuses
 * the key, so the oracle is Kea 3's manual and allocation engine): a relay in a network namespace
 * sends DISCOVERs and REQUESTs over UDP; each OFFER's address is in the memfile and in lease4-get
 * with the offer lifetime (the class's, else the global one the subnet inherits), other clients are
 * not offered it, the REQUEST rewrites it with the valid lifetime, and an unclaimed offer is
 * reclaimed when it expires so its address is offered again.
 *
 * <p>Timing, for a loaded machine: each client exchange is a process start-up (up to seconds), so
 * only the offer meant to run out is short (the global 5 s), and the steps that must happen while
 * it is held (the DISCOVER that finds the pool full, the count of assigned addresses) follow its
 * OFFER within milliseconds, in the same client process. As Kea's memfile, a lease is reclaimed by
 * the first cycle in the second it expires (an inclusive bound) but the allocator takes it only
 * when expired (Kea's Lease::expired(): its expiry second is over), so the last DISCOVER is sent
 * after that second, as a real client's retransmission would come.
 */
class Dhcp4OfferLifetimeEndToEndTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;
    private static Path socket;
    private static Path leaseFile;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        net = NetnsPair.create("o", true, "02:00:00:00:00:01");
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("offer.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" } ],
                    "expired-leases-processing": { "reclaim-timer-wait-time": 1, "hold-reclaimed-time": 3600 },
                    "valid-lifetime": 600,
                    "offer-lifetime": 5,
                    "client-classes": [
                      { "name": "slow-to-request", "test": "pkt4.mac == 0x024400000009 or pkt4.mac == 0x024400000001",
                        "offer-lifetime": 120 }
                    ],
                    "subnet4": [ {
                      "id": 1, "subnet": "192.0.2.0/24",
                      "pools": [ { "pool": "192.0.2.10 - 192.0.2.12" } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface()));
        socket = dirs.socket("ctl.sock");
        leaseFile = dirs.data("leases4.csv");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
        MapElement test = DaemonProcess.call(socket, "{ \"command\": \"config-test\", \"arguments\": "
                + "{ \"Dhcp4\": { \"offer-lifetime\": 5, \"shared-networks\": [ { \"name\": \"n\", \"offer-lifetime\": 7,"
                + " \"subnet4\": [ { \"id\": 9, \"subnet\": \"10.0.0.0/8\", \"offer-lifetime\": 0 } ] } ] } } }");
        assertThat(test.get("result").asLong()).as(test.toString()).hasValue(0L);
    }

    @AfterAll
    static void stop() {
        ruru.testing.Closer.closeAll(daemon, net, dirs);
    }

    /** One exchange by the relay client: {@code OFFER|ACK|NAK <address> <lease time>} or {@code NONE}. */
    private static String[] client(String... args) throws Exception {
        return clients(args).getFirst();
    }

    /** The relay client's answers, one per exchange it made. */
    private static List<String[]> clients(String... args) throws Exception {
        Path out = dirs.root().resolve("client-" + System.nanoTime() + ".out");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "ruru.testing.DoraClient"));
        cmd.add(args[0]);
        cmd.add(NetnsPair.CLIENT_IP);
        cmd.add(NetnsPair.SERVER_IP);
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = net.start(net.client(), out, cmd.toArray(String[]::new));
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return Files.readAllLines(out).stream().map(l -> l.trim().split(" ")).toList();
    }

    private static String[] discover(int client) throws Exception {
        return client("discover", Integer.toString(client));
    }

    /** One DISCOVER per client, each sent as soon as the previous one is answered (or not). */
    private static List<String[]> discoverInTurn(int... clients) throws Exception {
        return clients("discover", java.util.Arrays.stream(clients).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",")));
    }

    private static String[] request(int client, String address) throws Exception {
        return client("request", Integer.toString(client), address);
    }

    /** The last row of each address in the lease file: address -> columns. */
    private static Map<String, String[]> rows() throws IOException {
        Map<String, String[]> last = new HashMap<>();
        List<String> lines = Files.readAllLines(leaseFile);
        assertThat(lines.getFirst()).startsWith("address,hwaddr,client_id,valid_lifetime,expire,subnet_id");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            last.put(f[0], f);
        }
        return last;
    }

    private static MapElement lease(String address) throws Exception {
        return DaemonProcess.lease4(socket, address);
    }

    @Test
    void offersAreHeldInTheStoreExtendedByTheRequestAndReclaimedWhenUnclaimed() throws Exception {
        String[] first = discover(1);
        assertThat(first[0]).isEqualTo("OFFER");
        assertThat(first[2]).as("the OFFER carries the valid lifetime").isEqualTo("600");
        String[] row = rows().get(first[1]);
        assertThat(row[1]).isEqualTo("02:44:00:00:00:01");
        assertThat(row[3]).as("valid_lifetime of the offered lease: the class's offer-lifetime").isEqualTo("120");
        assertThat(row[9]).as("state default").isEqualTo("0");
        assertThat(lease(first[1]).get("valid-lft").asLong()).hasValue(120L);
        assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-addresses")).isEqualTo(1);

        String[] ack = request(1, first[1]);
        assertThat(ack).containsExactly("ACK", first[1], "600");
        assertThat(rows().get(first[1])[3]).isEqualTo("600");
        assertThat(lease(first[1]).get("valid-lft").asLong()).hasValue(600L);
        assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-addresses"))
                .as("the REQUEST takes the offered lease over, it is not counted again").isEqualTo(1);

        String[] slow = discover(9);
        assertThat(slow[0]).isEqualTo("OFFER");
        assertThat(slow[1]).as("a leased address is not offered to another client").isNotEqualTo(first[1]);
        assertThat(lease(slow[1]).get("valid-lft").asLong()).as("the class's offer-lifetime").hasValue(120L);

        List<String[]> full = discoverInTurn(2, 3);
        String[] second = full.get(0);
        assertThat(second[0]).isEqualTo("OFFER");
        assertThat(second[1]).isNotIn(first[1], slow[1]);
        assertThat(full.get(1)).as("every address of the pool is leased or held by an offer").containsExactly("NONE");
        // client 2's offer is held at least 4 s: it is still counted (its NONE took client 3 2 s)
        assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-addresses")).isEqualTo(3);
        assertThat(rows().get(second[1])[3]).as("the global offer-lifetime the subnet inherits").isEqualTo("5");
        MapElement offered = lease(second[1]);
        assertThat(offered.get("valid-lft").asLong()).hasValue(5L);
        long expire = offered.get("cltt").asLong().orElseThrow() + 5;

        // client 2 never requests: its offer runs out after 5 s and the reclamation frees it
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> "2".equals(lease(second[1]).get("state").asLong().map(String::valueOf).orElse("")));
        assertThat(rows().get(second[1])[9]).as("expired-reclaimed in the file").isEqualTo("2");
        assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-addresses")).isEqualTo(2);
        assertThat(DaemonProcess.statistic(socket, "reclaimed-leases")).isEqualTo(1);
        // reclaimed in its expiry second, given again only once that second is over (as Kea)
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.currentTimeMillis() / 1000 > expire);
        String[] late = discover(3);
        assertThat(late).containsExactly("OFFER", second[1], "600");
        assertThat(lease(first[1]).get("state").asLong()).as("the ACKed lease is untouched").hasValue(0L);
        assertThat(lease(slow[1]).get("state").asLong()).as("the class's longer offer still holds").hasValue(0L);
    }
}
