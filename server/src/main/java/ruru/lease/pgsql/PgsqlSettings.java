package ruru.lease.pgsql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * A {@code lease-database} of type {@code postgresql} (FACTS 14.5), for either address family.
 * The password is held but never printed: {@link #toString()} and {@link #redacted()} show
 * {@code *****} as Kea's {@code redactedAccessString} does.
 *
 * @param name               the database (mandatory)
 * @param endpoints          where to connect, in order: {@code host} may list several servers
 *                           separated by commas (a primary and its standbys), each a host name, an
 *                           address or a Unix-socket directory (an absolute path, as libpq takes it)
 * @param user               the role; empty: the driver's default
 * @param connectTimeout     seconds to establish a connection (Kea's default 5; must be &gt; 0)
 * @param maxReconnectTries  attempts after a lost connection; 0 = none
 * @param reconnectWaitMillis pause between attempts
 * @param tcpUserTimeout     seconds a request may stay unacknowledged (Kea 3.0), empty = not set
 * @param tls                TLS to the server (Kea 3's ssl-mode, trust-anchor, cert-file, key-file, key-password)
 * @param keys               the keys as given, for the redacted access string
 */
public record PgsqlSettings(String name, List<Endpoint> endpoints, String user, Secret password,
                            int connectTimeout, long maxReconnectTries, long reconnectWaitMillis, OnFail onFail,
                            boolean retryOnStartup, OptionalInt tcpUserTimeout, PgsqlTls tls,
                            Map<String, String> keys) {

    public static final int DEFAULT_PORT = 5432;
    static final Set<String> DEFAULT_PASSWORDS = Set.of("1234", "*****", "keatest");

    /** One server: a TCP host and port, or a Unix socket {@code <directory>/.s.PGSQL.<port>}. */
    public record Endpoint(String host, int port) {
        public boolean socketDirectory() {
            return host.startsWith("/");
        }

        public Path socketPath() {
            return Path.of(host, ".s.PGSQL." + port);
        }

        @Override
        public String toString() {
            return socketDirectory() ? "socket \"" + socketPath() + "\"" : host + ":" + port;
        }
    }

    /** A password that never shows itself. */
    public record Secret(String value) {
        public Secret {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "*****";
        }
    }

    public PgsqlSettings {
        Objects.requireNonNull(name, "name");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(tls, "tls");
        keys = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(keys));
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint");
        }
    }

    /**
     * Reads the keys of {@code db} (already shape-checked by the schema). Errors carry Kea's texts,
     * prefixed as Kea reports a database it cannot open: {@code Unable to open database: ...}.
     *
     * @param configDirectory relative {@code password-file} names resolve against it
     */
    public static PgsqlSettings parse(MapElement db, Path configDirectory) throws ConfigException {
        String name = string(db, "name", "");
        if (name.isEmpty()) {
            throw open(db, "must specify a name for the database");
        }
        long timeout = integer(db, "connect-timeout", 5);
        if (timeout <= 0 || timeout > Integer.MAX_VALUE) {
            throw open(db, "database connection timeout (" + timeout + ") must be an integer greater than 0");
        }
        String onFailText = string(db, "on-fail", OnFail.STOP_RETRY_EXIT.keaName());
        OnFail onFail = OnFail.byKeaName(onFailText).orElseThrow(() -> new ConfigException(
                db.find("on-fail").map(Element::position).orElse(db.position()),
                "Invalid action on connection loss: " + onFailText));
        long port = integer(db, "port", 0);
        List<Endpoint> endpoints = new ArrayList<>();
        for (String h : string(db, "host", "localhost").split(",")) {
            String host = h.strip();
            if (host.isEmpty()) {
                throw open(db, "invalid host '" + string(db, "host", "") + "'");
            }
            endpoints.add(new Endpoint(host, port == 0 ? DEFAULT_PORT : (int) port));
        }
        String password = string(db, "password", "");
        if (db.has("password-file")) {
            if (db.has("password")) {
                throw new ConfigException(db.position(), "password and password-file are mutually exclusive");
            }
            password = passwordFile(db, configDirectory);
        }
        if (!password.isEmpty() && DEFAULT_PASSWORDS.contains(password)) {
            throw new ConfigException(db.position(), "password must not be a default one");
        }
        OptionalInt tcpUserTimeout = db.has("tcp-user-timeout")
                ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, integer(db, "tcp-user-timeout", 0)))
                : OptionalInt.empty();
        PgsqlTls tls = PgsqlTls.parse(db, configDirectory);
        Map<String, String> keys = new TreeMap<>();
        for (Map.Entry<String, Element> e : db.entries().entrySet()) {
            if (!e.getKey().equals("user-context") && !e.getKey().equals("comment")) {
                keys.put(e.getKey(), scalar(e.getValue()));
            }
        }
        return new PgsqlSettings(name, endpoints, string(db, "user", ""), new Secret(password), (int) timeout,
                integer(db, "max-reconnect-tries", 0), integer(db, "reconnect-wait-time", 0), onFail,
                db.find("retry-on-startup").flatMap(Element::asBoolean).orElse(false), tcpUserTimeout, tls, keys);
    }

    private static String passwordFile(MapElement db, Path configDirectory) throws ConfigException {
        String file = string(db, "password-file", "");
        Path path = configDirectory.resolve(file).normalize();
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            return content.strip();
        } catch (IOException e) {
            throw new ConfigException(db.find("password-file").map(Element::position).orElse(db.position()),
                    "cannot read password-file '" + file + "'");
        }
    }

    /** Kea's {@code DatabaseConnection::redactedAccessString}: key=value sorted, the passwords as *****. */
    public String redacted() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(e.getKey()).append('=').append(secret(e.getKey()) ? "*****" : e.getValue());
        }
        return b.toString();
    }

    private static boolean secret(String key) {
        return key.equals("password") || key.equals("key-password");
    }

    @Override
    public String toString() {
        return "PgsqlSettings[" + redacted() + "]";
    }

    private static ConfigException open(MapElement db, String detail) {
        return new ConfigException(db.position(), "Unable to open database: " + detail);
    }

    private static String string(MapElement m, String key, String dflt) {
        return m.find(key).flatMap(Element::asString).orElse(dflt);
    }

    private static long integer(MapElement m, String key, long dflt) {
        return m.find(key).flatMap(Element::asLong).orElse(dflt);
    }

    private static String scalar(Element e) {
        return e.asString().or(() -> e.asLong().map(String::valueOf))
                .or(() -> e.asBoolean().map(String::valueOf)).orElse("");
    }
}
