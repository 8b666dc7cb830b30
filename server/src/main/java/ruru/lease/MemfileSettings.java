package ruru.lease;

import java.nio.file.Path;

/**
 * Kea's {@code lease-database} settings for the memfile backend.
 *
 * @param file               the lease file, already checked by the daemon; null when persist is false
 * @param persist            false: leases live only in memory, no file is touched
 * @param lfcIntervalSeconds seconds between lease file cleanups; 0 never runs one
 * @param maxRowErrors       bad rows tolerated per file while loading; 0 means unlimited (Kea)
 * @param fsync              force each written batch to the device; Kea does not, so the default
 *                           is false (a row then survives a process crash but not a power loss)
 */
public record MemfileSettings(Path file, boolean persist, long lfcIntervalSeconds, int maxRowErrors, boolean fsync) {

    public MemfileSettings {
        if (persist && file == null) {
            throw new IllegalArgumentException("a persistent lease store needs a file");
        }
        if (lfcIntervalSeconds < 0 || maxRowErrors < 0) {
            throw new IllegalArgumentException("lfc-interval and max-row-errors must not be negative");
        }
    }

    public MemfileSettings(Path file, boolean persist, long lfcIntervalSeconds, int maxRowErrors) {
        this(file, persist, lfcIntervalSeconds, maxRowErrors, false);
    }

    /** A store that keeps leases in memory only ({@code "persist": false}). */
    public static MemfileSettings inMemory() {
        return new MemfileSettings(null, false, 0, 0, false);
    }
}
