package ruru.control.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.daemon.DaemonKind;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** Kea's http/https control-socket entry: defaults, rules, texts with positions, credential files. */
class HttpSocketConfigParserTest {

    @TempDir
    Path dir;

    private PathPolicy paths() {
        return new PathPolicy(dir, Map.of(), false);
    }

    private static MapElement entry(String json) throws JsonException {
        return (MapElement) Json.parse(json, ParseOptions.string());
    }

    private HttpSocketSpec parse(String json) throws Exception {
        return HttpSocketConfigParser.parse(entry(json), paths(), "kea-dhcpv4-server");
    }

    /** The detail must match exactly, followed by the position of some element of the entry. */
    private void fails(String json, String detail) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ConfigException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(detail) + " \\(<string>:\\d+:\\d+\\)");
    }

    /** The error's position is exactly the one of the element {@code at} finds in the entry. */
    private void failsAt(String json, String detail, java.util.function.Function<MapElement, ruru.json.Element> at)
            throws JsonException {
        MapElement e = entry(json);
        assertThatThrownBy(() -> HttpSocketConfigParser.parse(e, paths(), "r"))
                .hasMessage(detail + " (" + at.apply(e).position() + ")");
    }

    @Test
    void defaultsAreKeas() throws Exception {
        HttpSocketSpec spec = parse("{ \"socket-type\": \"http\" }");
        assertThat(spec.address()).isEqualTo("127.0.0.1");
        assertThat(spec.port()).isEqualTo(8000);
        assertThat(spec.tls()).isEmpty();
        assertThat(spec.certRequired()).isTrue();
        assertThat(spec.authentication()).isEmpty();
        assertThat(spec.headers()).isEmpty();
    }

    @Test
    void fullEntryIsRead() throws Exception {
        HttpSocketSpec spec = parse("""
                { "socket-type": "https", "socket-address": "::1", "socket-port": 8004,
                  "trust-anchor": "ca.pem", "cert-file": "/etc/kea/cert.pem", "key-file": "key.pem",
                  "cert-required": false,
                  "http-headers": [ { "name": "Strict-Transport-Security", "value": "max-age=31536000",
                                      "user-context": { "a": 1 } } ],
                  "authentication": { "type": "basic", "realm": "lab",
                      "clients": [ { "user": "admin", "password": "secret", "commands": [ "config-get" ],
                                     "services": [ "dhcp4" ] }, { "user": "empty" } ] },
                  "user-context": { "b": 2 } }
                """);
        assertThat(spec.address()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(spec.port()).isEqualTo(8004);
        assertThat(spec.tls()).contains(new TlsFiles(dir.resolve("ca.pem"), Path.of("/etc/kea/cert.pem"),
                dir.resolve("key.pem")));
        assertThat(spec.certRequired()).isFalse();
        assertThat(spec.headers()).containsExactly(new HttpHeader("Strict-Transport-Security", "max-age=31536000"));
        BasicAuth auth = spec.authentication().orElseThrow();
        assertThat(auth.realm()).isEqualTo("lab");
        assertThat(auth.clients()).containsExactly(
                new Credential("admin", "secret", Optional.of(Set.of("config-get")), Optional.of(Set.of("dhcp4"))),
                Credential.of("empty", ""));
    }

    @Test
    void agentKeysAndRealmsPerDaemon() throws Exception {
        HttpSocketSpec spec = HttpSocketConfigParser.parse(entry("""
                { "http-host": "127.0.0.2", "http-port": 8001,
                  "authentication": { "type": "basic", "clients": [ { "user": "a", "password": "b" } ] } }"""),
                paths(), HttpSocketConfigParser.defaultRealm(DaemonKind.AGENT));
        assertThat(spec.address()).isEqualTo("127.0.0.2");
        assertThat(spec.port()).isEqualTo(8001);
        assertThat(spec.authentication().orElseThrow().realm()).isEqualTo("kea-control-agent");
        assertThat(HttpSocketConfigParser.defaultRealm(DaemonKind.DHCP4)).isEqualTo("kea-dhcpv4-server");
        assertThat(HttpSocketConfigParser.defaultRealm(DaemonKind.DHCP6)).isEqualTo("kea-dhcpv6-server");
        assertThat(HttpSocketConfigParser.defaultRealm(DaemonKind.DDNS)).isEqualTo("kea-dhcp-ddns-server");
    }

    @Test
    void emptyClientListMeansNoAuthentication() throws Exception {
        assertThat(parse("{ \"authentication\": { \"type\": \"basic\", \"clients\": [ ] } }").authentication()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "*****", "keatest"})
    void defaultPasswordsAreRefusedAtTheClientEntry(String password) throws JsonException {
        failsAt("{ \"authentication\": { \"type\": \"basic\",\n \"clients\": [ { \"user\": \"admin\", \"password\": \""
                + password + "\" } ] } }", "password must not be a default one",
                e -> ((ruru.json.ListElement) ((MapElement) e.get("authentication")).get("clients")).get(0));
    }

    @Test
    void errorsPointAtTheOffendingValue() throws JsonException {
        failsAt("{ \"socket-type\": \"tcp\" }", "unsupported 'socket-type' 'tcp' not 'http' or 'https'",
                e -> e.get("socket-type"));
        failsAt("{\n  \"socket-port\": -1 }", "out of range value -1 specified for parameter 'socket-port'",
                e -> e.get("socket-port"));
        failsAt("{ \"socket-type\": \"https\" }", "no TLS setup for a HTTPS control socket", e -> e);
    }

    @Test
    void keaRulesAndTexts() {
        fails("{ \"socket-type\": \"tcp\" }", "unsupported 'socket-type' 'tcp' not 'http' or 'https'");
        fails("{ \"socket-type\": \"https\", \"socket-name\": \"x\" }",
                "parameter 'socket-name' is not supported by HTTPS control sockets");
        fails("{ \"socket-type\": \"https\" }", "no TLS setup for a HTTPS control socket");
        fails("{ \"trust-anchor\": \"ca\", \"cert-file\": \"c\" }",
                "key-file parameter is missing or empty: all or none of TLS parameters must be set");
        fails("{ \"cert-file\": \"c\", \"key-file\": \"k\" }",
                "trust-anchor parameter is missing or empty: all or none of TLS parameters must be set");
        fails("{ \"socket-address\": \"localhost\" }", "failed to convert 'localhost' to address: Failed to convert "
                + "string to address 'localhost': Invalid argument");
        fails("{ \"socket-port\": 70000 }", "out of range value 70000 specified for parameter 'socket-port'");
        fails("{ \"cert-required\": \"yes\" }", "invalid type specified for parameter 'cert-required'");
        fails("{ \"authentication\": { \"type\": \"digest\" } }",
                "only basic HTTP authentication is supported: type is 'digest' not 'basic'");
        fails("{ \"authentication\": { \"clients\": [ { \"password\": \"x\" } ] } }",
                "user is required in clients items");
        fails("{ \"authentication\": { \"clients\": [ { \"user\": \"\" } ] } }", "user must not be empty");
        fails("{ \"authentication\": { \"clients\": [ { \"user\": \"a:b\" } ] } }",
                "user must not contain a ':': 'a:b'");
        fails("{ \"authentication\": { \"clients\": [ { \"user\": \"a\", \"commands\": \"x\" } ] } }",
                "commands must be a list of strings");
        fails("{ \"http-headers\": [ { \"name\": \"Bad Name\", \"value\": \"v\" } ] }",
                "invalid HTTP header name 'Bad Name'");
        fails("{ \"http-headers\": [ { \"name\": \"X\", \"value\": \"a\\r\\nInjected: 1\" } ] }",
                "HTTP header value must not contain CR, LF or NUL");
    }

    @Test
    void passwordTextsNeverCarryThePassword() {
        assertThatThrownBy(() -> parse("{ \"authentication\": { \"clients\": [ { \"user\": \"a\", \"password\": \"x\","
                + " \"password-file\": \"f\" } ] } }"))
                .hasMessageMatching("password \\(<string>:1:\\d+\\) and password-file \\(<string>:1:\\d+\\) are mutually "
                        + "exclusive \\(<string>:1:\\d+\\)")
                .hasMessageNotContaining("\"x\"");
    }

    @Test
    void credentialFilesAreReadUnderTheDirectory() throws Exception {
        Path creds = Files.createDirectories(dir.resolve("creds"));
        Files.writeString(creds.resolve("hiddenu"), "alice\n");
        Files.writeString(creds.resolve("hiddenp"), "wonder land\n");
        Files.writeString(creds.resolve("hiddens"), "bob:builder\n");
        HttpSocketSpec spec = parse("""
                { "authentication": { "type": "basic", "directory": "creds",
                  "clients": [ { "user-file": "hiddenu", "password-file": "/hiddenp" },
                               { "password-file": "hiddens" },
                               { "user": "carol", "password-file": "hiddenp" } ] } }""");
        // Kea reads the first word of a file (file >> content).
        assertThat(spec.authentication().orElseThrow().clients()).containsExactly(
                Credential.of("alice", "wonder"), Credential.of("bob", "builder"), Credential.of("carol", "wonder"));
    }

    @Test
    void credentialFilesMustStayInsideTheDirectory() throws IOException {
        Path creds = Files.createDirectories(dir.resolve("creds"));
        Files.writeString(dir.resolve("outside"), "eve:x1\n");
        Files.createSymbolicLink(creds.resolve("link"), dir.resolve("outside"));
        String directory = creds.toString();
        fails("{ \"authentication\": { \"directory\": \"" + directory
                + "\", \"clients\": [ { \"password-file\": \"../outside\" } ] } }",
                "'../outside' is outside the authentication directory '" + directory + "'");
        assertThatThrownBy(() -> parse("{ \"authentication\": { \"directory\": \"" + directory
                + "\", \"clients\": [ { \"password-file\": \"link\" } ] } }"))
                .hasMessageContaining("'link' is outside the authentication directory");
        assertThatThrownBy(() -> parse("{ \"authentication\": { \"directory\": \"" + directory
                + "\", \"clients\": [ { \"password-file\": \"missing\" } ] } }"))
                .hasMessageContaining("Expected a file at path '" + creds.resolve("missing") + "'");
    }

    @Test
    void passwordFileWithoutUserPartIsRefusedWithoutShowingIt() throws IOException {
        Files.writeString(dir.resolve("p"), "justapassword\n");
        assertThatThrownBy(() -> parse("{ \"authentication\": { \"directory\": \"" + dir
                + "\", \"clients\": [ { \"password-file\": \"p\" } ] } }"))
                .hasMessageStartingWith("can't find the user id part in password-file 'p'")
                .hasMessageNotContaining("justapassword");
    }

    @Test
    void defaultPasswordFromAFileIsRefusedToo() throws IOException {
        Files.writeString(dir.resolve("p"), "admin:keatest\n");
        assertThatThrownBy(() -> parse("{ \"authentication\": { \"directory\": \"" + dir
                + "\", \"clients\": [ { \"password-file\": \"p\" } ] } }"))
                .hasMessageStartingWith("password must not be a default one");
    }

    @Test
    void specsCompareWithoutPositions() throws Exception {
        HttpSocketSpec a = parse("{ \"socket-port\": 8001 }");
        HttpSocketSpec b = parse("\n\n{ \"socket-port\": 8001 }");
        assertThat(a.sameListener(b)).isTrue();
        assertThat(a.sameListener(parse("{ \"socket-port\": 8001, \"http-headers\": [ { \"name\": \"X\", \"value\": \"1\" } ] }")))
                .isFalse();
        assertThat(List.of(a.scheme(), a.toString())).containsExactly("http", "http://127.0.0.1:8001");
    }
}
