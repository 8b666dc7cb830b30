package ruru.dhcp4.log;

import java.util.List;
import java.util.Optional;

import ruru.dhcp.text.KeaOptionText;
import ruru.wire.Ipv4Address;
import ruru.wire.Universe;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;

/**
 * Kea's {@code Pkt4::toText} (DHCP4_QUERY_DATA, DHCP4_RESPONSE_DATA and the DROP class dumps), as
 * kea-dhcp4 2.2 writes it: the local and remote address with their ports, the message type and
 * transaction id, then every option in code order as the option class Kea built for it prints
 * itself. A query's options are the classes Kea's definitions choose when it parses them (a single
 * address {@code 192.0.2.10 (ipv4-address)}, an address list {@code 192.0.2.53 192.0.2.54}, numbers
 * {@code 1 (uint8)}, number arrays {@code 1(uint8) 3(uint8)}, strings {@code "x" (string)}, relay
 * agent information with its sub-options, anything undefined in hex); a response's are the ones the
 * server built (the subnet mask as a number, the server identifier as an address list).
 */
public final class PacketText4 {

    private static final String DHCP4 = "dhcp4";

    private PacketText4() {
    }

    /** The whole text, without a trailing line break (as Kea's). */
    public static String of(Dhcp4Packet p, Ipv4Address local, int localPort, Ipv4Address remote, int remotePort,
                            OptionDefinitions defs, boolean response) {
        StringBuilder b = new StringBuilder(512);
        b.append("local_address=").append(local).append(':').append(localPort).append(", remote_address=")
                .append(remote).append(':').append(remotePort).append(", msg_type=");
        Optional<MessageType> type = p.messageType();
        if (type.isPresent()) {
            b.append("DHCP").append(type.get()).append(" (").append(type.get().code()).append(')');
        } else {
            b.append("(missing)");
        }
        b.append(", transid=0x").append(Integer.toHexString(p.xid()));
        Dhcp4Options options = p.options();
        if (options.isEmpty()) {
            return b.append(", message contains no options").toString();
        }
        b.append(",\noptions:");
        for (int code : sortedCodes(options)) {
            b.append('\n');
            option(b, code, options.peek(code), DHCP4, 2, defs, response);
        }
        return b.toString();
    }

    /** A lazy log argument: the text is built only when the message is written. */
    public static Object lazy(Dhcp4Packet p, Ipv4Address local, int localPort, Ipv4Address remote, int remotePort,
                              OptionDefinitions defs, boolean response) {
        return new Object() {
            @Override
            public String toString() {
                return of(p, local, localPort, remote, remotePort, defs, response);
            }
        };
    }

    private static List<Integer> sortedCodes(Dhcp4Options o) {
        return o.codes().stream().sorted().toList();
    }

    private static void option(StringBuilder b, int code, byte[] d, String space, int indent, OptionDefinitions defs,
                               boolean response) {
        int start = b.length();
        if (DHCP4.equals(space) && response && server(b, code, d, indent)) {
            return;
        }
        if (DHCP4.equals(space) && code == 81 && d.length >= 3) {
            // Option4ClientFqdn: flags, the name and whether it is full (no length)
            b.append(" ".repeat(indent)).append(ruru.dhcp4.ddns.Fqdn4Option.text(d, !response));
            return;
        }
        if (DHCP4.equals(space) && code == 124 && vendorClass(b, d, indent)) {
            return;
        }
        String dnr = DHCP4.equals(space) && code == 162 ? ruru.wire.v4.DnrText.logText(d, false, indent) : null;
        if (dnr != null) {
            // Kea 3's Option4Dnr (Kea 2.2 prints the bytes)
            b.append(dnr);
            return;
        }
        if (DHCP4.equals(space) && code == 125 && d.length >= 5) {
            int mark = b.length();
            try {
                vendorOptions(b, d, indent, defs);
                return;
            } catch (WireFormatException | RuntimeException e) {
                b.setLength(mark); // as bytes below
            }
        }
        Optional<OptionDefinition> def = defs.byCode(space, code);
        if (def.isPresent()) {
            try {
                if (typed(b, code, d, def.get(), indent, defs)) {
                    return;
                }
            } catch (WireFormatException | RuntimeException e) {
                // as bytes below
            }
            b.setLength(start);
        }
        KeaOptionText.header(b, Universe.V4, indent, code, null, d.length);
        KeaOptionText.hexBody(b, d, 0, d.length);
    }

    /** The options kea-dhcp4 builds itself for a response: the subnet mask a number, its identifier an address list. */
    private static boolean server(StringBuilder b, int code, byte[] d, int indent) {
        if (code == 1 && d.length == 4) {
            KeaOptionText.header(b, Universe.V4, indent, code, null, d.length);
            KeaOptionText.intBody(b, OptionDataType.UINT32, d, 0);
            return true;
        }
        if (code == 54 && d.length == 4) {
            KeaOptionText.header(b, Universe.V4, indent, code, null, d.length);
            addresses(b, d);
            return true;
        }
        return false;
    }

