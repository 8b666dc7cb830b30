package ruru.wire.v4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * Option 162, DHCPv4 Encrypted DNS (RFC 9463 section 5.1), in Kea's notation: instances split by
 * '|', each "priority, adn[, addr addr ...[, key=value key=value ...]]" with alpn ids separated by
 * escaped commas. Wire per instance: data length (2), priority (2), ADN length (1), ADN, then
 * optionally address length (1), addresses and SvcParams (RFC 9460 key, length, value; ascending keys).
 */
final class DnrText {

    private static final List<String> KEYS = List.of("mandatory", "alpn", "no-default-alpn", "port", "ipv4hint",
            "ech", "ipv6hint", "dohpath", "ohttp");

    private DnrText() {
    }

    static byte[] fromText(String text) throws WireFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String instance : text.split("\\|")) {
            List<String> fields = KeaText.tokens(instance, ",");
            if (fields.size() < 2) {
                throw new WireFormatException("DHCPv4 Encrypted DNS instance '" + KeaText.trim(instance)
                        + "' needs at least a service priority and an ADN");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int priority = (int) KeaText.integer(KeaText.trim(fields.get(0)), 0, 65535);
            body.write(priority >>> 8);
            body.write(priority);
            byte[] adn = DomainNames.toWire(KeaText.trim(fields.get(1)));
            body.write(adn.length);
            body.writeBytes(adn);
            if (fields.size() > 2) {
                ByteArrayOutputStream addrs = new ByteArrayOutputStream();
                for (String a : KeaText.trim(fields.get(2)).split("\\s+")) {
                    addrs.writeBytes(Ipv4Address.parse(a).toBytes());
                }
                body.write(addrs.size());
                body.writeBytes(addrs.toByteArray());
                if (fields.size() > 3) {
                    body.writeBytes(svcParams(String.join(",", fields.subList(3, fields.size()))));
                }
            }
            if (body.size() > 65535) {
                throw new WireFormatException("DHCPv4 Encrypted DNS instance too long");
            }
            out.write(body.size() >>> 8);
            out.write(body.size());
            out.writeBytes(body.toByteArray());
        }
        return out.toByteArray();
    }

    private static byte[] svcParams(String text) throws WireFormatException {
        TreeMap<Integer, byte[]> params = new TreeMap<>();
        for (String param : KeaText.trim(text).split("\\s+")) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            int k = KEYS.indexOf(key);
            byte[] v = switch (key) {
                case "alpn" -> {
                    ByteArrayOutputStream ids = new ByteArrayOutputStream();
                    for (String id : value.split(",")) {
                        if (id.isEmpty() || id.length() > 255) {
                            throw new WireFormatException("invalid alpn id in '" + param + "'");
                        }
                        ids.write(id.length());
                        ids.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
                    }
                    yield ids.toByteArray();
                }
                case "port" -> {
                    int port = (int) KeaText.integer(value, 0, 65535);
                    yield new byte[] {(byte) (port >>> 8), (byte) port};
                }
                case "dohpath" -> value.getBytes(StandardCharsets.UTF_8);
                case "no-default-alpn", "ohttp" -> new byte[0];
                default -> throw new WireFormatException("unsupported service parameter '" + key
                        + "' in DHCPv4 Encrypted DNS option");
            };
            if (params.put(k, v) != null) {
                throw new WireFormatException("service parameter '" + key + "' given twice");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : params.entrySet()) {
            out.write(e.getKey() >>> 8);
            out.write(e.getKey());
            out.write(e.getValue().length >>> 8);
            out.write(e.getValue().length);
            out.writeBytes(e.getValue());
        }
        return out.toByteArray();
    }

    static String toText(byte[] b) throws WireFormatException {
        StringBuilder sb = new StringBuilder();
        int p = 0;
        while (p < b.length) {
            if (p + 2 > b.length) {
                throw new WireFormatException("truncated DNR instance");
            }
            int len = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
            int end = p + 2 + len;
            if (end > b.length || len < 3) {
                throw new WireFormatException("truncated DNR instance");
            }
            if (!sb.isEmpty()) {
                sb.append(" | ");
            }
            int q = p + 2;
            sb.append(((b[q] & 0xff) << 8) | (b[q + 1] & 0xff));
            int adnLen = b[q + 2] & 0xff;
            int adnEnd = q + 3 + adnLen;
            if (adnEnd > end) {
                throw new WireFormatException("truncated DNR ADN");
            }
            int[] pos = {q + 3};
            sb.append(", ").append(DomainNames.read(b, pos, adnEnd));
            q = adnEnd;
            if (q < end) {
                int addrLen = b[q] & 0xff;
                if (addrLen % 4 != 0 || q + 1 + addrLen > end) {
                    throw new WireFormatException("bad DNR address length");
                }
                sb.append(", ");
                for (int a = 0; a < addrLen; a += 4) {
                    sb.append(a == 0 ? "" : " ").append(Ipv4Address.of(b, q + 1 + a));
                }
                q += 1 + addrLen;
                String sep = ", ";
                while (q < end) {
                    if (q + 4 > end) {
                        throw new WireFormatException("truncated SvcParam");
                    }
                    int key = ((b[q] & 0xff) << 8) | (b[q + 1] & 0xff);
                    int vlen = ((b[q + 2] & 0xff) << 8) | (b[q + 3] & 0xff);
                    if (q + 4 + vlen > end || key >= KEYS.size()) {
                        throw new WireFormatException("bad SvcParam");
                    }
                    sb.append(sep).append(KEYS.get(key));
                    sep = " ";
                    int v = q + 4;
                    switch (key) {
                        case 1 -> {
                            sb.append('=');
                            int r = v;
                            while (r < v + vlen) {
                                int idLen = b[r] & 0xff;
                                if (r + 1 + idLen > v + vlen) {
                                    throw new WireFormatException("bad alpn");
                                }
                                sb.append(r == v ? "" : "\\,").append(new String(b, r + 1, idLen, StandardCharsets.US_ASCII));
                                r += 1 + idLen;
                            }
                        }
                        case 3 -> {
                            if (vlen != 2) {
                                throw new WireFormatException("bad port");
                            }
                            sb.append('=').append(((b[v] & 0xff) << 8) | (b[v + 1] & 0xff));
                        }
                        case 7 -> sb.append('=').append(new String(b, v, vlen, StandardCharsets.UTF_8));
                        default -> {
                            if (vlen != 0) {
                                throw new WireFormatException("unsupported SvcParam");
                            }
                        }
                    }
                    q = v + vlen;
                }
            }
            p = end;
        }
        return sb.toString();
    }
}
