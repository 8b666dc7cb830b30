package ruru.wire.v4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;

/**
 * The Encrypted DNS options of RFC 9463: DHCPv6 option 144 ({@code v6-dnr}) and DHCPv4 option 162
 * ({@code v4-dnr}), in Kea 3's configuration notation and wire checks (Kea 2.2 has neither option).
 *
 * <p>Notation, per instance: {@code priority, adn[, addr addr ...[, key=value key=value ...]]}; v4 takes
 * several instances separated by {@code |}; alpn ids are separated by escaped commas ({@code \,}).
 * Kea 3's rules kept: the priority and port are boost lexical casts to uint16; the ADN is a DNS name
 * (lower-cased, made absolute); only alpn (registered ids), port and dohpath (with a {@code {?dns}}
 * variable) are accepted, written in key order; an HTTP alpn id needs dohpath; alpn is not required.
 *
 * <p>Wire, v6: priority (2), ADN length (2), ADN, then optionally address length (2), addresses and
 * SvcParams. v4, per instance: instance length (2), priority (2), ADN length (1), ADN, then optionally
 * address length (1), addresses and SvcParams. SvcParams are RFC 9460 key (2), length (2), value.
 */
public final class DnrText {

    private static final List<String> KEYS = List.of("mandatory", "alpn", "no-default-alpn", "port", "ipv4hint",
            "ech", "ipv6hint", "dohpath", "ohttp");
    private static final Set<String> FORBIDDEN = Set.of("ipv4hint", "ipv6hint");
    private static final int ALPN = 1;
    private static final int PORT = 3;
    private static final int DOHPATH = 7;
    private static final Set<Integer> SUPPORTED = Set.of(ALPN, PORT, DOHPATH);
    /** The ALPN protocol ids Kea 3 accepts (the IANA registry as Kea 3 copied it). */
    private static final Set<String> ALPN_IDS = Set.of("http/0.9", "http/1.0", "http/1.1", "spdy/1", "spdy/2",
            "spdy/3", "stun.turn", "stun.nat-discovery", "h2", "h2c", "webrtc", "c-webrtc", "ftp", "imap", "pop3",
            "managesieve", "coap", "xmpp-client", "xmpp-server", "acme-tls/1", "mqtt", "dot", "ntske/1", "sunrpc",
            "h3", "smb", "irc", "nntp", "nnsp", "doq", "sip/2", "tds/8.0", "dicom");
    private static final int V6_DNR = 144;
    private static final String BAD_CAST = "bad lexical cast: source type value could not be interpreted as target";

    private DnrText() {
    }

    /** True for {@code v6-dnr}, false for {@code v4-dnr}, null for any other definition. */
    static Boolean family(OptionDefinition def) {
        if (def.code() == OptionCodes.V4_DNR && def.space().equals(StandardV4Definitions.DHCP4)) {
            return false;
        }
        if (def.code() == V6_DNR && def.space().equals("dhcp6")) {
            return true;
        }
        return null;
    }

    private static String prefix(boolean v6) {
        return v6 ? "DHCPv6 Encrypted DNS Option (144) malformed: " : "DHCPv4 Encrypted DNS Option (162) malformed: ";
    }

