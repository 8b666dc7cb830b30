package ruru.daemon.config.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Universe;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v6.StandardV6Definitions;

/**
 * The {@code Dhcp4} and {@code Dhcp6} defaults tables ({@link Defaults}): what kea-dhcp4 2.2 and
 * kea-dhcp6 2.2 print in {@code config-get} for keys a file leaves out (observed live, and Kea's
 * {@code simple_parser4.cc}/{@code simple_parser6.cc}), declared once for what both families share
 * and per family for the rest. Where Kea 3 changed a default and ruru behaves as Kea 3, the table
 * has Kea 3's value, marked so: multi-threading on, {@code allocator}/{@code pd-allocator},
 * {@code ddns-conflict-resolution-mode} instead of {@code ddns-use-conflict-resolution},
 * {@code never-send} and {@code stash-agent-options}, and no DHCPv6 {@code preferred-lifetime} (Kea
 * 3 derives it from the valid lifetime, so does ruru). Kea 3's {@code cache-threshold 0.25} is not
 * in the table: ruru caches leases only when {@code cache-threshold} is configured (Kea 2.2's rule).
 */
public final class DhcpDefaults {

    private DhcpDefaults() {
    }

    /** What differs per family in the shared parts of the table. */
    private record Family(Universe universe, String space, String subnets, double t2, boolean calculateTeeTimes) {
    }

    private static final Family V4 = new Family(Universe.V4, "dhcp4", "subnet4", 0.875, false);
    private static final Family V6 = new Family(Universe.V6, "dhcp6", "subnet6", 0.8, true);

    // ---- shared pieces -------------------------------------------------------------------------

    static final Defaults EXPIRED_LEASES = Defaults.builder()
            .put("reclaim-timer-wait-time", 10)
            .put("flush-reclaimed-timer-wait-time", 25)
            .put("hold-reclaimed-time", 3600)
            .put("max-reclaim-leases", 100)
            .put("max-reclaim-time", 250)
            .put("unwarned-reclaim-cycles", 5)
            .build();

    /** Kea 3: enabled by default (2.2: false); ruru runs multi-threaded by default as Kea 3. */
    static final Defaults MULTI_THREADING = Defaults.builder()
            .put("enable-multi-threading", true)
            .put("thread-pool-size", 0)
            .put("packet-queue-size", 64)
            .build();

    static final Defaults SANITY_CHECKS = Defaults.builder().put("lease-checks", "warn").build();

    /** The server's link to D2; the sender address is the wildcard of the server address's family. */
    static final Defaults DHCP_DDNS = Defaults.builder()
            .put("enable-updates", false)
            .put("server-ip", "127.0.0.1")
            .put("server-port", 53001)
            .compute((m, c) -> m.has("sender-ip") ? m : m.with("sender-ip", Element.of(
                    m.get("server-ip") instanceof StringElement s && s.value().contains(":") ? "::" : "0.0.0.0")))
            .put("sender-port", 0)
            .put("max-queue-size", 1024)
            .put("ncr-protocol", "UDP")
            .put("ncr-format", "JSON")
            .build();

    static final Defaults RELAY = Defaults.builder()
            .compute((m, c) -> m.get("ip-address") instanceof StringElement one && !m.has("ip-addresses")
                    ? m.without("ip-address").with("ip-addresses", Element.list(one)) : m)
            .emptyList("ip-addresses")
            .build();

    /** The ddns-* keys of the global scope (networks, subnets and pools inherit at run time, unprinted). */
    private static void ddns(Defaults.Builder b) {
        b.put("ddns-send-updates", true)
                .put("ddns-override-no-update", false)
                .put("ddns-override-client-update", false)
                .put("ddns-replace-client-name", "never")
                .put("ddns-generated-prefix", "myhost")
                .put("ddns-qualifying-suffix", "")
                .put("ddns-update-on-renew", false)
                // Kea 3 (2.2: ddns-use-conflict-resolution true); the old key, when given, stays as given.
                .putUnless("ddns-conflict-resolution-mode", Element.of("check-with-dhcid"),
                        "ddns-use-conflict-resolution")
                .put("hostname-char-set", "[^A-Za-z0-9.-]")
                .put("hostname-char-replacement", "");
    }

