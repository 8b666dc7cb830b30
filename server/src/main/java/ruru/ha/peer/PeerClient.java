package ruru.ha.peer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import ruru.ha.config.PeerConfig;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/**
 * HTTP/1.1 to one peer, as Kea's HA client sends it: {@code POST /} with only Host, Content-Length,
 * Content-Type (and Authorization when configured), over persistent connections reused between
 * requests. At most {@code connections} requests are in flight; more wait their turn. Each request
 * runs on a virtual thread and completes its future with the JSON body of the answer, or fails with
 * a {@link PeerException} of kind COMMUNICATION.
 */
public final class PeerClient implements AutoCloseable {

    /** Kea's TIMEOUT_DEFAULT_HTTP_CLIENT_REQUEST. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_RESPONSE = 256 * 1024 * 1024;
    private static final int MAX_HEADER = 64 * 1024;

    private final PeerConfig peer;
    private final Optional<SSLContext> tls;
    private final Semaphore slots;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final java.util.Set<Connection> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile Runnable onClose = () -> { };

    public PeerClient(PeerConfig peer, Optional<SSLContext> tls, int connections) {
        this.peer = peer;
        this.tls = tls;
        this.slots = new Semaphore(Math.max(1, connections), true);
    }

    public PeerConfig peer() {
        return peer;
    }

    /** Sends {@code command}; the future completes on a virtual thread. */
    public CompletableFuture<Element> post(MapElement command, Duration timeout) {
        CompletableFuture<Element> f = new CompletableFuture<>();
        byte[] body = Json.toCompact(command).getBytes(StandardCharsets.UTF_8);
        Thread.ofVirtual().name("ha-client-" + peer.name()).start(() -> {
            try {
                f.complete(send(body, timeout));
            } catch (PeerException e) {
                f.completeExceptionally(e);
            } catch (RuntimeException e) {
                f.completeExceptionally(new PeerException(PeerException.Kind.COMMUNICATION, 1, e.toString()));
            }
        });
        return f;
    }

    /** Sends {@code command} and waits for the answer body. */
    public Element call(MapElement command, Duration timeout) throws PeerException {
        return send(Json.toCompact(command).getBytes(StandardCharsets.UTF_8), timeout);
    }

