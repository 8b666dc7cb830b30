package ruru.daemon.config.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ruru.daemon.config.schema.Tree.at;
import static ruru.daemon.config.schema.Tree.bool;
import static ruru.daemon.config.schema.Tree.list;
import static ruru.daemon.config.schema.Tree.map;
import static ruru.daemon.config.schema.Tree.num;
import static ruru.daemon.config.schema.Tree.str;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.schema.Problem.Category;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;

class Dhcp4SchemaTest {

    private static MapElement supportedConfig() {
        MapElement optionData = map("name", "routers", "code", 3, "space", "dhcp4", "data", "192.0.2.1",
                "csv-format", true, "always-send", false, "never-send", false, "user-context", map("k", 1));
        MapElement reservation = map("hw-address", "1a:1b:1c:1d:1e:1f", "ip-address", "192.0.2.201",
                "hostname", "h", "next-server", "192.0.2.1", "server-hostname", "s", "boot-file-name", "b",
                "option-data", list(optionData), "comment", "desk");
        MapElement subnet = map("id", 1, "subnet", "192.0.2.0/24",
                "pools", list(map("pool", "192.0.2.10 - 192.0.2.20", "pool-id", 7, "option-data", list(),
                        "user-context", map())),
                "option-data", list(optionData), "valid-lifetime", 4000, "min-valid-lifetime", 3000,
                "max-valid-lifetime", 5000, "renew-timer", 1000, "rebind-timer", 2000, "calculate-tee-times", true,
                "t1-percent", 0.5, "t2-percent", 0.875, "relay", map("ip-addresses", list(str("192.0.3.1"))),
                "interface", "eth0", "match-client-id", true, "authoritative", false, "next-server", "0.0.0.0",
                "server-hostname", "", "boot-file-name", "", "reservations", list(reservation),
                "reservations-global", false, "reservations-in-subnet", true, "reservations-out-of-pool", false,
                "allocator", "random", "cache-threshold", 0.25, "cache-max-age", 10);
        MapElement unixSocket = map("socket-type", "unix", "socket-name", "/tmp/kea4-ctrl-socket");
        return map(
                "interfaces-config", map("interfaces", list(str("eth0")), "dhcp-socket-type", "udp",
                        "outbound-interface", "use-routing", "re-detect", true,
                        "service-sockets-require-all", true, "service-sockets-max-retries", 5,
                        "service-sockets-retry-wait-time", 5000),
                "lease-database", map("type", "memfile", "persist", true, "name", "/tmp/l.csv",
                        "lfc-interval", 3600, "max-row-errors", 0),
                "expired-leases-processing", map("reclaim-timer-wait-time", 10,
                        "flush-reclaimed-timer-wait-time", 25, "hold-reclaimed-time", 3600,
                        "max-reclaim-leases", 100, "max-reclaim-time", 250, "unwarned-reclaim-cycles", 5),
                "multi-threading", map("enable-multi-threading", true, "thread-pool-size", 4,
                        "packet-queue-size", 64),
                "control-socket", unixSocket,
                "control-sockets", list(unixSocket),
                "hooks-libraries", list(map("library", "/usr/lib/libdhcp_lease_cmds.so",
                        "parameters", map("anything", list()))),
                "loggers", list(map("name", "kea-dhcp4", "output-options", list(map("output", "stdout")),
                        "whatever", 1)),
                "dhcp-queue-control", map("enable-queue", false, "queue-type", "kea-ring4", "capacity", 64,
                        "my-queue-knob", "x"),
                "sanity-checks", map("lease-checks", "fix-del", "extended-info-checks", "fix"),
                "host-reservation-identifiers", list(str("hw-address"), str("duid"), str("circuit-id"),
                        str("client-id"), str("flex-id")),
                "option-def", list(map("name", "my-opt", "code", 222, "type", "record", "array", false,
                        "record-types", "uint8, uint16", "space", "dhcp4", "encapsulate", "")),
                "option-data", list(),
                "subnet4", list(subnet),
                "shared-networks", list(map("name", "net", "interface", "eth1", "relay",
                        map("ip-address", "192.0.4.1"), "option-data", list(), "valid-lifetime", 600,
                        "subnet4", list(), "comment", "lab")),
                "reservations", list(),
                "decline-probation-period", 86400, "echo-client-id", true, "match-client-id", true,
                "authoritative", true, "next-server", "192.0.2.1", "server-hostname", "srv", "boot-file-name", "f",
                "valid-lifetime", 4000, "min-valid-lifetime", 3000, "max-valid-lifetime", 5000,
                "renew-timer", 1000, "rebind-timer", 2000, "calculate-tee-times", false, "t1-percent", 0.5,
                "t2-percent", 0.875, "cache-threshold", 0.25, "cache-max-age", 0, "allocator", "iterative",
                "statistic-default-sample-count", 20, "statistic-default-sample-age", 0, "server-tag", "t",
                "reservations-global", false, "reservations-in-subnet", true, "reservations-out-of-pool", false,
                "parked-packet-limit", 256, "user-context", map("site", "x"), "comment", "top");
    }

