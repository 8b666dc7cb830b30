package ruru.dhcp6.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.text.KeaOptionText;
import ruru.wire.Ipv6Address;
import ruru.wire.Universe;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;
import ruru.wire.v6.StandardV6Definitions;
import ruru.wire.v6.StatusCode;

/**
 * Kea's {@code Pkt6::toText} (the DHCP6_QUERY_DATA, DHCP6_RESPONSE_DATA and drop-class dumps):
 * the addresses, the message type and transaction id, every option in code order as Kea's option
 * classes print themselves (IA_NA/IA_PD, IAADDR, IAPREFIX and status codes by their own rules,
 * vendor options with their sub-options, the rest by their definitions), then the relays.
 */
public final class PacketText6 {

    private PacketText6() {
    }

    /** The whole text, ending with a line break as Kea's does. */
    public static String of(Dhcp6Packet p, Ipv6Address local, int localPort, Ipv6Address remote, int remotePort,
                            OptionDefinitions defs) {
        StringBuilder b = new StringBuilder(512);
        b.append("localAddr=[").append(local).append("]:").append(localPort).append(" remoteAddr=[").append(remote)
                .append("]:").append(remotePort).append('\n');
        b.append("msgtype=").append(p.type()).append('(').append(name(p.type())).append("), transid=0x")
                .append(Integer.toHexString(p.transactionId())).append('\n');
        for (Option6 o : sorted(p.options())) {
            option(b, o, StandardV6Definitions.DHCP6, 0, defs);
            b.append('\n');
        }
        List<RelayInfo> relays = p.relays();
        if (relays.isEmpty()) {
            return b.append("No relays traversed.\n").toString();
        }
        b.append(relays.size()).append(" relay(s):\n");
        for (int i = 0; i < relays.size(); i++) {
            RelayInfo r = relays.get(i);
            List<Option6> opts = sorted(r.options());
            b.append("relay[").append(i).append("]: msg-type=").append(r.messageType().code()).append('(')
                    .append(name(r.messageType().code())).append("), hop-count=").append(r.hopCount()).append(",\n")
                    .append("link-address=").append(r.linkAddress()).append(", peer-address=").append(r.peerAddress())
                    .append(", ").append(opts.size()).append(" option(s)\n");
            for (Option6 o : opts) {
                option(b, o, StandardV6Definitions.DHCP6, 0, defs);
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** One option of the dhcp6 space as Kea's {@code Option::toText} prints it. */
    public static String option(Option6 o, OptionDefinitions defs) {
        StringBuilder b = new StringBuilder();
        option(b, o, StandardV6Definitions.DHCP6, 0, defs);
        return b.toString();
    }

    /** Kea's {@code Pkt6::getName}. */
    static String name(int type) {
        return switch (type) {
            case 1 -> "SOLICIT";
            case 2 -> "ADVERTISE";
            case 3 -> "REQUEST";
            case 4 -> "CONFIRM";
            case 5 -> "RENEW";
            case 6 -> "REBIND";
            case 7 -> "REPLY";
            case 8 -> "RELEASE";
            case 9 -> "DECLINE";
            case 10 -> "RECONFIGURE";
            case 11 -> "INFORMATION_REQUEST";
            case 12 -> "RELAY_FORWARD";
            case 13 -> "RELAY_REPLY";
            case 14 -> "LEASEQUERY";
            case 15 -> "LEASEQUERY_REPLY";
            case 20 -> "DHCPV4_QUERY";
            case 21 -> "DHCPV4_RESPONSE";
            default -> "UNKNOWN";
        };
    }

    /** Kea keeps options in a multimap by code: code order, equal codes as they came. */
    private static List<Option6> sorted(Iterable<Option6> options) {
        List<Option6> out = new ArrayList<>();
        options.forEach(out::add);
        out.sort(Comparator.comparingInt(Option6::code));
        return out;
    }

    /** One option as Kea's class for it prints itself, at {@code indent}, without a trailing line break. */
    static void option(StringBuilder b, Option6 o, String space, int indent, OptionDefinitions defs) {
        byte[] d = o.data();
        int code = o.code();
        if (StandardV6Definitions.DHCP6.equals(space) && special(b, code, d, indent, defs)) {
            return;
        }
        Optional<OptionDefinition> def = defs.byCode(space, code);
        int start = b.length();
        if (def.isPresent() && typed(b, code, d, def.get(), indent, defs)) {
            return;
        }
        b.setLength(start);
        KeaOptionText.header(b, Universe.V6, indent, code, null, d.length);
        KeaOptionText.hexBody(b, d, 0, d.length);
    }

    /** The option classes Kea picks by code in the dhcp6 space; false when {@code code} is not one of them. */
    private static boolean special(StringBuilder b, int code, byte[] d, int indent, OptionDefinitions defs) {
        int start = b.length();
        try {
            switch (code) {
                case Option6Codes.IA_NA, Option6Codes.IA_PD -> {
                    if (d.length < 12) {
                        return false;
                    }
                    KeaOptionText.header(b, Universe.V6, indent, code, code == Option6Codes.IA_NA ? "IA_NA" : "IA_PD",
                            d.length).append(": iaid=").append(u32(d, 0)).append(", t1=").append(u32(d, 4))
                            .append(", t2=").append(u32(d, 8));
                    subOptions(b, d, 12, StandardV6Definitions.DHCP6, indent + 2, defs);
                }
                case Option6Codes.IAADDR -> {
                    if (d.length < 24) {
                        return false;
                    }
                    KeaOptionText.header(b, Universe.V6, indent, code, "IAADDR", d.length).append(": address=")
                            .append(Ipv6Address.of(d, 0)).append(", preferred-lft=").append(u32(d, 16))
                            .append(", valid-lft=").append(u32(d, 20));
                    subOptions(b, d, 24, StandardV6Definitions.DHCP6, indent + 2, defs);
                }
                case Option6Codes.IAPREFIX -> {
                    if (d.length < 25) {
                        return false;
                    }
                    int len = d[8] & 0xff;
                    KeaOptionText.header(b, Universe.V6, indent, code, "IAPREFIX", d.length).append(": prefix=")
                            .append(Ipv6Address.of(d, 9).masked(Math.min(len, 128))).append('/').append(len)
                            .append(", preferred-lft=").append(u32(d, 0)).append(", valid-lft=").append(u32(d, 4));
                    subOptions(b, d, 25, StandardV6Definitions.DHCP6, indent + 2, defs);
                }
                case Option6Codes.STATUS_CODE -> {
                    if (d.length < 2) {
                        return false;
                    }
                    StatusCode s = new StatusCode(((d[0] & 0xff) << 8) | (d[1] & 0xff),
                            new String(d, 2, d.length - 2, java.nio.charset.StandardCharsets.ISO_8859_1));
                    KeaOptionText.header(b, Universe.V6, indent, code, null, d.length).append(": ")
                            .append(Labels6.status(s));
                }
                case Option6Codes.VENDOR_OPTS -> {
                    if (d.length < 4) {
                        return false;
                    }
                    long id = u32(d, 0);
                    KeaOptionText.header(b, Universe.V6, indent, code, null, d.length).append(": ").append(id)
                            .append(" (uint32)");
                    subOptions(b, d, 4, vendorSpace(id), indent + 2, defs);
                }
                case 16 -> {
                    if (d.length < 4) {
                        return false;
                    }
                    vendorClass(b, d, indent);
                }
                case 39 -> {
                    if (d.length < 1) {
                        return false;
                    }
                    clientFqdn(b, d, indent);
                }
                case 144 -> {
                    // Kea 3's Option6Dnr (Kea 2.2 prints the bytes)
                    String dnr = ruru.wire.v4.DnrText.logText(d, true, indent);
                    if (dnr == null) {
                        return false;
                    }
                    b.append(dnr);
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (WireFormatException | RuntimeException e) {
            b.setLength(start);
            return false;
        }
    }

    /** The classes Kea's definitions choose by type; false to print the option as bytes. */
    private static boolean typed(StringBuilder b, int code, byte[] d, OptionDefinition def, int indent,
                                 OptionDefinitions defs) {
        OptionDataType t = def.type();
        String inner = def.encapsulate();
        if ((t == OptionDataType.EMPTY || t == OptionDataType.BINARY) && !inner.isEmpty()) {
            KeaOptionText.header(b, Universe.V6, indent, code, null, d.length);
            KeaOptionText.hexBody(b, d, 0, 0);
            try {
                subOptions(b, d, 0, inner, indent + 2, defs);
            } catch (WireFormatException e) {
                return false;
            }
            return true;
        }
        if (t == OptionDataType.EMPTY || t == OptionDataType.BINARY) {
            return false;
        }
        int size = KeaOptionText.fixedSize(t);
        if (KeaOptionText.integer(t) && !def.array()) {
            if (d.length < size) {
                return false;
            }
            KeaOptionText.header(b, Universe.V6, indent, code, null, d.length);
            KeaOptionText.intBody(b, t, d, 0);
            try {
                subOptions(b, d, size, inner.isEmpty() ? null : inner, indent + 2, defs);
            } catch (WireFormatException e) {
                return false;
            }
            return true;
        }
        if (KeaOptionText.integer(t) && def.array()) {
            if (d.length % size != 0) {
                return false;
            }
            KeaOptionText.header(b, Universe.V6, indent, code, null, d.length);
            KeaOptionText.intArrayBody(b, t, d, 0, d.length);
            return true;
        }
        if (t == OptionDataType.IPV6_ADDRESS && def.array()) {
            if (d.length % 16 != 0) {
                return false;
            }
            KeaOptionText.header(b, Universe.V6, indent, code, null, d.length);
            KeaOptionText.addressListBody(b, d, 0, d.length);
            return true;
        }
        if (t == OptionDataType.STRING && !def.array()) {
            if (d.length == 0) {
                return false;
            }
            KeaOptionText.header(b, Universe.V6, indent, code, null, d.length);
            KeaOptionText.stringBody(b, d, 0, d.length);
            return true;
        }
        String body = KeaOptionText.customBody(def, d, 0, d.length);
        if (body == null) {
            return false;
        }
        KeaOptionText.header(b, Universe.V6, indent, code, null, d.length).append(body);
        return true;
    }

    /** Kea's {@code suboptionsToText}: nothing without sub-options, else {@code ,\noptions:} and one line each. */
    private static void subOptions(StringBuilder b, byte[] d, int from, String space, int indent,
                                   OptionDefinitions defs) throws WireFormatException {
        if (from >= d.length || space == null) {
            return;
        }
        Dhcp6Options subs = Dhcp6Options.parse(d, from, d.length - from);
        List<Option6> sorted = sorted(subs);
        if (sorted.isEmpty()) {
            return;
        }
        b.append(",\noptions:");
        for (Option6 s : sorted) {
            b.append('\n');
            option(b, s, space, indent, defs);
        }
    }

    /** OptionVendorClass: its own layout, tuples of a 2-byte length and data. */
    private static void vendorClass(StringBuilder b, byte[] d, int indent) {
        b.append(" ".repeat(indent)).append("type=16, len=").append(d.length).append(",  enterprise id=0x")
                .append(Long.toHexString(u32(d, 0)));
        int at = 4;
        for (int i = 0; at + 2 <= d.length; i++) {
            int len = ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
            if (at + 2 + len > d.length) {
                throw new IllegalArgumentException("truncated tuple");
            }
            b.append(", data-len").append(i).append('=').append(len).append(", vendor-class-data").append(i)
                    .append("='").append(new String(d, at + 2, len, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .append('\'');
            at += 2 + len;
        }
    }

    /** Option6ClientFqdn: the flags and the name, full when it ends with the root label. */
    private static void clientFqdn(StringBuilder b, byte[] d, int indent) {
        int flags = d[0] & 0xff;
        StringBuilder name = new StringBuilder();
        boolean full = false;
        int at = 1;
        while (at < d.length) {
            int len = d[at++] & 0xff;
            if (len == 0) {
                full = true;
                break;
            }
            if (at + len > d.length) {
                throw new IllegalArgumentException("truncated label");
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(d, at, len, java.nio.charset.StandardCharsets.ISO_8859_1));
            at += len;
        }
        if (full) {
            name.append('.');
        }
        b.append(" ".repeat(indent)).append("type=39(CLIENT_FQDN), flags: (N=").append((flags & 4) != 0 ? 1 : 0)
                .append(", O=").append((flags & 2) != 0 ? 1 : 0).append(", S=").append((flags & 1) != 0 ? 1 : 0)
                .append("), domain-name='").append(name).append("' (").append(full ? "full" : "partial").append(')');
    }

    private static String vendorSpace(long id) {
        return id == 4491 ? StandardV6Definitions.DOCSIS3 : "vendor-" + id;
    }

    private static long u32(byte[] d, int at) {
        return ((long) (d[at] & 0xff) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }
}
