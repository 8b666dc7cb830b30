package ruru.dhcp.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.json.MapElement;
import ruru.lease.MemfileSettings;

/**
 * Kea's {@code lease-database}: the memfile backend, or PostgreSQL on Kea's schema.
 *
 * @param file         the lease file, empty when {@code persist} is false
 * @param lfcInterval  seconds between lease file cleanups, 0 = never (Kea's default 3600)
 * @param maxRowErrors rows that may fail to load before the load fails, 0 = unlimited
 * @param postgresql   the connection of a {@code postgresql} database (then no file is used)
 */
public record LeaseDatabase(String type, boolean persist, Optional<Path> file, long lfcInterval, long maxRowErrors,
                            Optional<ruru.lease.pgsql.PgsqlSettings> postgresql) {

    public LeaseDatabase(String type, boolean persist, Optional<Path> file, long lfcInterval, long maxRowErrors) {
        this(type, persist, file, lfcInterval, maxRowErrors, Optional.empty());
    }

    public LeaseDatabase {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(postgresql, "postgresql");
        if (persist && file.isEmpty()) {
            throw new IllegalArgumentException("a persistent lease database needs a file");
        }
    }

    /**
     * Kea's memfile settings. Without {@code name}, the file is Kea's default ({@code defaultFileName},
     * kea-leases4.csv or kea-leases6.csv) in the data directory ({@code KEA_DHCP_DATA_DIR}, else
     * /var/lib/kea), so ruru and Kea share a lease file when dropped in for one another. A name given
     * resolves through {@link PathPolicy}. An empty name counts as absent, as Kea 2.2 takes it.
     */
    public static LeaseDatabase parse(MapElement daemon, PathPolicy paths, String defaultFileName)
            throws ConfigException {
        Optional<MapElement> m = Fields.map(daemon, "lease-database");
        MapElement db = m.orElse(MapElement.empty());
        if (m.isPresent()) {
            Fields.require(db, "type");
        }
        if (Fields.string(db, "type", "memfile").equals("postgresql")) {
            return new LeaseDatabase("postgresql", false, Optional.empty(), 0, 0,
                    Optional.of(ruru.lease.pgsql.PgsqlSettings.parse(db, paths.configDirectory())));
        }
        boolean persist = Fields.bool(db, "persist", true);
        Optional<Path> file = Optional.empty();
        if (persist) {
            String name = Fields.string(db, "name", "");
            if (name.isEmpty()) {
                name = dataDirectory(paths).resolve(defaultFileName).toString();
            }
            file = Optional.of(paths.resolve(PathKind.DATA, name, Fields.at(db, "name")));
        }
        return new LeaseDatabase(Fields.string(db, "type", "memfile"), persist, file,
                Fields.integer(db, "lfc-interval", 3600), Fields.integer(db, "max-row-errors", 0));
    }

    /** Kea's data directory: {@code KEA_DHCP_DATA_DIR}, else /var/lib/kea. */
    public static Path dataDirectory(PathPolicy paths) {
        String env = paths.environment().get(PathKind.DATA.environmentVariable());
        return Path.of(env != null && !env.isBlank() ? env : PathKind.DATA.standardDirectory()).toAbsolutePath()
                .normalize();
    }

    /** What the memfile store takes. */
    public MemfileSettings memfile() {
        return new MemfileSettings(persist ? file.orElseThrow() : null, persist, lfcInterval,
                (int) Math.min(Integer.MAX_VALUE, maxRowErrors));
    }
}