    @Test
    void acceptsEverySupportedKeyAndOnlyFoldsComments() throws ConfigException {
        MapElement in = supportedConfig();

        Schema.Result result = Dhcp4Schema.schema().validate(in);

        assertThat(result.problems()).isEmpty();
        MapElement out = result.normalized();
        assertThat(out.get("user-context")).isEqualTo(MapElement.builder().put("site", "x").put("comment", "top")
                .build());
        assertThat(out.without("user-context").without("subnet4").without("shared-networks"))
                .isEqualTo(in.without("comment").without("user-context").without("subnet4")
                        .without("shared-networks"));
        MapElement reservation = (MapElement) first(first(out, "subnet4"), "reservations");
        assertThat(reservation.has("comment")).isFalse();
        assertThat(reservation.get("user-context")).isEqualTo(MapElement.builder().put("comment", "desk").build());
        assertThat(first(out, "shared-networks").get("user-context"))
                .isEqualTo(MapElement.builder().put("comment", "lab").build());
        assertThat(Dhcp4Schema.check(in)).isEqualTo(out);
    }

    private static MapElement first(MapElement map, String listKey) {
        return (MapElement) ((ListElement) map.get(listKey)).get(0);
    }

    @ParameterizedTest
    @CsvSource({
        "config-control, configuration backend",
        "hosts-database, host database",
        "hosts-databases, host database",
        "dhcp4o6-port, DHCPv4-over-DHCPv6",
        "stash-agent-options, extended lease info / lease query",
        "reservations-lookup-first, reservations lookup first",
        "ip-reservations-unique, non-unique IP reservations",
        "adaptive-lease-time-threshold, adaptive lease time",
    })
    void globalNotYetKeysAreRefusedWithTheirFeature(String key, String feature) {
        Element value = list(map("name", "x"));

        assertThatThrownBy(() -> Dhcp4Schema.check(map("valid-lifetime", 10, key, value)))
                .hasMessage(at("parameter '" + key + "' is not supported yet by ruru (" + feature + ")", value));
    }

    @ParameterizedTest
    @CsvSource({
        "4o6-subnet, DHCPv4-over-DHCPv6",
        "4o6-interface, DHCPv4-over-DHCPv6",
        "4o6-interface-id, DHCPv4-over-DHCPv6",
    })
    void subnetNotYetKeysAreRefusedWithTheirFeature(String key, String feature) {
        Element value = str("v");
        MapElement config = map("subnet4", list(map("subnet", "192.0.2.0/24", key, value)));

        Problem p = Dhcp4Schema.schema().validate(config).problems().getFirst();

        assertThat(p.category()).isEqualTo(Category.NOT_YET);
        assertThat(p.feature()).contains(feature);
        assertThat(p.position()).isEqualTo(value.position());
    }

