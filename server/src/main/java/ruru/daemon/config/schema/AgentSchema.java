package ruru.daemon.config.schema;

import static ruru.daemon.config.schema.Kind.bool;
import static ruru.daemon.config.schema.Kind.integer;
import static ruru.daemon.config.schema.Kind.list;
import static ruru.daemon.config.schema.Kind.map;
import static ruru.daemon.config.schema.Kind.string;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;

/**
 * The {@code Control-agent} map (Kea's {@code doc/examples/agent/*.json} and the agent chapter of
 * the manual): where the REST listener binds, its TLS and basic authentication, and the UNIX
 * sockets of the daemons it forwards to. The authentication clients take ruru's two RBAC-like
 * extension keys, {@code commands} and {@code services} (absent: everything is allowed).
 */
public final class AgentSchema {

    private AgentSchema() {
    }



    /** Kea's CA only ever forwarded over UNIX sockets. */
    static final Schema CONTROL_SOCKET = Schema.builder()
            .key("socket-type", Kind.oneOf("unix"))
            .key("socket-name", string())
            .userContext()
            .build();

    /** One entry per service the agent can forward to; Kea's grammar knows exactly these three. */
    static final Schema CONTROL_SOCKETS = Schema.builder()
            .unknownKey(key -> "unsupported server type '" + key + "' in control-sockets (expected dhcp4, dhcp6 or d2)")
            .key("dhcp4", map(CONTROL_SOCKET))
            .key("dhcp6", map(CONTROL_SOCKET))
            .key("d2", map(CONTROL_SOCKET))
            .build();

    static final Schema HOOK_LIBRARY = Schema.builder()
            .key("library", string())
            .key("parameters", Kind.anyMap())
            .build();

    static final Schema AGENT = Schema.builder()
            // Kea's agent grammar words an unknown key this way for a configuration file.
            .unknownKey(key -> "got unexpected keyword \"" + key + "\" in Control-agent map.")
            .key("http-host", string())
            .key("http-port", integer(0, 0xFFFF))
            .keys(string(), "trust-anchor", "cert-file", "key-file")
            .key("cert-required", bool())
            .key("authentication", map(ControlSchemas.AUTHENTICATION))
            .key("control-sockets", map(CONTROL_SOCKETS))
            .key("hooks-libraries", list(map(HOOK_LIBRARY)))
            .key("loggers", list(Kind.anyMap()))
            .userContext()
            .build();

    /** The schema of the {@code Control-agent} map. */
    public static Schema schema() {
        return AGENT;
    }

    /** Checks the content of {@code Control-agent} and returns its normalized copy. */
    public static MapElement check(MapElement agent) throws ConfigException {
        return AGENT.check(agent);
    }
}
