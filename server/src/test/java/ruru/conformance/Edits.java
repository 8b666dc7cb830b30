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
        return lineByLine(l -> {
            if (l.startsWith("   option 12 = ") || l.startsWith("   option 81 = ")) {
                String changed = l;
                for (String[] sw : swaps) {
                    changed = changed.replace(sw[0], sw[1]);
                }
                return new Line(changed, changed.equals(l) ? 0 : to.length() - from.length());
            }
            if (l.startsWith("lease ")) {
                return new Line(l.replace("hostname=\"" + from + "\"", "hostname=\"" + to + "\""), 0);
            }
            return new Line(l, 0);
        });
    }

    /** A transcript line as changed, and how many bytes its reply grows by. */
    private record Line(String text, int grows) {
    }

    /** Each line changed by {@code edit}; a reply's size (its header line) grows as its lines say. */
    private static UnaryOperator<List<String>> lineByLine(java.util.function.Function<String, Line> edit) {
        return lines -> {
            List<String> out = new ArrayList<>();
            int header = -1;
            for (String l : lines) {
                if (l.startsWith("<- ")) {
                    header = out.size();
                }
                Line changed = edit.apply(l);
                out.add(changed.text());
                if (changed.grows() != 0) {
                    grow(out, header, changed.grows());
                }
            }
            return out;
        };
    }

    private static final Pattern SIZE = Pattern.compile("\\((\\d+) bytes\\)$");

    /** The reply whose header line is {@code out[header]} gets {@code delta} bytes more. */
    private static void grow(List<String> out, int header, int delta) {
        Matcher m = SIZE.matcher(header >= 0 ? out.get(header) : "");
        if (m.find()) {
            out.set(header, m.replaceFirst("(" + (Integer.parseInt(m.group(1)) + delta) + " bytes)"));
        }
    }

    /** An option's bytes {@code from} become {@code to} (hex), its reply as many bytes longer. */
    static UnaryOperator<List<String>> optionBytes(int code, String from, String to) {
        String was = "   option " + code + " = " + from;
        return lineByLine(l -> l.equals(was) ? new Line("   option " + code + " = " + to, (to.length() - from.length()) / 2)
                : new Line(l, 0));
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
