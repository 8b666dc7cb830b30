package ruru.dhcp4.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Kea's {@code lease-database} for the memfile backend (the only one ruru has).
 *
 * @param file         the lease file, empty when {@code persist} is false
 * @param lfcInterval  seconds between lease file cleanups, 0 = never (Kea's default 3600)
 * @param maxRowErrors rows that may fail to load before the load fails, 0 = unlimited
 */
public record LeaseDatabase(String type, boolean persist, Optional<Path> file, long lfcInterval, long maxRowErrors) {

    public static final String DEFAULT_FILE_NAME = "kea-leases4.csv";

    public LeaseDatabase {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        if (persist && file.isEmpty()) {
            throw new IllegalArgumentException("a persistent lease database needs a file");
        }
    }
}
