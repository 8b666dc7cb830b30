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

    /**
     * The instances a reply sends for each code of one space, from a {@link #resolve resolved} list
     * (so only the winning level's instances of a code are there): codes in the order they first
     * appear, each code's instances in the order Kea sends them. Kea keeps a scope's options in a
     * hashed index by code in which a newly added instance goes in front of the earlier ones of its
     * code: kea-dhcp4 and kea-dhcp6 2.2 send the front one alone (the LAST configured, seen live).
     * dhcp4 sends that front instance alone, as kea-dhcp4 2.2 (Kea 3's dhcp4 is read to take one
     * instance per code too; RFC 3396 clients would join several into one different value, and
     * v4-dnr carries several resolvers in one option). dhcp6 sends every instance, front first
     * (from the last configured to the first), as Kea 3 (its {@code CfgOption::getList}; RFC 9463:
     * one v6-dnr option per resolver). Both families' replies take their configured options from here.
     */
    public static Map<Integer, List<OptionValue>> instances(List<OptionValue> resolved, String space) {
        Map<Integer, List<OptionValue>> byCode = new LinkedHashMap<>();
        for (OptionValue v : resolved) {
            if (v.space().equals(space)) {
                byCode.computeIfAbsent(v.code(), c -> new ArrayList<>(1)).add(v);
            }
        }
        for (List<OptionValue> same : byCode.values()) {
            java.util.Collections.reverse(same);
        }
        return byCode;
    }
}
