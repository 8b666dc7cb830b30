package ruru.ddns.names;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Domain names in DNS wire format as the FQDN options carry them (RFC 4702 / RFC 4704): length-
 * prefixed labels, ended by the root label when the name is fully qualified; a name without the
 * root label is partial.
 */
public final class WireName {

    private WireName() {
    }

    /**
     * The name at {@code from}: absolute (trailing dot) when it ends with the root label, partial
     * otherwise; "" when malformed (a label over 63 bytes or running past the end).
     */
    public static String read(byte[] data, int from) {
        StringBuilder s = new StringBuilder();
        int i = from;
        while (i < data.length) {
            int len = data[i] & 0xFF;
            if (len == 0) {
                return s.length() == 0 ? "" : s.append('.').toString();
            }
            if (len > 63 || i + 1 + len > data.length) {
                return "";
            }
            if (s.length() > 0) {
                s.append('.');
            }
            s.append(new String(data, i + 1, len, StandardCharsets.US_ASCII));
            i += 1 + len;
        }
        return s.toString();
    }

    /**
     * Whether the bytes from {@code from} are a well-formed name: labels of at most 63 bytes that
     * stay inside the data (what follows a root label is not read).
     */
    public static boolean valid(byte[] data, int from) {
        int i = from;
        while (i < data.length) {
            int len = data[i] & 0xFF;
            if (len == 0) {
                return true;
            }
            if (len > 63 || i + 1 + len > data.length) {
                return false;
            }
            i += 1 + len;
        }
        return true;
    }

    /** Writes {@code name}: with the root label when it ends with a dot; nothing for "". */
    public static void write(String name, ByteArrayOutputStream out) {
        if (name.isEmpty()) {
            return;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String label : n.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.US_ASCII);
            out.write(Math.min(b.length, 63));
            out.write(b, 0, Math.min(b.length, 63));
        }
        if (name.endsWith(".")) {
            out.write(0);
        }
    }
}
