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
import ruru.testing.TestConfigs;

/**
 * A migration as a Kea site lives it: kea-dhcp4 2.2 and ruru dhcp4 serve one pool from one
 * PostgreSQL database made by Kea 2.2's kea-admin, at the same time, each loaded by its own
 * perfdhcp. No address goes to two clients; Kea's tools (kea-admin lease-dump, stat-lease4-get)
 * see ruru's leases and ruru sees Kea's. Then two ruru servers share it the same way.
 */
class Dhcp4PgsqlSharedDatabaseTest {

    private static PgCluster pg;
    private static NetnsPair keaNet;
    private static NetnsPair ruruNet;

    @BeforeAll
    static void site() throws Exception {
        pg = PgsqlSite.cluster("site");
        keaNet = NetnsPair.create("k", true, null);
        ruruNet = NetnsPair.create("u", true, null);
    }

    @AfterAll
    static void cleanup() {
        for (AutoCloseable c : new AutoCloseable[] {keaNet, ruruNet, pg}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    void twoRuruServersShareOneDatabaseUnderLoad() throws Exception {
        pg.psql("site", "DELETE FROM lease4");
        DaemonDirs adirs = DaemonDirs.create();
        Path adir = adirs.root();
        DaemonDirs bdirs = DaemonDirs.create();
        Path bdir = bdirs.root();
        String db = PgsqlSite.leaseDatabase(pg, "site", "");
        // Kea's advice for servers sharing a database: the random allocator, so they rarely offer one address at once
        String mt = "\"multi-threading\": { \"enable-multi-threading\": true, \"thread-pool-size\": 4 }, "
                + "\"allocator\": \"random\",";
        Path acfg = adirs.writeConfig("a.json",
                PgsqlSite.config(keaNet.serverIface(), "ctl.sock", db, PgsqlSite.ruruHooks(), mt));
        Path bcfg = bdirs.writeConfig("b.json",
                PgsqlSite.config(ruruNet.serverIface(), "ctl.sock", db, PgsqlSite.ruruHooks(), mt));
        try (DaemonProcess a = DaemonProcess.startIn(keaNet.server(), adirs, Map.of(), "dhcp4", "-c", acfg.toString());
             DaemonProcess b = DaemonProcess.startIn(ruruNet.server(), bdirs, Map.of(), "dhcp4", "-c", bcfg.toString())) {
            a.awaitSocket(adirs.socket("ctl.sock"));
            b.awaitSocket(bdirs.socket("ctl.sock"));
            Process pa = PgsqlSite.perfdhcp(keaNet, adir.resolve("perf.out"), "00:0c:05:00:00:00",
                    "-r", "200", "-R", "3000", "-n", "1200", "-W", "2000000");
            Process pb = PgsqlSite.perfdhcp(ruruNet, bdir.resolve("perf.out"), "00:0c:06:00:00:00",
                    "-r", "200", "-R", "3000", "-n", "1200", "-W", "2000000");
            assertThat(pa.waitFor()).isIn(0, 3);
            assertThat(pb.waitFor()).isIn(0, 3);
            for (Path d : new Path[] {adir, bdir}) {
                String perf = Files.readString(d.resolve("perf.out"));
                assertThat(PgsqlSite.number(perf, "(?s)REQUEST-ACK.*?received packets: (\\d+)")).as(perf)
                        .isGreaterThan(400);
            }
            Map<String, String> all = PgsqlSite.allocations(a.stdout(), b.stdout());
            assertThat(PgsqlSite.allocations(a.stdout())).isNotEmpty();
            assertThat(PgsqlSite.allocations(b.stdout())).isNotEmpty();
            assertThat(Long.parseLong(pg.psql("site", "SELECT count(*) FROM lease4"))).isEqualTo(all.size());
        }
    }

    @Test
    void keaAndRuruShareOneDatabaseUnderLoad() throws Exception {
        pg.psql("site", "DELETE FROM lease4");
        Path kdir = PgsqlSite.dir();
        DaemonDirs rdirs = DaemonDirs.create();
        Path rdir = rdirs.root();
        Path keaSocket = kdir.resolve("kea.sock");
        Path ruruSocket = rdirs.socket("ctl.sock");
        String db = PgsqlSite.leaseDatabase(pg, "site", "");
        Path keaCfg = TestConfigs.write(kdir, "kea.json",
                PgsqlSite.config(keaNet.serverIface(), keaSocket.toString(), db, PgsqlSite.keaHooks(), ""));
        Path ruruCfg = rdirs.writeConfig("ruru.json", PgsqlSite.config(ruruNet.serverIface(), "ctl.sock", db,
                PgsqlSite.ruruHooks(), "\"multi-threading\": { \"enable-multi-threading\": true, \"thread-pool-size\": 4 },"));
        Process kea = PgsqlSite.startKea(keaNet, kdir, keaCfg);
        try (DaemonProcess ruru = DaemonProcess.startIn(ruruNet.server(), rdirs, Map.of(), "dhcp4", "-c",
                ruruCfg.toString())) {
            PgsqlSite.awaitSocket(keaSocket, kea, kdir.resolve("kea.log"));
            ruru.awaitSocket(ruruSocket);

            Process pk = PgsqlSite.perfdhcp(keaNet, kdir.resolve("perf.out"), "00:0c:01:00:00:00",
                    "-r", "150", "-R", "3000", "-n", "900", "-W", "2000000");
            Process pr = PgsqlSite.perfdhcp(ruruNet, rdir.resolve("perf.out"), "00:0c:02:00:00:00",
                    "-r", "150", "-R", "3000", "-n", "900", "-W", "2000000");
            assertThat(pk.waitFor()).isIn(0, 3);
            assertThat(pr.waitFor()).isIn(0, 3);
            String keaPerf = Files.readString(kdir.resolve("perf.out"));
            String ruruPerf = Files.readString(rdir.resolve("perf.out"));
            long keaAcks = PgsqlSite.number(keaPerf, "(?s)REQUEST-ACK.*?received packets: (\\d+)");
            long ruruAcks = PgsqlSite.number(ruruPerf, "(?s)REQUEST-ACK.*?received packets: (\\d+)");
            // Both under load at once (bounds loose: this 2-core machine is shared by other builds).
            // Two iterative allocators walk one pool from its start at the same pace, so whichever
            // server trails offers addresses the other has offered and then commits first: its
            // REQUESTs for them are NAKed (as Kea NAKs them; perfdhcp counts a NAK as a drop). So
            // ruru must answer its REQUESTs, with an ACK or a NAK, not necessarily ACK most.
            long ruruNaks = statistic(ruruSocket, "pkt4-nak-sent");
            assertThat(keaAcks).as(keaPerf).isGreaterThan(100);
            assertThat(ruruAcks).as(ruruPerf).isGreaterThan(50);
            assertThat(ruruAcks + ruruNaks).as(ruruPerf).isGreaterThan(600);

            // no address went to two clients, whichever server gave it
            Map<String, String> byKea = PgsqlSite.allocations(Files.readString(kdir.resolve("kea.log")));
            Map<String, String> byRuru = PgsqlSite.allocations(ruru.stdout());
            Map<String, String> all = PgsqlSite.allocations(Files.readString(kdir.resolve("kea.log")), ruru.stdout());
            assertThat(byRuru).isNotEmpty();
            assertThat(byKea).isNotEmpty();
            // every allocation is a row with its client's MAC
            long rows = Long.parseLong(pg.psql("site", "SELECT count(*) FROM lease4"));
            assertThat(rows).isEqualTo(all.size());
            String someRuru = byRuru.keySet().iterator().next();
            String someKea = byKea.keySet().iterator().next();
            assertThat(pg.psql("site", "SELECT encode(hwaddr, 'hex') FROM lease4 WHERE address = ('"
                    + someRuru + "'::inet - '0.0.0.0'::inet)")).isEqualTo(byRuru.get(someRuru).replace(":", ""));

            // kea-admin lease-dump lists ruru's leases
            Path dump = kdir.resolve("dump.csv");
            pg.keaAdmin("lease-dump", "pgsql", "-4", "-u", PgsqlSite.USER, "-p", PgsqlSite.PASSWORD, "-n", "site",
                    "-h", pg.socketDir().toString(), "-o", dump.toString());
            String csv = Files.readString(dump);
            assertThat(csv).startsWith("address,hwaddr,client_id,valid_lifetime,expire,subnet_id");
            assertThat(csv).contains(someRuru + "," + byRuru.get(someRuru) + ",");
            assertThat(csv.lines().count() - 1).isEqualTo(rows);

            // both servers' stat-lease4-get count every lease in the database (Kea's lease4_stat)
            long assigned = Long.parseLong(pg.psql("site", "SELECT count(*) FROM lease4 WHERE state = 0"));
            assertThat(statAssigned(DaemonProcess.call(keaSocket, "{ \"command\": \"stat-lease4-get\" }")))
                    .isEqualTo(assigned);
            assertThat(statAssigned(DaemonProcess.call(ruruSocket, "{ \"command\": \"stat-lease4-get\" }")))
                    .isEqualTo(assigned);

            // each server reads the other's leases
            MapElement fromRuru = DaemonProcess.call(ruruSocket, "{ \"command\": \"lease4-get\", \"arguments\": "
                    + "{ \"ip-address\": \"" + someKea + "\" } }");
            assertThat(fromRuru.get("result").asLong()).contains(0L);
            assertThat(((MapElement) fromRuru.get("arguments")).get("hw-address").asString()).contains(byKea.get(someKea));
            MapElement fromKea = DaemonProcess.call(keaSocket, "{ \"command\": \"lease4-get\", \"arguments\": "
                    + "{ \"ip-address\": \"" + someRuru + "\" } }");
            assertThat(((MapElement) fromKea.get("arguments")).get("hw-address").asString()).contains(byRuru.get(someRuru));
        } finally {
            kea.destroy();
            kea.waitFor();
        }
    }

    private static long statistic(Path socket, String name) throws Exception {
        MapElement answer = DaemonProcess.call(socket,
                "{ \"command\": \"statistic-get\", \"arguments\": { \"name\": \"" + name + "\" } }");
        ListElement samples = (ListElement) ((MapElement) answer.get("arguments")).get(name);
        return ((ListElement) samples.get(0)).get(0).asLong().orElseThrow();
    }

    private static long statAssigned(MapElement answer) {
        MapElement set = (MapElement) ((MapElement) answer.get("arguments")).get("result-set");
        ListElement row = (ListElement) ((ListElement) set.get("rows")).get(0);
        return row.get(3).asLong().orElseThrow();
    }
}
