package ruru.ddns.d2.config;

import java.net.InetAddress;
import java.time.Duration;

/**
 * D2's top-level parameters (Kea's {@code D2Params}).
 *
 * @param address          where the NCR listener binds ({@code ip-address}, 127.0.0.1 by default)
 * @param port             its UDP port (53001)
 * @param dnsServerTimeout how long one DNS update waits for its answer (Kea 3's 500 ms default)
 */
public record D2Params(InetAddress address, int port, Duration dnsServerTimeout) {

    public static final int DEFAULT_PORT = 53001;
    /** Kea 3.0's default; 2.2 had 100 ms. */
    public static final long DEFAULT_TIMEOUT_MS = 500;
}
