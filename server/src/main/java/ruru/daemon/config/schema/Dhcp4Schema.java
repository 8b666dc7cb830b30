package ruru.daemon.config.schema;

import static ruru.daemon.config.schema.Kind.bool;
import static ruru.daemon.config.schema.Kind.integer;
import static ruru.daemon.config.schema.Kind.ipv4;
import static ruru.daemon.config.schema.Kind.list;
import static ruru.daemon.config.schema.Kind.map;
import static ruru.daemon.config.schema.Kind.real;
import static ruru.daemon.config.schema.Kind.string;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * The {@code Dhcp4} map and everything below it: every key Kea 3.0 accepts (its
 * {@code doc/examples/kea4/all-keys.json}), each either supported or refused as not yet
 * implemented. Logger entries are only checked to be maps; the logging code parses them.
 */
public final class Dhcp4Schema {

    private Dhcp4Schema() {
    }

    static final Kind UINT32 = DhcpSchema.UINT32;

    static final String DHCP4O6 = DhcpSchema.DHCP4O6;
    static final String EXTENDED_INFO = "extended lease info / lease query";
    static final String ADAPTIVE = DhcpSchema.ADAPTIVE;

    static final Schema OPTION_DATA = Schema.builder()
            .unplacedKeywordErrors()
            .key("name", string())
            .key("code", integer())
            .key("space", string())
            .key("data", string())
            .key("csv-format", bool())
            .key("always-send", bool())
            .key("never-send", bool())
            .key("client-classes", list(string()))
            .userContext()
            .build();

    /**
     * kea-dhcp4 2.2's words for a malformed option-data list over the control channel, per place,
     * and for option-def lists (GLOBAL's words, globally and in classes); observed with config-test:
     * ConfigValidationConformanceTest.
     */
    private static final class Options {
        static final String NOT_LIST = "'option-data' parameter is not a list";
        static final String LIST_VALUE = "listValue() called on non-list Element in (%s)";
        static final String MAP_VALUE = "mapValue() called on non-map Element in (%s)";
        static final Kind.ListTexts GLOBAL = new Kind.ListTexts(LIST_VALUE,
                "get(string) called on a non-map Element in (%s)", false, false);
        static final Kind.ListTexts SHARED_NETWORK = new Kind.ListTexts(NOT_LIST, MAP_VALUE, true, false);
        static final Kind.ListTexts SUBNET = new Kind.ListTexts(NOT_LIST, MAP_VALUE, false, false);
        static final Kind.ListTexts POOL = new Kind.ListTexts(NOT_LIST, MAP_VALUE, false, true);
        static final Kind.ListTexts HOST_OR_CLASS = new Kind.ListTexts(LIST_VALUE, MAP_VALUE, false, false);

        private Options() {
        }
    }


    static final Schema RELAY = Schema.builder()
            .key("ip-addresses", list(ipv4()))
            .key("ip-address", ipv4())
            .build();

    static final Schema RESERVATION = Schema.builder()
            .keys(string(), "hw-address", "client-id", "duid", "circuit-id", "flex-id", "hostname",
                    "server-hostname", "boot-file-name")
            .key("ip-address", ipv4())
            .key("next-server", ipv4())
            .key("option-data", list(map(OPTION_DATA), Options.HOST_OR_CLASS))
            .key("client-classes", list(string()))
            .userContext()
            .build();

    static final Schema POOL = Schema.builder()
            .key("pool", string())
            .key("pool-id", UINT32)
            .key("option-data", list(map(OPTION_DATA), Options.POOL))
            .apply(DhcpSchema::classification)
            .apply(DhcpSchema::ddns)
            .userContext()
            .build();

    static final Schema SUBNET4 = Schema.builder()
            .key("id", UINT32)
            .key("subnet", string())
            .key("pools", list(map(POOL)))
            .key("reservations", list(map(RESERVATION)))
            .apply(Dhcp4Schema::network)
            .key("option-data", list(map(OPTION_DATA), Options.SUBNET))
            .notYetUnless(Element.of(""), DHCP4O6, "4o6-interface", "4o6-interface-id", "4o6-subnet")
            .userContext()
            .build();

