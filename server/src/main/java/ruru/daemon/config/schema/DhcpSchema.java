package ruru.daemon.config.schema;

import static ruru.daemon.config.schema.Kind.bool;
import static ruru.daemon.config.schema.Kind.integer;
import static ruru.daemon.config.schema.Kind.list;
import static ruru.daemon.config.schema.Kind.map;
import static ruru.daemon.config.schema.Kind.real;
import static ruru.daemon.config.schema.Kind.string;

import ruru.json.Element;

/**
 * What the {@code Dhcp4} and {@code Dhcp6} maps have in common, declared once: the maps that mean
 * the same in both families (lease database, reclamation, threads, control sockets, D2 connection,
 * hooks, queue, sanity checks, option definitions), the class-guard and DDNS keys of every level,
 * and the server-level keys both grammars share. {@link Dhcp4Schema} and {@link Dhcp6Schema} add
 * what only their family has, or what one family supports and the other still refuses.
 */
final class DhcpSchema {

    private DhcpSchema() {
    }

    // Lifetimes, timers, ids and counters are uint32 in Kea (getUint32 / getIntType<uint32_t>).
    static final Kind UINT32 = integer(0, 0xFFFF_FFFFL);
    static final Kind UINT16 = integer(0, 0xFFFF);

    static final String DHCP4O6 = "DHCPv4-over-DHCPv6";
    static final String ADAPTIVE = "adaptive lease time";
    static final String SQL = "SQL database backends";

    static final Schema OPTION_DEF = Schema.builder()
            .unplacedKeywordErrors()
            .key("name", string())
            .key("code", integer())
            .key("type", string())
            .key("array", bool())
            .key("record-types", string())
            .key("space", string())
            .key("encapsulate", string())
            .userContext()
            .build();

    /** Kea's database map: memfile, or PostgreSQL on Kea's schema (ruru.lease.pgsql); MySQL and some SQL settings wait. */
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
            // TLS to PostgreSQL (Kea 3; ruru.lease.pgsql.PgsqlTls)
            .keys(string(), "trust-anchor", "cert-file", "key-file", "key-password", "cipher-list")
            .key("ssl-mode", Kind.oneOf("disable", "prefer", "require", "verify-ca", "verify-full"))
            .notYet(SQL, "readonly", "read-timeout", "write-timeout")
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

    /** Class guards of pools and networks (globally, client-classes defines the classes instead). */
    static void classification(Schema.Builder b) {
        b.key("client-class", string())
                .keys(list(string()), "client-classes", "require-client-classes", "evaluate-additional-classes");
    }

    /** The ddns-* and hostname-char-* keys of every level (global, shared network, subnet, pool). */
    static void ddns(Schema.Builder b) {
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

    /** Server-level keys of both families (the rest of each grammar's top level is the family's). */
    static void serverKeys(Schema.Builder b) {
        b.unknownKey(key -> "unsupported global configuration parameter: " + key)
                .key("lease-database", map(LEASE_DATABASE))
                .key("expired-leases-processing", map(EXPIRED_LEASES))
                .key("multi-threading", map(MULTI_THREADING))
                .key("control-socket", map(CONTROL_SOCKET))
                .key("control-sockets", list(map(CONTROL_SOCKET)))
                .key("hooks-libraries", list(map(HOOK_LIBRARY)))
                .key("loggers", list(Kind.anyMap()))
                .key("dhcp-queue-control", map(DHCP_QUEUE_CONTROL))
                .key("sanity-checks", map(SANITY_CHECKS))
                .key("statistic-default-sample-count", UINT32)
                .key("statistic-default-sample-age", UINT32)
                .key("server-tag", string())
                .key("parked-packet-limit", UINT32)
                .notYet("configuration backend", "config-control")
                .notYet("host database", "hosts-database", "hosts-databases")
                .key("dhcp-ddns", map(DHCP_DDNS))
                .notYetUnless(Element.of(0), DHCP4O6, "dhcp4o6-port")
                .notYetUnless(Element.of(false), "reservations lookup first", "reservations-lookup-first")
                .notYetUnless(Element.of(true), "non-unique IP reservations", "ip-reservations-unique")
                .userContext();
    }
}
