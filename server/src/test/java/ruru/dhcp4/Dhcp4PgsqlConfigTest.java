package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonProcess;
import ruru.testing.PgCluster;
import ruru.testing.TestConfigs;

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
        Path dir = TestConfigs.shortTempDir();
        String full = PgsqlSite.leaseDatabase(pg, "cfg", ", \"connect-timeout\": 3, \"max-reconnect-tries\": 5, "
                + "\"reconnect-wait-time\": 1000, \"on-fail\": \"serve-retry-continue\", \"retry-on-startup\": false, "
                + "\"tcp-user-timeout\": 10");
        Path cfg = TestConfigs.write(dir, "ok.json", config(full));
        DaemonProcess.Result t = DaemonProcess.runToEnd(dir, "dhcp4", "-t", cfg.toString());
        assertThat(t.exit()).as(t.err()).isZero();
        DaemonProcess.Result deep = DaemonProcess.runToEnd(dir, "dhcp4", "-T", cfg.toString());
        assertThat(deep.exit()).as(deep.err() + deep.out()).isZero();
        assertThat(deep.out()).contains("DHCPSRV_PGSQL_DB opening PostgreSQL lease database: connect-timeout=3 host="
                + pg.socketDir() + " max-reconnect-tries=5 name=cfg on-fail=serve-retry-continue password=***** port="
                + pg.port());
        assertThat(deep.out() + deep.err()).doesNotContain(PgsqlSite.PASSWORD);
    }

    @Test
    void minusCapitalTReportsAnUnreachableDatabaseAsKeaDoes() throws Exception {
        Path dir = TestConfigs.shortTempDir();
        String wrongPort = """
                { "type": "postgresql", "name": "cfg", "host": "%s", "port": 1, "user": "kea", "password": "%s" }"""
                .formatted(pg.socketDir(), PgsqlSite.PASSWORD);
        Path cfg = TestConfigs.write(dir, "bad.json", config(wrongPort));
        assertThat(DaemonProcess.runToEnd(dir, "dhcp4", "-t", cfg.toString()).exit()).isZero();
        DaemonProcess.Result deep = DaemonProcess.runToEnd(dir, "dhcp4", "-T", cfg.toString());
        assertThat(deep.exit()).isEqualTo(1);
        assertThat(deep.err()).contains("Unable to open database: connection to server on socket \"" + pg.socketDir()
                + "/.s.PGSQL.1\" failed: No such file or directory");
        assertThat(deep.out() + deep.err()).doesNotContain(PgsqlSite.PASSWORD);

        Path noName = TestConfigs.write(dir, "noname.json", config("{ \"type\": \"postgresql\" }"));
        DaemonProcess.Result t = DaemonProcess.runToEnd(dir, "dhcp4", "-t", noName.toString());
        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.err()).contains("must specify a name for the database");
    }
}
