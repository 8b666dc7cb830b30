package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;
import ruru.testing.PgCluster;

/**
 * ruru dhcp6's PostgreSQL lease database under faults, as Kea's on-fail policies say: restarted
 * mid-load it is reconnected with the service disabled meanwhile (status-get lists
 * disabled-by-db-connection) and not one REPLYed lease is lost; -T opens the database and reports
 * what cannot be opened with Kea's text.
 */
class Dhcp6PgsqlFaultTest {

    private static PgCluster pg;
    private static NetnsPair net;

    @BeforeAll
    static void site() throws Exception {
        pg = Pgsql6Site.cluster("faults6");
        net = Netns6.create("f6", false, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static ListElement dbOrigins(Path socket) throws Exception {
        MapElement status = (MapElement) DaemonProcess.call(socket, "{ \"command\": \"status-get\" }").get("arguments");
        return (ListElement) ((MapElement) status.get("dhcp-state")).get("disabled-by-db-connection");
    }

    @Test
    void aDatabaseRestartedMidLoadLosesNoRepliedLease() throws Exception {
        pg.psql("faults6", "DELETE FROM lease6");
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path socket = dirs.socket("ctl.sock");
        Path cfg = dirs.writeConfig("ruru6.json", Pgsql6Site.config(net.serverIface(), "ctl.sock",
                Pgsql6Site.leaseDatabase(pg, "faults6", ", \"max-reconnect-tries\": 100, \"reconnect-wait-time\": 200, "
                        + "\"on-fail\": \"stop-retry-exit\""), Pgsql6Site.ruruHooks(), "0d0d0d",
                "\"multi-threading\": { \"enable-multi-threading\": true, \"thread-pool-size\": 4 },"));
        try (DaemonProcess ruru = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            ruru.awaitSocket(socket);
            Process load = Pgsql6Site.perfdhcp(net, dir.resolve("perf.out"), "00:0c:03:00:00:00",
                    "-r", "100", "-R", "100000", "-p", "12");
            Thread.sleep(3000);
            pg.stopServer();
            // the service is disabled by the lost connection while the database is down
            boolean disabled = false;
            for (int i = 0; i < 100 && !disabled; i++) {
                disabled = dbOrigins(socket).items().contains(Element.of(3000));
                Thread.sleep(50);
            }
            assertThat(disabled).as(ruru.stdout()).isTrue();
            Thread.sleep(1500);
            pg.startServer();
            boolean back = false;
            for (int i = 0; i < 200 && !back; i++) {
                back = dbOrigins(socket).items().isEmpty();
                Thread.sleep(50);
            }
            assertThat(back).as(ruru.stdout()).isTrue();
            assertThat(load.waitFor()).isIn(0, 3);
            String log = ruru.stdout();
            assertThat(log).contains("DHCP6_DB_RECONNECT_LOST_CONNECTION database connection lost.")
                    .contains("DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_SCHEDULE scheduling attempt 1 of 100 in 200 milliseconds")
                    .contains("DHCP6_DB_RECONNECT_SUCCEEDED database connection recovered.")
                    .doesNotContain(Pgsql6Site.PASSWORD);
            // every address and prefix ruru allocated (and so REPLYed) before, during and after is in the database
            Map<String, String> allocated = Pgsql6Site.allocations(log);
            assertThat(allocated.size()).isGreaterThan(200);
            Map<String, String> rows = Pgsql6Site.rows(pg, "faults6");
            for (Map.Entry<String, String> a : allocated.entrySet()) {
                assertThat(rows.get(a.getKey())).as("REPLYed lease " + a.getKey()).isEqualTo(a.getValue());
            }
            String perf = Files.readString(dir.resolve("perf.out"));
            // each REPLY carries an address and a prefix
            assertThat(Pgsql6Site.replies(perf) * 2).isLessThanOrEqualTo(allocated.size());
        }
    }

    private static Path config(DaemonDirs dirs, String dbExtra, String extra) throws Exception {
        return dirs.writeConfig("ruru6.json", Pgsql6Site.config(net.serverIface(), "ctl.sock",
                Pgsql6Site.leaseDatabase(pg, "faults6", dbExtra), Pgsql6Site.ruruHooks(), "0f0f0f", extra));
    }

    @Test
    void withoutReconnectTheDefaultPolicyShutsTheServerDown() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path socket = dirs.socket("ctl.sock");
        Path cfg = config(dirs, "", "");
        try (DaemonProcess ruru = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            ruru.awaitSocket(socket);
            pg.stopServer();
            try {
                String answer = DaemonProcess.send(socket, "{ \"command\": \"lease6-get-all\" }");
                assertThat(answer).contains("\"result\": 1").doesNotContain("Exception");
                assertThat(ruru.waitForExit(java.time.Duration.ofSeconds(30))).isEqualTo(1);
                assertThat(ruru.stdout()).contains("DHCP6_DB_RECONNECT_LOST_CONNECTION database connection lost.")
                        .contains("DHCP6_DB_RECONNECT_DISABLED database reconnect is disabled: max-reconnect-tries 0, "
                                + "reconnect-wait-time 0");
            } finally {
                pg.startServer();
            }
        }
    }

    @Test
    void retryOnStartupServesOnceTheDatabaseIsUp() throws Exception {
        pg.psql("faults6", "DELETE FROM lease6");
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path socket = dirs.socket("ctl.sock");
        Path cfg = config(dirs, ", \"retry-on-startup\": true, \"max-reconnect-tries\": 200, \"reconnect-wait-time\": 100",
                "");
        pg.stopServer();
        try (DaemonProcess ruru = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            ruru.awaitSocket(socket);
            assertThat(dbOrigins(socket).items()).containsExactly(Element.of(3000));
            pg.startServer();
            boolean back = false;
            for (int i = 0; i < 200 && !back; i++) {
                back = dbOrigins(socket).items().isEmpty();
                Thread.sleep(50);
            }
            assertThat(back).as(ruru.stdout()).isTrue();
            Process p = Pgsql6Site.perfdhcp(net, dir.resolve("perf.out"), "00:0c:04:00:00:00", "-r", "20",
                    "-R", "1000", "-n", "20");
            assertThat(p.waitFor()).isIn(0, 3);
            assertThat(Pgsql6Site.replies(Files.readString(dir.resolve("perf.out")))).isGreaterThan(15);
            assertThat(Long.parseLong(pg.psql("faults6", "SELECT count(*) FROM lease6"))).isGreaterThan(30);
        } finally {
            if (!Files.exists(pg.socketDir().resolve(".s.PGSQL." + pg.port()))) {
                pg.startServer();
            }
        }
    }

    /** Reclamation, flush, paging and statistics through the control socket, checked in the database. */
    @Test
    void leaseCommandsReclamationAndPagingWorkOnTheDatabase() throws Exception {
        pg.psql("faults6", "DELETE FROM lease6");
        DaemonDirs dirs = DaemonDirs.create();
        Path socket = dirs.socket("ctl.sock");
        Path cfg = config(dirs, "", "\"expired-leases-processing\": { \"reclaim-timer-wait-time\": 0, "
                + "\"flush-reclaimed-timer-wait-time\": 0, \"hold-reclaimed-time\": 3600 },");
        long now = System.currentTimeMillis() / 1000;
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            // on Kea 2.2's schema pages walk the text as kea-dhcp6 2.2 does (its index order: ::1:10 before ::1:9)
            for (int i : new int[] {9, 10, 16, 17, 18}) {
                long expire = i < 16 ? now - 100 : now + 3600;
                String add = DaemonProcess.send(socket, "{ \"command\": \"lease6-add\", \"arguments\": { "
                        + "\"ip-address\": \"2001:db8:1::1:" + Integer.toHexString(i) + "\", \"duid\": \"00:03:00:01:0a:00:00:00:00:"
                        + Integer.toHexString(i) + "\", \"iaid\": " + i + ", \"valid-lft\": 60, \"expire\": " + expire + " } }");
                assertThat(add).contains("\"result\": 0");
            }
            assertThat(pg.psql("faults6", "SELECT leases FROM lease6_stat WHERE subnet_id = 1 AND lease_type = 0 AND state = 0"))
                    .isEqualTo("5");
            String page = DaemonProcess.send(socket, "{ \"command\": \"lease6-get-page\", \"arguments\": "
                    + "{ \"from\": \"2001:db8:1::1:9\", \"limit\": 2 } }");
            assertThat(page).contains("\"2001:db8:1::1:a\"").doesNotContain("2001:db8:1::1:10").contains("\"count\": 1");
            String first = DaemonProcess.send(socket, "{ \"command\": \"lease6-get-page\", \"arguments\": "
                    + "{ \"from\": \"start\", \"limit\": 2 } }");
            assertThat(first).contains("\"2001:db8:1::1:10\"", "\"2001:db8:1::1:11\"", "\"count\": 2");
            // reclamation keeps expired leases as expired-reclaimed (state 2), which the triggers stop counting
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"leases-reclaim\", \"arguments\": "
                    + "{ \"remove\": false } }")).contains("\"result\": 0");
            assertThat(pg.psql("faults6", "SELECT address, state FROM lease6 ORDER BY address::inet"))
                    .isEqualTo("2001:db8:1::1:9|2\n2001:db8:1::1:a|2\n2001:db8:1::1:10|0\n2001:db8:1::1:11|0\n2001:db8:1::1:12|0");
            assertThat(pg.psql("faults6", "SELECT leases FROM lease6_stat WHERE subnet_id = 1 AND lease_type = 0 AND state = 0"))
                    .isEqualTo("3");
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-nas")).isEqualTo(3);
            assertThat(DaemonProcess.statistic(socket, "subnet[1].reclaimed-leases")).isEqualTo(2);
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"stat-lease6-get\" }")).contains("[ 1, 65536, ")
                    .contains(", 3, 0, ");
            String del = DaemonProcess.send(socket, "{ \"command\": \"lease6-del\", \"arguments\": "
                    + "{ \"ip-address\": \"2001:db8:1::1:10\" } }");
            assertThat(del).contains("\"result\": 0");
            assertThat(pg.psql("faults6", "SELECT count(*) FROM lease6 WHERE state = 0")).isEqualTo("2");
            // a restart recounts from Kea's lease6_stat
            d.close();
        }
        try (DaemonProcess again = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            again.awaitSocket(socket);
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-nas")).isEqualTo(2);
        }
    }

    @Test
    void minusCapitalTOpensTheDatabaseAndReportsWhatFailsAsKeaDoes() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        String good = Pgsql6Site.config("lo", "ctl.sock", Pgsql6Site.leaseDatabase(pg, "faults6",
                ", \"connect-timeout\": 3, \"max-reconnect-tries\": 5, \"reconnect-wait-time\": 1000, "
                        + "\"on-fail\": \"serve-retry-continue\", \"retry-on-startup\": false, \"tcp-user-timeout\": 10"),
                "{ \"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_pgsql.so\" }", "0e0e0e", "");
        Path ok = dirs.writeConfig("ok.json", good);
        DaemonProcess.Result t = DaemonProcess.runToEnd(dirs, "dhcp6", "-t", ok.toString());
        assertThat(t.exit()).as(t.err() + t.out()).isZero();
        DaemonProcess.Result deep = DaemonProcess.runToEnd(dirs, "dhcp6", "-T", ok.toString());
        assertThat(deep.exit()).as(deep.err() + deep.out()).isZero();
        assertThat(deep.out()).contains("DHCPSRV_PGSQL_DB opening PostgreSQL lease database: connect-timeout=3 host="
                + pg.socketDir());
        assertThat(deep.out() + deep.err()).doesNotContain(Pgsql6Site.PASSWORD);

        Path bad = dirs.writeConfig("bad.json", good.replace("\"port\": " + pg.port(), "\"port\": 1"));
        assertThat(DaemonProcess.runToEnd(dirs, "dhcp6", "-t", bad.toString()).exit()).isZero();
        DaemonProcess.Result refused = DaemonProcess.runToEnd(dirs, "dhcp6", "-T", bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("Unable to open database: connection to server on socket \"" + pg.socketDir()
                + "/.s.PGSQL.1\" failed: No such file or directory");
        assertThat(refused.out() + refused.err()).doesNotContain(Pgsql6Site.PASSWORD);

        Path wrongPassword = dirs.writeConfig("pw.json", good.replace(Pgsql6Site.PASSWORD, "not-the-password"));
        DaemonProcess.Result denied = DaemonProcess.runToEnd(dirs, "dhcp6", "-T", wrongPassword.toString());
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.err()).contains("FATAL:  password authentication failed for user \"kea\"")
                .doesNotContain("not-the-password");
    }
}
