package ruru.control.http;

import java.time.Duration;

/**
 * The bounds of one listener. Kea's values ({@code src/lib/config/timeouts.h}) are the defaults;
 * tests shorten them.
 *
 * @param requestTimeout from a connection's start, or a request's first byte, until the request is
 *                       complete; then 408 and close (Kea: 10 s)
 * @param idleTimeout    how long an idle keep-alive connection is kept (Kea: 30 s)
 * @param writeTimeout   how long a response may take to be taken by the client before the
 *                       connection is dropped (no Kea equivalent; stops readers that never read)
 * @param maxConnections connections served at once; further clients wait in the listen backlog
 *                       until one ends (every connection ends within the timeouts above)
 * @param maxBodyBytes   largest request body; larger gets 413 (Kea has no limit; 16 MiB holds a
 *                       config-set hundreds of times the size of a large real configuration)
 */
public record Limits(Duration requestTimeout, Duration idleTimeout, Duration writeTimeout, int maxConnections,
        long maxBodyBytes) {

    public static final Limits KEA = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 1024, 16L * 1024 * 1024);

    public Limits {
        if (maxConnections < 1 || maxBodyBytes < 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad limits");
        }
    }
}
