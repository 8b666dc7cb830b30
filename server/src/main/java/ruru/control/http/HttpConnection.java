package ruru.control.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;

/**
 * One client connection on its own virtual thread: (TLS handshake,) then request after request
 * until the client or the protocol closes. Blocking reads cost no carrier thread, so a silent or
 * trickling client delays nobody; the header deadline (5 s) and the request deadline (10 s) end
 * it with a 408, an idle keep-alive connection ends after 30 s, and a write that the client does
 * not take is cut by a watchdog. A body is read only after the header section passed
 * {@link RequestProcessor#admit} (credentials included) and its bytes were reserved in the
 * {@link BodyBudget}.
 */
final class HttpConnection implements Runnable {

    private final Socket raw;
    private Socket socket;
    private final HttpControlServer server;
    private final String peer;
    private final Logger log;
    /** True from a complete request until its answer is written: {@link #abortUnlessBusy} spares it. */
    private volatile boolean busy;

    /**
     * Write watchdogs of every listener. Shared and never shut down, so a listener being closed
     * while it answers (a config-set removing its own socket) still bounds that last write.
     */
    private static final ScheduledThreadPoolExecutor WATCHDOGS = watchdogs();

    private static ScheduledThreadPoolExecutor watchdogs() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("ruru-http-watchdog").factory());
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    HttpConnection(Socket socket, HttpControlServer server) {
        this.raw = socket;
        this.socket = socket;
        this.server = server;
        this.peer = socket.getRemoteSocketAddress().toString();
        this.log = server.httpLog();
    }

    /**
     * Closes the connection unless it is answering a request; that one closes itself after the
     * answer (it sees the server closed), so a command that closed the listener still gets its reply.
     */
    void abortUnlessBusy() {
        if (!busy) {
            abort();
        }
    }

    void abort() {
        try {
            raw.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        try (raw) {
            serve();
        } catch (IOException e) {
            log.debug("HTTP_CONNECTION_ERROR connection from {} ended: {}", peer, e.toString());
        } catch (RuntimeException e) {
            log.error("HTTP_CONNECTION_ERROR internal error on connection from {}", peer, e);
        } finally {
            server.connectionDone(this);
        }
    }

    private void serve() throws IOException {
        Limits limits = server.limits();
        long requestNanos = limits.requestTimeout().toNanos();
        long headerNanos = limits.headerTimeout().toNanos();
        long begin = System.nanoTime();
        long deadline = begin + requestNanos;
        long headerDeadline = begin + headerNanos;
        HttpControlServer.Settings settings = server.settings();
        if (settings.tls() != null) {
            SSLSocket ssl = (SSLSocket) settings.tls().getSocketFactory().createSocket(raw, null, raw.getPort(), true);
            ssl.setUseClientMode(false);
            TlsContexts.configure(ssl, settings.spec().certRequired());
            socket = ssl;
            socket.setSoTimeout(Math.max(1, (int) limits.headerTimeout().toMillis()));
            try {
                ssl.startHandshake();
            } catch (IOException e) {
                log.info("HTTP_CONNECTION_HANDSHAKE_FAILED TLS handshake with {} failed: {}", peer, e.getMessage());
                return;
            }
        }
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        RequestReader reader = new RequestReader(socket, in, limits.maxBodyBytes());
        boolean first = true;
        while (!server.isClosed()) {
            if (!first) {
                if (!reader.awaitData(limits.idleTimeout().toMillis())) {
                    return; // idle keep-alive connection, or the client closed: no answer owed
                }
                long now = System.nanoTime();
                deadline = now + requestNanos;
                headerDeadline = now + headerNanos;
            }
            first = false;
            HttpRequest request;
            Gate gate = new Gate(out, deadline);
            try {
                request = reader.read(headerDeadline, deadline, gate);
            } catch (SocketTimeoutException e) {
                gate.release();
                log.debug("HTTP_REQUEST_TIMEOUT request from {} not complete in time", peer);
                send(out, HttpVersion.HTTP_1_1, RequestProcessor.Outcome.error(HttpStatus.REQUEST_TIMEOUT), true);
                return;
            } catch (RequestReader.Failure f) {
                gate.release();
                log.debug("HTTP_BAD_CLIENT_REQUEST_RECEIVED from {}: {}", peer, f.getMessage());
                if (f.status != null) {
                    HttpVersion v = f.version != null ? f.version : HttpVersion.HTTP_1_1;
                    send(out, v, f.outcome != null ? f.outcome : RequestProcessor.Outcome.error(f.status), true);
                }
                return;
            } catch (IOException | RuntimeException e) {
                gate.release();
                throw e;
            }
            if (request == null) {
                return;
            }
            busy = true;
            try {
                RequestProcessor processor = server.settings().processor();
                RequestProcessor.Outcome outcome = gate.admission.admitted()
                        ? processor.process(request, peer, gate.admission.client())
                        : processor.refused(request, peer, gate.admission);
                boolean close = !request.keepAlive() || server.isClosed();
                send(out, request.version(), outcome, close);
                if (close) {
                    return;
                }
            } finally {
                waitingSince = System.nanoTime();
                busy = false;
                gate.release();
            }
        }
    }

    /**
     * What happens between a request's header section and its body: the processor admits it or
     * not (method, type, credentials), the body's bytes are reserved in the process-wide budget
     * (503 when they cannot be had before the deadline), and Expect: 100-continue is answered.
     */
    private final class Gate implements RequestReader.HeadersRead {
        private final OutputStream out;
        private final long deadline;
        private RequestProcessor.Admission admission;
        private int reserved;

        Gate(OutputStream out, long deadline) {
            this.out = out;
            this.deadline = deadline;
        }

        @Override
        public void accept(RequestReader.Head head) throws IOException, RequestReader.Failure {
            admission = server.settings().processor().admit(head, peer);
            if (!admission.admitted() && head.length() > RequestProcessor.PRE_AUTH_BODY_BYTES) {
                throw new RequestReader.Failure(admission.refusal(), head.version(), "refused before its body");
            }
            try {
                if (!server.budget().reserve(head.length(), deadline)) {
                    log.info("HTTP_REQUEST_BUDGET_EXCEEDED request from {} with a body of {} bytes refused: the "
                            + "request bodies being read take all the memory set aside for them", peer, head.length());
                    throw new RequestReader.Failure(RequestProcessor.Outcome.error(HttpStatus.SERVICE_UNAVAILABLE),
                            head.version(), "no memory for the body");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            reserved = head.length();
            continueIfAsked(head.version(), head.fields(), out);
        }

        void release() {
            server.budget().release(reserved);
            reserved = 0;
        }
    }

    private void drain() {
        try {
            socket.setSoTimeout(200);
            byte[] sink = new byte[8192];
            long total = 0;
            InputStream in = socket.getInputStream();
            int n;
            while (total < 64 * 1024 && (n = in.read(sink)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            // timed out or reset: done either way
        }
    }

    boolean isBusy() {
        return busy;
    }

    java.net.InetAddress address() {
        return raw.getInetAddress();
    }

    /** When the connection started, or its last answer was sent: since then it waits for a request. */
    private volatile long waitingSince = System.nanoTime();

    /**
     * Since when the connection has been waiting for a complete request from its client (nanoTime):
     * from its start (TLS handshake included) or its last answer, whether bytes trickle in or not;
     * 0 while it answers one.
     */
    long stalledSince() {
        return busy ? 0 : waitingSince;
    }

    /** Runs {@code task} every {@code millis} ms on the shared watchdog thread. */
    static ScheduledFuture<?> schedule(Runnable task, long millis) {
        return WATCHDOGS.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** curl sends {@code Expect: 100-continue} before large bodies and waits a second for this. */
    private static void continueIfAsked(HttpVersion version, java.util.List<HttpRequest.Field> fields,
            OutputStream out) throws IOException {
        if (version != HttpVersion.HTTP_1_1) {
            return;
        }
        for (HttpRequest.Field f : fields) {
            if (f.name().equalsIgnoreCase("Expect") && f.value().equalsIgnoreCase("100-continue")) {
                ResponseWriter.write(out, "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
        }
    }

    private void send(OutputStream out, HttpVersion version, RequestProcessor.Outcome outcome, boolean close)
            throws IOException {
        HttpControlServer.Settings settings = server.settings();
        String realm = outcome.challenge() ? settings.spec().authentication().map(BasicAuth::realm).orElse("") : null;
        byte[] bytes = outcome.resource() != null
                ? settings.writer().render(version, outcome.resource(), close)
                : settings.writer().render(version, outcome.status(), outcome.body(), realm, close);
        ScheduledFuture<?> watchdog = WATCHDOGS.schedule(this::abort, server.limits().writeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            ResponseWriter.write(out, bytes);
            if (close && !(socket instanceof SSLSocket)) {
                // Half-close, then take what the client may still be sending (the rest of a refused
                // body) for a moment: closing with unread input would reset the connection and
                // could destroy the answer before the client read it.
                socket.shutdownOutput();
                drain();
            }
        } finally {
            watchdog.cancel(false);
        }
    }
}
