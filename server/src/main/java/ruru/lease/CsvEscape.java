package ruru.lease;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Kea's escaping of free-text CSV fields (hostname, user_context): {@code CSVRow::writeAtEscaped}
 * writes a byte as {@code &#xNN} (two lowercase hex digits).
 *
 * <p>Which bytes: Kea 2.2 escaped only the separator and {@code &}, so a hostname holding a newline
 * split its row in two and the lease was lost on the next load (observed with Kea 2.2.0). Current
 * Kea ({@code CSVRow::escapeCharacters}) escapes every byte outside 0x20..0x7e as well; we do the
 * same. A DHCP client chooses its hostname, so this is what keeps it from injecting rows. Every Kea
 * version's reader turns any {@code &#xNN} back into the byte, so files stay readable both ways.
 */
final class CsvEscape {

    private static final byte[] TAG = {'&', '#', 'x'};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CsvEscape() {
    }

    static boolean needsEscape(int b) {
        return b < 0x20 || b > 0x7e || b == ',' || b == '&';
    }

    /** Appends the escaped UTF-8 form of {@code text}; the result is pure ASCII. */
    static void escape(String text, StringBuilder out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                break;
            }
            if (needsEscape(c)) {
                appendEscaped(c, out);
            } else {
                out.append(c);
            }
            i++;
        }
        if (i == n) {
            return;
        }
        for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (needsEscape(v)) {
                appendEscaped(v, out);
            } else {
                out.append((char) v);
            }
        }
    }

    private static void appendEscaped(int v, StringBuilder out) {
        out.append("&#x").append(HEX[v >> 4]).append(HEX[v & 0xf]);
    }

    /**
     * Kea's {@code CSVRow::unescapeCharacters} on raw bytes, then UTF-8. A tag not followed by two
     * hex digits stays literal text. Malformed UTF-8 (Kea copies bytes, any encoding) decodes with
     * replacement characters rather than failing the row.
     */
    static String unescape(byte[] line, int from, int to) {
        ByteArrayOutputStream out = null;
        int i = from;
        while (i < to) {
            if (i + 4 < to && line[i] == TAG[0] && line[i + 1] == TAG[1] && line[i + 2] == TAG[2]) {
                int hi = Character.digit(line[i + 3], 16);
                int lo = Character.digit(line[i + 4], 16);
                if (hi >= 0 && lo >= 0) {
                    if (out == null) {
                        out = new ByteArrayOutputStream(to - from);
                        out.write(line, from, i - from);
                    }
                    out.write(hi << 4 | lo);
                    i += 5;
                    continue;
                }
            }
            if (out != null) {
                out.write(line[i]);
            }
            i++;
        }
        return out == null
                ? new String(line, from, to - from, StandardCharsets.UTF_8)
                : out.toString(StandardCharsets.UTF_8);
    }
}