    private static boolean typed(StringBuilder b, int code, byte[] d, OptionDefinition def, int indent,
                                 OptionDefinitions defs) throws WireFormatException {
        OptionDataType t = def.type();
        String inner = def.encapsulate();
        if (t == OptionDataType.EMPTY && !inner.isEmpty()) {
            // OptionCustom without fields: the header, a colon, then the sub-options, the length
            // theirs as Kea read them (a truncated one left out)
            KeaOptionText.header(b, Universe.V4, indent, code, null, Dhcp4Options.repackSubOptions(d).length)
                    .append(':');
            subOptions(b, d, inner, indent + 2, defs);
            return true;
        }
        if (t == OptionDataType.BINARY || t == OptionDataType.EMPTY) {
            return false;
        }
        int size = KeaOptionText.fixedSize(t);
        if (KeaOptionText.integer(t)) {
            if (!def.array() && d.length == size) {
                KeaOptionText.header(b, Universe.V4, indent, code, null, d.length);
                KeaOptionText.intBody(b, t, d, 0);
                return true;
            }
            if (def.array() && d.length > 0 && d.length % size == 0) {
                KeaOptionText.header(b, Universe.V4, indent, code, null, d.length);
                KeaOptionText.intArrayBody(b, t, d, 0, d.length);
                return true;
            }
            return false;
        }
        if (t == OptionDataType.IPV4_ADDRESS && def.array()) {
            if (d.length % 4 != 0) {
                return false;
            }
            KeaOptionText.header(b, Universe.V4, indent, code, null, d.length);
            addresses(b, d);
            return true;
        }
        if (t == OptionDataType.STRING && !def.array()) {
            if (d.length == 0) {
                return false;
            }
            KeaOptionText.header(b, Universe.V4, indent, code, null, d.length);
            KeaOptionText.stringBody(b, d, 0, d.length);
            return true;
        }
        String body = KeaOptionText.customBody(def, d, 0, d.length);
        if (body == null) {
            return false;
        }
        KeaOptionText.header(b, Universe.V4, indent, code, null, d.length).append(body);
        return true;
    }

    /**
     * OptionVendorClass (124): its own header without padding, the enterprise id in hex, then each
     * data tuple (a length byte and its bytes, as text); false when the tuples do not fit.
     */
    private static boolean vendorClass(StringBuilder b, byte[] d, int indent) {
        if (d.length < 4) {
            return false;
        }
        StringBuilder t = new StringBuilder();
        int n = 0;
        for (int i = 4; i < d.length; n++) {
            int len = d[i] & 0xff;
            if (i + 1 + len > d.length) {
                return false;
            }
            t.append(", data-len").append(n).append('=').append(len).append(", vendor-class-data").append(n)
                    .append("='").append(new String(d, i + 1, len, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .append('\'');
            i += 1 + len;
        }
        long enterprise = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
        b.append(" ".repeat(indent)).append("type=124, len=").append(d.length).append(",  enterprise id=0x")
                .append(Long.toHexString(enterprise)).append(t);
        return true;
    }

    /**
     * OptionVendor (125): the header, the enterprise id and the data length as numbers, then the
     * sub-options as the enterprise's space defines them.
     */
    private static void vendorOptions(StringBuilder b, byte[] d, int indent, OptionDefinitions defs)
            throws WireFormatException {
        long enterprise = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
        int dataLen = d[4] & 0xff;
        if (5 + dataLen != d.length) {
            throw new WireFormatException("vendor option data length " + dataLen + " of " + (d.length - 5));
        }
        KeaOptionText.header(b, Universe.V4, indent, 125, null, d.length).append(": ").append(enterprise)
                .append(" (uint32) ").append(dataLen).append(" (uint8)");
        subOptions(b, java.util.Arrays.copyOfRange(d, 5, d.length), "vendor-" + enterprise, indent + 2, defs);
    }

    /** Option4AddrLst's body: a colon, then each address after a space. */
    private static void addresses(StringBuilder b, byte[] d) {
        b.append(':');
        for (int i = 0; i + 4 <= d.length; i += 4) {
            b.append(' ').append(d[i] & 0xff).append('.').append(d[i + 1] & 0xff).append('.').append(d[i + 2] & 0xff)
                    .append('.').append(d[i + 3] & 0xff);
        }
    }

    /** Kea's {@code suboptionsToText}: {@code ,\noptions:} and each sub-option on its own line. */
    private static void subOptions(StringBuilder b, byte[] d, String space, int indent, OptionDefinitions defs)
            throws WireFormatException {
        // read as Kea's unpackOptions4 reads a sub-option space: by code, instances joined, 0 and
        // 255 ordinary codes, a truncated sub-option ends the block
        byte[] packed = Dhcp4Options.repackSubOptions(d);
        if (packed.length == 0) {
            return;
        }
        b.append(",\noptions:");
        int previous = -1;
        for (int p = 0; p < packed.length; p += 2 + (packed[p + 1] & 0xff)) {
            int code = packed[p] & 0xff;
            if (code != previous) {
                previous = code;
                b.append('\n');
                option(b, code, Dhcp4Options.subOption(packed, code), space, indent, defs, false);
            }
        }
    }
}
