package ruru.daemon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import ruru.json.DoubleElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;

/**
 * Compares two config-get answers key by key and names each difference by its path, list
 * positions written {@code [*]} ({@code Dhcp4/subnet4[*]/pools[*]/option-data[*]/never-send}), so a
 * test can list the differences it expects, each with its reason.
 */
final class ConfigDiff {

    /** Where the two differ. */
    enum Side { ONLY_KEA, ONLY_RURU, VALUE }

    /**
     * One expected difference: in configurations named like {@code config}, paths matching
     * {@code path} (regexes) differing in that way, and why.
     */
    record Expected(Pattern config, Side side, Pattern path, String reason) {
        static Expected of(Side side, String regex, String reason) {
            return in(".*", side, regex, reason);
        }

        static Expected in(String config, Side side, String regex, String reason) {
            return new Expected(Pattern.compile(config), side, Pattern.compile(regex), reason);
        }
    }

    /** One difference found. */
    record Found(Side side, String path, String kea, String ruru) {
        @Override
        public String toString() {
            return side + " " + path + (side == Side.VALUE ? ": kea " + kea + " ruru " + ruru
                    : side == Side.ONLY_KEA ? ": " + kea : ": " + ruru);
        }
    }

    private ConfigDiff() {
    }

    static List<Found> diff(Element kea, Element ruru) {
        List<Found> out = new ArrayList<>();
        walk("", kea, ruru, out);
        return out;
    }

    /** The differences no {@code expected} entry explains. */
    static List<Found> unexplained(String config, List<Found> found, List<Expected> expected) {
        List<Found> out = new ArrayList<>();
        for (Found f : found) {
            String generic = f.path().replaceAll("\\[\\d+]", "[*]");
            if (expected.stream().noneMatch(e -> e.side() == f.side() && e.path().matcher(generic).matches()
                    && e.config().matcher(config).matches())) {
                out.add(f);
            }
        }
        return out;
    }

    private static void walk(String path, Element kea, Element ruru, List<Found> out) {
        if (kea instanceof MapElement km && ruru instanceof MapElement rm) {
            TreeSet<String> keys = new TreeSet<>(km.keys());
            keys.addAll(rm.keys());
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "/" + k;
                if (!rm.has(k)) {
                    out.add(new Found(Side.ONLY_KEA, p, Json.toCompact(km.get(k)), null));
                } else if (!km.has(k)) {
                    out.add(new Found(Side.ONLY_RURU, p, null, Json.toCompact(rm.get(k))));
                } else {
                    walk(p, km.get(k), rm.get(k), out);
                }
            }
        } else if (kea instanceof ListElement kl && ruru instanceof ListElement rl && kl.size() == rl.size()) {
            List<Element> k = kl.items();
            List<Element> r = rl.items();
            if (path.endsWith("/reservations")) {
                // Kea lists hosts in its host container's order, not the file's: compared as a set.
                k = new ArrayList<>(k);
                r = new ArrayList<>(r);
                k.sort(java.util.Comparator.comparing(Json::toCompact));
                r.sort(java.util.Comparator.comparing(Json::toCompact));
            }
            for (int i = 0; i < k.size(); i++) {
                walk(path + "[" + i + "]", k.get(i), r.get(i), out);
            }
        } else if (!sameValue(kea, ruru)) {
            out.add(new Found(Side.VALUE, path, Json.toCompact(kea), Json.toCompact(ruru)));
        }
    }

    /** Equal, a real that prints as an integer counting as that integer (Kea prints 0.5, 1.0 as such). */
    private static boolean sameValue(Element a, Element b) {
        if (a.equals(b)) {
            return true;
        }
        if (a instanceof DoubleElement d && b instanceof IntElement i) {
            return d.value() == i.value();
        }
        if (a instanceof IntElement i && b instanceof DoubleElement d) {
            return d.value() == i.value();
        }
        return false;
    }

    /** Counts per path, for a readable failure. */
    static Map<String, Integer> histogram(List<Found> found) {
        Map<String, Integer> h = new LinkedHashMap<>();
        for (Found f : found) {
            h.merge(f.side() + " " + f.path().replaceAll("\\[\\d+]", "[*]"), 1, Integer::sum);
        }
        return h;
    }
}
