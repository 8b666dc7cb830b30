package ruru.daemon;

import java.util.Map;

import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * The top-level element Kea's configuration parser names when it fails (DHCPn_PARSER_FAIL's first
 * argument): Kea walks the daemon's map in key order and names the key it was parsing. Here: the
 * key at or before the error's position; for an error without a position (a value checked after
 * the walk, such as a global lifetime that is not an integer), the last structured element of
 * the walk, which is what Kea 2.2 names then (live: {@code subnet4} for {@code "valid-lifetime": "abc"}).
 */
final class FailedElement {

    private FailedElement() {
    }

    static String of(MapElement own, Position error) {
        String best = null;
        Position bestAt = null;
        if (error.isKnown()) {
            for (Map.Entry<String, Position> e : own.keyPositions().entrySet()) {
                Position at = e.getValue();
                if (at.isKnown() && at.file().equals(error.file()) && !after(at, error)
                        && (bestAt == null || after(at, bestAt))) {
                    best = e.getKey();
                    bestAt = at;
                }
            }
        }
        if (best != null) {
            return best;
        }
        String last = "";
        for (String key : new java.util.TreeSet<>(own.keys())) {
            Element value = own.get(key);
            if (value instanceof MapElement || value instanceof ListElement) {
                last = key;
            }
        }
        return last;
    }

    private static boolean after(Position a, Position b) {
        return a.line() > b.line() || (a.line() == b.line() && a.col() > b.col());
    }
}
