package ruru.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Changes to kea-dhcp4 2.2's transcript where ruru deliberately follows Kea 3 (or an RFC): each
 * scenario that uses one says why.
 */
final class Edits {

    private Edits() {
    }

    /** The reply to the query with {@code xid} (hex, as the transcript prints it) becomes silence. */
    static UnaryOperator<List<String>> silence(String xid) {
        return lines -> {
            List<String> out = new ArrayList<>();
            boolean skipping = false;
            for (String l : lines) {
                if (l.startsWith("-> ") && l.endsWith("xid=" + xid)) {
                    out.add(l);
                    out.add("<- (no reply)");
                    skipping = true;
                    continue;
                }
                if (skipping && (l.startsWith("<- ") || l.startsWith("   "))) {
                    continue;
                }
                skipping = false;
                out.add(l);
            }
            return out;
        };
    }
}
