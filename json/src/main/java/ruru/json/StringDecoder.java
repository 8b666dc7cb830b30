package ruru.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one JSON string literal as Kea does: bytes are taken as they are, escapes produce bytes
 * (<code>&#92;u00XX</code> is one byte, so <code>&#92;u00c3&#92;u00a9</code> is "é"), and the byte string is then decoded
 * as UTF-8. Kea refuses <code>&#92;u</code> escapes above {@code 00FF} and raw control characters.
 */
final class StringDecoder {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buf = new byte[64];
    private int len;
    /** Command text: Kea's Element::fromJSON texts; raw control characters kept, as it does. */
    private final boolean command;

    StringDecoder(boolean command) {
        this.command = command;
    }

    /** Decodes the literal whose opening quote is at {@code src.index}; leaves src after the closing quote. */
    String decode(Source src, Position at) throws JsonException {
        byte[] d = src.data;
        int start = src.index + 1;
        int i = start;
        boolean escaped = false;
        boolean ascii = true;
        len = 0;
        while (true) {
            if (i >= d.length) {
                throw new JsonException(at, "unterminated string: end of file before the closing quote");
            }
            int b = d[i] & 0xff;
            if (b == '"') {
                break;
            }
            if (b < 0x20 && !command) {
                throw new JsonException(posAt(src, i, start), String.format(
                        "invalid control character 0x%02x in string (write it as \\u%04x)", b, b));
            }
            if (b == '\\') {
                if (!escaped) {
                    escaped = true;
                    append(d, start, i - start);
                }
                i = escape(src, d, i, start);
                continue;
            }
            if (b >= 0x80) {
                ascii = false;
            }
            if (escaped) {
                append(b);
            }
            i++;
        }
        String value;
        if (escaped) {
            value = utf8(buf, 0, len, at, true);
        } else if (ascii) {
            value = new String(d, start, i - start, StandardCharsets.ISO_8859_1);
        } else {
            value = utf8(d, start, i - start, at, false);
        }
        src.col += i + 1 - src.index;
        src.index = i + 1;
        if (len > 1 << 16) {
            buf = new byte[64];
        }
        return value;
    }

    /**
     * Command text's {@code \\u00XX} as Kea's Element::fromJSON reads it (kea-dhcp4 2.2 live): the
     * two zeros first ("Unsupported unicode escape", the first one's position one further), then
     * two hexadecimal digits ("Not hexadecimal in unicode escape").
     */
    private static int kea22Unicode(Source src, byte[] d, int i, int start) throws JsonException {
        if (at(d, i + 2) != '0') {
            throw new JsonException(posAt(src, i + 1, start), "Unsupported unicode escape");
        }
        if (at(d, i + 3) != '0') {
            throw new JsonException(posAt(src, i, start), "Unsupported unicode escape");
        }
        int high = i + 4 < d.length ? hex(d[i + 4]) : -1;
        int low = i + 5 < d.length ? hex(d[i + 5]) : -1;
        if (high < 0 || low < 0) {
            throw new JsonException(posAt(src, i, start), "Not hexadecimal in unicode escape");
        }
        return high << 4 | low;
    }

    private static int at(byte[] d, int i) {
        return i < d.length ? d[i] & 0xff : -1;
    }

    /** Handles the escape at {@code d[i] == '\\'}; returns the index after it. */
    private int escape(Source src, byte[] d, int i, int start) throws JsonException {
        int e = i + 1 < d.length ? d[i + 1] & 0xff : -1;
        switch (e) {
            case '"', '\\', '/' -> append(e);
            case 'b' -> append('\b');
            case 'f' -> append('\f');
            case 'n' -> append('\n');
            case 'r' -> append('\r');
            case 't' -> append('\t');
            case 'u' -> {
                if (command) {
                    append(kea22Unicode(src, d, i, start));
                    return i + 6;
                }
                int value = 0;
                for (int k = 0; k < 4; k++) {
                    int h = i + 2 + k < d.length ? hex(d[i + 2 + k]) : -1;
                    if (h < 0) {
                        throw new JsonException(posAt(src, i, start),
                                "invalid \\u escape in string: expected 4 hexadecimal digits");
                    }
                    value = value << 4 | h;
                }
                if (value > 0xff) {
                    throw new JsonException(posAt(src, i, start), String.format(
                            "unsupported unicode escape \\u%04x in string: Kea allows only \\u0000 to \\u00ff"
                                    + " (each one byte); write other characters as UTF-8", value));
                }
                append(value);
                return i + 6;
            }
            case -1 -> throw new JsonException(posAt(src, i, start),
                    "unterminated string: end of file after a backslash");
            default -> throw new JsonException(posAt(src, i, start), command ? "Bad escape"
                    : "bad escape \\" + (e > 0x20 && e < 0x7f ? String.valueOf((char) e) : String.format("x%02x", e))
                            + " in string");
        }
        return i + 2;
    }

    private static Position posAt(Source src, int index, int start) {
        // Strings hold no raw newline, so the column advances one per byte from the opening quote.
        return new Position(src.name, src.line, src.col + (index - start) + 1);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * The bytes as UTF-8; a byte string that is not UTF-8 only because of <code>&#92;u00XX</code>
     * escapes (Kea takes each as one byte: {@code "caf\u00e9"}) is taken as Latin-1, each byte
     * the character of that code, as Kea accepts it. Raw bytes that are not UTF-8 are an error.
     */
    private String utf8(byte[] bytes, int off, int n, Position at, boolean escaped) throws JsonException {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, off, n)).toString();
        } catch (CharacterCodingException e) {
            if (escaped) {
                return new String(bytes, off, n, StandardCharsets.ISO_8859_1);
            }
            throw new JsonException(at, "string is not valid UTF-8");
        }
    }

    private void append(int b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, len * 2);
        }
        buf[len++] = (byte) b;
    }

    private void append(byte[] d, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(d, off, buf, len, n);
        len += n;
    }
}
