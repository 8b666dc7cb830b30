package ruru.dhcp6.service;

import java.util.List;
import java.util.Optional;

import ruru.classify.ClassSet;
import ruru.classify.expr.OptionText;
import ruru.classify.expr.PacketView;
import ruru.classify.expr.Universe;
import ruru.net.Received6;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;
import ruru.wire.v6.StandardV6Definitions;

/**
 * The DHCPv6 binding of the expression language: the client's message (inside its relay levels),
 * where it came from, and the classes it has joined so far. {@code relay6[n]} counts from the
 * relay closest to the server (0), negative levels from the client (-1 = closest to the client),
 * as Kea's TokenRelay6Option; a level that does not exist reads as absent. The vendor options are
 * 17 (vendor-opts: enterprise, then DHCPv6-style sub-options) and 16 (vendor-class: enterprise, then
 * length-prefixed data chunks).
 */
final class Query6View implements PacketView.V6 {

    private final Dhcp6Packet query;
    private final Received6 received;
    private final ClassSet classes;
    private final OptionDefinitions definitions;

    Query6View(Dhcp6Packet query, Received6 received, ClassSet classes, OptionDefinitions definitions) {
        this.query = query;
        this.received = received;
        this.classes = classes;
        this.definitions = definitions;
    }

    @Override
    public byte[] option(int code) {
        return query.options().get(code).orElse(null);
    }

    @Override
    public byte[] subOption(int code, int subCode) {
        byte[] payload = option(code);
        int offset = subOptionOffset(code);
        return payload == null || offset < 0 ? null : sub(payload, offset, subCode);
    }

    /**
     * Where an option's sub-options start: after the fixed fields of the IA options and their
     * addresses and prefixes, of vendor-opts; at 0 for an option whose definition encapsulates a
     * space; -1 when it carries none.
     */
    private int subOptionOffset(int code) {
        return switch (code) {
            case Option6Codes.IA_NA, Option6Codes.IA_PD -> 12;
            case Option6Codes.IA_TA, Option6Codes.VENDOR_OPTS -> 4;
            case Option6Codes.IAADDR -> 24;
            case Option6Codes.IAPREFIX -> 25;
            default -> subOptionSpace(code).isEmpty() ? -1 : 0;
        };
    }

    private static byte[] sub(byte[] payload, int offset, int subCode) {
        if (payload.length < offset) {
            return null;
        }
        try {
            return Dhcp6Options.parse(payload, offset, payload.length - offset).get(subCode).orElse(null);
        } catch (WireFormatException e) {
            return null;
        }
    }

    @Override
    public String subOptionSpace(int code) {
        if (code == Option6Codes.VENDOR_OPTS) {
            return "vendor-" + vendorEnterprise();
        }
        return definitions.byCode(StandardV6Definitions.DHCP6, code).map(OptionDefinition::encapsulate).orElse("");
    }

    /** Kea's text: a string option's value, anything else its debug text ({@code type=00016, len=00004: ...}). */
    @Override
    public byte[] text(String space, int code, byte[] payload) {
        Optional<OptionDefinition> def = definitions.byCode(space, code);
        if (def.isPresent() && def.get().type() == OptionDataType.STRING && !def.get().array()) {
            return OptionText.string(payload);
        }
        return OptionText.debug(Universe.V6, code, payload);
    }

    private static long enterprise(byte[] v) {
        if (v == null || v.length < 4) {
            return -1;
        }
        return ((v[0] & 0xffL) << 24) | ((v[1] & 0xffL) << 16) | ((v[2] & 0xffL) << 8) | (v[3] & 0xffL);
    }

    @Override
    public long vendorEnterprise() {
        return enterprise(option(Option6Codes.VENDOR_OPTS));
    }

    @Override
    public byte[] vendorOption(int subCode) {
        byte[] v = option(Option6Codes.VENDOR_OPTS);
        return enterprise(v) < 0 ? null : sub(v, 4, subCode);
    }

    @Override
    public long vendorClassEnterprise() {
        return enterprise(option(Option6Codes.VENDOR_CLASS));
    }

    @Override
    public byte[] vendorClassData(int index) {
        return vendorClassData(option(Option6Codes.VENDOR_CLASS), index);
    }

    /** Data chunk {@code index} of a vendor-class payload (2-byte length each), or null. */
    static byte[] vendorClassData(byte[] v, int index) {
        if (enterprise(v) < 0) {
            return null;
        }
        int pos = 4;
        for (int i = 0; pos + 2 <= v.length; i++) {
            int len = ((v[pos] & 0xff) << 8) | (v[pos + 1] & 0xff);
            if (pos + 2 + len > v.length) {
                return null;
            }
            if (i == index) {
                return java.util.Arrays.copyOfRange(v, pos + 2, pos + 2 + len);
            }
            pos += 2 + len;
        }
        return null;
    }

    @Override
    public String label() {
        return ruru.dhcp6.log.Labels6.label(query);
    }

    @Override
    public boolean inClass(String name) {
        return classes.contains(name);
    }

    @Override
    public String iface() {
        return received.iface().name();
    }

    @Override
    public byte[] source() {
        return received.source() == null ? null : received.source().toBytes();
    }

    @Override
    public byte[] destination() {
        return received.local() == null ? null : received.local().toBytes();
    }

    @Override
    public long length() {
        return received.length();
    }

    @Override
    public int messageType() {
        return query.type();
    }

    @Override
    public long transactionId() {
        return query.transactionId() & 0xFFFF_FFFFL;
    }

    private RelayInfo relay(int nestLevel) {
        List<RelayInfo> relays = query.relays();
        int i = nestLevel < 0 ? relays.size() + nestLevel : nestLevel;
        return i < 0 || i >= relays.size() ? null : relays.get(i);
    }

    @Override
    public byte[] relay6Option(int nestLevel, int code) {
        RelayInfo r = relay(nestLevel);
        return r == null ? null : r.options().get(code).orElse(null);
    }

    @Override
    public byte[] relay6Address(int nestLevel, boolean peer) {
        RelayInfo r = relay(nestLevel);
        return r == null ? null : (peer ? r.peerAddress() : r.linkAddress()).toBytes();
    }
}