    private static Defaults optionData(Family f) {
        return Defaults.builder()
                .put("space", f.space())
                // An option given without data prints as binary: empty, csv-format false.
                .compute((m, c) -> m.has("data") ? m : m.with("data", Element.of(""))
                        .with("csv-format", m.has("csv-format") ? m.get("csv-format") : Element.of(false)))
                .compute((m, c) -> OptionText.binaryData(m))
                .put("csv-format", true)
                .put("always-send", false)
                .put("never-send", false) // Kea 3 (2.2 has no never-send)
                .compute((m, c) -> OptionNames.fill(m, c.memo(root -> OptionNames.of(f, root))))
                .build();
    }

    /** An option-data list: each entry filled in, in Kea's order (by option space, then as given). */
    private static void options(Defaults.Builder b, Family f) {
        b.each("option-data", optionData(f)).sortedBy("option-data", "space");
    }

    private static Defaults optionDef(Family f) {
        return Defaults.builder()
                .put("space", f.space())
                .put("array", false)
                .put("record-types", "")
                .put("encapsulate", "")
                .build();
    }

    /** Kea's INHERIT_TO_SUBNET lists: what a shared network takes from the global scope and a subnet from the scope above. */
    private static void inherited(Defaults.Builder b, Family f) {
        b.inherit("valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "renew-timer", "rebind-timer",
                "calculate-tee-times", "t1-percent", "t2-percent", "store-extended-info", "cache-threshold",
                "cache-max-age", "allocator", "relay");
        if (f.universe() == Universe.V4) {
            // offer-lifetime (Kea 3): no global default, inherited when set.
            b.inherit("offer-lifetime");
        } else {
            b.inherit("preferred-lifetime", "min-preferred-lifetime", "max-preferred-lifetime", "pd-allocator");
        }
        b.map("relay", RELAY).apply(x -> options(x, f))
                // Kea keeps an empty server-hostname or boot-file-name of a network as "not set".
                .compute((m, c) -> dropEmpty(m, "server-hostname", "boot-file-name"));
    }

    private static MapElement dropEmpty(MapElement m, String... keys) {
        MapElement out = m;
        for (String k : keys) {
            if (out.get(k) instanceof StringElement s && s.value().isEmpty()) {
                out = out.without(k);
            }
        }
        return out;
    }

    /**
     * A network's lifetime triplets print their bounds as the value when not set. Last in a scope:
     * what the subnets of a shared network inherit is what the file (or the global scope) gave.
     */
    private static void triplets(Defaults.Builder b, Family f) {
        b.sameAs("min-valid-lifetime", "valid-lifetime").sameAs("max-valid-lifetime", "valid-lifetime");
        if (f.universe() == Universe.V6) {
            b.sameAs("min-preferred-lifetime", "preferred-lifetime").sameAs("max-preferred-lifetime", "preferred-lifetime");
        }
    }

    private static Defaults pool(Family f) {
        return Defaults.builder().apply(x -> options(x, f)).build();
    }

    private static Defaults reservation(Family f) {
        Defaults.Builder b = Defaults.builder();
        if (f.universe() == Universe.V4) {
            b.put("next-server", "0.0.0.0").put("server-hostname", "").put("boot-file-name", "");
        } else {
            b.emptyList("ip-addresses").emptyList("prefixes");
        }
        return b.put("hostname", "").emptyList("client-classes").apply(x -> options(x, f))
                .compute((m, c) -> OptionText.identifiers(m)).build();
    }

