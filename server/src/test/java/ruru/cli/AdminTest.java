package ruru.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.PgCluster;

/**
 * {@code ruru admin ... pgsql} against a real PostgreSQL: a 13.0 schema made, filled, upgraded to
 * 29.0 with its leases and statistics kept; a database made by kea-admin is not touched.
 */
class AdminTest {

    static PgCluster pg;

    @BeforeAll
    static void database() throws Exception {
        pg = PgCluster.start();
        pg.createDatabase("fresh", "kea", "admin-pw-5");
        pg.createDatabase("bykea", "kea", "admin-pw-5");
        pg.keaAdmin("db-init", "pgsql", "-u", "kea", "-p", "admin-pw-5", "-n", "bykea", "-h", pg.socketDir().toString(),
                "-P", Integer.toString(pg.port()));
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run admin(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(List.of(args));
        all.addAll(List.of("-h", pg.socketDir().toString(), "-P", Integer.toString(pg.port()), "-u", "kea"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void initFillUpgradeKeepsLeasesAndStatistics() throws Exception {
        Path pw = Files.createTempFile("pw", ".txt");
        Files.writeString(pw, "admin-pw-5\n");
        Run init = admin("db-init", "pgsql", "-n", "fresh", "--password-file", pw.toString(), "--schema", "13.0");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("Database version reported after initialization: 13.0");
        pg.psql("fresh", "INSERT INTO lease4 (address, hwaddr, client_id, valid_lifetime, expire, subnet_id, fqdn_fwd, "
                + "fqdn_rev, hostname, state, user_context) VALUES (3221226034, '\\x0a0b0c0d0e0f', '', 3600, now(), 1, "
                + "false, false, 'a,b', 0, '')");
        assertThat(pg.psql("fresh", "SELECT leases FROM lease4_stat WHERE subnet_id = 1 AND state = 0")).isEqualTo("1");
        // kea-admin's lease-dump reads ruru's schema
        Path dump = Files.createTempDirectory("dump").resolve("l.csv");
        pg.keaAdmin("lease-dump", "pgsql", "-4", "-u", "kea", "-p", "admin-pw-5", "-n", "fresh", "-h",
                pg.socketDir().toString(), "-o", dump.toString());
        assertThat(Files.readString(dump)).startsWith("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,"
                + "fqdn_rev,hostname,state,user_context\n192.0.2.50,0a:0b:0c:0d:0e:0f,,3600,");
        assertThat(Files.readString(dump)).contains(",1,0,0,a&#x2cb,0,");
        assertThat(admin("db-version", "pgsql", "-n", "fresh", "-p", "admin-pw-5").out().strip()).isEqualTo("13.0");

        Run up = admin("db-upgrade", "pgsql", "-n", "fresh", "-p", "admin-pw-5");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).contains("Database version reported after upgrade: 29.0");
        assertThat(pg.psql("fresh", "SELECT address, pool_id FROM lease4")).isEqualTo("3221226034|0");
        assertThat(pg.psql("fresh", "SELECT subnet_id, pool_id, state, leases FROM lease4_pool_stat")).isEqualTo("1|0|0|1");
        assertThat(pg.psql("fresh", "SELECT name FROM lease_state WHERE state = 3")).isEqualTo("released");
        pg.psql("fresh", "UPDATE lease4_stat SET leases = 42");
        assertThat(admin("stats-recount", "pgsql", "-n", "fresh", "-p", "admin-pw-5").exit()).isZero();
        assertThat(pg.psql("fresh", "SELECT leases FROM lease4_stat WHERE state = 0")).isEqualTo("1");

        Run again = admin("db-init", "pgsql", "-n", "fresh", "-p", "admin-pw-5");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("Expected empty database fresh. Aborting, the following tables are present:");
    }

    @Test
    void aDatabaseMadeByKeaAdminIsLeftToKeaAdmin() throws Exception {
        Run up = admin("db-upgrade", "pgsql", "-n", "bykea", "-p", "admin-pw-5");
        assertThat(up.exit()).isEqualTo(1);
        assertThat(up.err()).contains("was created by kea-admin").contains("ruru serves its schema 13.0 as it is");
        assertThat(pg.psql("bykea", "SELECT version || '.' || minor FROM schema_version")).isEqualTo("13.0");
    }

    @Test
    void connectionFailuresUseLibpqsWords() throws Exception {
        Run wrong = admin("db-version", "pgsql", "-n", "fresh", "-p", "not-the-password");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("password authentication failed for user \"kea\"").doesNotContain("not-the-password");
        Run usage = admin("db-nonsense", "pgsql");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("invalid command: db-nonsense");
    }
}
