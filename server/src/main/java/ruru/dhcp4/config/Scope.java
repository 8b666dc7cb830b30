package ruru.dhcp4.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * Inheritable parameters as seen from one level: each key individually takes the value of the most
 * specific level that sets it (Kea derives global values into shared networks and subnets key by
 * key before it builds a subnet, so {@code min-valid-lifetime} set globally meets a subnet's own
 * {@code valid-lifetime}). Elements keep their positions, so an error names where a value was
 * written even when it was inherited.
 */
final class Scope {

    /** Keys global, shared-network and subnet scopes share. */
    static final List<String> INHERITED = List.of("valid-lifetime", "min-valid-lifetime", "max-valid-lifetime",
            "renew-timer", "rebind-timer", "calculate-tee-times", "t1-percent", "t2-percent", "match-client-id",
            "authoritative", "reservations-global", "reservations-in-subnet", "reservations-out-of-pool",
            "next-server", "server-hostname", "boot-file-name", "allocator", "cache-threshold", "cache-max-age",
            "store-extended-info");

    /** Keys only a shared network passes to its subnets. */
    static final List<String> NETWORK_ONLY = List.of("interface", "relay");

    /**
     * Kea 2.2's global defaults (SimpleParser4) for the inherited keys that have one. The others
     * (min/max lifetimes, timers, cache parameters) stay unset unless configured.
     */
    private static final Map<String, Element> DEFAULTS = defaults();

    private final Map<String, Element> values;

    private Scope(Map<String, Element> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    static Scope global(MapElement dhcp4) {
        Map<String, Element> v = new LinkedHashMap<>(DEFAULTS);
        copy(dhcp4, INHERITED, v);
        return new Scope(v);
    }

    /** The scope of a shared network or subnet below this one. */
    Scope child(MapElement level, boolean withNetworkKeys) {
        Map<String, Element> v = new LinkedHashMap<>(values);
        copy(level, INHERITED, v);
        if (withNetworkKeys) {
            copy(level, NETWORK_ONLY, v);
        }
        return new Scope(v);
    }

    private static void copy(MapElement from, List<String> keys, Map<String, Element> to) {
        for (String k : keys) {
            Element e = from.get(k);
            if (e != null) {
                to.put(k, e);
            }
        }
    }

    Optional<Element> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    long integer(String key) {
        return values.get(key).asLong().orElseThrow();
    }

    Optional<Long> optionalInteger(String key) {
        return get(key).flatMap(Element::asLong);
    }

    boolean bool(String key) {
        return values.get(key).asBoolean().orElseThrow();
    }

    double real(String key) {
        return Fields.real(values.get(key)).orElseThrow();
    }

    String string(String key) {
        return values.get(key).asString().orElseThrow();
    }

    Position position(String key) {
        Element e = values.get(key);
        return e == null ? Position.NONE : e.position();
    }

    private static Map<String, Element> defaults() {
        Map<String, Element> d = new LinkedHashMap<>();
        d.put("valid-lifetime", Element.of(7200));
        d.put("calculate-tee-times", Element.of(false));
        d.put("t1-percent", Element.of(0.5));
        d.put("t2-percent", Element.of(0.875));
        d.put("match-client-id", Element.of(true));
        d.put("authoritative", Element.of(false));
        d.put("reservations-global", Element.of(false));
        d.put("reservations-in-subnet", Element.of(true));
        d.put("reservations-out-of-pool", Element.of(false));
        d.put("next-server", Element.of("0.0.0.0"));
        d.put("server-hostname", Element.of(""));
        d.put("boot-file-name", Element.of(""));
        d.put("allocator", Element.of("iterative"));
        d.put("store-extended-info", Element.of(false));
        return Collections.unmodifiableMap(d);
    }
}