    private static Defaults clientClass(Family f) {
        Defaults.Builder b = Defaults.builder();
        if (f.universe() == Universe.V4) {
            b.put("next-server", "0.0.0.0").put("server-hostname", "").put("boot-file-name", "")
                    .each("option-def", optionDef(f));
        }
        return b.apply(x -> options(x, f)).build();
    }

    private static Defaults subnet(Family f, boolean inNetwork) {
        Defaults.Builder b = Defaults.builder().apply(x -> inherited(x, f));
        if (f.universe() == Universe.V4) {
            b.put("4o6-interface", "").put("4o6-interface-id", "").put("4o6-subnet", "");
        } else if (!inNetwork) {
            b.put("rapid-commit", false);
        }
        b.each("pools", pool(f));
        if (f.universe() == Universe.V6) {
            b.each("pd-pools", pool(f));
        }
        return b.each("reservations", reservation(f)).apply(x -> triplets(x, f)).build();
    }

    private static Defaults sharedNetwork(Family f) {
        Defaults.Builder b = Defaults.builder().apply(x -> inherited(x, f));
        if (f.universe() == Universe.V6) {
            b.put("rapid-commit", false);
        }
        return b.each(f.subnets(), subnet(f, true)).apply(x -> triplets(x, f)).build();
    }

    private static Defaults global(Family f) {
        Defaults.Builder b = Defaults.builder()
                .put("valid-lifetime", 7200)
                .put("calculate-tee-times", f.calculateTeeTimes())
                .put("t1-percent", 0.5)
                .put("t2-percent", f.t2())
                .put("decline-probation-period", 86400)
                .put("dhcp4o6-port", 0)
                .put("server-tag", "")
                .put("reservations-global", false)
                .put("reservations-in-subnet", true)
                .put("reservations-out-of-pool", false)
                .put("early-global-reservations-lookup", false)
                .put("ip-reservations-unique", true)
                .put("reservations-lookup-first", false)
                .put("store-extended-info", false)
                .put("statistic-default-sample-count", 20)
                .put("statistic-default-sample-age", 0)
                .put("parked-packet-limit", 256)
                .put("allocator", "iterative") // Kea 3 (2.4+)
                .apply(DhcpDefaults::ddns);
        if (f.universe() == Universe.V4) {
            b.put("echo-client-id", true)
                    .put("match-client-id", true)
                    .put("authoritative", false)
                    .put("next-server", "0.0.0.0")
                    .put("server-hostname", "")
                    .put("boot-file-name", "")
                    .put("stash-agent-options", false) // Kea 3
                    .strings("host-reservation-identifiers", "hw-address", "duid", "circuit-id", "client-id");
        } else {
            b.put("pd-allocator", "iterative") // Kea 3 (2.4+)
                    .strings("host-reservation-identifiers", "hw-address", "duid")
                    .strings("mac-sources", "any")
                    .strings("relay-supplied-options", "65")
                    // Kea always relays option 65 (ERO) back, and prints it first.
                    .compute((m, c) -> OptionText.withEro(m))
                    .map("server-id", Defaults.builder().put("type", "LLT").put("identifier", "").put("htype", 0)
                            .put("time", 0).put("enterprise-id", 0).put("persist", true).build());
        }
        return b.map("interfaces-config", Defaults.builder().emptyList("interfaces").put("re-detect", true).build())
                .map("expired-leases-processing", EXPIRED_LEASES)
                .map("multi-threading", MULTI_THREADING)
                .map("sanity-checks", SANITY_CHECKS)
                .map("dhcp-ddns", DHCP_DDNS)
                .map("dhcp-queue-control", Defaults.builder().put("enable-queue", false)
                        .put("queue-type", f.universe() == Universe.V4 ? "kea-ring4" : "kea-ring6")
                        .put("capacity", 64).build())
                .each("hooks-libraries", HaDefaults.HOOK_LIBRARY)
                .eachIfPresent("loggers", LoggerDefaults.LOGGER)
                .each("option-def", optionDef(f))
                .apply(x -> options(x, f))
                .eachIfPresent("client-classes", clientClass(f))
                .eachIfPresent("reservations", reservation(f))
                .each("shared-networks", sharedNetwork(f))
                .each(f.subnets(), subnet(f, false))
                .build();
    }

