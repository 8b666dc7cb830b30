package ruru.lease;

import java.nio.charset.StandardCharsets;

import ruru.wire.Hex;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

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

    /**
     * A dotted-quad address read straight from the bytes (the form Kea writes); anything else
     * goes through {@link Ipv4Address#parse}, whose refusal texts the row error then carries.
     */
    static Ipv4Address ipv4(byte[] line, int from, int to) throws WireFormatException {
        int value = 0;
        int parts = 0;
        int i = from;
        while (i < to && parts < 4) {
            int start = i;
            int part = 0;
            while (i < to && i - start < 3 && line[i] >= '0' && line[i] <= '9') {
                part = part * 10 + (line[i++] - '0');
            }
            if (i == start || part > 255 || ++parts < 4 && (i >= to || line[i++] != '.')) {
                break;
            }
            value = value << 8 | part;
            if (parts == 4 && i == to) {
                return new Ipv4Address(value);
            }
        }
        return Ipv4Address.parse(ascii(line, from, to));
    }

    /**
     * Hex bytes in the form Kea writes ({@code 0a:1b:..}: two digits a byte, colons between), read
     * straight from the bytes; other forms (one-digit groups, dashes, plain hex ...) and errors go
     * through {@link Hex#parseBytes}, with its texts. An empty field is null.
     */
    static byte[] hex(byte[] line, int from, int to, int maxLength) throws WireFormatException {
        if (from == to) {
            return null;
        }
        int n = (to - from + 1) / 3;
        if ((to - from + 1) % 3 == 0 && n <= maxLength) {
            byte[] out = new byte[n];
            int i = from;
            for (int k = 0; k < n; k++, i += 3) {
                int hi = Character.digit(line[i], 16);
                int lo = Character.digit(line[i + 1], 16);
                if (hi < 0 || lo < 0 || k < n - 1 && line[i + 2] != ':') {
                    return Hex.parseBytes(ascii(line, from, to), maxLength);
                }
                out[k] = (byte) (hi << 4 | lo);
            }
            return out;
        }
        return Hex.parseBytes(ascii(line, from, to), maxLength);
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
