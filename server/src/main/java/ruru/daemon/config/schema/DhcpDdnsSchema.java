package ruru.daemon.config.schema;

import static ruru.daemon.config.schema.Kind.integer;
import static ruru.daemon.config.schema.Kind.list;
import static ruru.daemon.config.schema.Kind.map;
import static ruru.daemon.config.schema.Kind.string;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;

/**
 * The {@code DhcpDdns} map of the DNS update daemon (Kea 3.0's {@code doc/examples/ddns} and
 * {@code d2_parser.yy}): the NCR listener, the TSIG keys, the forward and reverse domains with
 * their DNS servers, control sockets, hooks and loggers. Unknown keys are worded as Kea's D2
 * grammar words them.
 */
public final class DhcpDdnsSchema {

    private DhcpDdnsSchema() {
    }

    private static Schema.Builder keyword(String map) {
        return Schema.builder().unknownKey(key -> "got unexpected keyword \"" + key + "\" in " + map + " map.");
    }

    static final Schema TSIG_KEY = keyword("tsig-keys")
            .key("name", string())
            .key("algorithm", string())
            .key("digest-bits", integer())
            .key("secret", string())
            .key("secret-file", string())
            .userContext()
            .build();

    static final Schema DNS_SERVER = keyword("dns-servers")
            .key("hostname", string())
            .key("ip-address", string())
            .key("port", integer())
            .key("key-name", string())
            .userContext()
            .build();

    static final Schema DDNS_DOMAIN = keyword("ddns-domains")
            .key("name", string())
            .key("key-name", string())
            .key("dns-servers", list(map(DNS_SERVER)))
            .userContext()
            .build();

    static final Schema DIRECTION_FORWARD = keyword("forward-ddns")
            .key("ddns-domains", list(map(DDNS_DOMAIN)))
            .userContext()
            .build();

    static final Schema DIRECTION_REVERSE = keyword("reverse-ddns")
            .key("ddns-domains", list(map(DDNS_DOMAIN)))
            .userContext()
            .build();

    static final Schema HOOK_LIBRARY = Schema.builder()
            .key("library", string())
            .key("parameters", Kind.anyMap())
            .build();

    static final Schema DHCP_DDNS = keyword("DhcpDdns")
            .key("ip-address", string())
            .key("port", integer())
            .key("dns-server-timeout", integer())
            .key("ncr-protocol", Kind.oneOf("UDP", "TCP"))
            .key("ncr-format", Kind.oneOf("JSON"))
            .key("tsig-keys", list(map(TSIG_KEY)))
            .key("forward-ddns", map(DIRECTION_FORWARD))
            .key("reverse-ddns", map(DIRECTION_REVERSE))
            .key("control-socket", map(DhcpSchema.CONTROL_SOCKET))
            .key("control-sockets", list(map(DhcpSchema.CONTROL_SOCKET)))
            .key("hooks-libraries", list(map(HOOK_LIBRARY)))
            .key("loggers", list(Kind.anyMap()))
            .userContext()
            .build();

    public static Schema schema() {
        return DHCP_DDNS;
    }

    /** Checks the content of {@code DhcpDdns} and returns its normalized copy. */
    public static MapElement check(MapElement d2) throws ConfigException {
        return DHCP_DDNS.check(d2);
    }
}
