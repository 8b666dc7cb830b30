package ruru.dhcp4.service;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.classify.ClassDictionary;
import ruru.classify.ClassSet;
import ruru.classify.ClientClass;
import ruru.classify.expr.PacketView;
import ruru.dhcp4.config.Class4;
import ruru.dhcp.config.OptionValue;
import ruru.net.Received4;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v4.VendorOptions;

/**
 * The DHCPv4 binding of the expression language: a query, where it came from, and the classes it
 * has joined so far. Option data is read in place (no copies). Vendor options are parsed once
 * per packet, on first use. Private options (224-254) and option 43 are read with the definition
 * of the first class the packet joined that defines them, else the configuration's (Kea's
 * deferred option unpacking).
 */
final class Query4View implements PacketView.V4 {


    private final Dhcp4Packet query;
    private final Received4 received;
    private final ClassSet classes;
    private final OptionDefinitions definitions;
    private final ClassDictionary<Class4> dictionary;
    private Map<Long, Dhcp4Options> vendor;
    private long vendorEnterprise = -2;
    private List<Map.Entry<Long, byte[]>> vendorClass;
    private final boolean bootp;

    /** @param bootp a BOOTP query, which Kea's bootp library makes read as a DHCPREQUEST */
    Query4View(Dhcp4Packet query, Received4 received, ClassSet classes, OptionDefinitions definitions,
            ClassDictionary<Class4> dictionary, boolean bootp) {
        this.bootp = bootp;
        this.query = query;
        this.received = received;
        this.classes = classes;
        this.definitions = definitions;
        this.dictionary = dictionary;
    }

    @Override
    public String label() {
        return Exchange.text(query);
    }

    @Override
    public byte[] option(int code) {
        return query.options().peek(code);
    }

    @Override
    public byte[] subOption(int code, int subCode) {
        return Hosts.subOption(query.options().peek(code), subCode);
    }

    @Override
    public byte[] relay4(int subCode) {
        return Hosts.subOption(query.options().peek(OptionCodes.AGENT_INFO), subCode);
    }

    @Override
    public String subOptionSpace(int code) {
        return definition(OptionValue.DHCP4, code).map(OptionDefinition::encapsulate).orElse("");
    }

    @Override
    public byte[] text(String space, int code, byte[] payload) {
        return OptionText4.of(space, code, payload, this::definition);
    }

    /** A class's own definition of a private option or option 43 first, as Kea's deferred unpacking. */
    private Optional<OptionDefinition> definition(String space, int code) {
        if (space.equals(OptionValue.DHCP4) && (code == OptionCodes.VENDOR_ENCAPSULATED_OPTIONS
                || (code >= 224 && code <= 254))) {
            for (String name : classes) {
                ClientClass<Class4> c = dictionary.get(name);
                if (c != null && c.payload().ownDefinitions()) {
                    Optional<OptionDefinition> d = c.payload().definitions().byCode(space, code);
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
        }
        return definitions.byCode(space, code);
    }

    @Override
    public long vendorEnterprise() {
        if (vendorEnterprise == -2) {
            vendorEnterprise = -1;
            byte[] v = query.options().peek(OptionCodes.VIVSO_SUBOPTIONS);
            if (v != null && v.length >= 4) {
                vendorEnterprise = ((v[0] & 0xffL) << 24) | ((v[1] & 0xffL) << 16) | ((v[2] & 0xffL) << 8)
                        | (v[3] & 0xffL);
            }
        }
        return vendorEnterprise;
    }

    @Override
    public byte[] vendorOption(int subCode) {
        long id = vendorEnterprise();
        if (id < 0) {
            return null;
        }
        if (vendor == null) {
            try {
                vendor = VendorOptions.parseVivso(query.options().peek(OptionCodes.VIVSO_SUBOPTIONS));
            } catch (WireFormatException e) {
                vendor = Map.of();
            }
        }
        Dhcp4Options subs = vendor.get(id);
        return subs == null ? null : subs.peek(subCode);
    }

    private List<Map.Entry<Long, byte[]>> vendorClasses() {
        if (vendorClass == null) {
            byte[] v = query.options().peek(OptionCodes.VIVCO_SUBOPTIONS);
            try {
                vendorClass = v == null ? List.of() : VendorOptions.parseVivco(v);
            } catch (WireFormatException e) {
                vendorClass = List.of();
            }
        }
        return vendorClass;
    }

    @Override
    public long vendorClassEnterprise() {
        List<Map.Entry<Long, byte[]>> v = vendorClasses();
        return v.isEmpty() ? -1 : v.getFirst().getKey();
    }

    /**
     * Kea's DHCPv4 vendor class tuples: the data of the first enterprise block, then of the blocks
     * that follow it with the same enterprise number.
     */
    @Override
    public byte[] vendorClassData(int index) {
        List<Map.Entry<Long, byte[]>> v = vendorClasses();
        if (v.isEmpty()) {
            return null;
        }
        long id = v.getFirst().getKey();
        for (int i = 0; i < v.size() && v.get(i).getKey() == id; i++) {
            if (i == index) {
                return v.get(i).getValue();
            }
        }
        return null;
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
        // Kea 2.2's Pkt4::len(): the fixed header and each option with its code and length bytes (no
        // magic cookie, no END: as kea-dhcp4 2.2 evaluates it live), not the datagram's size
        // (clients pad theirs to 300 bytes)
        ruru.wire.v4.Dhcp4Options options = query.options();
        long n = 236;
        for (int code : options.codes()) {
            n += 2 + options.length(code);
        }
        return n;
    }

    @Override
    public byte[] chaddr() {
        byte[] field = query.chaddrField();
        return Arrays.copyOf(field, Math.min(query.hlen(), field.length));
    }

    @Override
    public int hlen() {
        return query.hlen();
    }

    @Override
    public int htype() {
        return query.htype();
    }

    @Override
    public byte[] ciaddr() {
        return query.ciaddr().toBytes();
    }

    @Override
    public byte[] giaddr() {
        return query.giaddr().toBytes();
    }

    @Override
    public byte[] yiaddr() {
        return query.yiaddr().toBytes();
    }

    @Override
    public byte[] siaddr() {
        return query.siaddr().toBytes();
    }

    @Override
    public int messageType() {
        return query.messageType().map(t -> t.code()).orElse(bootp ? 3 : 0);
    }

    @Override
    public long transactionId() {
        return query.xid() & 0xFFFF_FFFFL;
    }
}
