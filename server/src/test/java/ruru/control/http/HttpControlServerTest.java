package ruru.control.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/** The transport: framing, Kea's 400/408 answers, versions, keep-alive, limits, hostile clients. */
class HttpControlServerTest {

    static final String BAD_REQUEST = "{ \"result\": 400, \"text\": \"Bad Request\" }";
    static final String TIMEOUT = "{ \"result\": 408, \"text\": \"Request Timeout\" }";

    /** Echoes the command name back in a one-element list, as a daemon's answer is shaped. */
    static final HttpCommandHandler ECHO = (body, user) -> new ListElement(List.of(MapElement.builder()
            .put("result", 0).put("text", ((MapElement) body).get("command") instanceof ruru.json.StringElement s
                    ? s.value() : "?").build()), Position.NONE);

    private HttpControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(Limits limits, HttpHeader... headers) throws IOException {
        HttpSocketSpec spec = new HttpSocketSpec("127.0.0.1", 0, Optional.empty(), true, Optional.empty(),
                List.of(headers), Position.NONE);
        server = HttpControlServer.start(spec, ECHO, limits, "test");
        return server.address();
    }

    private InetSocketAddress start() throws IOException {
        return start(Limits.KEA);
    }

    @Test
    void postOfJsonOnAnyPathIsAnsweredWithKeaHeadersAndCompactJson() throws IOException {
        InetSocketAddress address = start(Limits.KEA, new HttpHeader("Strict-Transport-Security", "max-age=31536000"));
        try (RawHttp c = RawHttp.connect(address)) {
            String body = "{ \"command\": \"config-get\" }";
            c.send("POST /foo/bar HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            RawHttp.Response r = c.read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.body()).isEqualTo("[ { \"result\": 0, \"text\": \"config-get\" } ]");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length()));
            assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            ZonedDateTime date = ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(Duration.between(date, ZonedDateTime.now()).abs()).isLessThan(Duration.ofMinutes(1));
            assertThat(r.header("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        }
    }

    @Test
    void charsetParameterAndCommentsAreAccepted() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            c.send(RawHttp.postAs("HTTP/1.1", "Application/JSON; charset=utf-8",
                    "# a comment\n{ // another\n \"command\": /* inline */ \"status-get\" }"));
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("[ { \"result\": 0, \"text\": \"status-get\" } ]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "PUT / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
        "POST / HTTP/1.1\r\nContent-Length: 24\r\n\r\n{ \"command\": \"foo\" }    ",
        "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\n{ \"command\": \"foo\" }",
        "POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{ \"command\": ",
        "POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\nnot json",
        "POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Type: application/json\r\n\r\n",
    })
    void everythingButAJsonPostIsBadRequestAndTheConnectionStaysUsable(String request) throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            RawHttp.Response r = c.send(request).read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(r.body()).isEqualTo(BAD_REQUEST);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            // The request was well framed, so the connection carries on.
            RawHttp.Response next = c.send(RawHttp.post("{ \"command\": \"list-commands\" }")).read();
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void garbageBytesGetBadRequestAndAClose() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            byte[] junk = new byte[3000];
            new java.util.Random(7).nextBytes(junk);
            junk[junk.length - 2] = '\n';
            junk[junk.length - 1] = '\n';
            c.socket().getOutputStream().write(junk);
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).isEqualTo(BAD_REQUEST);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(answers(address)).isTrue();
    }

