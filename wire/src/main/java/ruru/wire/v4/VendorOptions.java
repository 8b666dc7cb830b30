package ruru.wire.v4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ruru.wire.WireFormatException;

/**
 * Vendor option payloads: 43 (RFC 2132 section 8.4, sub-options in Kea's
 * "vendor-encapsulated-options-space"), 124 V-I Vendor Class and 125 V-I Vendor-Specific Information
 * (RFC 3925), and any encapsulating option such as 82. Kea's space for enterprise N's sub-options in
 * option 125 is "vendor-N".
 */
public final class VendorOptions {

    private VendorOptions() {
    }

    /** Kea's option space name for an enterprise's option-125 sub-options. */
    public static String vendorSpace(long enterpriseId) {
        return "vendor-" + enterpriseId;
    }

    /** The payload of an encapsulating option (43, 82, a custom one): the sub-options in wire form. */
    public static byte[] encapsulate(Dhcp4Options subOptions) {
        return subOptions.toBytes();
    }

    /** Option 125 payload for one enterprise: enterprise-number, data-len, sub-options (RFC 3925 section 4). */
    public static byte[] vivso(long enterpriseId, Dhcp4Options subOptions) throws WireFormatException {
        return vivso(Map.of(enterpriseId, subOptions));
    }

    /** Option 125 payload with one block per enterprise, in the map's order. */
    public static byte[] vivso(Map<Long, Dhcp4Options> byEnterprise) throws WireFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : byEnterprise.entrySet()) {
            byte[] data = e.getValue().toBytes();
            if (data.length > 255) {
                throw new WireFormatException("vendor " + e.getKey() + " sub-options take " + data.length
                        + " bytes; option 125 allows 255 per enterprise");
            }
            enterprise(out, e.getKey());
            out.write(data.length);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    /** Option 125 payload parsed into sub-options per enterprise (enterprises in wire order). */
    public static Map<Long, Dhcp4Options> parseVivso(byte[] payload) throws WireFormatException {
        Map<Long, Dhcp4Options> result = new LinkedHashMap<>();
        int p = 0;
        while (p < payload.length) {
            if (p + 5 > payload.length) {
                throw new WireFormatException("truncated vendor-specific information option, length=" + payload.length);
            }
            long id = FieldCodec.u32(payload, p);
            int len = payload[p + 4] & 0xff;
            if (p + 5 + len > payload.length) {
                throw new WireFormatException("vendor " + id + " data-len " + len + " runs past option 125");
            }
            Dhcp4Options subs = Dhcp4Options.parse(payload, p + 5, len);
            Dhcp4Options before = result.get(id);
            if (before != null) {
                // RFC 3925 section 4: blocks of one enterprise concatenate like split options.
                Dhcp4Options.Builder b = before.toBuilder();
                for (int code : subs.codes()) {
                    byte[] old = b.has(code) ? before.get(code).orElseThrow() : new byte[0];
                    byte[] add = subs.get(code).orElseThrow();
                    byte[] joined = java.util.Arrays.copyOf(old, old.length + add.length);
                    System.arraycopy(add, 0, joined, old.length, add.length);
                    b.put(code, joined);
                }
                subs = b.build();
            }
            result.put(id, subs);
            p += 5 + len;
        }
        return result;
    }

    /** Option 124 payload: for each class, enterprise-number then a length-prefixed class (Kea's layout). */
    public static byte[] vivco(long enterpriseId, List<byte[]> classes) throws WireFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : classes) {
            if (c.length > 255) {
                throw new WireFormatException("vendor class data longer than 255 bytes");
            }
            enterprise(out, enterpriseId);
            out.write(c.length);
            out.writeBytes(c);
        }
        if (classes.isEmpty()) {
            enterprise(out, enterpriseId);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** Option 124 payload parsed into (enterprise, class data) pairs. */
    public static List<Map.Entry<Long, byte[]>> parseVivco(byte[] payload) throws WireFormatException {
        List<Map.Entry<Long, byte[]>> result = new ArrayList<>();
        int p = 0;
        while (p < payload.length) {
            if (p + 5 > payload.length) {
                throw new WireFormatException("truncated DHCPv4 V-I Vendor Class option");
            }
            long id = FieldCodec.u32(payload, p);
            int len = payload[p + 4] & 0xff;
            if (p + 5 + len > payload.length) {
                throw new WireFormatException("truncated DHCPv4 V-I Vendor Class option");
            }
            result.add(Map.entry(id, java.util.Arrays.copyOfRange(payload, p + 5, p + 5 + len)));
            p += 5 + len;
        }
        return result;
    }

    private static void enterprise(ByteArrayOutputStream out, long id) throws WireFormatException {
        if (id < 0 || id > 0xffffffffL) {
            throw new WireFormatException("enterprise number " + id + " is not a 32-bit value");
        }
        out.write((int) (id >>> 24));
        out.write((int) (id >>> 16));
        out.write((int) (id >>> 8));
        out.write((int) id);
    }
}
