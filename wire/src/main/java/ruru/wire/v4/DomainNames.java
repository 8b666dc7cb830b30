package ruru.wire.v4;

import java.io.ByteArrayOutputStream;

import ruru.wire.WireFormatException;

/**
 * Domain names in RFC 1035 section 3.1 wire form (length-prefixed labels, a zero byte for the root),
 * without compression, as Kea writes fqdn option fields. Text escapes follow RFC 1035 master files:
 * "\." for a dot inside a label, "\DDD" for a byte.
 */
final class DomainNames {

    private DomainNames() {
    }

    static void write(String text, ByteArrayOutputStream out) throws WireFormatException {
        if (text.isEmpty()) {
            throw new WireFormatException("empty domain name: '" + text + "'");
        }
        ByteArrayOutputStream name = new ByteArrayOutputStream(text.length() + 2);
        if (text.equals(".")) {
            out.write(0);
            return;
        }
        byte[] label = new byte[64];
        int len = 0;
        int i = 0;
        while (i <= text.length()) {
            boolean endOfText = i == text.length();
            char c = endOfText ? '.' : text.charAt(i);
            if (c == '.') {
                if (len == 0) {
                    if (endOfText && i > 0) {
                        break;
                    }
                    throw new WireFormatException("empty label in domain name '" + text + "'");
                }
                name.write(len);
                name.write(label, 0, len);
                len = 0;
                i++;
                if (endOfText || i == text.length()) {
                    break;
                }
                continue;
            }
            int b;
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new WireFormatException("domain name '" + text + "' ends with a lone backslash");
                }
                char n = text.charAt(i + 1);
                if (Character.isDigit(n)) {
                    int v = 0;
                    for (int k = 1; k <= 3; k++) {
                        char d = i + k < text.length() ? text.charAt(i + k) : 'x';
                        if (!Character.isDigit(d)) {
                            throw new WireFormatException("bad escape in domain name '" + text + "'");
                        }
                        v = v * 10 + (d - '0');
                    }
                    if (v > 255) {
                        throw new WireFormatException("bad escape in domain name '" + text + "'");
                    }
                    b = v;
                    i += 4;
                } else {
                    b = n;
                    i += 2;
                }
            } else {
                if (c > 0x7f) {
                    throw new WireFormatException("non-ASCII character in domain name '" + text + "'");
                }
                b = c;
                i++;
            }
            if (len == 63) {
                throw new WireFormatException("label too long in domain name '" + text + "' (63 bytes at most)");
            }
            label[len++] = (byte) b;
        }
        name.write(0);
        if (name.size() > 255) {
            throw new WireFormatException("domain name '" + text + "' is longer than 255 bytes");
        }
        out.writeBytes(name.toByteArray());
    }

    static byte[] toWire(String text) throws WireFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(text, out);
        return out.toByteArray();
    }

    /** Reads one uncompressed name at {@code pos[0]}, advancing it; text has a trailing dot. */
    static String read(byte[] b, int[] pos, int end) throws WireFormatException {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        int total = 0;
        while (true) {
            if (p >= end) {
                throw new WireFormatException("truncated domain name");
            }
            int len = b[p] & 0xff;
            p++;
            total += len + 1;
            if (len == 0) {
                break;
            }
            if (len > 63 || p + len > end || total > 255) {
                throw new WireFormatException("bad label in domain name");
            }
            for (int k = 0; k < len; k++) {
                int c = b[p + k] & 0xff;
                if (c == '.' || c == '\\' || c == ',') {
                    sb.append('\\').append((char) c);
                } else if (c <= 0x20 || c >= 0x7f) {
                    sb.append('\\').append(String.format("%03d", c));
                } else {
                    sb.append((char) c);
                }
            }
            sb.append('.');
            p += len;
        }
        pos[0] = p;
        return sb.isEmpty() ? "." : sb.toString();
    }
}
