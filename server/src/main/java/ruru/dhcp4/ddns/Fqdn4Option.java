package ruru.dhcp4.ddns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import ruru.ddns.names.ClientName;
import ruru.ddns.names.NameDecision;
import ruru.ddns.names.WireName;

/**
 * DHCPv4 Client FQDN option 81 (RFC 4702): flags S 0x01, O 0x02, E 0x04 (name in canonical wire
 * format), N 0x08, two RCODE bytes (Kea always sends 0, 0), then the name: DNS wire format when E
 * is set (a name without the root label is partial), else ASCII.
 */
public final class Fqdn4Option {

    static final int S = 0x01;
    static final int O = 0x02;
    static final int E = 0x04;
    static final int N = 0x08;

    private Fqdn4Option() {
    }

    /** The client's request; {@code encoded} reports the E flag. Malformed names read as empty. */
    public static ClientName.Fqdn parse(byte[] data) {
        int flags = data.length > 0 ? data[0] & 0xFF : 0;
        String name = data.length > 3 ? ((flags & E) != 0 ? WireName.read(data, 3) : ascii(data, 3)) : "";
        return new ClientName.Fqdn((flags & S) != 0, (flags & O) != 0, (flags & N) != 0, name);
    }

    /** Whether the client set both S and N, which RFC 4702 forbids (Kea drops such a query). */
    public static boolean bothSAndN(byte[] data) {
        return data.length > 0 && (data[0] & S) != 0 && (data[0] & N) != 0;
    }

    public static boolean encoded(byte[] data) {
        return data.length > 0 && (data[0] & E) != 0;
    }

    /** The reply's option 81 for a decision, in the encoding the client used. */
    public static byte[] reply(NameDecision d, boolean encoded) {
        int flags = (d.serverS() ? S : 0) | (d.serverO() ? O : 0) | (encoded ? E : 0) | (d.serverN() ? N : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(0);
        out.write(0);
        String name = d.hostname();
        if (!name.isEmpty()) {
            if (encoded) {
                WireName.write(name, out);
            } else {
                out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    /**
     * Kea's text of an option 81 payload ({@code Option4ClientFqdn::toText}): flags, the name in
     * lower case, and whether it is full or partial ({@code emptyIsFull}: how an empty name counts).
     */
    public static String text(byte[] data, boolean emptyIsFull) {
        int flags = data.length > 0 ? data[0] & 0xFF : 0;
        String name = parse(data).name().toLowerCase(java.util.Locale.ROOT);
        boolean full = name.isEmpty() ? emptyIsFull : name.endsWith(".");
        return "type=81 (CLIENT_FQDN), flags: (N=" + bit(flags, N) + ", E=" + bit(flags, E) + ", O=" + bit(flags, O)
                + ", S=" + bit(flags, S) + "), domain-name='" + name + "' (" + (full ? "full" : "partial") + ")";
    }

    private static int bit(int flags, int mask) {
        return (flags & mask) != 0 ? 1 : 0;
    }

    private static String ascii(byte[] data, int from) {
        int end = data.length;
        while (end > from && data[end - 1] == 0) {
            end--;
        }
        return new String(data, from, end - from, StandardCharsets.US_ASCII);
    }
}
