package ruru.wire.v4;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/** One data field of each Kea type: text to bytes (Kea's OptionDefinition::writeToBuffer rules) and back. */
final class FieldCodec {

    private FieldCodec() {
    }

    static void write(OptionDefinition def, OptionDataType type, String v, ByteArrayOutputStream out)
            throws WireFormatException {
        switch (type) {
            case BINARY -> out.writeBytes(KeaText.binaryField(v));
            case BOOLEAN -> out.write(bool(v) ? 1 : 0);
            case UINT8 -> out.write((int) KeaText.integer(v, 0, 255));
            case INT8 -> out.write((int) KeaText.integer(v, -128, 127));
            case UINT16 -> u16(out, (int) KeaText.integer(v, 0, 65535));
            case INT16 -> u16(out, (int) KeaText.integer(v, -32768, 32767));
            case UINT32 -> u32(out, KeaText.integer(v, 0, 4294967295L));
            case INT32 -> u32(out, KeaText.integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case IPV4_ADDRESS -> out.writeBytes(address(v).toBytes());
            case IPV6_ADDRESS -> out.writeBytes(v.indexOf(':') < 0 ? address(v).toBytes() : ipv6(v));
            case IPV6_PREFIX -> prefix(v, out);
            case PSID -> psid(v, out);
            case STRING -> out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            case FQDN -> DomainNames.write(v, out);
            case TUPLE -> {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                if (twoByteTuples(def)) {
                    if (b.length > 65535) {
                        throw new WireFormatException("tuple '" + v + "' is longer than 65535 bytes");
                    }
                    u16(out, b.length);
                } else {
                    if (b.length > 255) {
                        throw new WireFormatException("tuple '" + v + "' is longer than 255 bytes");
                    }
                    out.write(b.length);
                }
                out.writeBytes(b);
            }
            default -> throw new WireFormatException(
                    "attempt to write invalid option data field type into the option buffer: " + type.keaName());
        }
    }

    /**
     * DHCPv6 tuples have two-byte lengths (RFC 8415 section 21.16), and Kea encodes DHCPv4 option
     * 143's URIs that way too (RFC 8572 section 8.3).
     */
    private static boolean twoByteTuples(OptionDefinition def) {
        return def.universe() == ruru.wire.Universe.V6
                || def.code() == OptionCodes.V4_SZTP_REDIRECT && OptionValues.isDhcp4(def);
    }

    private static boolean bool(String v) throws WireFormatException {
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equals("1") || v.equals("0")) {
            return v.equals("1");
        }
        boolean integer = !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-' || c == '+');
        // Kea's text, typo included.
        throw new WireFormatException(integer ? "unable to convert '" + v + "' to boolean data type"
                : "unable to covert the value '" + v + "' to boolean data type");
    }

    /**
     * An IPv6 address. An ipv6-address field given IPv4 text gets its 4 bytes, as Kea's writeAddress
     * does (the read-back check then refuses it with Kea's length text); a prefix refuses it here.
     */
    private static byte[] ipv6(String v) throws WireFormatException {
        if (v.indexOf(':') < 0) {
            address(v);
            throw new WireFormatException("provided address " + v + " is not a valid IPv4 or IPv6 address.");
        }
        try {
            InetAddress a = Inet6Address.ofLiteral(v);
            if (a instanceof Inet4Address v4) {
                byte[] b = new byte[16];
                b[10] = (byte) 0xff;
                b[11] = (byte) 0xff;
                System.arraycopy(v4.getAddress(), 0, b, 12, 4);
                return b;
            }
            return a.getAddress();
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("Failed to convert string to address '" + v + "': Invalid argument");
        }
    }

