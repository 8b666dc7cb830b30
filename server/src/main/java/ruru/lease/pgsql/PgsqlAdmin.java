package ruru.lease.pgsql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ruru admin ... pgsql} does to a lease database, for users without kea-admin: create
 * ruru's lease schema in the shape of Kea 3.0 (29.0, the default) or Kea 2.2 (13.0), report the
 * version, upgrade a ruru-made 13.0 schema to 29.0, and recount the statistics tables. The SQL is
 * ruru's own (resources next to this class). A database made by kea-admin (it also holds Kea's
 * host and configuration tables) is upgraded with kea-admin, never here: ruru serves 13.0 as it is.
 */
public final class PgsqlAdmin implements AutoCloseable {

    /** A refusal or failure, with the text the user sees. */
    public static final class AdminException extends Exception {
        private static final long serialVersionUID = 1L;

        public AdminException(String message) {
            super(message);
        }
    }

    private final PgsqlSettings settings;
    private final PgsqlConnections.Target target;

    public PgsqlAdmin(PgsqlSettings settings) {
        this.settings = settings;
        this.target = PgsqlConnections.target(settings, "ruru-admin");
    }

    private Connection connect() throws AdminException {
        try {
            return target.connect();
        } catch (SQLException e) {
            throw new AdminException("Unable to open database: " + PgsqlConnections.describe(settings, e));
        }
    }

    /** The schema version, empty when the database has no schema_version table. */
    public Optional<SchemaVersion> version() throws AdminException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            if (tables(c).contains("schema_version")) {
                try (ResultSet rs = st.executeQuery("SELECT version, minor FROM schema_version")) {
                    if (rs.next()) {
                        return Optional.of(new SchemaVersion(rs.getInt(1), rs.getInt(2)));
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new AdminException("Failed to get schema version: " + e.getMessage());
        }
    }

    /** Creates the lease schema at {@code target} (13.0 or 29.0) in an empty database. */
    public SchemaVersion init(SchemaVersion target) throws AdminException {
        if (!target.equals(SchemaVersion.KEA_2_2) && !target.equals(SchemaVersion.KEA_3_0)) {
            throw new AdminException("ruru creates schema 13.0 (Kea 2.2) or 29.0 (Kea 3.0), not " + target);
        }
        try (Connection c = connect()) {
            List<String> present = tables(c);
            if (!present.isEmpty()) {
                throw new AdminException("Expected empty database " + settings.name()
                        + ". Aborting, the following tables are present:\n   " + String.join("\n   ", present));
            }
            c.setAutoCommit(false);
            run(c, "schema-13.0.sql");
            if (target.equals(SchemaVersion.KEA_3_0)) {
                run(c, "upgrade-13-to-29.sql");
            }
            c.commit();
        } catch (SQLException e) {
            throw new AdminException("Database initialization failed: " + e.getMessage());
        }
        return version().orElseThrow(() -> new AdminException("no schema version after initialization"));
    }

    /** Upgrades a ruru-made 13.x lease schema to 29.0 in one transaction. */
    public SchemaVersion upgrade() throws AdminException {
        SchemaVersion v = version().orElseThrow(() -> new AdminException(
                "Database " + settings.name() + " has no Kea schema: run db-init first"));
        if (v.equals(SchemaVersion.KEA_3_0)) {
            return v;
        }
        try (Connection c = connect()) {
            if (tables(c).contains("hosts")) {
                throw new AdminException("Database " + settings.name() + " was created by kea-admin (it holds Kea's"
                        + " host and configuration tables too): upgrade it with the kea-admin of the Kea version you"
                        + " run; ruru serves its schema " + v + " as it is");
            }
            if (v.major() != SchemaVersion.KEA_2_2.major()) {
                throw new AdminException("ruru upgrades schema 13.x to 29.0, not " + v);
            }
            c.setAutoCommit(false);
            run(c, "upgrade-13-to-29.sql");
            c.commit();
        } catch (SQLException e) {
            throw new AdminException("Database upgrade failed: " + e.getMessage());
        }
        return version().orElseThrow();
    }

    /** kea-admin's stats-recount: the statistics tables rebuilt from the leases, in one transaction. */
    public void statsRecount() throws AdminException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            List<String> t = tables(c);
            c.setAutoCommit(false);
            st.execute("DELETE FROM lease4_stat");
            st.execute("INSERT INTO lease4_stat (subnet_id, state, leases) SELECT subnet_id, state, count(*) "
                    + "FROM lease4 WHERE state IN (0, 1) GROUP BY subnet_id, state");
            st.execute("DELETE FROM lease6_stat");
            st.execute("INSERT INTO lease6_stat (subnet_id, lease_type, state, leases) SELECT subnet_id, lease_type, "
                    + "state, count(*) FROM lease6 WHERE state IN (0, 1) GROUP BY subnet_id, lease_type, state");
            if (t.contains("lease4_pool_stat")) {
                st.execute("DELETE FROM lease4_pool_stat");
                st.execute("INSERT INTO lease4_pool_stat (subnet_id, pool_id, state, leases) SELECT subnet_id, pool_id, "
                        + "state, count(*) FROM lease4 WHERE state IN (0, 1) GROUP BY subnet_id, pool_id, state");
                st.execute("DELETE FROM lease6_pool_stat");
                st.execute("INSERT INTO lease6_pool_stat (subnet_id, pool_id, lease_type, state, leases) SELECT "
                        + "subnet_id, pool_id, lease_type, state, count(*) FROM lease6 WHERE state IN (0, 1) "
                        + "GROUP BY subnet_id, pool_id, lease_type, state");
            }
            c.commit();
        } catch (SQLException e) {
            throw new AdminException("Statistics recount failed: " + e.getMessage());
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void run(Connection c, String resource) throws SQLException, AdminException {
        String sql;
        try (InputStream in = PgsqlAdmin.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AdminException("missing schema script " + resource);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AdminException("cannot read schema script " + resource + ": " + e.getMessage());
        }
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        // every command opens and closes its own connection
    }
}
