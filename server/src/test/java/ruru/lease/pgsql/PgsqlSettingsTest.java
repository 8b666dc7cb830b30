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
}