    @Test
    void classKeysAreAcceptedInPoolsReservationsOptionsSubnetsAndSharedNetworks() {
        MapElement config = map(
                "client-classes", list(map("name", "a", "test", "member('ALL')", "only-if-required", true,
                        "option-data", list(map("name", "routers", "data", "10.0.0.1")), "next-server", "10.0.0.2",
                        "valid-lifetime", 100, "comment", "x")),
                "subnet4", list(map("subnet", "10.0.0.0/8", "client-class", "a", "require-client-classes", list(),
                        "pools", list(map("pool", "10.0.0.1-10.0.0.9", "client-classes", list(),
                                "evaluate-additional-classes", list())),
                        "reservations", list(map("hw-address", "01:02:03:04:05:06", "client-classes", list())))),
                "option-data", list(map("name", "routers", "client-classes", list())),
                "shared-networks", list(map("name", "n", "client-classes", list())));

        assertThat(Dhcp4Schema.schema().validate(config).problems()).isEmpty();
    }

    @Test
    void offerLifetimeIsAcceptedWhereKea3AcceptsIt() {
        MapElement config = map("offer-lifetime", 60,
                "client-classes", list(map("name", "a", "offer-lifetime", 5)),
                "subnet4", list(map("subnet", "10.0.0.0/8", "offer-lifetime", 30)),
                "shared-networks", list(map("name", "n", "offer-lifetime", 20)));

        assertThat(Dhcp4Schema.schema().validate(config).problems()).isEmpty();
    }

    @Test
    void offerLifetimeMustBeANonNegativeInteger() {
        assertThat(Dhcp4Schema.schema().validate(map("offer-lifetime", -1)).problems()).isNotEmpty();
        assertThat(Dhcp4Schema.schema().validate(map("subnet4", list(map("subnet", "10.0.0.0/8",
                "offer-lifetime", str("5"))))).problems()).isNotEmpty();
    }

