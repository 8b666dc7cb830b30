package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.PgCluster;

/**
 * A PostgreSQL primary with a synchronous hot standby, both listed in {@code host}: the primary
 * dies under load, the standby is promoted, and ruru keeps serving from it without losing an
 * acknowledged lease.
 */
class Dhcp4PgsqlFailoverTest {

    private static PgCluster primary;
    private static PgCluster standby;
    private static NetnsPair net;

    @BeforeAll
    static void site() throws Exception {
        primary = PgsqlSite.cluster("ha");
        standby = primary.standby();
        net = NetnsPair.create("o", true, null);
    }

    @AfterAll
    static void cleanup() {
        for (AutoCloseable c : new AutoCloseable[] {net, standby, primary}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private static boolean serving(Path socket) throws Exception {
        MapElement status = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"status-get\" }").get("arguments");
        return ((ListElement) ((MapElement) status.get("dhcp-state")).get("disabled-by-db-connection")).items().isEmpty();
    }

    @Test
    void aPromotedStandbyTakesOver() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path socket = dirs.socket("ctl.sock");
        String db = """
                { "type": "postgresql", "name": "ha", "host": "%s,%s", "port": %d, "user": "%s", "password": "%s",
                  "max-reconnect-tries": 300, "reconnect-wait-time": 100 }"""
                .formatted(primary.socketDir(), standby.socketDir(), primary.port(), PgsqlSite.USER, PgsqlSite.PASSWORD);
        Path cfg = dirs.writeConfig("ruru.json", PgsqlSite.config(net.serverIface(), "ctl.sock", db,
                PgsqlSite.ruruHooks(), "\"multi-threading\": { \"enable-multi-threading\": true, \"thread-pool-size\": 4 },"));
        try (DaemonProcess ruru = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
            ruru.awaitSocket(socket);
            Process load = PgsqlSite.perfdhcp(net, dir.resolve("perf.out"), "00:0c:07:00:00:00",
                    "-r", "100", "-R", "100000", "-p", "10", "-W", "2000000");
            Thread.sleep(3000);
            primary.stopServer();
            Thread.sleep(500);
            standby.promote();
            boolean back = false;
            for (int i = 0; i < 200 && !back; i++) {
                Thread.sleep(50);
                back = serving(socket);
            }
            assertThat(back).as(ruru.stdout()).isTrue();
            assertThat(load.waitFor()).isIn(0, 3);
            String log = ruru.stdout();
            assertThat(log).contains("DHCP4_DB_RECONNECT_LOST_CONNECTION").contains("DHCP4_DB_RECONNECT_SUCCEEDED");
            Map<String, String> allocated = PgsqlSite.allocations(log);
            // every ACKed lease survived the failover; a commit whose answer was lost when the primary
            // went away may also be there, never ACKed (as with Kea): at most one per packet thread
            java.util.Set<String> rows = new java.util.HashSet<>(standby.psql("ha",
                    "SELECT host('0.0.0.0'::inet + address) FROM lease4").lines().toList());
            assertThat(rows).containsAll(allocated.keySet());
            assertThat(rows.size() - allocated.size()).isBetween(0, 4);
            // leases made after the failover are on the promoted standby
            long afterFailover = log.substring(log.indexOf("DHCP4_DB_RECONNECT_SUCCEEDED")).lines()
                    .filter(l -> l.contains("DHCP4_LEASE_ALLOC")).count();
            assertThat(afterFailover).isGreaterThan(50);
            String perf = Files.readString(dir.resolve("perf.out"));
            assertThat(PgsqlSite.number(perf, "(?s)REQUEST-ACK.*?received packets: (\\d+)")).isGreaterThan(200);
        }
    }
}
