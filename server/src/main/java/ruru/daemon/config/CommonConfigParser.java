package ruru.daemon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.control.http.HttpSocketConfigParser;
import ruru.control.http.HttpSocketSpec;
import ruru.daemon.DaemonKind;
import ruru.daemon.logging.LoggerSpec;
import ruru.daemon.logging.LoggingConfigParser;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * Reads the parts every daemon shares from its (already schema-checked) top-level map. The schema
 * has checked key names and value types; this adds the meaning: paths, ranges, exclusivity.
 */
public final class CommonConfigParser {

    private CommonConfigParser() {
    }

    /** For the DHCPv4 server: HTTP sockets default to Kea's realm {@code kea-dhcpv4-server}. */
    public static CommonConfig parse(MapElement daemon, PathPolicy paths) throws ConfigException {
        return parse(daemon, paths, HttpSocketConfigParser.defaultRealm(DaemonKind.DHCP4));
    }

    /** @param defaultRealm the basic-authentication realm of HTTP sockets that name none */
    public static CommonConfig parse(MapElement daemon, PathPolicy paths, String defaultRealm) throws ConfigException {
        return new CommonConfig(unixSocket(daemon, paths), httpSockets(daemon, paths, defaultRealm),
                loggers(daemon, paths), statsDefaults(daemon));
    }

    /**
     * The http and https entries of {@code control-sockets} (Kea 2.7.6+ allows several, IPv4 or
     * IPv6), or of a legacy {@code control-socket} map. Two entries on one address and port could
     * never both listen, so that is refused here rather than when binding.
     */
    static List<HttpSocketSpec> httpSockets(MapElement daemon, PathPolicy paths, String defaultRealm)
            throws ConfigException {
        List<MapElement> entries = new ArrayList<>();
        if (daemon.get("control-socket") instanceof MapElement m && isHttp(m)) {
            entries.add(m);
        }
        if (daemon.get("control-sockets") instanceof ListElement l) {
            for (Element e : l.items()) {
                if (e instanceof MapElement m && isHttp(m)) {
                    entries.add(m);
                }
            }
        }
        List<HttpSocketSpec> specs = new ArrayList<>();
        for (MapElement entry : entries) {
            HttpSocketSpec spec = HttpSocketConfigParser.parse(entry, paths, defaultRealm);
            for (HttpSocketSpec other : specs) {
                if (spec.port() != 0 && other.sameEndpoint(spec)) {
                    throw new ConfigException(entry.position(), "duplicate HTTP control socket on address "
                            + spec.address() + " port " + spec.port() + " (previous at " + other.position() + ")");
                }
            }
            specs.add(spec);
        }
        return specs;
    }

    private static boolean isHttp(MapElement entry) {
        String type = socketType(entry);
        return type.equals("http") || type.equals("https");
    }

    static Optional<UnixSocketSpec> unixSocket(MapElement daemon, PathPolicy paths) throws ConfigException {
        Element legacy = daemon.get("control-socket");
        Element list = daemon.get("control-sockets");
        if (legacy != null && list != null) {
            throw new ConfigException(list.position(),
                    "only one of 'control-socket' and 'control-sockets' may be specified");
        }
        if (legacy instanceof MapElement m && !isHttp(m)) {
            return Optional.of(unixEntry(m, paths));
        }
        if (list instanceof ListElement l) {
            UnixSocketSpec found = null;
            for (Element e : l.items()) {
                if (e instanceof MapElement m && !isHttp(m)) {
                    if (found != null) {
                        throw new ConfigException(m.position(), "only one unix control socket may be specified");
                    }
                    found = unixEntry(m, paths);
                }
            }
            return Optional.ofNullable(found);
        }
        return Optional.empty();
    }

    private static String socketType(MapElement entry) {
        return entry.get("socket-type") instanceof StringElement s ? s.value() : "unix";
    }

    private static UnixSocketSpec unixEntry(MapElement entry, PathPolicy paths) throws ConfigException {
        String type = socketType(entry);
        if (!"unix".equals(type)) {
            throw new ConfigException(entry.get("socket-type").position(),
                    "unsupported 'socket-type' '" + type + "' not 'unix'");
        }
        if (entry.has("socket-address")) {
            throw new ConfigException(entry.get("socket-address").position(),
                    "parameter 'socket-address' is not supported by UNIX control sockets");
        }
        if (!(entry.get("socket-name") instanceof StringElement name)) {
            throw new ConfigException(entry.position(), "Mandatory 'socket-name' parameter missing");
        }
        return new UnixSocketSpec(paths.resolve(PathKind.CONTROL_SOCKET, name.value(), name.position()),
                name.position());
    }

    private static List<LoggerSpec> loggers(MapElement daemon, PathPolicy paths) throws ConfigException {
        if (!(daemon.get("loggers") instanceof ListElement list)) {
            return List.of();
        }
        return LoggingConfigParser.parse(list, paths);
    }

    static StatsDefaults statsDefaults(MapElement daemon) throws ConfigException {
        int count = StatsDefaults.KEA.sampleCount();
        Duration age = StatsDefaults.KEA.sampleAge();
        if (daemon.get("statistic-default-sample-count") instanceof IntElement c) {
            if (c.value() < 0 || c.value() > Integer.MAX_VALUE) {
                throw new ConfigException(c.position(), "statistic-default-sample-count must be 0 or positive");
            }
            count = (int) c.value();
        }
        if (daemon.get("statistic-default-sample-age") instanceof IntElement a) {
            if (a.value() < 0) {
                throw new ConfigException(a.position(), "statistic-default-sample-age must be 0 or positive");
            }
            age = Duration.ofSeconds(a.value());
        }
        return new StatsDefaults(count, age);
    }
}
