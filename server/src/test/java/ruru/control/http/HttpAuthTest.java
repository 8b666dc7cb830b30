package ruru.control.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/** Basic authentication (401), ruru's per-client authorization (403), and passwords kept out of logs. */
class HttpAuthTest {

    static final String UNAUTHORIZED = "{ \"result\": 401, \"text\": \"Unauthorized\" }";
    static final String FORBIDDEN = "{ \"result\": 403, \"text\": \"Forbidden\" }";
    static final String SECRET = "s3cr3t-Pa55";

    private final List<String> seenUsers = new CopyOnWriteArrayList<>();
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private AppenderBase<ILoggingEvent> appender;
    private HttpControlServer server;

    @BeforeEach
    void start() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                events.add(e);
            }
        };
        appender.start();
        root.addAppender(appender);
        ((Logger) LoggerFactory.getLogger("authtest")).setLevel(Level.DEBUG);
        BasicAuth auth = new BasicAuth("kea-dhcpv4-server", List.of(
                Credential.of("admin", SECRET),
                new Credential("reader", "r34d", Optional.of(Set.of("config-get", "status-get")), Optional.empty()),
                new Credential("v4only", "v4", Optional.empty(), Optional.of(Set.of("dhcp4"))),
                Credential.of("nopass", "")));
        HttpSocketSpec spec = new HttpSocketSpec("127.0.0.1", 0, Optional.empty(), true, Optional.of(auth),
                List.of(), Position.NONE);
        server = HttpControlServer.start(spec, (body, user) -> {
            seenUsers.add(user);
            return new ListElement(List.of(MapElement.builder().put("result", 0).build()), Position.NONE);
        }, Limits.KEA, "authtest");
    }

    @AfterEach
    void stop() {
        server.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }

    static String basic(String user, String password) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Response call(String body, String... headers) throws IOException {
        try (RawHttp c = RawHttp.connect(server.address())) {
            return c.send(RawHttp.post(body, headers)).read();
        }
    }

    @Test
    void missingWrongOrMalformedCredentialsGet401WithTheRealm() throws IOException {
        String cmd = "{ \"command\": \"config-get\" }";
        String[][] cases = {
            {},
            {basic("admin", "wrong")},
            {basic("admin", SECRET + "x")},
            {basic("nobody", SECRET)},
            {"Authorization: Bearer abcdefgh"},
            {"Authorization: Basic"},
            {"Authorization: Basic !!!not-base64!!!"},
        };
        for (String[] headers : cases) {
            RawHttp.Response r = call(cmd, headers);
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"kea-dhcpv4-server\"");
            assertThat(r.body()).isEqualTo(UNAUTHORIZED);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
        }
        assertThat(seenUsers).isEmpty();
    }

    @Test
    void rightCredentialsReachTheHandlerWithTheUser() throws IOException {
        RawHttp.Response r = call("{ \"command\": \"config-get\" }", basic("admin", SECRET));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[ { \"result\": 0 } ]");
        // The scheme is matched case-insensitively and surrounding blanks are trimmed, as in Kea.
        String token = basic("nopass", "").substring("Authorization: Basic ".length());
        assertThat(call("{ \"command\": \"x\" }", "Authorization:   bAsIc   " + token + "  ").status()).isEqualTo(200);
        assertThat(seenUsers).containsExactly("admin", "nopass");
    }

    @Test
    void badRequestComesBeforeAuthentication() throws IOException {
        // Kea finalizes (parses) the request before checking credentials.
        RawHttp.Response r = call("{ nope");
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void aClientLimitedToSomeCommandsGets403ForOthers() throws IOException {
        assertThat(call("{ \"command\": \"config-get\" }", basic("reader", "r34d")).status()).isEqualTo(200);
        for (String body : List.of("{ \"command\": \"config-set\", \"arguments\": { } }", "[ 1 ]",
                "{ \"command\": 7 }")) {
            RawHttp.Response r = call(body, basic("reader", "r34d"));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(r.body()).isEqualTo(FORBIDDEN);
            assertThat(r.header("WWW-Authenticate")).isNull();
        }
        assertThat(seenUsers).containsExactly("reader");
    }

    @Test
    void aClientLimitedToSomeServicesGets403ForOthers() throws IOException {
        assertThat(call("{ \"command\": \"config-get\", \"service\": [ \"dhcp4\" ] }", basic("v4only", "v4")).status())
                .isEqualTo(200);
        assertThat(call("{ \"command\": \"config-get\" }", basic("v4only", "v4")).status()).isEqualTo(200);
        RawHttp.Response r = call("{ \"command\": \"config-get\", \"service\": [ \"dhcp4\", \"dhcp6\" ] }",
                basic("v4only", "v4"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo(FORBIDDEN);
        assertThat(call("{ \"command\": \"x\", \"service\": \"dhcp4\" }", basic("v4only", "v4")).status())
                .isEqualTo(403);
    }

    @Test
    void passwordsAndTokensNeverReachTheLog() throws IOException {
        call("{ \"command\": \"config-get\" }", basic("admin", SECRET));
        call("{ \"command\": \"config-get\" }", basic("admin", SECRET + "-wrong"));
        call("{ \"command\": \"config-set\" }", basic("reader", "r34d"));
        String token = Base64.getEncoder().encodeToString(("admin:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(events).isNotEmpty();
        for (ILoggingEvent e : events) {
            String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertThat(text).doesNotContain(SECRET).doesNotContain(token).doesNotContain("r34d");
        }
        assertThat(server.spec().toString()).doesNotContain(SECRET);
        assertThat(server.spec().authentication().get().clients().getFirst().toString()).doesNotContain(SECRET);
    }

    @Test
    void tokenIsBase64OfUserColonPassword() {
        assertThat(BasicAuthenticator.token(Credential.of("admin", "1234x"))).isEqualTo("YWRtaW46MTIzNHg=");
    }

    @Test
    void anotherListenerWithoutAuthDoesNotChallenge() throws IOException {
        try (HttpControlServer open = HttpControlServer.start(HttpSocketSpec.plain("127.0.0.1", 0),
                (b, u) -> new ListElement(List.of(), Position.NONE))) {
            InetSocketAddress a = open.address();
            try (RawHttp c = RawHttp.connect(a)) {
                RawHttp.Response r = c.send(RawHttp.post("{ \"command\": \"x\" }")).read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("[  ]");
            }
        }
    }
}
