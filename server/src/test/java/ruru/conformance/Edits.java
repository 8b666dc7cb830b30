package ruru.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The name {@code from} becomes {@code to} wherever kea-dhcp4 2.2 wrote it: option 12 (ASCII),
     * option 81 (DNS wire labels), a lease's hostname; each reply's size changes by as many bytes.
     */
    static UnaryOperator<List<String>> rename(String from, String to) {
        HexFormat hex = HexFormat.of();
        String[][] swaps = {{hex.formatHex(ascii(from)), hex.formatHex(ascii(to))},
            {hex.formatHex(labels(from)), hex.formatHex(labels(to))}};
        Pattern size = Pattern.compile("\\((\\d+) bytes\\)$");
        return lines -> {
            List<String> out = new ArrayList<>();
            int header = -1;
            for (String l : lines) {
                if (l.startsWith("<- ")) {
                    header = out.size();
                }
                String changed = l;
                if (l.startsWith("   option 12 = ") || l.startsWith("   option 81 = ")) {
                    for (String[] sw : swaps) {
                        changed = changed.replace(sw[0], sw[1]);
                    }
                    Matcher m = size.matcher(header >= 0 ? out.get(header) : "");
                    if (!changed.equals(l) && m.find()) {
                        int bytes = Integer.parseInt(m.group(1)) + to.length() - from.length();
                        out.set(header, m.replaceFirst("(" + bytes + " bytes)"));
                    }
                } else if (l.startsWith("lease ")) {
                    changed = l.replace("hostname=\"" + from + "\"", "hostname=\"" + to + "\"");
                }
                out.add(changed);
            }
            return out;
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A name's labels in DNS wire form, without the root label. */
    private static byte[] labels(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(ascii(label));
        }
        return b.toByteArray();
    }
}
