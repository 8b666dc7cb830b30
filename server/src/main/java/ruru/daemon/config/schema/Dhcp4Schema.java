package ruru.daemon.config.schema;

import static ruru.daemon.config.schema.Kind.bool;
import static ruru.daemon.config.schema.Kind.integer;
import static ruru.daemon.config.schema.Kind.ipv4;
import static ruru.daemon.config.schema.Kind.list;
import static ruru.daemon.config.schema.Kind.map;
import static ruru.daemon.config.schema.Kind.real;
import static ruru.daemon.config.schema.Kind.string;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;

/**
 * The {@code Dhcp4} map and everything below it: every key Kea 3.0 accepts (its
 * {@code doc/examples/kea4/all-keys.json}), each either supported or refused as not yet
 * implemented. Logger entries are only checked to be maps; the logging code parses them.
 */
public final class Dhcp4Schema {

    private Dhcp4Schema() {
    }

    // Lifetimes, timers, ids and counters are uint32 in Kea (getUint32 / getIntType<uint32_t>).
    static final Kind UINT32 = integer(0, 0xFFFF_FFFFL);
    static final Kind UINT16 = integer(0, 0xFFFF);

    static final String DHCP4O6 = "DHCPv4-over-DHCPv6";
    static final String EXTENDED_INFO = "extended lease info / lease query";
    static final String OFFER_LIFETIME = "offer lifetime";
    static final String ADAPTIVE = "adaptive lease time";
    static final String SQL = "SQL database backends";

    static final Schema OPTION_DATA = Schema.builder()
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

    static final Schema OPTION_DEF = Schema.builder()
            .key("name", string())
            .key("code", integer())
            .key("type", string())
            .key("array", bool())
            .key("record-types", string())
            .key("space", string())
            .key("encapsulate", string())
            .userContext()
            .build();

    static final Schema RELAY = Schema.builder()
            .key("ip-addresses", list(ipv4()))
            .key("ip-address", ipv4())
            .build();

    static final Schema RESERVATION = Schema.builder()
            .keys(string(), "hw-address", "client-id", "duid", "circuit-id", "flex-id", "hostname",
                    "server-hostname", "boot-file-name")
            .key("ip-address", ipv4())
            .key("next-server", ipv4())
            .key("option-data", list(map(OPTION_DATA)))
            .key("client-classes", list(string()))
            .userContext()
            .build();

    static final Schema POOL = Schema.builder()
            .key("pool", string())
            .key("pool-id", UINT32)
            .key("option-data", list(map(OPTION_DATA)))
            .apply(Dhcp4Schema::classification)
            .apply(Dhcp4Schema::ddns)
            .userContext()
            .build();

    static final Schema SUBNET4 = Schema.builder()
            .key("id", UINT32)
            .key("subnet", string())
            .key("pools", list(map(POOL)))
            .key("reservations", list(map(RESERVATION)))
            .apply(Dhcp4Schema::network)
            .notYet(DHCP4O6, "4o6-interface", "4o6-interface-id", "4o6-subnet")
            .userContext()
            .build();

    /** One {@code client-classes} entry (Kea 3.0's keys and 2.2's {@code only-if-required}). */
    static final Schema CLIENT_CLASS = Schema.builder()
            .key("name", string())
            .keys(string(), "test", "template-test", "server-hostname", "boot-file-name")
            .keys(bool(), "only-if-required", "only-in-additional-list")
            .key("option-data", list(map(OPTION_DATA)))
            .key("option-def", list(map(OPTION_DEF)))
            .key("next-server", ipv4())
            .keys(UINT32, "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime")
            .notYet(OFFER_LIFETIME, "offer-lifetime")
            .userContext()
            .build();

    static final Schema SHARED_NETWORK = Schema.builder()
            .key("name", string())
            .key("subnet4", list(map(SUBNET4)))
            .apply(Dhcp4Schema::network)
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

    /** Kea's database map; ruru has the memfile lease backend only, so SQL settings wait. */
    static final Schema LEASE_DATABASE = Schema.builder()
            .key("type", Kind.choice().supported("memfile", "postgresql")
                    .notYet("MySQL database backend", "mysql").build())
            .key("name", string())
            .key("persist", bool())
            .key("lfc-interval", UINT32)
            .key("max-row-errors", UINT32)
            // PostgreSQL (ruru.lease.pgsql); password-file is ruru's, beside Kea's password
            .keys(string(), "user", "password", "password-file", "host", "on-fail")
            .key("port", UINT16)
            .keys(UINT32, "connect-timeout", "max-reconnect-tries", "reconnect-wait-time", "tcp-user-timeout")
            .key("retry-on-startup", bool())
            .notYet(SQL, "readonly", "read-timeout", "write-timeout", "trust-anchor", "cert-file", "key-file",
                    "ssl-mode", "cipher-list")
            .build();

    static final Schema EXPIRED_LEASES = Schema.builder()
            .keys(UINT32, "reclaim-timer-wait-time", "flush-reclaimed-timer-wait-time", "hold-reclaimed-time",
                    "max-reclaim-leases", "max-reclaim-time", "unwarned-reclaim-cycles")
            .build();

    static final Schema MULTI_THREADING = Schema.builder()
            .key("enable-multi-threading", bool())
            .key("thread-pool-size", UINT32)
            .key("packet-queue-size", UINT32)
            .userContext()
            .build();




    /** One control socket; both the 3.0 list form and the legacy single map use it. */
    static final Schema CONTROL_SOCKET = Schema.builder()
            .key("socket-type", Kind.oneOf("unix", "http", "https"))
            .key("socket-name", string())
            .key("socket-address", string())
            .key("socket-port", UINT16)
            .keys(string(), "trust-anchor", "cert-file", "key-file")
            .key("cert-required", bool())
            .key("authentication", map(ControlSchemas.AUTHENTICATION))
            .key("http-headers", list(map(ControlSchemas.HTTP_HEADER)))
            .userContext()
            .build();