    static final Defaults DHCP4 = global(V4);
    static final Defaults DHCP6 = global(V6);
    static final Defaults CLIENT_CLASS4 = clientClass(V4);
    static final Defaults CLIENT_CLASS6 = clientClass(V6);

    /** The {@code Dhcp4} table. */
    public static Defaults dhcp4() {
        return DHCP4;
    }

    /** The {@code Dhcp6} table. */
    public static Defaults dhcp6() {
        return DHCP6;
    }

    /**
     * The global defaults of {@code keys} that have one in {@code table} (for the parsers' inheritance:
     * a key without a global default stays unset, as Kea's).
     */
    public static Map<String, Element> globalValues(Defaults table, List<String> keys) {
        MapElement filled = table.apply(MapElement.empty());
        Map<String, Element> out = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            if (filled.has(k)) {
                out.put(k, filled.get(k));
            }
        }
        return out;
    }

    /** One DHCPv4 client class as Kea's class-get and config-get print it. */
    public static Defaults clientClass4() {
        return CLIENT_CLASS4;
    }

    /** One DHCPv6 client class as Kea's class-get and config-get print it. */
    public static Defaults clientClass6() {
        return CLIENT_CLASS6;
    }

    /**
     * Option names and codes of a configuration: the family's standard definitions and the
     * {@code option-def} entries of the global scope. An option given by name gets its code and one
     * given by code its name, as Kea prints both.
     */
    private record OptionNames(OptionDefinitions standard, Map<String, Map<String, Long>> codes,
            Map<String, Map<Long, String>> names) {

        static OptionNames of(Family f, MapElement root) {
            OptionDefinitions standard = f.universe() == Universe.V4 ? OptionDefinitions.standardV4()
                    : StandardV6Definitions.registry();
            Map<String, Map<String, Long>> codes = new HashMap<>();
            Map<String, Map<Long, String>> names = new HashMap<>();
            List<Element> defs = root.get("option-def") instanceof ListElement l ? l.items() : List.of();
            for (Element e : defs) {
                if (e instanceof MapElement d && d.get("name") instanceof StringElement n
                        && d.get("code") instanceof IntElement code) {
                    String space = d.get("space") instanceof StringElement s ? s.value() : f.space();
                    codes.computeIfAbsent(space, k -> new HashMap<>()).put(n.value(), code.value());
                    names.computeIfAbsent(space, k -> new HashMap<>()).put(code.value(), n.value());
                }
            }
            return new OptionNames(standard, codes, names);
        }

        static MapElement fill(MapElement option, OptionNames lookup) {
            if (!(option.get("space") instanceof StringElement space)) {
                return option;
            }
            if (option.get("name") instanceof StringElement name && !option.has("code")) {
                Optional<Long> code = Optional.ofNullable(lookup.codes().getOrDefault(space.value(), Map.of())
                        .get(name.value())).or(() -> lookup.standard().byName(space.value(), name.value())
                                .map(d -> (long) d.code()));
                return code.map(c -> option.with("code", Element.of(c))).orElse(option);
            }
            if (option.get("code") instanceof IntElement code && !option.has("name")) {
                Optional<String> name = Optional.ofNullable(lookup.names().getOrDefault(space.value(), Map.of())
                        .get(code.value())).or(() -> code.value() >= 0 && code.value() <= 65535
                                ? lookup.standard().byCode(space.value(), (int) code.value()).map(OptionDefinition::name)
                                : Optional.empty());
                return name.map(n -> option.with("name", Element.of(n))).orElse(option);
            }
            return option;
        }
    }
}
