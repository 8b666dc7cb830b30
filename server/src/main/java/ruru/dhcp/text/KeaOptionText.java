package ruru.dhcp.text;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ruru.wire.Ipv6Address;
import ruru.wire.Universe;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;

/**
 * The family-neutral pieces of Kea's {@code Option::toText(indent)}, as Kea's debug dumps of
 * packets print options: the header {@code type=00023, len=00016} (three digits in DHCPv4, five in
 * DHCPv6; an optional class name in brackets after the code), the generic hex body, sub-options
 * after {@code ,\noptions:} each on its own line two spaces deeper, and the typed bodies of Kea's
 * option classes chosen by the definition: OptionInt {@code 0 (uint16)}, OptionIntArray
 * {@code 23(uint16) 24(uint16)}, an IPv6 address list, OptionString {@code "text" (string)} and
 * OptionCustom (each field as {@code value (type)}).
 */
public final class KeaOptionText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KeaOptionText() {
    }

    /** Kea's {@code headerToText}: indentation, code, optional class name, length of the payload. */
    public static StringBuilder header(StringBuilder b, Universe u, int indent, int code, String name, int length) {
        int width = u == Universe.V4 ? 3 : 5;
        b.append(" ".repeat(indent)).append("type=");
        pad(b, code, width);
        if (name != null) {
            b.append('(').append(name).append(')');
        }
        b.append(", len=");
        pad(b, length, width);
        return b;
    }

    /** Kea's generic {@code Option::toText} body: {@code ": "} and the bytes in colon-separated hex. */
    public static StringBuilder hexBody(StringBuilder b, byte[] data, int from, int to) {
        b.append(": ");
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(':');
            }
            b.append(HEX[(data[i] >> 4) & 0xf]).append(HEX[data[i] & 0xf]);
        }
        return b;
    }

    /** The size of one value of an integer type (or an IPv4 address), 0 for other types. */
    public static int fixedSize(OptionDataType t) {
        return switch (t) {
            case BOOLEAN, UINT8, INT8 -> 1;
            case UINT16, INT16 -> 2;
            case UINT32, INT32, IPV4_ADDRESS -> 4;
            case IPV6_ADDRESS -> 16;
            default -> 0;
        };
    }

    public static boolean integer(OptionDataType t) {
        return switch (t) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32 -> true;
            default -> false;
        };
    }

    /** A big-endian integer value of {@code t} at {@code at}, signed types sign-extended. */
    public static long integer(OptionDataType t, byte[] p, int at) {
        int size = fixedSize(t);
        long v = 0;
        for (int j = 0; j < size; j++) {
            v = (v << 8) | (p[at + j] & 0xff);
        }
        return switch (t) {
            case INT8 -> (byte) v;
            case INT16 -> (short) v;
            case INT32 -> (int) v;
            default -> v;
        };
    }

    /** OptionInt's body: {@code ": 1500 (uint16)"}. */
    public static StringBuilder intBody(StringBuilder b, OptionDataType t, byte[] p, int at) {
        return b.append(": ").append(integer(t, p, at)).append(" (").append(t.keaName()).append(')');
    }

    /** OptionIntArray's body: {@code ":"} then {@code " 23(uint16)"} per value. */
    public static StringBuilder intArrayBody(StringBuilder b, OptionDataType t, byte[] p, int from, int to) {
        b.append(':');
        int size = fixedSize(t);
        for (int i = from; i + size <= to; i += size) {
            b.append(' ').append(integer(t, p, i)).append('(').append(t.keaName()).append(')');
        }
        return b;
    }

    /** Option6AddrLst's body: {@code ":"} then {@code " 2001:db8::53"} per address. */
    public static StringBuilder addressListBody(StringBuilder b, byte[] p, int from, int to) {
        b.append(':');
        for (int i = from; i + 16 <= to; i += 16) {
            b.append(' ').append(Ipv6Address.of(p, i));
        }
        return b;
    }

    /** OptionString's body: {@code ": \"text\" (string)"}. */
    public static StringBuilder stringBody(StringBuilder b, byte[] p, int from, int to) {
        return b.append(": \"").append(new String(p, from, to - from, StandardCharsets.ISO_8859_1)).append("\" (string)");
    }

    /**
     * OptionCustom's body: {@code ":"} then {@code " value (type)"} per field (a record's fields in
     * order, an array's values); null when the payload does not split into the definition's fields
     * (Kea would not have parsed such an option).
     */
    public static String customBody(OptionDefinition d, byte[] p, int from, int to) {
        if (d.type() == OptionDataType.INTERNAL) {
            // Kea's own option classes (classless routes, DNR) print themselves; otherwise bytes.
            return null;
        }
        StringBuilder b = new StringBuilder(":");
        int at = from;
        if (d.type() == OptionDataType.RECORD) {
            List<OptionDataType> fields = d.recordTypes();
            for (int i = 0; i < fields.size(); i++) {
                OptionDataType t = fields.get(i);
                boolean last = i == fields.size() - 1;
                int end = fieldEnd(t, p, at, to, last);
                if (end < 0) {
                    return null;
                }
                b.append(' ');
                field(b, t, p, at, end);
                at = end;
            }
            return b.toString();
        }
        if (d.type() == OptionDataType.EMPTY) {
            return b.toString();
        }
        do {
            int end = fieldEnd(d.type(), p, at, to, !d.array());
            if (end < 0) {
                return null;
            }
            b.append(' ');
            field(b, d.type(), p, at, end);
            at = end;
        } while (d.array() && at < to);
        return b.toString();
    }

    /** Where a field starting at {@code at} ends; -1 when truncated. */
    private static int fieldEnd(OptionDataType t, byte[] p, int at, int to, boolean rest) {
        int size = fixedSize(t);
        if (size > 0) {
            return at + size <= to ? at + size : -1;
        }
        return switch (t) {
            case FQDN -> {
                int i = at;
                while (i < to) {
                    int len = p[i] & 0xff;
                    i++;
                    if (len == 0) {
                        yield i;
                    }
                    i += len;
                }
                yield -1;
            }
            case IPV6_PREFIX -> at + 1 + ((p[at] & 0xff) + 7) / 8 <= to && at < to ? at + 1 + ((p[at] & 0xff) + 7) / 8
                    : -1;
            case PSID -> at + 3 <= to ? at + 3 : -1;
            default -> rest && at <= to ? to : -1;
        };
    }

    /** Kea's {@code dataFieldToText}: the value, then its type in brackets. */
    private static void field(StringBuilder b, OptionDataType t, byte[] p, int at, int end) {
        switch (t) {
            case BINARY -> {
                for (int i = at; i < end; i++) {
                    b.append(Character.toUpperCase(HEX[(p[i] >> 4) & 0xf])).append(Character.toUpperCase(HEX[p[i] & 0xf]));
                }
            }
            case BOOLEAN -> b.append(p[at] != 0 ? "true" : "false");
            case UINT8, INT8, UINT16, INT16, UINT32, INT32 -> b.append(integer(t, p, at));
            case IPV4_ADDRESS -> b.append(p[at] & 0xff).append('.').append(p[at + 1] & 0xff).append('.')
                    .append(p[at + 2] & 0xff).append('.').append(p[at + 3] & 0xff);
            case IPV6_ADDRESS -> b.append(Ipv6Address.of(p, at));
            case FQDN -> b.append('"').append(fqdn(p, at, end)).append('"');
            case STRING -> b.append('"').append(new String(p, at, end - at, StandardCharsets.ISO_8859_1)).append('"');
            default -> {
                // Kea prints no value for prefixes, PSIDs and tuples, only their type
            }
        }
        b.append(" (").append(t.keaName()).append(')');
    }

    private static String fqdn(byte[] p, int at, int end) {
        StringBuilder name = new StringBuilder();
        int i = at;
        while (i < end) {
            int len = p[i++] & 0xff;
            if (len == 0) {
                break;
            }
            name.append(new String(p, i, Math.min(len, end - i), StandardCharsets.ISO_8859_1)).append('.');
            i += len;
        }
        return name.toString();
    }

    private static void pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }
}
