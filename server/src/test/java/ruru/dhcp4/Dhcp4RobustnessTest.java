package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import ruru.testing.TestConfigs;

/**
 * What must never go wrong: a kill -9 under load loses no lease that was ACKed; malformed packets
 * are counted drops and service goes on; a DECLINE takes effect. A scripted relay agent
 * ({@link ruru.testing.DoraClient}) runs in the client namespace.
 */
class Dhcp4RobustnessTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        net = NetnsPair.create("r", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static Path config(DaemonDirs dirs) throws Exception {
        return dirs.writeConfig("kea.json", Dhcp4PerfdhcpTest.relayConfig(net.serverIface(), "leases4.csv"));
    }

    private static Process client(Path out, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "ruru.testing.DoraClient"));
        cmd.addAll(List.of(args));
        return net.start(net.client(), out, cmd.toArray(String[]::new));
    }

    private static long stat(Path socket, String name) throws Exception {
        return DaemonProcess.statistic(socket, name);
    }

    /** The client's "ACK <address> <mac>" lines: address to MAC. */
    private static Map<String, String> acked(Path out) throws Exception {
        Map<String, String> acked = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            if (line.startsWith("ACK ")) {
                String[] f = line.split(" ");
                acked.put(f[1], f[2]);
            }
        }
        return acked;
    }

    private static Map<String, String> liveLeases(Path csv) throws Exception {
        return ruru.testing.LeaseRows.live(csv);
    }

    @Test
    void aKillDashNineUnderLoadLosesNoAckedLease() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path cfg = config(dirs);
        Path socket = dirs.socket("ctl.sock");
        Path out = dir.resolve("client.out");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            Process c = client(out, "dora", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "1000000");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readAllLines(out).size() >= 300);
            d.process().destroyForcibly();                 // SIGKILL, mid-stream
            d.waitForExit(Duration.ofSeconds(20));
            assertThat(c.waitFor()).isZero();              // the client gives up after three failed exchanges
        }
        Map<String, String> acked = acked(out);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(300);
        Map<String, String> onDisk = liveLeases(dirs.data("leases4.csv"));
        acked.forEach((address, mac) -> assertThat(onDisk).as("ACKed lease " + address).containsEntry(address, mac));
        // And the daemon comes back with them.
        try (DaemonProcess again = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            again.awaitSocket(socket);
            assertThat(stat(socket, "subnet[1].assigned-addresses")).isGreaterThanOrEqualTo(acked.size());
        }
    }

    @Test
    void malformedPacketsAreCountedAndServiceGoesOn() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path cfg = config(dirs);
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            Path garbage = dir.resolve("garbage.out");
            assertThat(client(garbage, "garbage", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "3000").waitFor()).isZero();
            String line = Files.readString(garbage).trim();
            assertThat(line).startsWith("INVALID ");
            long invalid = Long.parseLong(line.substring(8));
            assertThat(invalid).isGreaterThan(1500);
            // Every datagram is accounted for: parsed and dropped, or dropped from the full packet
            // queue (packet-queue-size, 64 by default) before parsing; both are pkt4-receive-drop.
            await().atMost(Duration.ofSeconds(20)).until(() -> stat(socket, "pkt4-received") >= 3000);
            assertThat(stat(socket, "pkt4-parse-failed")).isPositive();
            assertThat(stat(socket, "pkt4-receive-drop")).isGreaterThanOrEqualTo(invalid);
            Path dora = dir.resolve("dora.out");
            assertThat(client(dora, "dora", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "20").waitFor()).isZero();
            assertThat(Files.readAllLines(dora)).filteredOn(l -> l.startsWith("ACK ")).hasSize(20);
            assertThat(d.process().isAlive()).isTrue();
        }
    }

    @Test
    void aDeclinedAddressIsWithheld() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path cfg = config(dirs);
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            Path out = dir.resolve("decline.out");
            assertThat(client(out, "decline", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "3").waitFor()).isZero();
            assertThat(Files.readAllLines(out)).filteredOn(l -> l.startsWith("DECLINED ")).hasSize(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> stat(socket, "declined-addresses") == 3);
            assertThat(stat(socket, "subnet[1].declined-addresses")).isEqualTo(3);
            Map<String, String> leases = liveLeases(dirs.data("leases4.csv"));
            for (String l : Files.readAllLines(out)) {
                if (l.startsWith("DECLINED ")) {
                    assertThat(leases).as("a declined lease forgets its client").containsEntry(l.substring(9), "");
                }
            }
        }
    }

    @Test
    void reconfigurationUnderLoadKeepsServingAndLosesNothing() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path cfg = config(dirs);
        Path socket = dirs.socket("ctl.sock");
        Path out = dir.resolve("client.out");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            Process c = client(out, "dora", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "1500");
            String body = Files.readString(cfg);
            String dhcp4 = body.substring(body.indexOf("\"Dhcp4\": ") + 9, body.lastIndexOf('}'));
            for (int i = 0; i < 6; i++) {
                Thread.sleep(150);
                String changed = dhcp4.replace("\"valid-lifetime\": 4000", "\"valid-lifetime\": " + (4000 + i));
                MapElement set = DaemonProcess.call(socket,
                        "{ \"command\": \"config-set\", \"arguments\": { \"Dhcp4\": " + changed + " } }");
                assertThat(set.get("result")).as(set.toString()).isEqualTo(ruru.json.Element.of(0));
                MapElement reload = DaemonProcess.call(socket, "{ \"command\": \"config-reload\" }");
                assertThat(reload.get("result")).as(reload.toString()).isEqualTo(ruru.json.Element.of(0));
            }
            assertThat(c.waitFor()).isZero();
            List<String> lines = Files.readAllLines(out);
            assertThat(lines).filteredOn(l -> l.startsWith("ACK ")).hasSizeGreaterThan(1400);
            Map<String, String> onDisk = liveLeases(dirs.data("leases4.csv"));
            acked(out).forEach((address, mac) -> assertThat(onDisk).containsEntry(address, mac));
            assertThat(d.process().isAlive()).isTrue();
        }
    }

    /**
     * A configuration naming an interface that does not exist is refused (as Kea refuses it, when it
     * is parsed) and the old sockets serve on; a
     * configuration that only changes the worker count reopens them and serves on. Each step is
     * checked with real exchanges across the veth pair.
     */
    @Test
    void socketsThatCannotOpenLeaveTheOldOnesServing() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path cfg = config(dirs);
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            Path before = dir.resolve("c1.out");
            assertThat(client(before, "dora", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "5").waitFor()).isZero();
            assertThat(Files.readAllLines(before)).filteredOn(l -> l.startsWith("ACK ")).hasSize(5);
            String hash = DaemonProcess.call(socket, "{ \"command\": \"config-hash-get\" }").toString();
            String body = Files.readString(cfg);
            String dhcp4 = body.substring(body.indexOf("\"Dhcp4\": ") + 9, body.lastIndexOf('}'));
            MapElement refused = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": { \"Dhcp4\": "
                    + dhcp4.replace("\"" + net.serverIface() + "\"", "\"nosuch0\"")
                            .replace("\"valid-lifetime\": 4000", "\"valid-lifetime\": 5000") + " } }");
            assertThat(refused.get("result")).as(refused.toString()).isEqualTo(ruru.json.Element.of(1));
            // Refused when parsed, as Kea refuses it, before any socket is touched.
            assertThat(refused.get("text").toString())
                    .contains("Failed to select interface: interface 'nosuch0' doesn't exist in the system");
            assertThat(DaemonProcess.call(socket, "{ \"command\": \"config-hash-get\" }").toString()).isEqualTo(hash);
            Path after = dir.resolve("c2.out");
            assertThat(client(after, "dora", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "5").waitFor()).isZero();
            assertThat(Files.readAllLines(after)).filteredOn(l -> l.startsWith("ACK ")).hasSize(5);

            MapElement threads = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": { \"Dhcp4\": "
                    + dhcp4.replace("\"valid-lifetime\": 4000", "\"valid-lifetime\": 4000, \"multi-threading\": {"
                            + " \"enable-multi-threading\": true, \"thread-pool-size\": 3, \"packet-queue-size\": 16 }")
                    + " } }");
            assertThat(threads.get("result")).as(threads.toString()).isEqualTo(ruru.json.Element.of(0));
            MapElement status = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"status-get\" }").get("arguments");
            assertThat(status.get("thread-pool-size")).isEqualTo(ruru.json.Element.of(3));
            assertThat(status.get("packet-queue-size")).isEqualTo(ruru.json.Element.of(16));
            Path third = dir.resolve("c3.out");
            assertThat(client(third, "dora", NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP, "5").waitFor()).isZero();
            assertThat(Files.readAllLines(third)).filteredOn(l -> l.startsWith("ACK ")).hasSize(5);
            // the same five clients each time (the relay's MACs are numbered): their leases, renewed
            assertThat(stat(socket, "subnet[1].assigned-addresses")).isEqualTo(5);
        } finally {
            dirs.close();
        }
    }
}
