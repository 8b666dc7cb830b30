package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.Closer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaDaemon;
import ruru.testing.NetnsPair;
import ruru.testing.PgCluster;
import ruru.testing.PgTlsFiles;

/**
 * ruru dhcp4 with its leases in PostgreSQL over TLS, as a site runs it: a database made by Kea
 * 2.2's kea-admin, the server with {@code ssl=on} and a pg_hba.conf that lets {@code kea} in only
 * over TLS with a client certificate ({@code scram-sha-256 clientcert=verify-full}) and rejects
 * plain TCP ({@code hostnossl ... reject}); the server runs in the DHCP server's network namespace
 * so the daemon reaches it over TCP. A raw client's DORA writes its lease through that connection;
 * config-get shows the keys as given; kea-dhcp4 2.2 is the oracle for what happens without any key.
 */
class Dhcp4PgsqlTlsTest {

    private static PgCluster pg;
    private static NetnsPair net;
    private static PgTlsFiles tls;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        pg = PgsqlSite.cluster("tls");
        pg.psql("postgres", "CREATE ROLE plain LOGIN PASSWORD 'secret-plain' IN ROLE kea");
        tls = PgTlsFiles.create(pg.directory().resolve("pki"));
        pg.enableTls(tls, """
                local all postgres trust
                local all all scram-sha-256
                hostssl tls kea 127.0.0.1/32 scram-sha-256 clientcert=verify-full
                hostssl tls plain 127.0.0.1/32 scram-sha-256
                hostnossl all all 127.0.0.1/32 reject
                """);
        net = NetnsPair.create("pt", true, null);
        pg.restartIn(net.server());
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(pg, net);
    }

    private static String database(String host, String tlsKeys) {
        return """
                { "type": "postgresql", "name": "tls", "host": "%s", "port": %d, "user": "kea", "password": "%s",
                  "connect-timeout": 20%s }"""
                .formatted(host, pg.port(), PgsqlSite.PASSWORD, tlsKeys);
    }

    private static String fullTls() {
        return """
                , "ssl-mode": "verify-full", "trust-anchor": "%s", "cert-file": "%s", "key-file": "%s",
                  "key-password": "%s\"""".formatted(tls.file("ca.crt"), tls.file("kea.crt"),
                tls.file("kea-pkcs8-enc.key"), PgTlsFiles.KEY_PASSWORD);
    }

    private static String[] client(DaemonDirs dirs, String... args) throws Exception {
        return PgsqlSite.doraClient(net, dirs.root(), args);
    }

    /** ssl and client certificate of every backend of this role, one line per distinct pair. */
    private static String ssl(String role) throws Exception {
        return pg.psql("postgres", "SELECT DISTINCT s.ssl || '|' || coalesce(s.client_dn, '') FROM pg_stat_ssl s "
                + "JOIN pg_stat_activity a USING (pid) WHERE a.usename = '" + role + "'");
    }

    @Test
    void aDoraWritesItsLeaseOverTlsAndConfigGetShowsTheKeys() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Path cfg = dirs.writeConfig("tls.json", PgsqlSite.config(net.serverIface(), "ctl.sock",
                    database("localhost", fullTls()), PgsqlSite.ruruHooks(), ""));
            assertThat(DaemonProcess.runToEndIn(net.server(), dirs, "dhcp4", "-t", cfg.toString()).exit()).isZero();
            try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString())) {
                Path socket = dirs.socket("ctl.sock");
                d.awaitSocket(socket);
                // the first query may meet a link or pool still warming up; a client retransmits
                String[] offer = client(dirs, "discover", "7");
                for (int i = 0; i < 3 && !offer[0].equals("OFFER"); i++) {
                    offer = client(dirs, "discover", "7");
                }
                assertThat(offer[0]).as(() -> d.stdout() + d.stderr()).isEqualTo("OFFER");
                assertThat(client(dirs, "request", "7", offer[1])).containsExactly("ACK", offer[1], "4000");
                assertThat(pg.psql("tls", "SELECT valid_lifetime FROM lease4 WHERE address = ('" + offer[1]
                        + "'::inet - '0.0.0.0'::inet)")).isEqualTo("4000");
                assertThat(ssl("kea")).as("every connection of ruru is TLS with its certificate").isEqualTo("true|/CN=kea");
                String get = DaemonProcess.send(socket, "{ \"command\": \"config-get\" }");
                assertThat(get).contains("\"ssl-mode\": \"verify-full\"")
                        .contains("\"trust-anchor\": \"" + tls.file("ca.crt") + "\"")
                        .contains("\"cert-file\": \"" + tls.file("kea.crt") + "\"")
                        .contains("\"key-file\": \"" + tls.file("kea-pkcs8-enc.key") + "\"");
                String log = d.stdout() + d.stderr();
                assertThat(log).contains("DHCPSRV_PGSQL_TLS_SUPPORT Attempt to configure TLS: ")
                        .contains("key-password=*****").doesNotContain(PgTlsFiles.KEY_PASSWORD)
                        .doesNotContain(PgsqlSite.PASSWORD);
            }
        }
    }

    @Test
    void minusTChecksTheTlsFilesAndCombinations() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            String[][] bad = {
                {", \"ssl-mode\": \"verify-ca\"", "trust-anchor must name the CA certificate file or directory"},
                {", \"trust-anchor\": \"/nonexistent/ca.crt\"", "root certificate file \"/nonexistent/ca.crt\" does not exist"},
                {", \"key-file\": \"" + tls.file("kea.key") + "\"", "cert-file and key-file must be given together"},
                {", \"cert-file\": \"" + tls.file("kea.crt") + "\", \"key-file\": \"" + tls.file("kea-pkcs1-enc.key") + "\"",
                    "is encrypted: key-password is needed"},
                {", \"ssl-mode\": \"verify-peer\"", "verify-peer"},
            };
            int i = 0;
            for (String[] b : bad) {
                Path cfg = dirs.writeConfig("bad" + i++ + ".json", PgsqlSite.config("lo", "ctl.sock",
                        database("localhost", b[0]), PgsqlSite.ruruHooks(), ""));
                DaemonProcess.Result t = DaemonProcess.runToEnd(dirs, "dhcp4", "-t", cfg.toString());
                assertThat(t.exit()).as(b[0]).isEqualTo(1);
                assertThat(t.err() + t.out()).as(b[0]).contains(b[1]).doesNotContain("Exception");
            }
        }
    }

    /**
     * A TLS failure is a database failure: at startup without retry-on-startup the daemon stops
     * with Kea's "Unable to open database" and libpq's reason; with it, the daemon stays up,
     * answers commands, and keeps trying.
     */
    @Test
    void aWrongHostNameStopsTheStartOrIsRetriedWhileTheDaemonStaysUp() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Path once = dirs.writeConfig("once.json", PgsqlSite.config(net.serverIface(), "ctl.sock",
                    database("127.0.0.1", fullTls()), PgsqlSite.ruruHooks(), ""));
            try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", once.toString())) {
                assertThat(d.waitForExit(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(d.stdout() + d.stderr()).contains("Unable to open database: connection to server at "
                        + "\"127.0.0.1\", port " + pg.port() + " failed: server certificate for \"localhost\" "
                        + "(and 1 other name) does not match host name \"127.0.0.1\"");
            }
            Path retry = dirs.writeConfig("retry.json", PgsqlSite.config(net.serverIface(), "ctl.sock",
                    database("127.0.0.1", fullTls() + ", \"retry-on-startup\": true, \"max-reconnect-tries\": 1000, "
                            + "\"reconnect-wait-time\": 200"), PgsqlSite.ruruHooks(), ""));
            try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", retry.toString())) {
                Path socket = dirs.socket("ctl.sock");
                d.awaitSocket(socket);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> (d.stdout() + d.stderr())
                        .contains("DHCPSRV_PGSQL_LEASE_DB_RECONNECT_ATTEMPT_FAILED"));
                ruru.json.MapElement status = (ruru.json.MapElement) DaemonProcess.call(socket,
                        "{ \"command\": \"status-get\" }").get("arguments");
                assertThat(((ruru.json.ListElement) ((ruru.json.MapElement) status.get("dhcp-state"))
                        .get("disabled-by-db-connection")).items()).as("the service is off while reconnecting").isNotEmpty();
                assertThat(d.process().isAlive()).isTrue();
                assertThat(d.stdout() + d.stderr()).contains("does not match host name \"127.0.0.1\"")
                        .doesNotContain(PgTlsFiles.KEY_PASSWORD);
            }
        }
    }

    /**
     * Without any TLS key Kea's libpq connects with its default sslmode, prefer: against a server
     * with ssl=on its connection is encrypted (unverified). ruru does the same: the oracle is
     * kea-dhcp4 2.2's own connection, seen in pg_stat_ssl.
     */
    @Test
    void withoutAnyKeyTheConnectionIsEncryptedAsKeasLibpqMakesIt() throws Exception {
        Path dir = PgsqlSite.dir();
        String db = """
                { "type": "postgresql", "name": "tls", "host": "localhost", "port": %d, "user": "plain",
                  "password": "secret-plain" }""".formatted(pg.port());
        String keaConfig = """
                { "Dhcp4": { "interfaces-config": { "interfaces": [ ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": %s,
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ] } }
                """.formatted(dir.resolve("kea.sock"), db);
        Path cfg = dir.resolve("kea.json");
        Files.writeString(cfg, keaConfig);
        Process kea = KeaDaemon.start(net, dir, "kea-dhcp4", cfg);
        String keaSsl;
        try {
            KeaDaemon.awaitSocket(dir.resolve("kea.sock"), kea, dir.resolve("kea.log"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !ssl("plain").isEmpty());
            keaSsl = ssl("plain");
        } finally {
            KeaDaemon.stop(kea);
        }
        assertThat(keaSsl).isEqualTo("true|");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ssl("plain").isEmpty());
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Path ruru = dirs.writeConfig("plain.json", PgsqlSite.config(net.serverIface(), "ctl.sock", db,
                    PgsqlSite.ruruHooks(), ""));
            try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", ruru.toString())) {
                d.awaitSocket(dirs.socket("ctl.sock"));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !ssl("plain").isEmpty());
                assertThat(ssl("plain")).isEqualTo(keaSsl);
            }
        }
    }
}
