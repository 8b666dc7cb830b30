package ruru.net;

/**
 * The receive path's native-memory accesses run once on buffers of their own, for
 * {@code ruru.daemon.StartWarmer}: the JVM makes the code behind each kind of access (a
 * {@code VarHandle} form, not kept in the start-up cache) when it is first used, some
 * milliseconds that a starting server's first query then does not wait for. Touches no socket.
 */
public final class ReceiveWarmup {

    private ReceiveWarmup() {
    }

    public static void run() {
        try (RxBuffers b = new RxBuffers()) {
            b.prepare(16);
            b.countDrops(1);
            if (!b.truncated(0) && b.length(0) == 0) {
                b.copy(0, 1);
            }
        }
    }
}
