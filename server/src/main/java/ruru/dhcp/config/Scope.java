package ruru.dhcp.config;

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
 * written even when it was inherited. Which keys inherit, and their global defaults, are the
 * family's ({@link Keys}).
 */
public final class Scope {

    /**
     * A family's inheritance: the keys global, shared-network and subnet scopes share, those only a
     * shared network passes to its subnets, and Kea's global defaults.
     */
    public record Keys(List<String> inherited, List<String> networkOnly, Map<String, Element> defaults) {
        public Keys {
            inherited = List.copyOf(inherited);
            networkOnly = List.copyOf(networkOnly);
            defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        }
    }

    private final Keys keys;
    private final Map<String, Element> values;

    private Scope(Keys keys, Map<String, Element> values) {
        this.keys = keys;
        this.values = Collections.unmodifiableMap(values);
    }

    public static Scope global(MapElement daemon, Keys keys) {
        Map<String, Element> v = new LinkedHashMap<>(keys.defaults());
        copy(daemon, keys.inherited(), v);
        return new Scope(keys, v);
    }

    /** The scope of a shared network or subnet below this one. */
    public Scope child(MapElement level, boolean withNetworkKeys) {
        Map<String, Element> v = new LinkedHashMap<>(values);
        copy(level, keys.inherited(), v);
        if (withNetworkKeys) {
            copy(level, keys.networkOnly(), v);
        }
        return new Scope(keys, v);
    }

    private static void copy(MapElement from, List<String> keys, Map<String, Element> to) {
        for (String k : keys) {
            Element e = from.get(k);
            if (e != null) {
                to.put(k, e);
            }
        }
    }

    public Optional<Element> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public long integer(String key) {
        return values.get(key).asLong().orElseThrow();
    }

    public Optional<Long> optionalInteger(String key) {
        return get(key).flatMap(Element::asLong);
    }

    public boolean bool(String key) {
        return values.get(key).asBoolean().orElseThrow();
    }

    public double real(String key) {
        return Fields.real(values.get(key)).orElseThrow();
    }

    public String string(String key) {
        return values.get(key).asString().orElseThrow();
    }

    public Position position(String key) {
        Element e = values.get(key);
        return e == null ? Position.NONE : e.position();
    }
}
