package ruru.ha;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/**
 * An HA partner on a loopback port that records every request exactly as it arrived (headers and
 * body) and answers with a scripted function, as a Kea Control Agent would: a list of one answer.
 */
final class FakeKeaPeer implements AutoCloseable {

    /** One request as received: the header block (request line included) and the body. */
    record Request(String head, String body) {
        MapElement command() {
            try {
                return (MapElement) Json.parse(body, ParseOptions.string());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String name() {
            return command().get("command").asString().orElse("?");
        }
    }

    private final ServerSocket server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<MapElement, Element> answer;

    FakeKeaPeer(Function<MapElement, Element> answer) throws IOException {
        this(answer, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    FakeKeaPeer(Function<MapElement, Element> answer, InetSocketAddress at) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket();
        server.bind(at);
        Thread.ofVirtual().start(this::accept);
    }

    /**
     * Run as a process in a test's network namespace: {@code FakeKeaPeer ADDRESS PORT}, a partner in
     * hot-standby that rejects every lease update with a conflict (result 4), as a Kea partner whose
     * configuration disagrees does. Prints each command it receives.
     */
    public static void main(String[] args) throws Exception {
        try (FakeKeaPeer peer = new FakeKeaPeer(command -> {
            String name = command.get("command").asString().orElse("");
            System.out.println("GOT " + name);
            System.out.flush();
            return switch (name) {
                case "ha-heartbeat" -> parse("[ { \"arguments\": { \"date-time\": \""
                        + ruru.ha.state.CommunicationState.RFC_1123.format(java.time.Instant.now())
                        + "\", \"scopes\": [ ], \"state\": \"hot-standby\", \"unsent-update-count\": 0 }, "
                        + "\"result\": 0, \"text\": \"HA peer status returned.\" } ]");
                case "lease4-update" -> parse("[ { \"result\": 4, \"text\": \"failed to update the lease with address "
                        + "in the partner's database\" } ]");
                case "lease4-get-page" -> parse("[ { \"arguments\": { \"count\": 0, \"leases\": [ ] }, \"result\": 3, "
                        + "\"text\": \"0 IPv4 lease(s) found.\" } ]");
                default -> parse("[ { \"result\": 0, \"text\": \"done\" } ]");
            };
        }, new InetSocketAddress(args[0], Integer.parseInt(args[1])))) {
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static Element parse(String json) {
        try {
            return Json.parse(json, ParseOptions.string());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    void answer(Function<MapElement, Element> next) {
        this.answer = next;
    }

    List<Request> requests() {
        return requests;
    }

    List<Request> requests(String command) {
        return requests.stream().filter(r -> r.name().equals(command)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                StringBuilder head = new StringBuilder();
                int length = 0;
                String line;
                while ((line = line(in)) != null && !line.isEmpty()) {
                    head.append(line).append("\r\n");
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                if (line == null) {
                    return;
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                Request r = new Request(head.toString(), body);
                requests.add(r);
                byte[] reply = Json.toCompact(answer.apply(r.command())).getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + reply.length
                        + "\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(reply);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return b.toString().replace("\r", "");
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