    /** Kea 3's convenient notation to wire data (the option's payload, no code or length). */
    static byte[] fromText(String text, boolean v6) throws WireFormatException {
        if (v6) {
            return instance(text, true);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String instance : KeaText.tokens(text, "|")) {
            byte[] body = instance(instance, false);
            out.write(body.length >>> 8);
            out.write(body.length);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] instance(String text, boolean v6) throws WireFormatException {
        String p = prefix(v6);
        List<String> fields = KeaText.tokens(text, ",");
        if (fields.size() < 2) {
            throw new WireFormatException(p + "Option config requires at least comma separated Service Priority and ADN");
        }
        if (fields.size() > 4) {
            throw new WireFormatException(p + "Option config supports maximum 4 comma separated fields: Service Priority,"
                    + " ADN, resolver IP address(es) and SvcParams");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String priorityText = KeaText.trim(fields.get(0));
        int priority = lexicalU16(priorityText);
        if (priority < 0) {
            throw new WireFormatException(p + "Cannot parse uint_16 integer Service priority from given value: "
                    + priorityText + ". Error: " + BAD_CAST);
        }
        body.write(priority >>> 8);
        body.write(priority);
        String adnText = KeaText.trim(fields.get(1));
        byte[] adn;
        try {
            adn = nameFromText(adnText);
        } catch (WireFormatException e) {
            throw new WireFormatException(p + "Cannot parse ADN FQDN from given value: " + adnText + ". Error: "
                    + e.getMessage());
        }
        lengthField(body, adn.length, v6);
        body.writeBytes(adn);
        if (fields.size() > 2) {
            byte[] addresses = addresses(KeaText.trim(fields.get(2)), v6);
            if (!v6 && addresses.length > 255) {
                // Kea 3 writes the low byte of the length here; ruru refuses what it could not encode.
                throw new WireFormatException(p + "Addr Len=" + addresses.length
                        + " does not fit the 1-octet Addr Length field (63 IPv4 addresses at most)");
            }
            lengthField(body, addresses.length, v6);
            body.writeBytes(addresses);
        }
        if (fields.size() == 4) {
            body.writeBytes(svcParams(KeaText.trim(fields.get(3)), p));
        }
        if (!v6 && body.size() > 65535) {
            throw new WireFormatException(p + "DNR instance data length " + body.size() + " exceeds 65535");
        }
        return body.toByteArray();
    }

    private static void lengthField(ByteArrayOutputStream out, int length, boolean twoOctets) {
        if (twoOctets) {
            out.write(length >>> 8);
        }
        out.write(length);
    }

    /**
     * boost::lexical_cast&lt;uint16_t&gt;: an optional sign then decimal digits only; a minus wraps
     * the value around (so "-1" is 65535, as boost casts it). -1 when the text does not convert.
     */
    static int lexicalU16(String s) {
        int i = 0;
        boolean minus = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            minus = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            return -1;
        }
        int v = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > 65535) {
                return -1;
            }
        }
        return minus ? (65536 - v) & 0xFFFF : v;
    }

    /** Kea's space tokens without escapes: runs of spaces split, empty tokens dropped. */
    private static List<String> words(String text, char delim) {
        List<String> out = new ArrayList<>();
        for (String t : text.split(java.util.regex.Pattern.quote(String.valueOf(delim)))) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static byte[] addresses(String text, boolean v6) throws WireFormatException {
        String p = prefix(v6);
        String family = v6 ? "IPv6" : "IPv4";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String word : words(text, ' ')) {
            String a = KeaText.trim(word);
            byte[] bytes;
            try {
                bytes = anyAddress(a);
            } catch (WireFormatException e) {
                throw new WireFormatException(p + "Cannot parse " + family + " address from given value: " + word
                        + ". Error: " + e.getMessage());
            }
            if (bytes.length != (v6 ? 16 : 4)) {
                throw new WireFormatException(p + "Cannot parse " + family + " address from given value: " + word
                        + ". Error: Given address is not " + family + " address.");
            }
            out.writeBytes(bytes);
        }
        if (out.size() == 0) {
            throw new WireFormatException(p + "Option config requires at least one valid IP address.");
        }
        return out.toByteArray();
    }

    /** IOAddress(text): either family, with asio's failure text. */
    private static byte[] anyAddress(String a) throws WireFormatException {
        try {
            return a.indexOf(':') >= 0 ? Ipv6Address.parse(a).toBytes() : Ipv4Address.parse(a).toBytes();
        } catch (WireFormatException | RuntimeException e) {
            throw new WireFormatException("Failed to convert string to address '" + a + "': Invalid argument");
        }
    }

    private static byte[] svcParams(String text, String p) throws WireFormatException {
        TreeMap<Integer, byte[]> params = new TreeMap<>();
        boolean http = false;
        String bad = p + "Wrong Svc Params syntax - ";
        for (String pair : words(text, ' ')) {
            List<String> kv = words(KeaText.trim(pair), '=');
            if (kv.size() != 2) {
                throw new WireFormatException(bad + "SvcParamKey=SvcParamValue pair syntax must be used");
            }
            String key = KeaText.trim(kv.get(0));
            if (FORBIDDEN.contains(key)) {
                throw new WireFormatException(bad + "key " + key + " must not be used");
            }
            int k = KEYS.indexOf(key);
            if (k < 0) {
                throw new WireFormatException(bad + "key " + key + " not found in SvcParamKeys registry");
            }
            if (!SUPPORTED.contains(k)) {
                throw new WireFormatException(bad + "key " + key + " not supported in DNR option SvcParams");
            }
            if (params.containsKey(k)) {
                throw new WireFormatException(bad + "key " + key + " is duplicated.");
            }
            String value = KeaText.trim(kv.get(1));
            if (value.isEmpty()) {
                throw new WireFormatException(bad + "empty SvcParamValue for key " + key);
            }
            switch (k) {
                case ALPN -> {
                    ByteArrayOutputStream ids = new ByteArrayOutputStream();
                    for (String id : words(value, ',')) {
                        if (!ALPN_IDS.contains(id)) {
                            throw new WireFormatException(bad + "alpn-id " + id + " not found in ALPN-IDs registry");
                        }
                        http |= id.charAt(0) == 'h';
                        ids.write(id.length());
                        ids.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
                    }
                    params.put(k, ids.toByteArray());
                }
                case PORT -> {
                    int port = lexicalU16(value);
                    if (port < 0) {
                        throw new WireFormatException(p + "Cannot parse uint_16 integer port nr from given value: "
                                + value + ". Error: " + BAD_CAST);
                    }
                    params.put(k, new byte[] {(byte) (port >>> 8), (byte) port});
                }
                default -> {
                    if (!value.contains("{?dns}")) {
                        throw new WireFormatException(bad + "dohpath SvcParamValue URI Template MUST contain a 'dns'"
                                + " variable.");
                    }
                    params.put(k, latin1ToUtf8(value.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        if (http && !params.containsKey(DOHPATH)) {
            throw new WireFormatException(bad + "dohpath SvcParam missing. When alpn SvcParam indicates support for"
                    + " HTTP, dohpath must be present.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : params.entrySet()) {
            out.write(0);
            out.write(e.getKey());
            out.write(e.getValue().length >>> 8);
            out.write(e.getValue().length);
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }

    /**
     * Kea 3's encodeUtf8 of the dohpath: every byte of the configured (already UTF-8) text is taken as
     * a Latin-1 code point, so ASCII passes unchanged and other bytes come out as two octets each.
     */
    private static byte[] latin1ToUtf8(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (byte b : in) {
            int c = b & 0xff;
            if (c < 0x80) {
                out.write(c);
            } else {
                out.write(0xc0 | (c >>> 6));
                out.write(0x80 | (c & 0x3f));
            }
        }
        return out.toByteArray();
    }

    /**
     * isc::dns::Name(text, downcase=true) in wire form: always absolute, "." and "@" are the root,
     * "\X" and "\DDD" escapes, labels of 63 octets, 255 octets in all; Kea's error texts.
     */
    static byte[] nameFromText(String text) throws WireFormatException {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream nd = new ByteArrayOutputStream();
        byte[] data = new byte[255];
        int size = 0;
        int labelAt = 0;
        int count = 0;
        int digits = 0;
        int value = 0;
        int state = 0; // 0 init, 1 start, 2 ordinary, 3 initial escape, 4 escape, 5 escaped decimal
        boolean done = false;
        int i = 0;
        while (size < 255 && i < s.length && !done) {
            int c = s[i++] & 0xff;
            if (state == 0) {
                if (c == '.' || (c == '@' && i == s.length)) {
                    if (c == '.' && i != s.length) {
                        throw new WireFormatException("non terminating empty label in " + text);
                    }
                    data[size++] = 0;
                    done = true;
                    continue;
                }
            }
            if (state == 0 || state == 1) {
                labelAt = size;
                data[size++] = 0;
                count = 0;
                if (c == '\\') {
                    state = 3;
                    continue;
                }
                state = 2;
            }
            if (state == 2) {
                if (c == '.') {
                    if (count == 0) {
                        throw new WireFormatException("duplicate period in " + text);
                    }
                    data[labelAt] = (byte) count;
                    if (i == s.length) {
                        data[size++] = 0;
                        done = true;
                    }
                    state = 1;
                } else if (c == '\\') {
                    state = 4;
                } else {
                    if (++count > 63) {
                        throw new WireFormatException("label is too long in " + text);
                    }
                    data[size++] = (byte) lower(c);
                }
                continue;
            }
            if (state == 3 && c == '[') {
                throw new WireFormatException("invalid label type in " + text);
            }
            if (state == 3 || state == 4) {
                if (c < '0' || c > '9') {
                    if (++count > 63) {
                        throw new WireFormatException("label is too long in " + text);
                    }
                    data[size++] = (byte) lower(c);
                    state = 2;
                    continue;
                }
                digits = 0;
                value = 0;
                state = 5;
            }
            if (c < '0' || c > '9') {
                throw new WireFormatException("mixture of escaped digit and non-digit in " + text);
            }
            value = value * 10 + (c - '0');
            if (++digits == 3) {
                if (value > 255) {
                    throw new WireFormatException("escaped decimal is too large in " + text);
                }
                if (++count > 63) {
                    throw new WireFormatException("label is too long in " + text);
                }
                data[size++] = (byte) lower(value);
                state = 2;
            }
        }
        if (!done) {
            if (size == 255) {
                throw new WireFormatException("name is too long for termination in " + text);
            }
            if (state != 2) {
                throw new WireFormatException("incomplete textual name in " + (text.isEmpty() ? "<empty>" : text));
            }
            data[labelAt] = (byte) count;
            data[size++] = 0;
        }
        nd.write(data, 0, size);
        return nd.toByteArray();
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** The checks Kea 3 makes when it unpacks the option from wire data (csv-format false). */
    static void check(byte[] b, boolean v6) throws WireFormatException {
        String p = prefix(v6);
        if (v6) {
            if (b.length < 4) {
                throw new WireFormatException(p + "data truncated to size " + b.length);
            }
            checkInstance(b, 0, b.length, true, p);
            return;
        }
        int q = 0;
        while (q < b.length) {
            if (b.length - q < 5) {
                throw new WireFormatException(p + "DNR instance data truncated to size " + (b.length - q));
            }
            int len = u16(b, q);
            q += 2;
            if (b.length - q < len) {
                throw new WireFormatException(p + "DNR instance data truncated to size " + (b.length - q)
                        + " but it was supposed to be " + len);
            }
            checkInstance(b, q, q + len, false, p);
            q += len;
        }
    }

    /** One instance from its priority to {@code end}; returns nothing, throws Kea's unpack texts. */
    private static void checkInstance(byte[] b, int from, int end, boolean v6, String p) throws WireFormatException {
        int q = from + 2;
        int lenSize = v6 ? 2 : 1;
        int adnLen;
        try {
            adnLen = tuple(b, q, end, lenSize);
        } catch (WireFormatException e) {
            throw new WireFormatException(p + "failed to unpack ADN data - " + e.getMessage());
        }
        if (adnLen == 0) {
            throw new WireFormatException(p + "Mandatory Authentication Domain Name fully qualified domain-name is"
                    + " missing");
        }
        try {
            nameFromWire(b, q + lenSize, q + lenSize + adnLen);
        } catch (WireFormatException e) {
            throw new WireFormatException(p + "Failed to parse fully qualified domain-name from wire format - "
                    + e.getMessage());
        }
        q += lenSize + adnLen;
        if (q == end) {
            return;
        }
        int addrLen;
        int size = v6 ? 16 : 4;
        if (v6) {
            if (end - q < 2) {
                throw new WireFormatException(p + "after ADN field, there should be at least 2 bytes long Addr Length"
                        + " field");
            }
            addrLen = u16(b, q);
        } else {
            try {
                addrLen = tuple(b, q, end, 1);
            } catch (WireFormatException e) {
                throw new WireFormatException(p + "failed to unpack IP Addresses data - " + e.getMessage());
            }
        }
        if (addrLen % size != 0) {
            throw new WireFormatException(p + "Addr Len=" + addrLen + " is not divisible by " + size);
        }
        if (addrLen == 0) {
            throw new WireFormatException(p + "Addr Len=0 but it must contain at least one valid IP address");
        }
        q += lenSize;
        if (v6 && end - q < addrLen) {
            throw new WireFormatException(p + "Addr Len=" + addrLen + " but IPv6 address(es) are truncated to len="
                    + (end - q));
        }
        q += addrLen;
        int previous = -1;
        List<Integer> seen = new ArrayList<>();
        String bad = p + "Wrong Svc Params syntax - ";
        while (q < end) {
            if (end - q < 4) {
                throw new WireFormatException(p + "DNR SvcParams data truncated to size " + (end - q));
            }
            int key = u16(b, q);
            q += 2;
            if (key >= KEYS.size()) {
                throw new WireFormatException(bad + "key " + key + " not found in SvcParamKeys registry");
            }
            String name = KEYS.get(key);
            if (FORBIDDEN.contains(name)) {
                throw new WireFormatException(bad + "key " + name + " must not be used");
            }
            if (!SUPPORTED.contains(key)) {
                throw new WireFormatException(bad + "key " + name + " not supported in DNR option SvcParams");
            }
            if (seen.contains(key)) {
                throw new WireFormatException(bad + "key " + name + " is duplicated.");
            }
            if (key <= previous) {
                throw new WireFormatException(bad + "SvcParamKeys SHALL appear in increasing numeric order.");
            }
            previous = key;
            seen.add(key);
            int vlen;
            try {
                vlen = tuple(b, q, end, 2);
            } catch (WireFormatException e) {
                throw new WireFormatException(bad + "failed to unpack SvcParamVal for SvcParamKey " + name
                        + ". Error: " + e.getMessage());
            }
            q += 2 + vlen;
        }
    }

    /** A copy of well-formed wire data with every ADN lower-cased (A-Z only), as isc::dns::Name keeps it. */
    static byte[] lowerAdns(byte[] b, boolean v6) {
        byte[] out = b.clone();
        int q = 0;
        while (q < out.length) {
            int end = v6 ? out.length : q + 2 + u16(out, q);
            int adn = v6 ? q + 4 : q + 5;
            int adnEnd = adn + (v6 ? u16(out, q + 2) : out[q + 4] & 0xff);
            for (int i = adn; i < adnEnd; i++) {
                out[i] = (byte) lower(out[i] & 0xff);
            }
            q = end;
        }
        return out;
    }

    /** OpaqueDataTuple::unpack: the length of the tuple at {@code q}, with Kea's texts. */
    private static int tuple(byte[] b, int q, int end, int lenSize) throws WireFormatException {
        if (end - q < lenSize) {
            throw new WireFormatException("unable to parse the opaque data tuple, the buffer length is "
                    + Math.max(0, end - q) + ", expected at least " + lenSize);
        }
        int len = lenSize == 1 ? b[q] & 0xff : u16(b, q);
        if (end - q - lenSize < len) {
            throw new WireFormatException("unable to parse the opaque data tuple, the buffer length is "
                    + (end - q - lenSize) + ", but the tuple length is " + len);
        }
        return len;
    }

    /** isc::dns::Name from wire, no compression allowed here; what follows the root label is ignored. */
    private static String nameFromWire(byte[] b, int from, int end) throws WireFormatException {
        StringBuilder sb = new StringBuilder();
        int q = from;
        int used = 0;
        while (q < end) {
            int c = b[q++] & 0xff;
            if (c == 0) {
                return sb.isEmpty() ? "." : sb.toString();
            }
            if (c <= 63) {
                if (used + c + 1 > 255) {
                    throw new WireFormatException("wire name is too long: " + (used + c + 1) + " bytes");
                }
                used += c + 1;
                if (end - q < c) {
                    break;
                }
                sb.append(new String(b, q, c, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT))
                        .append('.');
                q += c;
            } else if ((c & 0xc0) == 0xc0) {
                if (q >= end) {
                    break;
                }
                // The name starts the buffer Kea reads it from, so every pointer points forward.
                int target = ((c & 0x3f) << 8) | (b[q] & 0xff);
                throw new WireFormatException("bad compression pointer (out of range): " + target);
            } else {
                throw new WireFormatException("unknown label character: " + c);
            }
        }
        throw new WireFormatException("incomplete wire-format name");
    }

    private static int u16(byte[] b, int q) {
        return ((b[q] & 0xff) << 8) | (b[q + 1] & 0xff);
    }

    /**
     * Kea 3's {@code Option6Dnr::toText} / {@code Option4Dnr::toText} of the option (as its packet dumps
     * print it), or null when the data is not well formed (the caller prints bytes).
     */
    public static String logText(byte[] b, boolean v6, int indent) {
        try {
            check(b, v6);
            StringBuilder sb = new StringBuilder(" ".repeat(indent)).append("type=").append(v6 ? "144(V6_DNR)"
                    : "162(V4_DNR)").append(", len=").append(b.length);
            if (v6) {
                return instanceLog(sb.append(", "), b, 0, b.length, true).toString();
            }
            int n = 0;
            for (int q = 0; q < b.length;) {
                int len = u16(b, q);
                sb.append(", DNR Instance ").append(++n).append("(Instance len=").append(len).append(", ");
                instanceLog(sb, b, q + 2, q + 2 + len, false).append(')');
                q += 2 + len;
            }
            return sb.toString();
        } catch (WireFormatException | RuntimeException e) {
            return null;
        }
    }

    /** DnrInstance::getDnrInstanceAsText of one well-formed instance. */
    private static StringBuilder instanceLog(StringBuilder sb, byte[] b, int from, int end, boolean v6) {
        int lenSize = v6 ? 2 : 1;
        int q = from + 2;
        int adnLen = lenSize == 1 ? b[q] & 0xff : u16(b, q);
        sb.append("service_priority=").append(u16(b, from)).append(", adn_length=").append(adnLen).append(", adn='")
                .append(nameText(b, q + lenSize)).append('\'');
        q += lenSize + adnLen;
        if (q == end) {
            return sb;
        }
        int addrLen = lenSize == 1 ? b[q] & 0xff : u16(b, q);
        q += lenSize;
        sb.append(", addr_length=").append(addrLen).append(", address(es):");
        for (int a = 0; a < addrLen; a += v6 ? 16 : 4) {
            sb.append(' ').append(v6 ? Ipv6Address.of(b, q + a) : Ipv4Address.of(b, q + a));
        }
        q += addrLen;
        if (q < end) {
            sb.append(", svc_params='");
            for (boolean first = true; q < end; first = false) {
                int key = u16(b, q);
                int vlen = u16(b, q + 2);
                int v = q + 4;
                sb.append(first ? "" : " ").append(KEYS.get(key)).append('=');
                if (key == ALPN) {
                    for (int r = v; r < v + vlen; r += 1 + (b[r] & 0xff)) {
                        sb.append(r == v ? "" : ",").append(new String(b, r + 1, Math.min(b[r] & 0xff, v + vlen - r - 1),
                                StandardCharsets.ISO_8859_1));
                    }
                } else if (key == PORT) {
                    sb.append(vlen >= 2 ? u16(b, v) : 0);
                } else {
                    sb.append(new String(b, v, vlen, StandardCharsets.ISO_8859_1));
                }
                q = v + vlen;
            }
            sb.append('\'');
        }
        return sb;
    }

    /** isc::dns::Name::toText of a well-formed (lower-cased) wire name: RFC 1035 escapes, a final dot. */
    private static String nameText(byte[] b, int from) {
        StringBuilder sb = new StringBuilder();
        int q = from;
        for (int len = b[q] & 0xff; len != 0; len = b[q] & 0xff) {
            for (int i = q + 1; i <= q + len; i++) {
                int c = lower(b[i] & 0xff);
                if ("\"().;\\@$".indexOf(c) >= 0) {
                    sb.append('\\').append((char) c);
                } else if (c > 0x20 && c < 0x7f) {
                    sb.append((char) c);
                } else {
                    sb.append('\\').append(String.format("%03d", c));
                }
            }
            sb.append('.');
            q += 1 + len;
        }
        return sb.isEmpty() ? "." : sb.toString();
    }

    /** The wire data in Kea 3's notation (re-parseable by {@link #fromText}); throws when not well formed. */
    static String toText(byte[] b, boolean v6) throws WireFormatException {
        check(b, v6);
        if (v6) {
            return instanceText(b, 0, b.length, true);
        }
        StringBuilder sb = new StringBuilder();
        int q = 0;
        while (q < b.length) {
            int len = u16(b, q);
            sb.append(sb.isEmpty() ? "" : " | ").append(instanceText(b, q + 2, q + 2 + len, false));
            q += 2 + len;
        }
        return sb.toString();
    }

    private static String instanceText(byte[] b, int from, int end, boolean v6) throws WireFormatException {
        int lenSize = v6 ? 2 : 1;
        StringBuilder sb = new StringBuilder().append(u16(b, from));
        int q = from + 2;
        int adnLen = lenSize == 1 ? b[q] & 0xff : u16(b, q);
        sb.append(", ").append(KeaText.escape(nameFromWire(b, q + lenSize, q + lenSize + adnLen)));
        q += lenSize + adnLen;
        if (q == end) {
            return sb.toString();
        }
        int addrLen = lenSize == 1 ? b[q] & 0xff : u16(b, q);
        q += lenSize;
        sb.append(", ");
        for (int a = 0; a < addrLen; a += v6 ? 16 : 4) {
            sb.append(a == 0 ? "" : " ").append(v6 ? Ipv6Address.of(b, q + a) : Ipv4Address.of(b, q + a));
        }
        q += addrLen;
        String sep = ", ";
        while (q < end) {
            int key = u16(b, q);
            int vlen = u16(b, q + 2);
            int v = q + 4;
            sb.append(sep).append(KEYS.get(key)).append('=');
            sep = " ";
            if (key == ALPN) {
                for (int r = v; r < v + vlen;) {
                    int idLen = b[r] & 0xff;
                    if (r + 1 + idLen > v + vlen) {
                        throw new WireFormatException("bad alpn");
                    }
                    sb.append(r == v ? "" : "\\,").append(new String(b, r + 1, idLen, StandardCharsets.US_ASCII));
                    r += 1 + idLen;
                }
            } else if (key == PORT) {
                if (vlen != 2) {
                    throw new WireFormatException("bad port");
                }
                sb.append(u16(b, v));
            } else {
                sb.append(OptionValues.utf8(b, v, v + vlen));
            }
            q = v + vlen;
        }
        return sb.toString();
    }
}