    private static void prefix(String value, ByteArrayOutputStream out) throws WireFormatException {
        String t = value.replace(" ", "").replace("\t", "");
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new WireFormatException("provided address/prefix " + value + " is not valid.");
        }
        byte[] addr = ipv6(t.substring(0, slash));
        int len;
        try {
            len = (int) KeaText.integer(t.substring(slash + 1), 0, 255);
        } catch (WireFormatException e) {
            throw new WireFormatException("provided prefix " + t.substring(slash + 1) + " is not valid.");
        }
        if (len > 128) {
            throw new WireFormatException("IPv6 prefix length " + len + " is greater than 128");
        }
        out.write(len);
        int bytes = (len + 7) / 8;
        for (int i = 0; i < bytes; i++) {
            int b = addr[i] & 0xff;
            if (i == bytes - 1 && len % 8 != 0) {
                b &= 0xff << (8 - len % 8);
            }
            out.write(b);
        }
    }

    /** Kea's "psid/psid-len" (RFC 7597 section 4.5): length byte, then the PSID left-aligned in 16 bits. */
    private static void psid(String value, ByteArrayOutputStream out) throws WireFormatException {
        String t = value.replace(" ", "").replace("\t", "");
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new WireFormatException("provided PSID value " + value + " is not valid");
        }
        int psid;
        int len;
        try {
            psid = (int) KeaText.integer(t.substring(0, slash), 0, 65535);
        } catch (WireFormatException e) {
            throw new WireFormatException("provided PSID " + t.substring(0, slash) + " is not valid");
        }
        try {
            len = (int) KeaText.integer(t.substring(slash + 1), 0, 255);
        } catch (WireFormatException e) {
            throw new WireFormatException("provided PSID length " + t.substring(slash + 1) + " is not valid");
        }
        if (len > 16) {
            throw new WireFormatException("invalid PSID length value " + len + ", this value is expected to be in"
                    + " range of 0 to 16");
        }
        if (len > 0 && psid > (0xffff >> (16 - len))) {
            throw new WireFormatException("invalid PSID value " + psid + " for a specified PSID length " + len);
        }
        out.write(len);
        u16(out, len == 0 ? 0 : (psid << (16 - len)) & 0xffff);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    static long u32(byte[] b, int p) {
        return ((b[p] & 0xffL) << 24) | ((b[p + 1] & 0xffL) << 16) | ((b[p + 2] & 0xffL) << 8) | (b[p + 3] & 0xffL);
    }

    /** Checks that the bytes have the definition's layout (Kea refuses such data at configuration). */
    /** Kea's inet_pton failure text. */
    private static Ipv4Address address(String v) throws WireFormatException {
        try {
            return Ipv4Address.parse(v);
        } catch (WireFormatException e) {
            throw new WireFormatException("Failed to convert string to address '" + v + "': Invalid argument");
        }
    }

    static void check(OptionDefinition def, byte[] b) throws WireFormatException {
        Boolean dnr = DnrText.family(def);
        if (dnr != null) {
            DnrText.check(b, dnr);
            return;
        }
        if (OptionValues.isDhcp4(def)) {
            switch (def.code()) {
                case OptionCodes.CLASSLESS_STATIC_ROUTE -> {
                    ClasslessRoutes.toText(b);
                    return;
                }
                case OptionCodes.VIVSO_SUBOPTIONS -> {
                    if (b.length < 4) {
                        throw new WireFormatException("Truncated vendor-specific information option, length="
                                + b.length);
                    }
                    return;
                }
                default -> {
                }
            }
        }
        if (def.type() == OptionDataType.IPV6_ADDRESS && def.array() && b.length % 16 != 0) {
            // Kea's Option6AddrLst text.
            throw new WireFormatException("Option " + def.code() + " malformed: len=" + b.length
                    + " is not divisible by 16.");
        }
        if (def.type() == OptionDataType.IPV4_ADDRESS && def.array() && b.length % 4 != 0) {
            // Kea's Option4AddrLst text, which scripts and users know from kea-dhcp4 -t.
            throw new WireFormatException("DHCPv4 Option4AddrLst " + def.code() + " has invalid length=" + b.length
                    + ", must be divisible by 4.");
        }
        read(def, b, false);
    }

    static List<String> read(OptionDefinition def, byte[] b) throws WireFormatException {
        return read(def, b, true);
    }

    /** With {@code text} false only the layout is checked: strings need not be UTF-8. */
    private static List<String> read(OptionDefinition def, byte[] b, boolean text) throws WireFormatException {
        List<String> out = new ArrayList<>();
        int[] pos = {0};
        OptionDataType type = def.type();
        if (type == OptionDataType.RECORD) {
            List<OptionDataType> fields = def.recordTypes();
            for (int i = 0; i < fields.size(); i++) {
                out.add(readField(def, fields.get(i), b, pos, true, text));
            }
            while (def.array() && pos[0] < b.length) {
                out.add(readField(def, fields.get(fields.size() - 1), b, pos, true, text));
            }
        } else if (def.array()) {
            if (b.length == 0 && type == OptionDataType.FQDN) {
                throw new WireFormatException("FQDN list option has invalid length of 0");
            }
            while (pos[0] < b.length) {
                out.add(readField(def, type, b, pos, false, text));
            }
        } else if (type != OptionDataType.EMPTY) {
            out.add(readField(def, type, b, pos, false, text));
        }
        if (pos[0] < b.length && def.encapsulate().isEmpty()) {
            throw new WireFormatException((b.length - pos[0]) + " bytes left over after the option's data");
        }
        return out;
    }

    private static String readField(OptionDefinition def, OptionDataType type, byte[] b, int[] pos, boolean inRecord,
            boolean decode)
            throws WireFormatException {
        int p = pos[0];
        int left = b.length - p;
        int size = type.fixedSize();
        if (size > 0 && left < size) {
            throw new WireFormatException("option buffer truncated");
        }
        String text = switch (type) {
            case BINARY -> HexFormat.of().formatHex(b, p, b.length);
            case STRING -> {
                if (left == 0 && !inRecord) {
                    throw new WireFormatException("option string is empty");
                }
                yield decode ? KeaText.escape(OptionValues.utf8(b, p, b.length)) : "";
            }
            case BOOLEAN -> {
                if (b[p] != 0 && b[p] != 1) {
                    throw new WireFormatException("unable to read the buffer as boolean value. Invalid value " + b[p]);
                }
                yield b[p] == 1 ? "true" : "false";
            }
            case UINT8 -> String.valueOf(b[p] & 0xff);
            case INT8 -> String.valueOf(b[p]);
            case UINT16 -> String.valueOf(((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
            case INT16 -> String.valueOf((short) (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff)));
            case UINT32 -> String.valueOf(u32(b, p));
            case INT32 -> String.valueOf((int) u32(b, p));
            case IPV4_ADDRESS -> Ipv4Address.of(b, p).toString();
            case IPV6_ADDRESS -> ipv6Text(java.util.Arrays.copyOfRange(b, p, p + 16));
            case PSID -> {
                int len = b[p] & 0xff;
                int raw = ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
                if (len > 16 || (len > 0 && (raw & (0xffff >>> len)) != 0) || (len == 0 && raw != 0)) {
                    throw new WireFormatException("invalid PSID value " + raw + " for a specified PSID length " + len);
                }
                yield (len == 0 ? 0 : raw >>> (16 - len)) + "/" + len;
            }
            case IPV6_PREFIX -> {
                if (left < 1) {
                    throw new WireFormatException("unable to read prefix length from a truncated buffer");
                }
                int len = b[p] & 0xff;
                int bytes = (len + 7) / 8;
                if (len > 128 || left - 1 < bytes) {
                    throw new WireFormatException("unable to read a prefix having length of " + len
                            + " from a truncated buffer");
                }
                byte[] a = new byte[16];
                System.arraycopy(b, p + 1, a, 0, bytes);
                size = 1 + bytes;
                yield ipv6Text(a) + "/" + len;
            }
            case FQDN -> {
                int[] q = {p};
                String name = DomainNames.read(b, q, b.length);
                size = q[0] - p;
                yield name;
            }
            case TUPLE -> {
                int lenBytes = twoByteTuples(def) ? 2 : 1;
                if (left < lenBytes) {
                    throw new WireFormatException("truncated tuple");
                }
                int len = lenBytes == 2 ? ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff) : b[p] & 0xff;
                if (left - lenBytes < len) {
                    throw new WireFormatException("truncated tuple");
                }
                size = lenBytes + len;
                yield decode ? KeaText.escape(OptionValues.utf8(b, p + lenBytes, p + lenBytes + len)) : "";
            }
            default -> throw new WireFormatException("no text form for " + type.keaName());
        };
        if (type == OptionDataType.BINARY || type == OptionDataType.STRING) {
            size = left;
        }
        pos[0] = p + size;
        return text;
    }

    private static String ipv6Text(byte[] a) {
        return ruru.wire.Ipv6Text.of(a);
    }
}
