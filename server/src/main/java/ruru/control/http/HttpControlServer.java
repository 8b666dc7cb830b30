package ruru.control.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 (and 1.0) control listener, plain or TLS, on blocking sockets with a virtual thread
 * per connection (not the JDK's com.sun.net.httpserver: its timeouts are JVM-wide system
 * properties and it cannot send Kea's 408 body).
 *
 * <p>The listening socket is plain TCP; TLS is layered onto each accepted connection. So a
 * reconfiguration of the same address and port (new certificates, clients, headers) swaps the
 * {@link Settings} in place, without a moment where the port is closed: see {@link #prepare}.
 *
 * <p>Bounds: {@link Limits#maxConnections} connections are served at once. The acceptor takes a
 * permit before accepting, so when all are in use further clients wait in the kernel's listen
 * backlog (connect succeeds, the request is read later) instead of being refused; every
 * connection gives its permit back within the header, request, idle and write timeouts, so the
 * wait is bounded even when every slot is held by a slow-loris client. One client address keeps
 * at most {@link Limits#maxConnectionsPerAddress} stalled connections (no complete request for two
 * seconds: a never-finished or trickled request, an idle keep-alive): a sweep closes the oldest
 * beyond that, so a client flooding the listener with requests it never finishes cannot lock out
 * the others, while connections that send their requests promptly are never touched. The request-body memory of
 * all listeners together is bounded by {@link BodyBudget}.
 */
public final class HttpControlServer implements AutoCloseable {

    private static final int BACKLOG = 1024;

    /** What a connection needs from the configuration; replaced whole by {@link Pending#commit}. */
    record Settings(HttpSocketSpec spec, SSLContext tls, RequestProcessor processor, ResponseWriter writer) {
    }

    private final Limits limits;
    private final BodyBudget budget;
    private final ServerSocket server;
    private final HttpCommandHandler handler;
    private final Logger httpLog;
    private final Logger authLog;
    private volatile Settings settings;
    private final Semaphore permits;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledFuture<?> sweeper;
    private final Thread acceptor;
    private volatile boolean closed;

    private HttpControlServer(Limits limits, BodyBudget budget, ServerSocket server, HttpCommandHandler handler,
                              String loggerPrefix) {
        this.limits = limits;
        this.budget = budget;
        this.server = server;
        this.handler = handler;
        this.httpLog = LoggerFactory.getLogger(loggerPrefix + ".http");
        this.authLog = LoggerFactory.getLogger(loggerPrefix + ".auth");
        this.permits = new Semaphore(limits.maxConnections());
        this.acceptor = Thread.ofVirtual().name("ruru-http-accept").unstarted(this::acceptLoop);
        this.sweeper = HttpConnection.schedule(this::sweep, 250);
    }

    /** Binds and starts serving with Kea's limits; logs under {@code ruru.http} / {@code ruru.auth}. */
    public static HttpControlServer start(HttpSocketSpec spec, HttpCommandHandler handler) throws IOException {
        return start(spec, handler, Limits.KEA, "ruru");
    }

    /**
     * @param loggerPrefix the daemon's logger root, e.g. {@code kea-dhcp4}: the server logs under
     *                     {@code <prefix>.http} and authentication under {@code <prefix>.auth} as Kea does
     */
    public static HttpControlServer start(HttpSocketSpec spec, HttpCommandHandler handler, Limits limits,
            String loggerPrefix) throws IOException {
        return start(spec, handler, limits, BodyBudget.SHARED, loggerPrefix);
    }

    /** With a body budget of its own (tests); a daemon's listeners share {@link BodyBudget#SHARED}. */
    static HttpControlServer start(HttpSocketSpec spec, HttpCommandHandler handler, Limits limits, BodyBudget budget,
            String loggerPrefix) throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(limits, "limits");
        SSLContext tls = spec.tls().isPresent() ? TlsContexts.serverContext(spec.tls().get()) : null;
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral(spec.address()), spec.port()), BACKLOG);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw new IOException("unable to listen on " + spec + ": " + e.getMessage(), e);
        }
        HttpControlServer server = new HttpControlServer(limits, budget, socket, handler, loggerPrefix);
        server.settings = server.settingsFor(spec, tls);
        server.httpLog.info("HTTP_COMMAND_MGR_SERVICE_STARTED started {} service bound to address {} port {}",
                spec.scheme().toUpperCase(java.util.Locale.ROOT), spec.address(), server.address().getPort());
        server.warnIfInsecure(spec);
        server.acceptor.start();
        return server;
    }

    private Settings settingsFor(HttpSocketSpec spec, SSLContext tls) {
        return new Settings(spec, tls, new RequestProcessor(spec, handler, httpLog, authLog),
                new ResponseWriter(spec.headers()));
    }

    private void warnIfInsecure(HttpSocketSpec spec) {
        if (spec.tls().isEmpty() && spec.authentication().isEmpty()) {
            httpLog.warn("COMMAND_HTTP_SOCKET_SECURITY_WARNING command socket {} has neither TLS nor "
                    + "authentication: anyone who can connect can control the server", spec);
        }
    }

    /** A new configuration for a running listener, ready to take effect; see {@link #prepare}. */
    public final class Pending {
        private final Settings next;

        private Pending(Settings next) {
            this.next = next;
        }

        /**
         * Makes the new settings current: new connections use its TLS setup, and every request
         * from now on (also on open keep-alive connections) its clients and headers.
         */
        public void commit() {
            settings = next;
            httpLog.info("HTTP_COMMAND_MGR_SERVICE_UPDATED {} reconfigured", next.spec());
            warnIfInsecure(next.spec());
        }
    }

    /**
     * Prepares {@code spec} for this listener, doing everything that can fail (reading the TLS
     * files) without changing anything; the daemon commits once the whole configuration applied.
     * Kea refuses to switch a socket between http and https on the same address and port, and so
     * does this.
     *
     * @throws IOException when the TLS files cannot be used
     * @throws IllegalArgumentException when {@code spec} is for another address or port, or another scheme
     */
    public Pending prepare(HttpSocketSpec spec) throws IOException {
        HttpSocketSpec current = settings.spec();
        if (!spec.address().equals(current.address()) || spec.port() != address().getPort() && spec.port() != 0) {
            throw new IllegalArgumentException("listener on " + current + " cannot become " + spec);
        }
        if (spec.isTls() != current.isTls()) {
            throw new IllegalArgumentException("cannot switch the control socket on address " + spec.address()
                    + " port " + spec.port() + " from " + current.scheme() + " to " + spec.scheme());
        }
        SSLContext tls = spec.tls().isPresent() ? TlsContexts.serverContext(spec.tls().get()) : null;
        return new Pending(settingsFor(spec, tls));
    }

    /** The bound address (port 0 in the spec gives the real port here). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The configuration in force. */
    public HttpSocketSpec spec() {
        return settings.spec();
    }

    /** Connections being served now; for tests. */
    int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting and closes every connection, including ones waiting for their next request;
     * a connection answering a request right now closes right after its answer.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        httpLog.info("HTTP_COMMAND_MGR_SERVICE_STOPPING stopping {}", spec());
        sweeper.cancel(false);
        try {
            server.close();
        } catch (IOException e) {
            httpLog.error("HTTP_COMMAND_MGR_SERVICE_STOP_FAIL closing {}: {}", spec(), e.getMessage());
        }
        for (HttpConnection c : connections) {
            c.abortUnlessBusy();
        }
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(java.time.Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                permits.release();
                if (closed) {
                    return;
                }
                httpLog.error("HTTP_CONNECTION_ACCEPT_FAIL accepting on {} failed: {}", spec(), e.getMessage());
                pause();
                continue;
            } catch (IOException e) {
                permits.release();
                httpLog.error("HTTP_CONNECTION_ACCEPT_FAIL accepting on {} failed: {}", spec(), e.getMessage());
                pause();
                continue;
            }
            HttpConnection connection = new HttpConnection(socket, this);
            connections.add(connection);
            if (closed) {
                connection.abort();
            }
            Thread.ofVirtual().name("ruru-http-conn").start(connection);
        }
    }

    void connectionDone(HttpConnection connection) {
        if (connections.remove(connection)) {
            permits.release();
        }
    }

    /** How long a connection may take to deliver a request before it counts as stalled. */
    static final long STALL_NANOS = 2_000_000_000L;

    /**
     * Every quarter second: a client address with more than its share of stalled connections
     * (no complete request for over two seconds, however slowly bytes trickle in: a never-finished
     * request, an idle keep-alive) loses the oldest of them, so one client cannot hold the
     * listener's slots, while a connection that sends its request promptly is never touched.
     */
    private void sweep() {
        long now = System.nanoTime();
        java.util.Map<InetAddress, java.util.List<HttpConnection>> stalled = new java.util.HashMap<>();
        for (HttpConnection c : connections) {
            long since = c.stalledSince();
            if (since != 0 && now - since > STALL_NANOS) {
                stalled.computeIfAbsent(c.address(), a -> new java.util.ArrayList<>()).add(c);
            }
        }
        stalled.forEach((address, list) -> {
            int excess = list.size() - limits.maxConnectionsPerAddress();
            if (excess <= 0) {
                return;
            }
            list.sort(java.util.Comparator.comparingLong(HttpConnection::stalledSince));
            httpLog.debug("HTTP_CONNECTIONS_STALLED {} holds {} stalled connections; the {} oldest are closed",
                    address.getHostAddress(), list.size(), excess);
            for (int i = 0; i < excess; i++) {
                list.get(i).abortUnlessBusy();
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return closed;
    }

    Limits limits() {
        return limits;
    }

    BodyBudget budget() {
        return budget;
    }

    Settings settings() {
        return settings;
    }

    Logger httpLog() {
        return httpLog;
    }
}
