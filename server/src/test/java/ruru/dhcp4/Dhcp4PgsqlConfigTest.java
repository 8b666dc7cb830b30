package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.PgCluster;

/**
 * A PostgreSQL lease-database as the command line checks it: -t accepts every key of Kea 2.2 and
 * 3.0 and libdhcp_pgsql.so; -T also opens the database and reports what libpq would, with the
 * password nowhere in the output.
 */
class Dhcp4PgsqlConfigTest {

    private static PgCluster pg;

    @BeforeAll
    static void database() throws Exception {
        pg = PgsqlSite.cluster("cfg");
    }

    @AfterAll
    static void cleanup() {
        if (pg != null) {
            pg.close();
        }
    }

    private static String config(String db) {
        return """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_pgsql.so" } ],
                    "lease-database": %s,
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10-192.0.2.20" } ] } ]
                } }
                """.formatted(db);
    }

    @Test
    void everyKeyIsAcceptedAndMinusCapitalTOpensTheDatabase() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        String full = PgsqlSite.leaseDatabase(pg, "cfg", ", \"connect-timeout\": 3, \"max-reconnect-tries\": 5, "
                + "\"reconnect-wait-time\": 1000, \"on-fail\": \"serve-retry-continue\", \"retry-on-startup\": false, "
                + "\"tcp-user-timeout\": 10");
        Path cfg = dirs.writeConfig("ok.json", config(full));
        DaemonProcess.Result t = DaemonProcess.runToEnd(dirs, "dhcp4", "-t", cfg.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        DaemonProcess.Result deep = DaemonProcess.runToEnd(dirs, "dhcp4", "-T", cfg.toString());
        assertThat(deep.exit()).as(deep.err() + deep.out()).isZero();
        assertThat(deep.out()).contains("DHCPSRV_PGSQL_DB opening PostgreSQL lease database: connect-timeout=3 host="
                + pg.socketDir() + " max-reconnect-tries=5 name=cfg on-fail=serve-retry-continue password=***** port="
                + pg.port());
        assertThat(deep.out() + deep.err()).doesNotContain(PgsqlSite.PASSWORD);
    }

