package ruru.dhcp.config;

import ruru.daemon.config.ConfigException;
import ruru.json.BoolElement;
import ruru.json.IntElement;
import ruru.json.MapElement;

/**
 * {@code multi-threading}: Kea 2.4+ defaults (enabled, thread-pool-size 0 = one thread per core,
 * packet-queue-size 64).
 */
public record MultiThreading(boolean enabled, int threadPoolSize, int packetQueueSize) {

    public static final MultiThreading DEFAULT = new MultiThreading(true, 0, 64);

    /** The number of packet threads this setting gives on this machine. */
    public int effectiveThreads() {
        return threadPoolSize > 0 ? threadPoolSize : Runtime.getRuntime().availableProcessors();
    }

    /** Packet threads per core when the size is automatic and leases are in a database. */
    static final int DATABASE_THREADS_PER_CORE = 4;

    /**
     * With leases in a database a packet thread spends most of an exchange waiting for the
     * database, so the automatic size (0) gives {@value #DATABASE_THREADS_PER_CORE} threads per
     * core, each with its own connection (Kea gives one per core); a size given is kept.
     */
    public int effectiveThreads(boolean databaseBackend) {
        return threadPoolSize == 0 && databaseBackend
                ? DATABASE_THREADS_PER_CORE * Runtime.getRuntime().availableProcessors() : effectiveThreads();
    }

    /** Worker threads the packet service runs: the pool when enabled, else one. */
    public int workers() {
        return enabled ? effectiveThreads() : 1;
    }

    /** The packet queue bound when enabled, else 0 (the socket layer's default). */
    public int queueSize() {
        return enabled ? packetQueueSize : 0;
    }

    public static MultiThreading parse(MapElement daemon) throws ConfigException {
        if (!(daemon.get("multi-threading") instanceof MapElement mt)) {
            return DEFAULT;
        }
        boolean enabled = mt.get("enable-multi-threading") instanceof BoolElement b ? b.value() : DEFAULT.enabled;
        int pool = bounded(mt, "thread-pool-size", DEFAULT.threadPoolSize, 0, 65535);
        int queue = bounded(mt, "packet-queue-size", DEFAULT.packetQueueSize, 0, 65535);
        return new MultiThreading(enabled, pool, queue);
    }

    private static int bounded(MapElement m, String key, int dflt, int min, int max) throws ConfigException {
        if (!(m.get(key) instanceof IntElement i)) {
            return dflt;
        }
        if (i.value() < min || i.value() > max) {
            throw new ConfigException(i.position(), "'" + key + "' must be between " + min + " and " + max);
        }
        return (int) i.value();
    }
}