    /** One {@code client-classes} entry (Kea 3.0's keys and 2.2's {@code only-if-required}). */
    static final Schema CLIENT_CLASS = Schema.builder()
            .key("name", string())
            .keys(string(), "test", "template-test", "server-hostname", "boot-file-name")
            .keys(bool(), "only-if-required", "only-in-additional-list")
            .key("option-data", list(map(OPTION_DATA), Options.HOST_OR_CLASS))
            .key("option-def", list(map(DhcpSchema.OPTION_DEF), Options.GLOBAL))
            .key("next-server", ipv4())
            .keys(UINT32, "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "offer-lifetime")
            .userContext()
            .build();

    static final Schema SHARED_NETWORK = Schema.builder()
            .key("name", string())
            .key("subnet4", list(map(SUBNET4)))
            .apply(Dhcp4Schema::network)
            .key("option-data", list(map(OPTION_DATA), Options.SHARED_NETWORK))
            .userContext()
            .build();

    static final Schema INTERFACES_CONFIG = Schema.builder()
            .key("interfaces", list(string()))
            .key("dhcp-socket-type", Kind.oneOf("raw", "udp"))
            .key("outbound-interface", Kind.oneOf("same-as-inbound", "use-routing"))
            .key("re-detect", bool())
            .key("service-sockets-require-all", bool())
            .key("service-sockets-max-retries", UINT32)
            .key("service-sockets-retry-wait-time", UINT32)
            .userContext()
            .build();












    /** Each flag changes packet handling ruru does not offer yet, so each waits on its own. */
    static final Schema COMPATIBILITY = Schema.builder()
            .key("ignore-dhcp-server-identifier", bool(), Status.notYet("ignoring the server identifier option"))
            .key("ignore-rai-link-selection", bool())
            .key("lenient-option-parsing", bool(), Status.notYet("lenient option parsing"))
            .key("exclude-first-last-24", bool(), Status.notYet("excluding .0 and .255 addresses of /24 pools"))
            .build();

    static final Schema DHCP4 = Schema.builder()
            .apply(DhcpSchema::serverKeys)
            .apply(Dhcp4Schema::inheritable)
            .key("subnet4", list(map(SUBNET4)))
            .key("shared-networks", list(map(SHARED_NETWORK)))
            .key("option-data", list(map(OPTION_DATA), Options.GLOBAL))
            .key("option-def", list(map(DhcpSchema.OPTION_DEF), Options.GLOBAL))
            .key("reservations", list(map(RESERVATION)))
            .key("host-reservation-identifiers",
                    list(Kind.oneOf("hw-address", "duid", "circuit-id", "client-id", "flex-id")))
            .key("interfaces-config", map(INTERFACES_CONFIG))
            .key("compatibility", map(COMPATIBILITY))
            .key("decline-probation-period", UINT32)
            .key("echo-client-id", bool())
            .key("client-classes", list(map(CLIENT_CLASS)))
            .notYetUnless(Element.of(false), EXTENDED_INFO, "stash-agent-options")
            .key("early-global-reservations-lookup", bool())
            .build();

    /** The schema of the {@code Dhcp4} map. */
    public static Schema schema() {
        return DHCP4;
    }

    /** Checks the content of {@code Dhcp4} and returns its normalized copy. */
    public static MapElement check(MapElement dhcp4) throws ConfigException {
        return DHCP4.check(dhcp4);
    }

    /** Checks one class definition (class-add, class-update) and returns its normalized copy. */
    public static MapElement checkClientClass(MapElement definition) throws ConfigException {
        return CLIENT_CLASS.check(definition);
    }

    /** Keys subnets, shared networks and the global scope have in common (Kea inherits them down). */
    private static void inheritable(Schema.Builder b) {
        b.keys(UINT32, "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "renew-timer",
                        "rebind-timer", "cache-max-age")
                .key("calculate-tee-times", bool())
                .keys(real(), "t1-percent", "t2-percent", "cache-threshold")
                .keys(bool(), "match-client-id", "authoritative", "reservations-global", "reservations-in-subnet",
                        "reservations-out-of-pool")
                .key("next-server", ipv4())
                .keys(string(), "server-hostname", "boot-file-name")
                .key("allocator", Kind.choice().supported("iterative", "random")
                        .notYet("free lease queue allocator", "flq").build())
                .key("store-extended-info", bool())
                .key("offer-lifetime", UINT32)
                .notYet(ADAPTIVE, "adaptive-lease-time-threshold")
                .apply(DhcpSchema::ddns);
    }

    /** Keys of subnets and shared networks beyond the inheritable ones. */
    private static void network(Schema.Builder b) {
        b.apply(Dhcp4Schema::inheritable)
                .key("interface", string())
                .key("relay", map(RELAY))
                .apply(DhcpSchema::classification);
    }


}
