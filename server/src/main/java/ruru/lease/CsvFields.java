package ruru.lease;

import java.nio.charset.StandardCharsets;

/**
 * Reading one field of a lease file row, as Kea's {@code CSVRow::readAndConvertAt} does but on
 * bytes: unsigned decimal numbers within a bound (Kea's lexical_cast would wrap a negative one,
 * which is refused here), 0/1 booleans.
 */
final class CsvFields {

    private CsvFields() {
    }

    static String ascii(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static long number(byte[] line, int from, int to, String column, long max) throws LeaseFormat.RowException {
        if (from == to || to - from > 19) {
            throw new LeaseFormat.RowException("invalid " + column + " '" + ascii(line, from, to) + "'");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new LeaseFormat.RowException("invalid " + column + " '" + ascii(line, from, to) + "'");
            }
            v = v * 10 + d;
        }
        if (v < 0 || v > max) {
            throw new LeaseFormat.RowException(column + " " + ascii(line, from, to) + " is out of range");
        }
        return v;
    }

    static boolean bool(byte[] line, int from, int to, String column) throws LeaseFormat.RowException {
        if (to - from == 1 && (line[from] == '0' || line[from] == '1')) {
            return line[from] == '1';
        }
        throw new LeaseFormat.RowException("invalid " + column + " '" + ascii(line, from, to) + "', expected 0 or 1");
    }

    /** A user context must be a JSON map (Kea refuses anything else when it loads the row). */
    static String userContext(byte[] line, int from, int to) throws LeaseFormat.RowException {
        if (to == from) {
            return null;
        }
        String text = CsvEscape.unescape(line, from, to);
        String t = text.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw new LeaseFormat.RowException("user context is not a JSON map: " + text);
        }
        return text;
    }
}
