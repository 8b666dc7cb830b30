package ruru.lease.pgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.daemon.config.ConfigException;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** The lease-database keys of FACTS 14.5: defaults, Kea's error texts, and a password never shown. */
class PgsqlSettingsTest {

    static PgsqlSettings parse(String json) throws Exception {
        return PgsqlSettings.parse((MapElement) Json.parse(json, ParseOptions.string()), Path.of("/"));
    }

    @Test
    void defaultsAreKeas() throws Exception {
        PgsqlSettings s = parse("{ \"type\": \"postgresql\", \"name\": \"kea\" }");
        assertThat(s.endpoints()).containsExactly(new PgsqlSettings.Endpoint("localhost", 5432));
        assertThat(s.connectTimeout()).isEqualTo(5);
        assertThat(s.maxReconnectTries()).isZero();
        assertThat(s.reconnectWaitMillis()).isZero();
        assertThat(s.onFail()).isEqualTo(OnFail.STOP_RETRY_EXIT);
        assertThat(s.retryOnStartup()).isFalse();
        assertThat(s.tcpUserTimeout()).isEmpty();
    }

    @Test
    void hostsListSocketDirectoriesAndServers() throws Exception {
        PgsqlSettings s = parse("{ \"type\": \"postgresql\", \"name\": \"kea\", \"host\": \"/run/postgresql, db2.example\","
                + " \"port\": 5433, \"on-fail\": \"serve-retry-continue\", \"tcp-user-timeout\": 7 }");
        assertThat(s.endpoints()).containsExactly(new PgsqlSettings.Endpoint("/run/postgresql", 5433),
                new PgsqlSettings.Endpoint("db2.example", 5433));
        assertThat(s.endpoints().get(0).socketDirectory()).isTrue();
        assertThat(s.endpoints().get(0).socketPath()).isEqualTo(Path.of("/run/postgresql/.s.PGSQL.5433"));
        assertThat(s.onFail()).isEqualTo(OnFail.SERVE_RETRY_CONTINUE);
        assertThat(s.tcpUserTimeout()).hasValue(7);
    }

    @Test
    void errorsHaveKeasTexts() {
        assertThatThrownBy(() -> parse("{ \"type\": \"postgresql\" }")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Unable to open database: must specify a name for the database");
        assertThatThrownBy(() -> parse("{ \"type\": \"postgresql\", \"name\": \"k\", \"connect-timeout\": 0 }"))
                .hasMessageStartingWith("Unable to open database: database connection timeout (0) must be an integer "
                        + "greater than 0");
        assertThatThrownBy(() -> parse("{ \"type\": \"postgresql\", \"name\": \"k\", \"on-fail\": \"bogus\" }"))
                .hasMessageStartingWith("Invalid action on connection loss: bogus");
        assertThatThrownBy(() -> parse("{ \"type\": \"postgresql\", \"name\": \"k\", \"password\": \"keatest\" }"))
                .hasMessageStartingWith("password must not be a default one");
    }

    @Test
    void thePasswordIsNeverShown(@TempDir Path dir) throws Exception {
        PgsqlSettings s = parse("{ \"type\": \"postgresql\", \"name\": \"kea\", \"user\": \"u\", \"password\": \"s3cret-x\","
                + " \"port\": 5432 }");
        assertThat(s.redacted()).isEqualTo("name=kea password=***** port=5432 type=postgresql user=u");
        assertThat(s.toString()).doesNotContain("s3cret-x");
        assertThat(s.password().toString()).isEqualTo("*****");
        Files.writeString(dir.resolve("pw"), "from-file-9\n");
        PgsqlSettings f = PgsqlSettings.parse((MapElement) Json.parse("{ \"type\": \"postgresql\", \"name\": \"kea\", "
                + "\"password-file\": \"pw\" }", ParseOptions.string()), dir);
        assertThat(f.password().value()).isEqualTo("from-file-9");
        assertThat(f.toString()).doesNotContain("from-file-9");
    }

    /** Kea 3's TLS keys: checked when the configuration is read, with libpq's words, the key password never shown. */
    @Test
    void tlsKeysAreCheckedAsTheConfigurationIsRead(@TempDir Path dir) throws Exception {
        ruru.testing.PgTlsFiles f = ruru.testing.PgTlsFiles.create(dir.resolve("pki"));
        String base = "{ \"type\": \"postgresql\", \"name\": \"kea\", \"host\": \"db.example\", ";
        PgsqlSettings ok = PgsqlSettings.parse((MapElement) Json.parse(base + "\"ssl-mode\": \"verify-full\", "
                + "\"trust-anchor\": \"ca.crt\", \"cert-file\": \"kea.crt\", \"key-file\": \"kea-pkcs8-enc.key\", "
                + "\"key-password\": \"" + ruru.testing.PgTlsFiles.KEY_PASSWORD + "\" }", ParseOptions.string()),
                f.dir());
        assertThat(ok.tls().mode()).isEqualTo(PgsqlTls.SslMode.VERIFY_FULL);
        assertThat(ok.tls().trustAnchor()).contains(f.file("ca.crt"));
        assertThat(ok.redacted()).contains("key-password=*****").doesNotContain(ruru.testing.PgTlsFiles.KEY_PASSWORD);
        assertThat(ok.toString() + ok.tls()).doesNotContain(ruru.testing.PgTlsFiles.KEY_PASSWORD);
        assertThat(parse("{ \"type\": \"postgresql\", \"name\": \"kea\" }").tls().mode())
                .as("libpq's default").isEqualTo(PgsqlTls.SslMode.PREFER);
        String[][] bad = {
            {"\"ssl-mode\": \"verify-ca\"", "Unable to open database: ssl-mode 'verify-ca' verifies the server's "
                    + "certificate: trust-anchor must name the CA certificate file or directory"},
            {"\"trust-anchor\": \"nope.crt\"", "Unable to open database: root certificate file \"" + f.file("nope.crt")
                    + "\" does not exist"},
            {"\"cert-file\": \"kea.crt\"", "Unable to open database: cert-file and key-file must be given together"},
            {"\"cert-file\": \"kea.crt\", \"key-file\": \"gone.key\"", "Unable to open database: certificate "
                    + "present, but not private key file \"" + f.file("gone.key") + "\""},
            {"\"cert-file\": \"kea.crt\", \"key-file\": \"kea-pkcs1-enc.key\"", "Unable to open database: private key "
                    + "file \"" + f.file("kea-pkcs1-enc.key") + "\" is encrypted: key-password is needed"},
            {"\"cert-file\": \"kea.crt\", \"key-file\": \"kea-pkcs8-enc.key\", \"key-password\": \"wrong-1\"",
                "Unable to open database: could not load private key file \"" + f.file("kea-pkcs8-enc.key")
                        + "\": bad decrypt (wrong key-password)"},
            {"\"cert-file\": \"kea.crt\", \"key-file\": \"keapw.key\"", "Unable to open database: certificate does "
                    + "not match private key file \"" + f.file("keapw.key") + "\""},
            {"\"trust-anchor\": \"kea.key\"", "Unable to open database: could not read root certificate file \""
                    + f.file("kea.key") + "\": no certificate found"},
        };
        for (String[] b : bad) {
            assertThatThrownBy(() -> PgsqlSettings.parse((MapElement) Json.parse(base + b[0] + " }",
                    ParseOptions.string()), f.dir())).as(b[0]).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(b[1]).hasMessageNotContaining("wrong-1");
        }
    }
}
