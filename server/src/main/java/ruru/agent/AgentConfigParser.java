package ruru.agent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ruru.control.http.HttpSocketConfigParser;
import ruru.control.http.HttpSocketSpec;
import ruru.daemon.DaemonKind;
import ruru.daemon.config.CommonConfigParser;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.AgentSchema;
import ruru.daemon.config.schema.KeaDefaults;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** {@code Control-agent} map → {@link AgentConfig}: the schema first, then the typed parts. */
final class AgentConfigParser {

    private AgentConfigParser() {
    }

    static AgentConfig parse(MapElement agent, PathPolicy paths) throws ConfigException {
        // config-get shows where the agent listens even when the file relies on the defaults, as Kea's does.
        MapElement normalized = KeaDefaults.fill("Control-agent", AgentSchema.check(agent));
        if (normalized.get("hooks-libraries") instanceof ListElement hooks && !hooks.isEmpty()) {
            throw new ConfigException(hooks.position(),
                    "parameter 'hooks-libraries' is not supported yet by ruru (hook libraries in the Control Agent)");
        }
        HttpSocketSpec listener = HttpSocketConfigParser.parse(listenerEntry(normalized), paths,
                HttpSocketConfigParser.defaultRealm(DaemonKind.AGENT));
        return new AgentConfig(normalized, CommonConfigParser.parse(
                // The shared parser reads a daemon's control-sockets list; the agent's is a map of peers.
                normalized.without("control-sockets"), paths),
                listener, sockets(normalized, paths));
    }

    /**
     * The agent's listener keys renamed to those of a daemon's HTTP control-sockets entry (Kea's
     * migration table: http-host → socket-address, http-port → socket-port, the rest unchanged), so
     * one parser reads both. Values keep their positions, so errors still point into the file.
     */
    static MapElement listenerEntry(MapElement agent) {
        Map<String, Element> entry = new LinkedHashMap<>();
        boolean tls = agent.has("trust-anchor") || agent.has("cert-file") || agent.has("key-file");
        entry.put("socket-type", new StringElement(tls ? "https" : "http", agent.position()));
        entry.put("socket-address", agent.get("http-host"));
        entry.put("socket-port", agent.get("http-port"));
        for (String key : new String[] {"trust-anchor", "cert-file", "key-file", "cert-required", "authentication"}) {
            if (agent.has(key)) {
                entry.put(key, agent.get(key));
            }
        }
        return new MapElement(entry, agent.position());
    }

    private static Map<String, Path> sockets(MapElement agent, PathPolicy paths) throws ConfigException {
        Map<String, Path> sockets = new LinkedHashMap<>();
        if (!(agent.get("control-sockets") instanceof MapElement all)) {
            return sockets;
        }
        for (Map.Entry<String, Element> e : all.entries().entrySet()) {
            MapElement socket = (MapElement) e.getValue();
            if (!(socket.get("socket-name") instanceof StringElement name)) {
                throw new ConfigException(socket.position(), "Mandatory 'socket-name' parameter missing");
            }
            sockets.put(e.getKey(), paths.resolve(PathKind.CONTROL_SOCKET, name.value(), name.position()));
        }
        return sockets;
    }
}