    @Test
    void unknownGlobalKeyUsesKeasConfigSetText() {
        Element value = num(1);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("BOGUS", value)))
                .hasMessage(at("unsupported global configuration parameter: BOGUS", value));
    }

    @Test
    void unknownNestedKeysAreSpurious() {
        Element inSubnet = str("x");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("subnet4", list(map("subnet", "10.0.0.0/8", "foo", inSubnet)))))
                .hasMessage(at("spurious 'foo' parameter", inSubnet));
        Element inExpired = num(1);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("expired-leases-processing", map("comment", inExpired))))
                .hasMessage(at("spurious 'comment' parameter", inExpired));
        Element inHook = map();
        assertThatThrownBy(() -> Dhcp4Schema.check(map("hooks-libraries", list(map("library", "l", "x", inHook)))))
                .hasMessage(at("spurious 'x' parameter", inHook));
    }

    @Test
    void wrongTypesAreRefusedAtTheValue() {
        Element lifetime = str("4000");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("valid-lifetime", lifetime)))
                .hasMessage(at("'valid-lifetime' parameter is not an integer", lifetime));
        Element percent = num(1);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("t1-percent", percent)))
                .hasMessage(at("'t1-percent' parameter is not a real", percent));
        Element subnets = map();
        assertThatThrownBy(() -> Dhcp4Schema.check(map("subnet4", subnets)))
                .hasMessage(at("'subnet4' parameter is not a list", subnets));
        Element logger = str("stdout");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("loggers", list(logger))))
                .hasMessage(at("'loggers' entry is not a map", logger));
        Element iface = num(2);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("interfaces-config", map("interfaces", list(iface)))))
                .hasMessage(at("'interfaces' entry is not a string", iface));
    }

    @Test
    void rangesAndEnumsAreChecked() {
        Element lfc = num(-1);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("lease-database", map("type", "memfile", "lfc-interval", lfc))))
                .hasMessage(at("The 'lfc-interval' value (-1) is not within expected range: (0 - 4294967295)", lfc));
        Element socketType = str("packet");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("interfaces-config", map("dhcp-socket-type", socketType))))
                .hasMessage(at("'dhcp-socket-type' parameter value 'packet' is not one of: raw, udp", socketType));
        Element allocator = str("fancy");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("allocator", allocator)))
                .hasMessageStartingWith("'allocator' parameter value 'fancy' is not one of: iterative, random, flq");
        Element checks = str("repair");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("sanity-checks", map("lease-checks", checks))))
                .hasMessage(at("'lease-checks' parameter value 'repair' is not one of: none, warn, fix, fix-del, del",
                        checks));
        Element identifier = str("mac");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("host-reservation-identifiers", list(identifier))))
                .hasMessageStartingWith("'host-reservation-identifiers' entry value 'mac' is not one of:");
    }

    @Test
    void mysqlIsNotYetSupportedAndPostgresqlIs() throws Exception {
        Element value = str("mysql");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("lease-database", map("type", value))))
                .hasMessage(at("parameter 'type' value 'mysql' is not supported yet by ruru (MySQL database backend)",
                        value));
        Dhcp4Schema.check(map("lease-database", map("type", "postgresql", "name", "kea", "host", "db.example.org",
                "port", 5432, "user", "kea", "password", "p", "connect-timeout", 5, "max-reconnect-tries", 3,
                "reconnect-wait-time", 100, "on-fail", "serve-retry-exit", "retry-on-startup", true,
                "tcp-user-timeout", 10)));
        // Kea 3's TLS keys for PostgreSQL (Kea 2.2 refuses ssl-mode and key-password as unknown keywords)
        Dhcp4Schema.check(map("lease-database", map("type", "postgresql", "name", "kea", "trust-anchor", "/etc/ca.pem",
                "cert-file", "/etc/c.pem", "key-file", "/etc/k.pem", "key-password", "kp", "cipher-list", "AES",
                "ssl-mode", "verify-full")));
        Element mode = str("verify-peer");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("lease-database", map("type", "postgresql", "ssl-mode",
                mode)))).hasMessageContaining("verify-peer");
        Element readonly = bool(true);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("lease-database", map("type", "postgresql", "readonly",
                readonly)))).hasMessage(at("parameter 'readonly' is not supported yet by ruru (SQL database backends)",
                readonly));
    }

    @Test
    void httpsControlSocketIsFullyCheckedAndSupported() {
        MapElement https = map("socket-type", "https", "socket-address", "127.0.0.1", "socket-port", 8004,
                "trust-anchor", "ca", "cert-file", "c", "key-file", "k", "cert-required", true,
                "http-headers", list(map("name", "X", "value", "y", "user-context", map()), map("name", "Z",
                        "value", "w", "comment", "hdr")),
                "authentication", map("type", "basic", "realm", "r", "directory", "/d", "comment", "auth",
                        "clients", list(map("user", "u", "password", "p", "commands", list(str("config-get")),
                                "services", list(str("dhcp4"))), map("user-file", "uf",
                                "password-file", "pf", "user-context", map("role", "admin")))));

        assertThat(Dhcp4Schema.schema().validate(map("control-sockets", list(https))).problems()).isEmpty();

        Element badPort = num(70000);
        Element badKey = str("x");
        Element badCommands = str("config-get");
        MapElement broken = map("socket-type", "http", "socket-port", badPort,
                "authentication", map("type", "basic", "clients", list(map("user", "u", "salt", badKey,
                        "commands", badCommands))));
        assertThat(Dhcp4Schema.schema().validate(map("control-socket", broken)).problems())
                .extracting(Problem::category, Problem::position)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Category.BAD_VALUE, badPort.position()),
                        org.assertj.core.groups.Tuple.tuple(Category.UNKNOWN_KEY, badKey.position()),
                        org.assertj.core.groups.Tuple.tuple(Category.WRONG_TYPE, badCommands.position()));
    }

    @Test
    void compatibilityFlagsEachWaitForTheirFeature() {
        Element lenient = Tree.bool(true);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("compatibility", map("lenient-option-parsing", lenient))))
                .hasMessage(at("parameter 'lenient-option-parsing' is not supported yet by ruru "
                        + "(lenient option parsing)", lenient));
        Element bogus = Tree.bool(true);
        assertThatThrownBy(() -> Dhcp4Schema.check(map("compatibility", map("be-nice", bogus))))
                .hasMessage(at("spurious 'be-nice' parameter", bogus));
    }

    @Test
    void userContextMustBeAMapAtEveryLevel() {
        Element top = list();
        assertThatThrownBy(() -> Dhcp4Schema.check(map("user-context", top)))
                .hasMessage(at("'user-context' parameter is not a map", top));
        Element inPool = str("x");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("subnet4", list(map("subnet", "10.0.0.0/8",
                "pools", list(map("pool", "10.0.0.1-10.0.0.2", "user-context", inPool))))))).hasMessage(
                        at("'user-context' parameter is not a map", inPool));
    }

    @Test
    void globalCommentMergesWithUserContextAndDuplicatesAreRefused() throws ConfigException {
        MapElement out = Dhcp4Schema.check(map("comment", "c", "user-context", map("a", 1)));
        assertThat(out.get("user-context")).isEqualTo(MapElement.builder().put("a", 1).put("comment", "c").build());

        Element comment = str("again");
        MapElement context = map("comment", "first");
        assertThatThrownBy(() -> Dhcp4Schema.check(map("interfaces-config", map("user-context", context,
                "comment", comment)))).hasMessage(at("duplicate user-context/comment entries (previous at "
                        + context.position() + ")", comment));
    }

    @Test
    void declaresEveryKeaGlobalKey() {
        // FACTS section 8's Dhcp4 top-level list (Kea 3.0 all-keys.json) plus the legacy and comment keys.
        List<String> kea = List.of("allocator", "authoritative", "boot-file-name", "cache-max-age",
                "cache-threshold", "calculate-tee-times", "client-classes", "compatibility", "config-control",
                "control-sockets", "ddns-conflict-resolution-mode", "ddns-generated-prefix",
                "ddns-override-client-update", "ddns-override-no-update", "ddns-qualifying-suffix",
                "ddns-replace-client-name", "ddns-send-updates", "ddns-ttl-max", "ddns-ttl-min", "ddns-ttl-percent",
                "ddns-update-on-renew", "decline-probation-period", "dhcp-ddns", "dhcp-queue-control",
                "dhcp4o6-port", "early-global-reservations-lookup", "echo-client-id", "expired-leases-processing",
                "hooks-libraries", "host-reservation-identifiers", "hostname-char-replacement", "hostname-char-set",
                "hosts-databases", "interfaces-config", "ip-reservations-unique", "lease-database", "loggers",
                "match-client-id", "max-valid-lifetime", "min-valid-lifetime", "multi-threading", "next-server",
                "offer-lifetime", "option-data", "option-def", "parked-packet-limit", "rebind-timer",
                "renew-timer", "reservations", "reservations-global", "reservations-in-subnet",
                "reservations-lookup-first", "reservations-out-of-pool", "sanity-checks", "server-hostname",
                "server-tag", "shared-networks", "stash-agent-options", "statistic-default-sample-age",
                "statistic-default-sample-count", "store-extended-info", "subnet4", "t1-percent", "t2-percent",
                "valid-lifetime", "control-socket", "hosts-database");
        assertThat(Dhcp4Schema.schema().keys()).containsAll(kea);
        assertThat(Dhcp4Schema.schema().allowsUserContext()).isTrue();
    }
}