    private Element send(byte[] body, Duration timeout) throws PeerException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw communication("Connection timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw communication("Operation canceled");
        }
        try {
            Connection reused = takeIdle();
            if (reused != null) {
                try {
                    return exchange(reused, body, deadline);
                } catch (StaleConnection e) {
                    // the peer closed a kept-alive connection: one fresh attempt
                }
            }
            if (closed) {
                throw communication("Operation canceled");
            }
            Connection fresh = connect(deadline);
            try {
                return exchange(fresh, body, deadline);
            } catch (StaleConnection e) {
                throw communication(e.getMessage());
            }
        } finally {
            slots.release();
        }
    }

    private synchronized Connection takeIdle() {
        return idle.pollFirst();
    }

    private synchronized void giveBack(Connection c) {
        if (closed) {
            c.close();
        } else {
            idle.addFirst(c);
        }
    }

    private Connection connect(long deadline) throws PeerException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(InetAddress.ofLiteral(peer.url().host()), peer.url().port()),
                    remainingMillis(deadline));
            if (tls.isPresent()) {
                SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(s, peer.url().host(),
                        peer.url().port(), true);
                SSLParameters p = ssl.getSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                ssl.setSSLParameters(p);
                ssl.setSoTimeout(remainingMillis(deadline));
                ssl.startHandshake();
                s = ssl;
            }
            return new Connection(s);
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw communication("Connection timed out");
        } catch (ConnectException e) {
            closeQuietly(s);
            throw communication(e.getMessage() == null ? "Connection refused" : e.getMessage());
        } catch (SSLException e) {
            closeQuietly(s);
            throw communication("TLS handshake failed: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(s);
            throw communication(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Thrown when a reused connection turns out closed before any answer byte arrived. */
    private static final class StaleConnection extends Exception {
        private static final long serialVersionUID = 1L;

        StaleConnection(String message) {
            super(message, null, false, false);
        }
    }

    private Element exchange(Connection c, byte[] body, long deadline) throws PeerException, StaleConnection {
        boolean keep = false;
        busy.add(c);
        try {
            c.socket.setSoTimeout(remainingMillis(deadline));
            OutputStream out = c.socket.getOutputStream();
            StringBuilder head = new StringBuilder(160).append("POST / HTTP/1.1\r\n")
                    .append("Host: ").append(peer.url().host()).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Content-Type: application/json\r\n");
            peer.credentials().ifPresent(cr -> head.append("Authorization: ").append(cr.header()).append("\r\n"));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            Response r = readResponse(c, deadline);
            keep = r.keepAlive;
            return parse(r);
        } catch (SocketTimeoutException e) {
            throw communication("Connection timed out");
        } catch (EmptyResponse e) {
            throw new StaleConnection(e.getMessage());
        } catch (IOException e) {
            throw communication(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            busy.remove(c);
            if (keep) {
                giveBack(c);
            } else {
                c.close();
            }
        }
    }

    private record Response(int status, byte[] body, boolean keepAlive) {
    }

    private static final class EmptyResponse extends IOException {
        private static final long serialVersionUID = 1L;

        EmptyResponse() {
            super("Connection reset by peer");
        }
    }

    private Response readResponse(Connection c, long deadline) throws IOException {
        InputStream in = c.in;
        String statusLine = line(in, true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("invalid HTTP status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("invalid HTTP status line: " + statusLine);
        }
        long length = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        int headerBytes = 0;
        while (true) {
            c.socket.setSoTimeout(remainingMillis(deadline));
            String h = line(in, false);
            headerBytes += h.length();
            if (headerBytes > MAX_HEADER) {
                throw new IOException("HTTP response headers too long");
            }
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("invalid Content-Length " + value);
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    close = v.contains("close") ? true : v.contains("keep-alive") ? false : close;
                }
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunked(in, c, deadline);
        } else if (length >= 0) {
            if (length > MAX_RESPONSE) {
                throw new IOException("HTTP response too large");
            }
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new IOException("connection closed before the end of the answer");
            }
        } else {
            body = readToEnd(in);
            close = true;
        }
        return new Response(status, body, !close);
    }

    private byte[] chunked(InputStream in, Connection c, long deadline) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            c.socket.setSoTimeout(remainingMillis(deadline));
            String size = line(in, false);
            int semi = size.indexOf(';');
            int n;
            try {
                n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("invalid chunk size " + size);
            }
            if (n == 0) {
                while (!line(in, false).isEmpty()) {
                    // trailers
                }
                return all.toByteArray();
            }
            if (all.size() + n > MAX_RESPONSE) {
                throw new IOException("HTTP response too large");
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length < n) {
                throw new IOException("connection closed before the end of the answer");
            }
            all.write(chunk);
            line(in, false);
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (all.size() + n > MAX_RESPONSE) {
                throw new IOException("HTTP response too large");
            }
            all.write(buf, 0, n);
        }
        return all.toByteArray();
    }

    /** One CRLF-terminated line; {@code first}: end of stream before any byte is a stale connection. */
    private static String line(InputStream in, boolean first) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int ch = in.read();
            if (ch < 0) {
                if (first && b.isEmpty()) {
                    throw new EmptyResponse();
                }
                throw new IOException("connection closed before the end of the answer");
            }
            if (ch == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') {
                    b.setLength(len - 1);
                }
                return b.toString();
            }
            if (b.length() > MAX_HEADER) {
                throw new IOException("HTTP response line too long");
            }
            b.append((char) ch);
        }
    }

    /** The JSON body; a non-JSON body is a communication failure, as Kea's HTTP client treats it. */
    private Element parse(Response r) throws PeerException {
        try {
            return Json.parse(r.body, ParseOptions.string());
        } catch (JsonException e) {
            throw communication("HTTP " + r.status + " answer is not JSON: " + e.getMessage());
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw new SocketTimeoutException("Connection timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static PeerException communication(String message) {
        return new PeerException(PeerException.Kind.COMMUNICATION, 1, message);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** Runs {@code action} when this client is closed. */
    public void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Closes every connection: requests in flight fail at once as communication errors. */
    @Override
    public void close() {
        Deque<Connection> drained;
        synchronized (this) {
            closed = true;
            drained = new ArrayDeque<>(idle);
            idle.clear();
        }
        drained.forEach(Connection::close);
        busy.forEach(Connection::close);
        onClose.run();
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        void close() {
            closeQuietly(socket);
        }
    }
}
