package ruru.control.http;

import java.time.Duration;

/**
 * The bounds of one listener. Kea's values ({@code src/lib/config/timeouts.h}) are the defaults
 * where Kea has one; the others are ruru's (Kea's agent had none, and issue 8 locked it out).
 *
 * @param requestTimeout           from a connection's start, or a request's first byte, until the
 *                                 request is complete; then 408 and close (Kea: 10 s)
 * @param idleTimeout              how long an idle keep-alive connection is kept (Kea: 30 s)
 * @param writeTimeout             how long a response may take to be taken by the client before the
 *                                 connection is dropped (no Kea equivalent; stops readers that never read)
 * @param maxConnections           connections served at once; further clients wait in the listen
 *                                 backlog until one ends (every connection ends within the timeouts above)
 * @param maxBodyBytes             largest request body; larger gets 413 (Kea has no limit; 16 MiB holds a
 *                                 config-set hundreds of times the size of a large real configuration)
 * @param headerTimeout            from a connection's start (TLS handshake included), or a request's
 *                                 first byte, until its header section is complete; then 408 and close
 * @param maxConnectionsPerAddress stalled connections one client address may keep (no complete
 *                                 request for two seconds: an unfinished or trickled request, an idle
 *                                 keep-alive); the oldest beyond it are closed, so one client cannot
 *                                 hold every slot
 */
public record Limits(Duration requestTimeout, Duration idleTimeout, Duration writeTimeout, int maxConnections,
        long maxBodyBytes, Duration headerTimeout, int maxConnectionsPerAddress) {

    /** ruru's header deadline and per-address bound, beside Kea's timeouts. */
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);
    static final int PER_ADDRESS = 32;

    public static final Limits KEA = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 1024, 16L * 1024 * 1024, HEADER_TIMEOUT, PER_ADDRESS);

    public Limits {
        if (maxConnections < 1 || maxBodyBytes < 0 || maxBodyBytes > Integer.MAX_VALUE - 8
                || maxConnectionsPerAddress < 1 || headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("bad limits");
        }
    }

    /** The header deadline is the request deadline when that is shorter; 32 connections per address. */
    public Limits(Duration requestTimeout, Duration idleTimeout, Duration writeTimeout, int maxConnections,
                  long maxBodyBytes) {
        this(requestTimeout, idleTimeout, writeTimeout, maxConnections, maxBodyBytes,
                requestTimeout.compareTo(HEADER_TIMEOUT) < 0 ? requestTimeout : HEADER_TIMEOUT, PER_ADDRESS);
    }
}