    /** Reclamation, flush, paging and statistics through the control socket, checked in the database. */
    @Test
    void leaseCommandsReclamationAndPagingWorkOnTheDatabase() throws Exception {
        pg.psql("cfg", "DELETE FROM lease4");
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path socket = dirs.socket("ctl.sock");
        String text = config(PgsqlSite.leaseDatabase(pg, "cfg", "")).replace("\"interfaces-config\"",
                "\"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"ctl.sock\" },\n"
                        + "\"expired-leases-processing\": { \"reclaim-timer-wait-time\": 0, "
                        + "\"flush-reclaimed-timer-wait-time\": 0, \"hold-reclaimed-time\": 3600 },\n"
                        + "\"interfaces-config\"")
                .replace("\"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_pgsql.so\" }",
                        "\"library\": \"libdhcp_pgsql.so\" }, { \"library\": \"libdhcp_lease_cmds.so\" }, "
                                + "{ \"library\": \"libdhcp_stat_cmds.so\" }");
        Path cfg = dirs.writeConfig("cmds.json", text);
        long now = System.currentTimeMillis() / 1000;
        try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            for (int i = 10; i <= 14; i++) {
                long expire = i < 12 ? now - 100 : now + 3600;
                String add = DaemonProcess.send(socket, "{ \"command\": \"lease4-add\", \"arguments\": { "
                        + "\"ip-address\": \"192.0.2." + i + "\", \"hw-address\": \"0a:00:00:00:00:" + i + "\", "
                        + "\"valid-lft\": 60, \"expire\": " + expire + " } }");
                assertThat(add).contains("\"result\": 0");
            }
            assertThat(pg.psql("cfg", "SELECT leases FROM lease4_stat WHERE subnet_id = 1 AND state = 0")).isEqualTo("5");
            // paging, two at a time, in address order
            String page = DaemonProcess.send(socket, "{ \"command\": \"lease4-get-page\", \"arguments\": "
                    + "{ \"from\": \"192.0.2.11\", \"limit\": 2 } }");
            assertThat(page).contains("192.0.2.12").contains("192.0.2.13").doesNotContain("192.0.2.14")
                    .contains("\"count\": 2");
            // reclamation keeps expired leases as expired-reclaimed (state 2), which the triggers stop counting
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"leases-reclaim\", \"arguments\": "
                    + "{ \"remove\": false } }")).contains("\"result\": 0");
            assertThat(pg.psql("cfg", "SELECT host('0.0.0.0'::inet + address), state FROM lease4 ORDER BY address"))
                    .isEqualTo("192.0.2.10|2\n192.0.2.11|2\n192.0.2.12|0\n192.0.2.13|0\n192.0.2.14|0");
            assertThat(pg.psql("cfg", "SELECT leases FROM lease4_stat WHERE subnet_id = 1 AND state = 0")).isEqualTo("3");
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-addresses")).isEqualTo(3);
            assertThat(DaemonProcess.statistic(socket, "subnet[1].reclaimed-leases")).isEqualTo(2);
            String stat = DaemonProcess.send(socket, "{ \"command\": \"stat-lease4-get\" }");
            // lease4-add does not count in cumulative-assigned-addresses (kea-dhcp4 2.2's lease_cmds)
            assertThat(stat).contains("[ 1, 11, 0, 3, 0 ]");
            // remove: true deletes what is expired (the reclaimed ones stay until flushed)
            DaemonProcess.send(socket, "{ \"command\": \"lease4-update\", \"arguments\": { \"ip-address\": "
                    + "\"192.0.2.12\", \"hw-address\": \"0a:00:00:00:00:12\", \"valid-lft\": 60, \"expire\": "
                    + (now - 10) + " } }");
            DaemonProcess.send(socket, "{ \"command\": \"leases-reclaim\", \"arguments\": { \"remove\": true } }");
            assertThat(pg.psql("cfg", "SELECT count(*) FROM lease4 WHERE address = 3221225996")).isEqualTo("0");
            String del = DaemonProcess.send(socket, "{ \"command\": \"lease4-del\", \"arguments\": "
                    + "{ \"ip-address\": \"192.0.2.13\" } }");
            assertThat(del).contains("\"result\": 0");
            assertThat(pg.psql("cfg", "SELECT count(*) FROM lease4 WHERE state = 0")).isEqualTo("1");
            // lease4-write is memfile's in Kea: with a database kea-dhcp4 2.2 answers this
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"lease4-write\", \"arguments\": "
                    + "{ \"filename\": \"out.csv\" } }"))
                    .isEqualTo("{ \"result\": 2, \"text\": \"'lease4-write' command not supported.\" }");
        }
    }

    @Test
    void minusCapitalTReportsAnUnreachableDatabaseAsKeaDoes() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        String wrongPort = """
                { "type": "postgresql", "name": "cfg", "host": "%s", "port": 1, "user": "kea", "password": "%s" }"""
                .formatted(pg.socketDir(), PgsqlSite.PASSWORD);
        Path cfg = dirs.writeConfig("bad.json", config(wrongPort));
        assertThat(DaemonProcess.runToEnd(dirs, "dhcp4", "-t", cfg.toString()).exit()).isZero();
        DaemonProcess.Result deep = DaemonProcess.runToEnd(dirs, "dhcp4", "-T", cfg.toString());
        assertThat(deep.exit()).isEqualTo(1);
        assertThat(deep.err()).contains("Unable to open database: connection to server on socket \"" + pg.socketDir()
                + "/.s.PGSQL.1\" failed: No such file or directory");
        assertThat(deep.out() + deep.err()).doesNotContain(PgsqlSite.PASSWORD);

        Path noName = dirs.writeConfig("noname.json", config("{ \"type\": \"postgresql\" }"));
        DaemonProcess.Result t = DaemonProcess.runToEnd(dirs, "dhcp4", "-t", noName.toString());
        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.err()).contains("must specify a name for the database");
    }
}
