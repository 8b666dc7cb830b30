package ruru.agent;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import ruru.control.http.HttpSocketSpec;
import ruru.daemon.DaemonConfig;
import ruru.daemon.config.CommonConfig;
import ruru.json.MapElement;

/**
 * The Control Agent's configuration, validated and immutable.
 *
 * @param element  the normalized {@code Control-agent} map (config-get, the hash)
 * @param common   loggers and statistics defaults; never a UNIX socket of its own (Kea's CA has none)
 * @param listener the REST listener: http-host, http-port, TLS and authentication
 * @param sockets  the UNIX socket of each service it forwards to, by service name (dhcp4, dhcp6, d2)
 */
public record AgentConfig(MapElement element, CommonConfig common, HttpSocketSpec listener, Map<String, Path> sockets)
        implements DaemonConfig {

    public AgentConfig {
        sockets = Map.copyOf(sockets);
    }

    /** Where commands for {@code service} go; empty when the service has no configured socket. */
    public Optional<Path> socketOf(String service) {
        return Optional.ofNullable(sockets.get(service));
    }
}
