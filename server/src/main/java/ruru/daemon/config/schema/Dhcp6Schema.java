package ruru.daemon.config.schema;

import static ruru.daemon.config.schema.Kind.bool;
import static ruru.daemon.config.schema.Kind.integer;
import static ruru.daemon.config.schema.Kind.ipv6;
import static ruru.daemon.config.schema.Kind.list;
import static ruru.daemon.config.schema.Kind.map;
import static ruru.daemon.config.schema.Kind.real;
import static ruru.daemon.config.schema.Kind.string;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;

/**
 * The {@code Dhcp6} map and everything below it: every key Kea 3.0's DHCPv6 grammar and its
 * {@code doc/examples/kea6/all-keys.json} know, each either supported or refused as not yet
 * implemented. What both families share (control sockets, hooks, reclamation, threads, option
 * definitions, lease database, D2 connection, class guards, DDNS keys, the common server-level keys)
 * is {@link DhcpSchema}'s; the ones whose support may differ per family (option data, client
 * classes) are declared here, so a feature lands in DHCPv6 only when it is wired in DHCPv6.
 */
public final class Dhcp6Schema {

    private Dhcp6Schema() {
    }

    static final Kind UINT32 = DhcpSchema.UINT32;
    static final Kind UINT8 = integer(0, 255);

    static final String ADAPTIVE = DhcpSchema.ADAPTIVE;

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

    /**
     * One {@code client-classes} entry of DHCPv6 (Kea 3.0's keys and 2.2's {@code only-if-required});
     * no option definitions or boot fields, a preferred-lifetime triplet besides the valid one.
     */
    static final Schema CLIENT_CLASS = Schema.builder()
            .key("name", string())
            .keys(string(), "test", "template-test")
            .keys(bool(), "only-if-required", "only-in-additional-list")
            .key("option-data", list(map(OPTION_DATA)))
            .keys(UINT32, "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "preferred-lifetime",
                    "min-preferred-lifetime", "max-preferred-lifetime")
            .userContext()
            .build();

    static final Schema RELAY = Schema.builder()
            .key("ip-addresses", list(ipv6()))
            .key("ip-address", ipv6())
            .build();

    static final Schema RESERVATION = Schema.builder()
            .keys(string(), "duid", "hw-address", "flex-id", "hostname")
            .keys(list(string()), "ip-addresses", "prefixes", "excluded-prefixes")
            .key("option-data", list(map(OPTION_DATA)))
            .key("client-classes", list(string()))
            .userContext()
            .build();

    static final Schema POOL = Schema.builder()
            .key("pool", string())
            .key("pool-id", UINT32)
            .key("option-data", list(map(OPTION_DATA)))
            .apply(DhcpSchema::classification)
            .apply(DhcpSchema::ddns)
            .userContext()
            .build();

    static final Schema PD_POOL = Schema.builder()
            .keys(string(), "prefix", "excluded-prefix")
            .keys(UINT8, "prefix-len", "delegated-len", "excluded-prefix-len")
            .key("pool-id", UINT32)
            .key("option-data", list(map(OPTION_DATA)))
            .apply(DhcpSchema::classification)
            .userContext()
            .build();

    static final Schema SUBNET6 = Schema.builder()
            // Range-checked by the subnet parser, with Kea's "subnet configuration failed" prefix.
            .key("id", integer())
            .key("subnet", string())
            .key("pools", list(map(POOL)))
            .key("pd-pools", list(map(PD_POOL)))
            .key("reservations", list(map(RESERVATION)))
            .apply(Dhcp6Schema::network)
            .userContext()
            .build();

    static final Schema SHARED_NETWORK = Schema.builder()
            .key("name", string())
            .key("subnet6", list(map(SUBNET6)))
            .apply(Dhcp6Schema::network)
            .userContext()
            .build();

    /** No socket type or outbound interface in DHCPv6: it always uses UDP sockets. */
    static final Schema INTERFACES_CONFIG = Schema.builder()
            .key("interfaces", list(string()))
            .key("re-detect", bool())
            .key("service-sockets-require-all", bool())
            .key("service-sockets-max-retries", UINT32)
            .key("service-sockets-retry-wait-time", UINT32)
            .userContext()
            .build();

