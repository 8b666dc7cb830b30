package ruru.ddns.ncr;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.StringElement;

/**
 * NCRs in Kea's JSON format and on the wire: a datagram is a 2-byte big-endian length and that many
 * bytes of JSON, one request per datagram. The JSON is written with no spaces and a fixed member
 * order, in Kea 3's form ({@code conflict-resolution-mode} last); reading takes Kea 2.2's
 * {@code use-conflict-resolution} as well (Kea 3 prefers the mode when both are present) and
 * ignores members it does not know. Every failure carries Kea's text.
 */
public final class NcrJson {

    /** The largest JSON text a length prefix can describe. */
    public static final int MAX_JSON = 0xFFFF;

    private NcrJson() {
    }

    /** Kea 3's {@code toJSON}. */
    public static String toJson(NameChangeRequest ncr) {
        return "{\"change-type\":" + ncr.type().code()
                + ",\"forward-change\":" + ncr.forward()
                + ",\"reverse-change\":" + ncr.reverse()
                + ",\"fqdn\":\"" + ncr.fqdn() + "\""
                + ",\"ip-address\":\"" + ncr.addressText() + "\""
                + ",\"dhcid\":\"" + ncr.dhcid().toHex() + "\""
                + ",\"lease-expires-on\":\"" + ncr.leaseExpiresOnText() + "\""
                + ",\"lease-length\":" + ncr.leaseLength()
                + ",\"conflict-resolution-mode\":\"" + ncr.mode().keaName() + "\"}";
    }

    /** Length prefix and JSON: what goes into one UDP datagram. */
    public static byte[] toDatagram(NameChangeRequest ncr) {
        byte[] json = toJson(ncr).getBytes(StandardCharsets.UTF_8);
        if (json.length > MAX_JSON) {
            throw new IllegalArgumentException("NCR JSON longer than 65535 bytes");
        }
        byte[] out = new byte[json.length + 2];
        out[0] = (byte) (json.length >> 8);
        out[1] = (byte) json.length;
        System.arraycopy(json, 0, out, 2, json.length);
        return out;
    }

    /** Kea's {@code fromFormat(FMT_JSON)}: bytes past the announced length are ignored. */
    public static NameChangeRequest fromDatagram(byte[] data, int length) throws NcrException {
        if (length < 2) {
            throw new NcrException("fromFormat: buffer read error: read beyond end of buffer");
        }
        int len = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        if (len > length - 2) {
            throw new NcrException("fromFormat: buffer read error: read beyond end of buffer");
        }
        return fromJson(new String(data, 2, len, StandardCharsets.UTF_8));
    }

    /** Kea's {@code fromJSON}. */
    public static NameChangeRequest fromJson(String text) throws NcrException {
        Element root;
        try {
            root = Json.parse(text, ParseOptions.string());
        } catch (JsonException e) {
            throw new NcrException("Malformed NameChangeRequest JSON: error: " + e.detail() + " in " + e.position());
        }
        if (!(root instanceof MapElement map)) {
            throw new NcrException("Malformed NameChangeRequest JSON: expected a map, got " + root.typeName());
        }
        long typeCode = integer(required(map, "change-type"), "change_type");
        if (typeCode != 0 && typeCode != 1) {
            throw new NcrException("Invalid data value for change_type: " + typeCode);
        }
        ChangeType type = typeCode == 0 ? ChangeType.ADD : ChangeType.REMOVE;
        boolean forward = bool(required(map, "forward-change"), "forward-change");
        boolean reverse = bool(required(map, "reverse-change"), "reverse_change");
        String fqdn = fqdn(string(required(map, "fqdn"), "fqdn"));
        InetAddress address = address(string(required(map, "ip-address"), "ip_address"));
        Dhcid dhcid = Dhcid.fromHex(string(required(map, "dhcid"), "dhcid"));
        long expires = expires(string(required(map, "lease-expires-on"), "lease_expires_on"));
        long length = integer(required(map, "lease-length"), "lease_length");
        if (length > 0xFFFF_FFFFL) {
            throw new NcrException("lease_length value " + length + "is too large for unsigned 32-bit integer.");
        }
        if (length < 0) {
            throw new NcrException("lease_length value " + length
                    + "is negative.  It must greater than or equal to zero ");
        }
        ConflictResolutionMode mode = ConflictResolutionMode.CHECK_WITH_DHCID;
        Element legacy = map.get("use-conflict-resolution");
        if (legacy != null) {
            mode = ConflictResolutionMode.fromBoolean(bool(legacy, "use-conflict-resolution"));
        }
        Element modern = map.get("conflict-resolution-mode");
        if (modern != null) {
            String name = string(modern, "conflict-resolution-mode");
            mode = ConflictResolutionMode.byName(name).orElseThrow(
                    () -> new NcrException("Invalid data value for conflict-resolution-mode: " + name));
        }
        NameChangeRequest ncr = new NameChangeRequest(type, forward, reverse, fqdn, address, dhcid, expires, length,
                mode);
        ncr.validate();
        return ncr;
    }

    private static Element required(MapElement map, String name) throws NcrException {
        Element e = map.get(name);
        if (e == null) {
            throw new NcrException("NameChangeRequest value missing for: " + name);
        }
        return e;
    }

    private static long integer(Element e, String what) throws NcrException {
        if (e instanceof IntElement i) {
            return i.value();
        }
        throw new NcrException("Wrong data type for " + what + ": intValue() called on non-integer Element in ("
                + e.position() + ")");
    }

    private static boolean bool(Element e, String what) throws NcrException {
        if (e instanceof BoolElement b) {
            return b.value();
        }
        throw new NcrException("Wrong data type for " + what + ": boolValue() called on non-bool Element in ("
                + e.position() + ")");
    }

    private static String string(Element e, String what) throws NcrException {
        if (e instanceof StringElement s) {
            return s.value();
        }
        throw new NcrException("Wrong data type for " + what + ": stringValue() called on non-string Element in ("
                + e.position() + ")");
    }

    /** Kea's {@code dns::Name(value).toText()}: validated and made absolute. */
    static String fqdn(String value) throws NcrException {
        if (value.isEmpty()) {
            throw new NcrException("FQDN cannot be blank");
        }
        try {
            return Name.fromString(value, Name.root).toString();
        } catch (TextParseException e) {
            throw new NcrException("Invalid FQDN value: " + value + ", reason: " + e.getMessage());
        }
    }

    static InetAddress address(String value) throws NcrException {
        try {
            return InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            throw new NcrException("Invalid ip address string for ip_address: " + value);
        }
    }

    static long expires(String value) throws NcrException {
        if (value.length() != 14 || !value.chars().allMatch(Character::isDigit)) {
            throw new NcrException("Invalid date-time string: [" + value + "]");
        }
        try {
            return LocalDateTime.parse(value, NameChangeRequest.EXPIRES.withZone(null)).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new NcrException("Invalid date-time string: [" + value + "]");
        }
    }
}
