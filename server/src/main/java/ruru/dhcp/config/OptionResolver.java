package ruru.dhcp.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kea's option precedence: for each (space, code), only the most specific level that configures
 * it counts. Kea's order, low to high, is global, client class, shared network, subnet, pool, host
 * reservation. Every instance of that code at the winning level is kept, in configuration order
 * (Kea accepts several instances of one option in one scope).
 */
public final class OptionResolver {

    private OptionResolver() {
    }

    /** Merges levels given from lowest to highest precedence; the result lists higher levels first. */
    public static List<OptionValue> resolve(List<List<OptionValue>> fromLowToHighPrecedence) {
        Set<String> taken = new HashSet<>();
        List<OptionValue> out = new ArrayList<>();
        for (int i = fromLowToHighPrecedence.size() - 1; i >= 0; i--) {
            Map<String, List<OptionValue>> level = new LinkedHashMap<>();
            for (OptionValue v : fromLowToHighPrecedence.get(i)) {
                if (!taken.contains(v.key())) {
                    level.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v);
                }
            }
            level.values().forEach(out::addAll);
            taken.addAll(level.keySet());
        }
        return List.copyOf(out);
    }
}