    /** The DHCP server's connection to D2 (Kea's D2ClientConfig). */
    static final Schema DHCP_DDNS = Schema.builder()
            .key("enable-updates", bool())
            .keys(string(), "server-ip", "sender-ip")
            .keys(UINT16, "server-port", "sender-port")
            .key("max-queue-size", UINT32)
            .key("ncr-protocol", Kind.oneOf("UDP", "TCP"))
            .key("ncr-format", Kind.oneOf("JSON"))
            .userContext()
            .build();

    static final Schema HOOK_LIBRARY = Schema.builder()
            .key("library", string())
            .key("parameters", Kind.anyMap())
            .build();

    /** Kea hands unknown keys to the queue implementation, so the map stays open. */
    static final Schema DHCP_QUEUE_CONTROL = Schema.builder()
            .key("enable-queue", bool())
            .key("queue-type", string())
            .key("capacity", UINT32)
            .otherKeys(Kind.any())
            .userContext()
            .build();

    static final Schema SANITY_CHECKS = Schema.builder()
            .key("lease-checks", Kind.oneOf("none", "warn", "fix", "fix-del", "del"))
            .key("extended-info-checks", Kind.oneOf("none", "fix", "strict", "pedantic"))
            .build();

    /** Each flag changes packet handling ruru does not offer yet, so each waits on its own. */
    static final Schema COMPATIBILITY = Schema.builder()
            .key("ignore-dhcp-server-identifier", bool(), Status.notYet("ignoring the server identifier option"))
            .key("ignore-rai-link-selection", bool())
            .key("lenient-option-parsing", bool(), Status.notYet("lenient option parsing"))
            .key("exclude-first-last-24", bool(), Status.notYet("excluding .0 and .255 addresses of /24 pools"))
            .build();

    static final Schema DHCP4 = Schema.builder()
            .unknownKey(key -> "unsupported global configuration parameter: " + key)
            .apply(Dhcp4Schema::inheritable)
            .key("subnet4", list(map(SUBNET4)))
            .key("shared-networks", list(map(SHARED_NETWORK)))
            .key("option-data", list(map(OPTION_DATA)))
            .key("option-def", list(map(OPTION_DEF)))
            .key("reservations", list(map(RESERVATION)))
            .key("host-reservation-identifiers",
                    list(Kind.oneOf("hw-address", "duid", "circuit-id", "client-id", "flex-id")))
            .key("interfaces-config", map(INTERFACES_CONFIG))
            .key("lease-database", map(LEASE_DATABASE))
            .key("expired-leases-processing", map(EXPIRED_LEASES))
            .key("multi-threading", map(MULTI_THREADING))
            .key("control-socket", map(CONTROL_SOCKET))
            .key("control-sockets", list(map(CONTROL_SOCKET)))
            .key("hooks-libraries", list(map(HOOK_LIBRARY)))
            .key("loggers", list(Kind.anyMap()))
            .key("dhcp-queue-control", map(DHCP_QUEUE_CONTROL))
            .key("sanity-checks", map(SANITY_CHECKS))
            .key("compatibility", map(COMPATIBILITY))
            .key("decline-probation-period", UINT32)
            .key("echo-client-id", bool())
            .key("statistic-default-sample-count", UINT32)
            .key("statistic-default-sample-age", UINT32)
            .key("server-tag", string())
            .key("parked-packet-limit", UINT32)
            .key("client-classes", list(map(CLIENT_CLASS)))
            .notYet("configuration backend", "config-control")
            .notYet("host database", "hosts-database", "hosts-databases")
            .key("dhcp-ddns", map(DHCP_DDNS))
            .notYet(DHCP4O6, "dhcp4o6-port")
            .notYet(EXTENDED_INFO, "stash-agent-options")
            .key("early-global-reservations-lookup", bool())
            .notYet("reservations lookup first", "reservations-lookup-first")
            .notYet("non-unique IP reservations", "ip-reservations-unique")
            .userContext()
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
                .notYet(OFFER_LIFETIME, "offer-lifetime")
                .notYet(ADAPTIVE, "adaptive-lease-time-threshold")
                .apply(Dhcp4Schema::ddns);
    }

    /** Keys of subnets and shared networks beyond the inheritable ones. */
    private static void network(Schema.Builder b) {
        b.apply(Dhcp4Schema::inheritable)
                .key("interface", string())
                .key("relay", map(RELAY))
                .key("option-data", list(map(OPTION_DATA)))
                .apply(Dhcp4Schema::classification);
    }

    /** Class guards of pools and networks (globally, client-classes defines the classes instead). */
    private static void classification(Schema.Builder b) {
        b.key("client-class", string())
                .keys(list(string()), "client-classes", "require-client-classes", "evaluate-additional-classes");
    }

    private static void ddns(Schema.Builder b) {
        b.keys(bool(), "ddns-send-updates", "ddns-override-no-update", "ddns-override-client-update",
                        "ddns-update-on-renew", "ddns-use-conflict-resolution")
                .key("ddns-replace-client-name", Kind.oneOf("never", "always", "when-present", "when-not-present"))
                .keys(string(), "ddns-generated-prefix", "ddns-qualifying-suffix", "hostname-char-set",
                        "hostname-char-replacement")
                .key("ddns-conflict-resolution-mode", Kind.oneOf("check-with-dhcid", "no-check-with-dhcid",
                        "check-exists-with-dhcid", "no-check-without-dhcid"))
                .key("ddns-ttl-percent", real())
                .keys(UINT32, "ddns-ttl", "ddns-ttl-min", "ddns-ttl-max");
    }
}