    @Test
    void http10IsAnsweredIn10AndClosed() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            RawHttp.Response r = c.send(RawHttp.postAs("HTTP/1.0", "application/json", "{ \"command\": \"a\" }")).read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void http11KeepsTheConnectionUntilConnectionClose() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = c.send(RawHttp.post("{ \"command\": \"c" + i + "\" }")).read();
                assertThat(r.body()).isEqualTo("[ { \"result\": 0, \"text\": \"c" + i + "\" } ]");
                assertThat(r.header("Connection")).isNull();
            }
            RawHttp.Response last = c.send(RawHttp.post("{ \"command\": \"bye\" }", "Connection: close")).read();
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            c.send(RawHttp.post("{ \"command\": \"one\" }") + RawHttp.post("{ \"command\": \"two\" }"));
            assertThat(c.read().body()).contains("one");
            assertThat(c.read().body()).contains("two");
        }
    }

    @Test
    void incompleteRequestGets408ThenClose() throws IOException {
        InetSocketAddress address = start(new Limits(Duration.ofMillis(400), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 16, 1 << 20));
        try (RawHttp c = RawHttp.connect(address)) {
            long t0 = System.nanoTime();
            c.send("POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{ \"comm");
            RawHttp.Response r = c.read();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(r.body()).isEqualTo(TIMEOUT);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void slowLorisHitsTheRequestDeadlineAndOthersAreServedMeanwhile() throws Exception {
        InetSocketAddress address = start(new Limits(Duration.ofMillis(800), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 64, 1 << 20));
        List<RawHttp> loris = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                loris.add(RawHttp.connect(address).send("POST / HTTP/1.1\r\n"));
            }
            long t0 = System.nanoTime();
            // Trickle a header byte every 100 ms: each byte arrives well within any per-read timeout.
            for (int tick = 0; tick < 5; tick++) {
                for (RawHttp l : loris) {
                    l.send("X");
                }
                assertThat(answers(address)).isTrue();
                Thread.sleep(100);
            }
            for (RawHttp l : loris) {
                RawHttp.Response r = l.read();
                assertThat(r.status()).isEqualTo(408);
                assertThat(r.body()).isEqualTo(TIMEOUT);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (RawHttp l : loris) {
                l.close();
            }
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedWithoutAnswer() throws IOException {
        InetSocketAddress address = start(new Limits(Duration.ofSeconds(10), Duration.ofMillis(300),
                Duration.ofSeconds(5), 16, 1 << 20));
        try (RawHttp c = RawHttp.connect(address)) {
            assertThat(c.send(RawHttp.post("{ \"command\": \"x\" }")).read().status()).isEqualTo(200);
            long t0 = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void oversizedBodyIs413WithoutReadingIt() throws IOException {
        InetSocketAddress address = start(new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 16, 1000));
        try (RawHttp c = RawHttp.connect(address)) {
            c.send("POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1001\r\n\r\n");
            RawHttp.Response r = c.read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 413 Payload Too Large");
            assertThat(r.body()).isEqualTo("{ \"result\": 413, \"text\": \"Payload Too Large\" }");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawHttp c = RawHttp.connect(address)) {
            String body = "{ \"command\": \"" + "x".repeat(900) + "\" }";
            assertThat(c.send(RawHttp.post(body)).read().status()).isEqualTo(200);
        }
    }

    @Test
    void defaultBodyCapIsSixteenMebibytes() {
        assertThat(Limits.KEA.maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(Limits.KEA.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Limits.KEA.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void expectContinueIsHonoured() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            String body = "{ \"command\": \"big\" }";
            c.send("POST / HTTP/1.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            RawHttp.Response interim = c.read();
            assertThat(interim.statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(c.send(body).read().body()).contains("big");
        }
    }

    @Test
    void chunkedAndConflictingLengthsAreRefused() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            c.send("POST / HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
            assertThat(c.read().body()).isEqualTo(BAD_REQUEST);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawHttp c = RawHttp.connect(address)) {
            c.send("POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
            assertThat(c.read().body()).isEqualTo(BAD_REQUEST);
        }
    }

    @Test
    void thousandParallelRequestsAreAllAnsweredCorrectly() throws Exception {
        InetSocketAddress address = start();
        AtomicInteger ok = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    try (RawHttp c = RawHttp.connect(address)) {
                        RawHttp.Response r = c.send(RawHttp.post("{ \"command\": \"cmd-" + n + "\" }")).read();
                        if (r.status() == 200 && r.body().equals("[ { \"result\": 0, \"text\": \"cmd-" + n + "\" } ]")) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(ok.get()).isEqualTo(1000);
    }

    @Test
    void connectionsBeyondTheLimitWaitUntilASlotFrees() throws Exception {
        InetSocketAddress address = start(new Limits(Duration.ofMillis(600), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 2, 1 << 20));
        try (RawHttp a = RawHttp.connect(address); RawHttp b = RawHttp.connect(address)) {
            // Both slots are held by silent clients; a third client is served once they time out.
            long t0 = System.nanoTime();
            assertThat(answers(address)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(a.read().status()).isEqualTo(408);
            assertThat(b.read().status()).isEqualTo(408);
        }
    }

    @Test
    void closingTheServerClosesIdleConnections() throws IOException {
        InetSocketAddress address = start();
        try (RawHttp c = RawHttp.connect(address)) {
            assertThat(c.send(RawHttp.post("{ \"command\": \"x\" }")).read().status()).isEqualTo(200);
            server.close();
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aHandlerFailureIs500() throws IOException {
        HttpSocketSpec spec = HttpSocketSpec.plain("127.0.0.1", 0);
        server = HttpControlServer.start(spec, (body, user) -> {
            throw new IllegalStateException("boom");
        }, Limits.KEA, "test");
        try (RawHttp c = RawHttp.connect(server.address())) {
            RawHttp.Response r = c.send(RawHttp.post("{ \"command\": \"x\" }")).read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(r.body()).isEqualTo("{ \"result\": 500, \"text\": \"Internal Server Error\" }");
        }
    }

    static boolean answers(InetSocketAddress address) throws IOException {
        try (RawHttp c = RawHttp.connect(address)) {
            RawHttp.Response r = c.send(RawHttp.post("{ \"command\": \"probe\" }")).read();
            Element parsed = Json.parse(r.body(), ruru.json.ParseOptions.string());
            return r.status() == 200 && parsed instanceof ListElement;
        } catch (ruru.json.JsonException e) {
            return false;
        }
    }

}
