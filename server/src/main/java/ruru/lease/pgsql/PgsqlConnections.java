package ruru.lease.pgsql;

import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The connection pool of one lease database: pgjdbc behind HikariCP, one connection per packet
 * thread plus a few for reclamation and commands, statements prepared on the server at first use
 * ({@code prepareThreshold=1}) and cached per connection. Several hosts in {@code host} become a
 * multi-host URL that only ever connects to the primary ({@code targetServerType=primary}), so a
 * promoted standby takes over after a failover.
 */
final class PgsqlConnections {

    private PgsqlConnections() {
    }

    /** The driver's URL and properties for these settings. */
    record Target(String url, Properties properties) {
        /** One connection outside the pool (startup check, reconnect attempts): fails within connect-timeout. */
        java.sql.Connection connect() throws SQLException {
            java.sql.Connection c = new org.postgresql.Driver().connect(url, properties);
            if (c == null) {
                throw new SQLException("the PostgreSQL driver refused " + url, "08001");
            }
            return c;
        }
    }

    static Target target(PgsqlSettings s, String applicationName) {
        List<String> socketDirs = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (PgsqlSettings.Endpoint e : s.endpoints()) {
            String host;
            if (e.socketDirectory()) {
                host = PgSocketFactory.placeholder(socketDirs.size());
                socketDirs.add(e.host());
            } else {
                host = e.host().contains(":") && !e.host().startsWith("[") ? "[" + e.host() + "]" : e.host();
            }
            hosts.add(host + ":" + e.port());
        }
        String url = "jdbc:postgresql://" + String.join(",", hosts) + "/"
                + URLEncoder.encode(s.name(), StandardCharsets.UTF_8);
        Properties p = new Properties();
        if (!s.user().isEmpty()) {
            p.setProperty("user", s.user());
        }
        p.setProperty("password", s.password().value());
        p.setProperty("connectTimeout", Integer.toString(s.connectTimeout()));
        p.setProperty("loginTimeout", Integer.toString(s.connectTimeout()));
        p.setProperty("socketFactory", PgSocketFactory.class.getName());
        p.setProperty("socketFactoryArg", PgSocketFactory.argument(socketDirs, s.tcpUserTimeout(), s.tls()));
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("prepareThreshold", "1");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("sslmode", "disable");
        p.setProperty("gssEncMode", "disable");
        s.tcpUserTimeout().ifPresent(t -> p.setProperty("socketTimeout", Integer.toString(Math.max(1, t))));
        if (s.endpoints().size() > 1) {
            p.setProperty("targetServerType", "primary");
            p.setProperty("hostRecheckSeconds", "1");
        }
        return new Target(url, p);
    }

    static HikariDataSource pool(PgsqlSettings s, int size, String applicationName) {
        Target t = target(s, applicationName);
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(t.url());
        c.setDriverClassName("org.postgresql.Driver");
        c.setDataSourceProperties(t.properties());
        c.setPoolName(applicationName + "-leases");
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(Math.min(size, 2));
        c.setAutoCommit(true);
        // a thread waits for a pooled connection at most as long as a connection may take to open
        c.setConnectionTimeout(Math.max(250, s.connectTimeout() * 1000L));
        c.setValidationTimeout(Math.max(250, Math.min(5000, s.connectTimeout() * 1000L)));
        c.setInitializationFailTimeout(-1);
        c.setRegisterMbeans(false);
        return new HikariDataSource(c);
    }

    /** libpq's wording for a failed connection, as Kea prints it after {@code Unable to open database: }. */
    static String describe(PgsqlSettings s, Throwable failure) {
        PgsqlSettings.Endpoint first = s.endpoints().get(0);
        String where = first.socketDirectory() ? "on socket \"" + first.socketPath() + "\""
                : "at " + hostAndAddress(first.host(), null) + ", port " + first.port();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.startsWith("connection to server")) {
                return m;
            }
            if (t instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
                ServerErrorMessage sem = pe.getServerErrorMessage();
                return "connection to server " + where + " failed: " + sem.getSeverity() + ":  " + sem.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String reason = root instanceof ConnectException ? "Connection refused" : String.valueOf(root.getMessage());
        return "connection to server " + where + " failed: " + reason;
    }

    /**
     * libpq's way of naming a TCP server: {@code "db.example" (192.0.2.1)} for a name, just
     * {@code "192.0.2.1"} for an address. {@code address} null: looked up (loopback and /etc/hosts
     * names answer at once; a name that does not resolve is shown alone).
     */
    static String hostAndAddress(String host, java.net.InetAddress address) {
        String quoted = "\"" + host + "\"";
        try {
            java.net.InetAddress a = address != null ? address : java.net.InetAddress.getByName(host);
            String literal = a.getHostAddress();
            return literal.equals(host) || host.startsWith("[") || host.indexOf(':') >= 0
                    || host.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? quoted : quoted + " (" + literal + ")";
        } catch (java.io.IOException e) {
            return quoted;
        }
    }

    /**
     * Whether a failed statement means the connection is gone: SQL state class 08 (connection
     * exception), 57P01-57P03 (the server shut down or is starting), 25006 (a standby answered,
     * read-only), or the pool could not hand out a connection in time.
     */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException se && se.getSQLState() != null) {
                String state = se.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("25006")) {
                    return true;
                }
            }
        }
        return false;
    }
}
