package ruru.wire.v4;

import java.io.ByteArrayOutputStream;

import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * Option 121 (RFC 3442) in Kea's notation: "10.229.0.128/25 - 10.229.0.1, 0.0.0.0/0 - 10.0.0.1".
 * On the wire each route is the prefix width, the significant octets of the destination, the router.
 */
final class ClasslessRoutes {

    private ClasslessRoutes() {
    }

    static byte[] fromText(String text) throws WireFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String route : KeaText.tokens(text, ",")) {
            String r = KeaText.trim(route);
            int dash = r.indexOf('-');
            int slash = r.indexOf('/');
            if (dash < 0 || slash < 0 || slash > dash) {
                throw new WireFormatException("DHCPv4 OptionClasslessStaticRoute " + r
                        + " has invalid format: expected 'subnet/width - router'");
            }
            Ipv4Address subnet = Ipv4Address.parse(KeaText.trim(r.substring(0, slash)));
            int width = (int) KeaText.integer(KeaText.trim(r.substring(slash + 1, dash)), 0, 32);
            Ipv4Address router = Ipv4Address.parse(KeaText.trim(r.substring(dash + 1)));
            out.write(width);
            byte[] s = subnet.toBytes();
            out.write(s, 0, (width + 7) / 8);
            out.writeBytes(router.toBytes());
        }
        if (out.size() == 0) {
            throw new WireFormatException("no option value specified");
        }
        return out.toByteArray();
    }

    static String toText(byte[] b) throws WireFormatException {
        StringBuilder sb = new StringBuilder();
        int p = 0;
        while (p < b.length) {
            int width = b[p] & 0xff;
            int octets = (width + 7) / 8;
            if (width > 32 || p + 1 + octets + 4 > b.length) {
                throw new WireFormatException("truncated classless static route");
            }
            byte[] s = new byte[4];
            System.arraycopy(b, p + 1, s, 0, octets);
            Ipv4Address router = Ipv4Address.of(b, p + 1 + octets);
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(Ipv4Address.of(s, 0)).append('/').append(width).append(" - ").append(router);
            p += 1 + octets + 4;
        }
        return sb.toString();
    }
}