    /** The same keys as DHCPv4's: memfile, or PostgreSQL on Kea's schema (ruru.lease.pgsql). */
    static final Schema LEASE_DATABASE = DhcpSchema.LEASE_DATABASE;

    /** The server's DUID (Kea's {@code server-id}), generated and persisted in {@code kea-dhcp6-serverid}. */
    static final Schema SERVER_ID = Schema.builder()
            .key("type", Kind.oneOf("LLT", "EN", "LL"))
            .key("identifier", string())
            // Range-checked by the parser with Kea's getUint16/getUint32 text.
            .key("htype", integer())
            .key("time", integer())
            .key("enterprise-id", integer())
            .key("persist", bool())
            .userContext()
            .build();

    static final Schema COMPATIBILITY = Schema.builder()
            .key("lenient-option-parsing", bool(), Status.notYet("lenient option parsing"))
            .build();

    static final Schema DHCP6 = Schema.builder()
            .apply(DhcpSchema::serverKeys)
            .apply(Dhcp6Schema::inheritable)
            .key("subnet6", list(map(SUBNET6)))
            .key("shared-networks", list(map(SHARED_NETWORK)))
            .key("option-data", list(map(OPTION_DATA)))
            .key("option-def", list(map(DhcpSchema.OPTION_DEF)))
            .key("reservations", list(map(RESERVATION)))
            .key("host-reservation-identifiers", list(Kind.oneOf("hw-address", "duid", "flex-id")))
            .key("interfaces-config", map(INTERFACES_CONFIG))
            .key("compatibility", map(COMPATIBILITY))
            .key("server-id", map(SERVER_ID))
            .key("mac-sources", list(string()))
            .key("relay-supplied-options", list(string()))
            .key("data-directory", string())
            .key("decline-probation-period", integer())
            .key("client-classes", list(map(CLIENT_CLASS)))
            .notYet("address registration (RFC 9686)", "allow-address-registration")
            .notYet("early global reservations lookup", "early-global-reservations-lookup")
            .build();

    /** The schema of the {@code Dhcp6} map. */
    public static Schema schema() {
        return DHCP6;
    }

    /** Checks the content of {@code Dhcp6} and returns its normalized copy. */
    public static MapElement check(MapElement dhcp6) throws ConfigException {
        return DHCP6.check(dhcp6);
    }

    /** Checks one class definition (class-add, class-update) and returns its normalized copy. */
    public static MapElement checkClientClass(MapElement definition) throws ConfigException {
        return CLIENT_CLASS.check(definition);
    }

    /** Keys subnets, shared networks and the global scope have in common (Kea inherits them down). */
    private static void inheritable(Schema.Builder b) {
        b.keys(UINT32, "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "preferred-lifetime",
                        "min-preferred-lifetime", "max-preferred-lifetime", "renew-timer", "rebind-timer",
                        "cache-max-age")
                .key("calculate-tee-times", bool())
                .keys(real(), "t1-percent", "t2-percent", "cache-threshold")
                .keys(bool(), "reservations-global", "reservations-in-subnet", "reservations-out-of-pool",
                        "store-extended-info")
                .key("allocator", Kind.choice().supported("iterative", "random")
                        .notYet("free lease queue allocator", "flq").build())
                .key("pd-allocator", Kind.choice().supported("iterative", "random")
                        .notYet("free lease queue allocator", "flq").build())
                .notYet(ADAPTIVE, "adaptive-lease-time-threshold")
                .apply(DhcpSchema::ddns);
    }

    /** Keys of subnets and shared networks beyond the inheritable ones. */
    private static void network(Schema.Builder b) {
        b.apply(Dhcp6Schema::inheritable)
                .keys(string(), "interface", "interface-id")
                .key("rapid-commit", bool())
                .key("relay", map(RELAY))
                .key("option-data", list(map(OPTION_DATA)))
                .apply(DhcpSchema::classification);
    }
}
