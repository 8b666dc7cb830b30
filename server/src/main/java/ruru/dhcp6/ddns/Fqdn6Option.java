package ruru.dhcp6.ddns;

import java.io.ByteArrayOutputStream;

import ruru.ddns.names.ClientName;
import ruru.ddns.names.NameDecision;
import ruru.ddns.names.WireName;

/**
 * DHCPv6 Client FQDN option 39 (RFC 4704): a flags byte (S 0x01, O 0x02, N 0x04), then the name,
 * always in DNS wire format (a name without the root label is partial). No RCODEs, no E flag.
 */
public final class Fqdn6Option {

    static final int S = 0x01;
    static final int O = 0x02;
    static final int N = 0x04;

    private Fqdn6Option() {
    }

    /** The client's request. Malformed names read as empty. */
    public static ClientName.Fqdn parse(byte[] data) {
        int flags = data.length > 0 ? data[0] & 0xFF : 0;
        String name = data.length > 1 ? WireName.read(data, 1) : "";
        return new ClientName.Fqdn((flags & S) != 0, (flags & O) != 0, (flags & N) != 0, name);
    }

    /**
     * Whether the option cannot be read as Kea reads it (its Option6ClientFqdn refuses it and the
     * query is dropped, as kea-dhcp6 2.2 does): empty, both S and N set (RFC 4704 section 4.1), or a
     * malformed name.
     */
    public static boolean invalid(byte[] data) {
        return data.length == 0 || (data[0] & S) != 0 && (data[0] & N) != 0 || !WireName.valid(data, 1);
    }

    /** The reply's option 39 for a decision: the server's flags and the name (full when it ends with a dot). */
    public static byte[] reply(NameDecision d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((d.serverS() ? S : 0) | (d.serverO() ? O : 0) | (d.serverN() ? N : 0));
        WireName.write(d.hostname(), out);
        return out.toByteArray();
    }
}
