package ruru.lease.pgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import ruru.daemon.state.NetworkState;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.LeaseStoreException;
import ruru.testing.Commands;
import ruru.testing.PgCluster;
import ruru.testing.PgTlsFiles;

/**
 * TLS between ruru and a real PostgreSQL with {@code ssl=on}, a CA made with openssl, and a
 * pg_hba.conf that rejects every TCP connection without TLS ({@code hostnossl ... reject}), takes
 * {@code kea} by certificate ({@code cert}) and {@code keapw} by password plus certificate
 * ({@code scram-sha-256 clientcert=verify-full}). pg_stat_ssl proves the connections are TLS with
 * ruru's client certificate; the failures are compared with what libpq (psql) says on the same
 * settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgsqlTlsTest {

    PgCluster pg;
    PgTlsFiles tls;

    @BeforeAll
    void database() throws Exception {
        pg = PgCluster.start();
        pg.createDatabase("kea", "kea", "secret-kea");
        for (String role : List.of("keapw", "plain")) {
            pg.psql("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD 'secret-" + role + "' IN ROLE kea");
        }
        try (PgsqlAdmin admin = new PgsqlAdmin(PgsqlLease4StoreTest.settings(pg, "kea", ""))) {
            admin.init(SchemaVersion.KEA_3_0);
        }
        tls = PgTlsFiles.create(pg.directory().resolve("pki"));
        pg.enableTls(tls, """
                local all postgres trust
                local all all scram-sha-256
                hostssl kea kea 127.0.0.1/32 cert
                hostssl kea keapw 127.0.0.1/32 scram-sha-256 clientcert=verify-full
                hostssl kea plain 127.0.0.1/32 scram-sha-256
                hostnossl all all 127.0.0.1/32 reject
                """);
    }

    @AfterAll
    void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    PgsqlSettings settings(String host, String user, String keys) throws Exception {
        String password = user.equals("kea") ? "" : ", \"password\": \"secret-" + user + "\"";
        MapElement m = (MapElement) Json.parse("""
                { "type": "postgresql", "name": "kea", "host": "%s", "port": %d, "user": "%s"%s, "connect-timeout": 20 %s }
                """.formatted(host, pg.port(), user, password, keys.isEmpty() ? "" : ", " + keys), ParseOptions.string());
        return PgsqlSettings.parse(m, tls.dir());
    }

    static String keys(String mode, String ca, String cert, String key, String password) {
        StringBuilder b = new StringBuilder("\"ssl-mode\": \"" + mode + "\"");
        if (ca != null) {
            b.append(", \"trust-anchor\": \"").append(ca).append('"');
        }
        if (cert != null) {
            b.append(", \"cert-file\": \"").append(cert).append("\", \"key-file\": \"").append(key).append('"');
        }
        if (password != null) {
            b.append(", \"key-password\": \"").append(password).append('"');
        }
        return b.toString();
    }

    static PgsqlDatabase open(PgsqlSettings s, String application) throws LeaseStoreException {
        return PgsqlDatabase.open(s, new PgsqlDatabase.Options(2, application, "kea-dhcp4.dhcpsrv"),
                DbConnectionEvents.NONE);
    }

    /** ssl, TLS version and client certificate of the server's backends for this application name. */
    String sslOf(String application) throws Exception {
        return pg.psql("postgres", "SELECT DISTINCT s.ssl || '|' || coalesce(s.client_dn, '') FROM pg_stat_ssl s "
                + "JOIN pg_stat_activity a USING (pid) WHERE a.application_name = '" + application + "'");
    }

    /** What psql (libpq) says for a failed connection with these connection keywords, without psql's prefix. */
    String libpq(String conninfo) throws Exception {
        try {
            Commands.run(java.util.Map.of("PGPASSWORD", "secret-keapw"), "psql", "-X", "-w", "-c", "SELECT 1",
                    "dbname=kea port=" + pg.port() + " " + conninfo);
        } catch (java.io.IOException e) {
            String m = e.getMessage();
            int at = m.indexOf("connection to server");
            return m.substring(at).lines().findFirst().orElseThrow().strip();
        }
        throw new AssertionError("psql connected with " + conninfo);
    }

    @Test
    void verifyFullWithAClientCertificateIsTlsWithRurusCertificate() throws Exception {
        try (PgsqlDatabase db = open(settings("localhost", "kea", keys("verify-full", "ca.crt", "kea.crt", "kea.key",
                null)), "tls-full")) {
            PgsqlLease4Store store = new PgsqlLease4Store(db);
            assertThat(store.size()).isZero();
            assertThat(sslOf("tls-full")).isEqualTo("true|/CN=kea");
        }
    }

    @Test
    void everyKeyFormOperatorsHaveIsRead() throws Exception {
        String[][] forms = {
            {"kea", "kea.crt", "kea-pkcs1.key", null},
            {"kea", "kea.crt", "kea-pkcs8-enc.key", PgTlsFiles.KEY_PASSWORD},
            {"kea", "kea.crt", "kea-pkcs1-enc.key", PgTlsFiles.KEY_PASSWORD},
            {"keapw", "keapw.crt", "keapw.key", null},
        };
        int i = 0;
        for (String[] f : forms) {
            String app = "tls-form-" + i++;
            try (PgsqlDatabase db = open(settings("localhost", f[0], keys("verify-full", "ca.crt", f[1], f[2], f[3])),
                    app)) {
                assertThat(new PgsqlLease4Store(db).size()).isZero();
                assertThat(sslOf(app)).as(f[2]).isEqualTo("true|/CN=" + f[0]);
            }
        }
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefusedAsLibpqRefusesIt() throws Exception {
        PgsqlSettings s = settings("localhost", "kea", keys("verify-ca", "other-ca.crt", "kea.crt", "kea.key", null));
        String expected = libpq("host=localhost user=kea sslmode=verify-ca sslrootcert=" + tls.file("other-ca.crt")
                + " sslcert=" + tls.file("kea.crt") + " sslkey=" + tls.file("kea.key"));
        assertThat(expected).endsWith("failed: SSL error: certificate verify failed");
        assertThatThrownBy(() -> open(s, "t")).hasMessage("Unable to open database: " + expected);
    }

    @Test
    void verifyFullChecksTheHostNameAndVerifyCaDoesNot() throws Exception {
        PgsqlSettings full = settings("127.0.0.1", "kea", keys("verify-full", "ca.crt", "kea.crt", "kea.key", null));
        String expected = libpq("host=127.0.0.1 user=kea sslmode=verify-full sslrootcert=" + tls.file("ca.crt")
                + " sslcert=" + tls.file("kea.crt") + " sslkey=" + tls.file("kea.key"));
        assertThat(expected).contains("server certificate for \"localhost\" (and 1 other name) does not match host name "
                + "\"127.0.0.1\"");
        assertThatThrownBy(() -> open(full, "t")).hasMessage("Unable to open database: " + expected);
        try (PgsqlDatabase db = open(settings("127.0.0.1", "kea", keys("verify-ca", "ca.crt", "kea.crt", "kea.key",
                null)), "tls-ca")) {
            assertThat(new PgsqlLease4Store(db).size()).isZero();
            assertThat(sslOf("tls-ca")).isEqualTo("true|/CN=kea");
        }
    }

    @Test
    void withoutAClientCertificateTheServerRefusesAsItRefusesLibpq() throws Exception {
        PgsqlSettings s = settings("localhost", "keapw", keys("verify-full", "ca.crt", null, null, null));
        String expected = libpq("host=localhost user=keapw sslmode=verify-full sslrootcert=" + tls.file("ca.crt"));
        assertThat(expected).contains("connection requires a valid client certificate");
        assertThatThrownBy(() -> open(s, "t")).hasMessage("Unable to open database: " + expected);
    }

    @Test
    void plainTextIsRejectedByHostnosslAndDefaultPreferEncrypts() throws Exception {
        assertThatThrownBy(() -> open(settings("localhost", "plain", "\"ssl-mode\": \"disable\""), "t"))
                .hasMessageContaining("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"plain\", "
                        + "database \"kea\", no encryption");
        // no TLS key at all: libpq's default (prefer), which Kea gets too: encrypted, not verified
        try (PgsqlDatabase db = open(settings("localhost", "plain", ""), "tls-default")) {
            assertThat(new PgsqlLease4Store(db).size()).isZero();
            assertThat(sslOf("tls-default")).isEqualTo("true|");
        }
    }

    @Test
    void aServerWithoutTlsFailsRequireAndServesPrefer() throws Exception {
        try (PgCluster plain = PgCluster.start()) {
            plain.createDatabase("kea", "kea", "secret-kea");
            try (PgsqlAdmin admin = new PgsqlAdmin(PgsqlLease4StoreTest.settings(plain, "kea", ""))) {
                admin.init(SchemaVersion.KEA_3_0);
            }
            String text = """
                    { "type": "postgresql", "name": "kea", "host": "127.0.0.1", "port": %d, "user": "kea",
                      "password": "secret-kea", "ssl-mode": "require" }""".formatted(plain.port());
            MapElement require = (MapElement) Json.parse(text, ParseOptions.string());
            assertThatThrownBy(() -> open(PgsqlSettings.parse(require, Path.of("/")), "t")).hasMessage(
                    "Unable to open database: connection to server at \"127.0.0.1\", port " + plain.port()
                            + " failed: server does not support SSL, but SSL was required");
            MapElement prefer = (MapElement) Json.parse(text.replace("require", "prefer"), ParseOptions.string());
            try (PgsqlDatabase db = open(PgsqlSettings.parse(prefer, Path.of("/")), "t")) {
                assertThat(new PgsqlLease4Store(db).size()).isZero();
            }
        }
    }

    /**
     * A TLS failure is a connection failure like any other: with retry-on-startup and reconnection
     * the store opens disconnected, the service stays disabled, and the first attempt after the
     * operator fixes the trust anchor (the files are read per connection) brings it back.
     */
    @Test
    void aTlsFailureAtStartupIsRetriedAndRecoversWhenTheTrustAnchorIsFixed() throws Exception {
        Path anchor = tls.file("rotating-ca.crt");
        Files.copy(tls.file("other-ca.crt"), anchor, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        NetworkState state = new NetworkState(Executors.newSingleThreadScheduledExecutor());
        AtomicInteger exit = new AtomicInteger(-1);
        CountDownLatch back = new CountDownLatch(1);
        DbLossPolicy policy = new DbLossPolicy("DHCP4", "kea-dhcp4.dhcp4", state, exit::set);
        DbConnectionEvents events = new DbConnectionEvents() {
            @Override
            public boolean lost(PgsqlSettings s) {
                return policy.lost(s);
            }

            @Override
            public void recovered() {
                policy.recovered();
                back.countDown();
            }

            @Override
            public void failed(PgsqlSettings s) {
                policy.failed(s);
            }
        };
        PgsqlSettings s = settings("localhost", "kea", keys("verify-full", "rotating-ca.crt", "kea.crt", "kea.key", null)
                + ", \"retry-on-startup\": true, \"max-reconnect-tries\": 200, \"reconnect-wait-time\": 100");
        try (PgsqlDatabase db = PgsqlDatabase.open(s, new PgsqlDatabase.Options(2, "tls-retry", "kea-dhcp4.dhcpsrv"),
                events)) {
            assertThat(db.connected()).isFalse();
            assertThat(state.isServiceEnabled()).isFalse();
            Files.copy(tls.file("ca.crt"), anchor, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(back.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(state.isServiceEnabled()).isTrue();
            assertThat(new PgsqlLease4Store(db).size()).isZero();
            assertThat(sslOf("tls-retry")).isEqualTo("true|/CN=kea");
            assertThat(exit.get()).isEqualTo(-1);
        }
    }
}
