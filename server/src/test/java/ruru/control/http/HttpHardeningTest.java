package ruru.control.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * Issue 8 item 4 at the listener: what one hostile client can hold. A client that floods the
 * listener with requests it never finishes cannot lock out an operator; credentials are checked
 * before a byte of the body is read; the memory of request bodies is bounded; a header section
 * that does not complete in time is answered 408.
 */
class HttpHardeningTest {

    private static final String SECRET = "0perat0r-Pa55";
    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString(("admin:" + SECRET).getBytes(StandardCharsets.UTF_8));
    private static final HttpCommandHandler OK = (body, user) -> new ListElement(List.of(MapElement.builder()
            .put("result", 0).put("text", "done").build()), Position.NONE);

    private HttpControlServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(Limits limits, boolean authenticate, HttpCommandHandler handler, BodyBudget budget)
            throws IOException {
        Optional<BasicAuth> auth = authenticate
                ? Optional.of(new BasicAuth("kea-dhcpv4-server", List.of(Credential.of("admin", SECRET))))
                : Optional.empty();
        HttpSocketSpec spec = new HttpSocketSpec("127.0.0.1", 0, Optional.empty(), true, auth, List.of(),
                Position.NONE);
        server = HttpControlServer.start(spec, handler, limits, budget, "test");
        return server.address();
    }

    /** A connection from a chosen loopback address. */
    private Socket connectFrom(String local, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        s.connect(to, 5000);
        sockets.add(s);
        return s;
    }

    @Test
    void aClientWithAThousandNeverFinishedRequestsCannotLockOutAnOperator() throws Exception {
        // Deadlines far away (60 s), so only the per-address bound can let the operator in.
        Limits limits = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5), 1024,
                16L << 20, Duration.ofSeconds(60), 32);
        InetSocketAddress address = start(limits, true, OK, new BodyBudget(32 << 20));
        for (int i = 0; i < 1100; i++) {
            Socket s = connectFrom("127.0.0.1", address);
            s.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        // An operator from another address, and one from the attacker's own address.
        for (String from : new String[] {"127.0.0.2", "127.0.0.1"}) {
            long t0 = System.nanoTime();
            try (RawHttp operator = new RawHttp(connectFrom(from, address))) {
                RawHttp.Response r = operator.send(RawHttp.post("{ \"command\": \"status-get\" }", AUTH)).read();
                assertThat(r.status()).isEqualTo(200);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("answered long before any deadline")
                    .isLessThan(Duration.ofSeconds(20));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> server.openConnections() <= 40);
    }

    @Test
    void noBodyByteIsReadBeforeTheCredentialsAreChecked() throws Exception {
        InetSocketAddress address = start(Limits.KEA, true, OK, new BodyBudget(32 << 20));
        for (String credentials : new String[] {"", "Authorization: Basic bm9ib2R5Om5vcGU=\r\n"}) {
            try (RawHttp c = new RawHttp(connectFrom("127.0.0.1", address))) {
                // Headers announcing 16 MiB, and not one byte of the body sent.
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + credentials
                        + "Content-Length: 16777216\r\n\r\n");
                RawHttp.Response r = c.read();
                assertThat(r.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
                assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"kea-dhcpv4-server\"");
                assertThat(c.closedByServer()).isTrue();
            }
        }
        // A small refused request is answered in Kea's order (a bad body first), on a connection that stays.
        try (RawHttp c = new RawHttp(connectFrom("127.0.0.1", address))) {
            assertThat(c.send(RawHttp.post("{ nope")).read().status()).isEqualTo(400);
            assertThat(c.send(RawHttp.post("{ \"command\": \"status-get\" }")).read().status()).isEqualTo(401);
            assertThat(c.send(RawHttp.post("{ \"command\": \"status-get\" }", AUTH)).read().status()).isEqualTo(200);
        }
    }

    @Test
    void theMemoryOfRequestBodiesIsBounded() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        HttpCommandHandler slow = (body, user) -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK.handle(body, user);
        };
        BodyBudget budget = new BodyBudget(2 << 20);
        Limits limits = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(5), 64, 1 << 20);
        InetSocketAddress address = start(limits, false, slow, budget);
        String big = "{ \"command\": \"config-set\", \"arguments\": { \"pad\": \"" + "x".repeat((1 << 20) - 100) + "\" } }";
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RawHttp c = new RawHttp(connectFrom("127.0.0.1", address));
                c.send(RawHttp.post(big));
                held.add(pool.submit(() -> c.read().status()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.available() < (2 << 20) - (1 << 20));
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.available() < (1 << 20));
            // Both bodies are held: a third gets 503 once its deadline passes, without its body read.
            try (RawHttp third = new RawHttp(connectFrom("127.0.0.1", address))) {
                third.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + big.length() + "\r\n\r\n");
                RawHttp.Response r = third.read();
                assertThat(r.statusLine()).isEqualTo("HTTP/1.1 503 Service Unavailable");
                assertThat(r.body()).isEqualTo("{ \"result\": 503, \"text\": \"Service Unavailable\" }");
            }
            hold.countDown();
            for (Future<Integer> f : held) {
                assertThat(f.get()).isEqualTo(200);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.available() == 2 << 20);
    }

    @Test
    void aHeaderSectionThatDoesNotCompleteInTimeGets408() throws Exception {
        Limits limits = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5), 64,
                1 << 20, Duration.ofMillis(500), 32);
        InetSocketAddress address = start(limits, false, OK, new BodyBudget(32 << 20));
        try (RawHttp c = new RawHttp(connectFrom("127.0.0.1", address))) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\n");
            long t0 = System.nanoTime();
            RawHttp.Response r = c.read();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the header deadline, not the request one")
                    .isLessThan(Duration.ofSeconds(20));
        }
    }
}
