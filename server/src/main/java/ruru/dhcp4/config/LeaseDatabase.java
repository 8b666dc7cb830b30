package ruru.dhcp4.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import ruru.lease.pgsql.PgsqlSettings;

/**
 * Kea's {@code lease-database}: the memfile backend, or PostgreSQL on Kea's schema.
 *
 * @param file         the lease file, empty when {@code persist} is false
 * @param lfcInterval  seconds between lease file cleanups, 0 = never (Kea's default 3600)
 * @param maxRowErrors rows that may fail to load before the load fails, 0 = unlimited
 * @param postgresql   the connection of a {@code postgresql} database (then no file is used)
 */
public record LeaseDatabase(String type, boolean persist, Optional<Path> file, long lfcInterval, long maxRowErrors,
                            Optional<PgsqlSettings> postgresql) {

    public LeaseDatabase(String type, boolean persist, Optional<Path> file, long lfcInterval, long maxRowErrors) {
        this(type, persist, file, lfcInterval, maxRowErrors, Optional.empty());
    }

    public static final String DEFAULT_FILE_NAME = "kea-leases4.csv";

    public LeaseDatabase {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(postgresql, "postgresql");
        if (persist && file.isEmpty()) {
            throw new IllegalArgumentException("a persistent lease database needs a file");
        }
    }
}
