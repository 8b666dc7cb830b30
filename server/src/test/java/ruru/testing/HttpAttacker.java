package ruru.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 8's attack on an HTTP control socket, run as a separate process (inside the daemon's
 * network namespace): {@code HOST PORT SECONDS SLOW BIG USER:PASSWORD} keeps SLOW never-finished
 * requests open (reconnecting whenever the server closes one, trickling a header line every half
 * second), sends unauthenticated 16 MiB POSTs from BIG threads back to back, and meanwhile acts as
 * the operator: one authenticated status-get a second. At the end it prints one line per counter
 * ({@code operator-ok N}, {@code operator-failed N}, {@code operator-max-ms N},
 * {@code slow-reconnects N}, {@code big-posts N}, {@code big-status-401 N}, ...).
 */
public final class HttpAttacker {

    private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    private HttpAttacker() {
    }

    private static void count(String name, long delta) {
        COUNTERS.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(delta);
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        int slow = Integer.parseInt(args[3]);
        int big = Integer.parseInt(args[4]);
        String auth = "Basic " + Base64.getEncoder().encodeToString(args[5].getBytes(StandardCharsets.UTF_8));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            threads.add(Thread.ofVirtual().start(() -> slowLoris(server, end)));
        }
        for (int i = 0; i < big; i++) {
            threads.add(Thread.ofVirtual().start(() -> bigPosts(server, end)));
        }
        threads.add(Thread.ofVirtual().start(() -> operator(server, end, auth)));
        for (Thread t : threads) {
            t.join();
        }
        COUNTERS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println(e.getKey() + " " + e.getValue().get()));
    }

    private static void slowLoris(InetSocketAddress server, long end) {
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(server, 5000);
                OutputStream out = s.getOutputStream();
                out.write("POST / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                while (System.nanoTime() < end) {
                    Thread.sleep(500);
                    out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                count("slow-reconnects", 1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void bigPosts(InetSocketAddress server, long end) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        int length = 16 * 1024 * 1024;
        while (System.nanoTime() < end) {
            count("big-posts", 1);
            try (Socket s = new Socket()) {
                s.connect(server, 5000);
                s.setSoTimeout(15_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        count("big-status-" + status(s.getInputStream()), 1);
                    } catch (IOException e) {
                        count("big-no-answer", 1);
                    }
                });
                try {
                    for (int sent = 0; sent < length && System.nanoTime() < end; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    count("big-cut-off", 1);
                }
                reader.join(15_000);
            } catch (IOException e) {
                count("big-connect-failed", 1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void operator(InetSocketAddress server, long end, String auth) {
        String body = "{ \"command\": \"status-get\" }";
        long max = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(server, 5000);
                s.setSoTimeout(15_000);
                s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Authorization: " + auth + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                int status = status(s.getInputStream());
                count(status == 200 ? "operator-ok" : "operator-failed", 1);
            } catch (IOException e) {
                count("operator-failed", 1);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            max = Math.max(max, ms);
            COUNTERS.computeIfAbsent("operator-max-ms", n -> new AtomicLong()).set(max);
            try {
                Thread.sleep(Math.max(0, 1000 - ms));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The status code of the response's status line. */
    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        String[] f = line.toString().split(" ");
        if (f.length < 2) {
            throw new IOException("no status line");
        }
        return Integer.parseInt(f[1]);
    }
}
