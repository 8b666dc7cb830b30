package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ruru.dhcp.config.OptionResolver;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.wire.WireFormatException;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.Oro;
import ruru.wire.v6.RelayInfo;
import ruru.wire.v6.StandardV6Definitions;

/**
 * The configured options of a DHCPv6 reply, as Kea chooses them: the levels in Kea's precedence
 * (host reservation over pool over subnet over shared network over global), each option only when
 * the client asked for it in its ORO (or it is always-send, and never when never-send); an option
 * that encapsulates a space carries the configured options of that space; vendor options (17)
 * carry their enterprise's configured sub-options. Relay-supplied options (RFC 6422) come last.
 */
final class ReplyOptions6 {

    private ReplyOptions6() {
    }

    /**
     * Adds to {@code reply} the configured options the client gets.
     *
     * @param poolOptions the options of the pools the granted leases came from
     */
    static void add(Dhcp6Options.Builder reply, Snapshot6 snap, Dhcp6Packet query, Subnet6 subnet,
                    List<List<OptionValue>> poolOptions, Optional<Reservation6> host) {
        List<List<OptionValue>> levels = new ArrayList<>();
        levels.add(subnet == null ? snap.config().globalOptions() : subnet.options());
        levels.addAll(poolOptions);
        host.ifPresent(h -> levels.add(h.options()));
        List<OptionValue> resolved = OptionResolver.resolve(levels);
        int[] oro = Oro.requested(query.options());
        OptionDefinitions defs = snap.config().optionDefinitions();
        Set<Integer> added = new HashSet<>();
        for (OptionValue v : resolved) {
            if (!v.space().equals(StandardV6Definitions.DHCP6) || v.neverSend() || reply.has(v.code())) {
                continue;
            }
            if (!v.alwaysSend() && !Oro.contains(oro, v.code()) && !(v.code() == Option6Codes.VENDOR_OPTS
                    && query.options().has(Option6Codes.VENDOR_OPTS))) {
                continue;
            }
            if (added.contains(v.code()) && v.code() != Option6Codes.VENDOR_OPTS) {
                continue;
            }
            byte[] data = v.code() == Option6Codes.VENDOR_OPTS ? vendor(v, resolved, query)
                    : encapsulated(v, resolved, defs);
            reply.add(v.code(), data);
            added.add(v.code());
        }
    }

    /** The option's data followed by the configured options of the space it encapsulates, if any. */
    private static byte[] encapsulated(OptionValue v, List<OptionValue> resolved, OptionDefinitions defs) {
        Optional<OptionDefinition> def = defs.byCode(v.space(), v.code());
        if (def.isEmpty() || def.get().encapsulate().isEmpty()) {
            return v.data();
        }
        Dhcp6Options.Builder subs = Dhcp6Options.builder();
        for (OptionValue s : resolved) {
            if (s.space().equals(def.get().encapsulate()) && !s.neverSend()) {
                subs.add(s.code(), s.data());
            }
        }
        return concat(v.data(), subs.sorted().build().toBytes());
    }

    /**
     * Option 17 for the configured enterprise: its always-send sub-options and those the client's
     * own option 17 of that enterprise requests in its sub-option 1 (the DOCSIS ORO).
     */
    private static byte[] vendor(OptionValue v, List<OptionValue> resolved, Dhcp6Packet query) {
        byte[] data = v.data();
        if (data.length < 4) {
            return data;
        }
        long enterprise = ((data[0] & 0xffL) << 24) | ((data[1] & 0xffL) << 16) | ((data[2] & 0xffL) << 8)
                | (data[3] & 0xffL);
        String space = "vendor-" + enterprise;
        int[] vendorOro = vendorOro(query, enterprise);
        Dhcp6Options.Builder subs = Dhcp6Options.builder();
        for (OptionValue s : resolved) {
            if (s.space().equals(space) && !s.neverSend() && (s.alwaysSend() || Oro.contains(vendorOro, s.code()))) {
                subs.add(s.code(), s.data());
            }
        }
        return concat(java.util.Arrays.copyOf(data, 4), subs.sorted().build().toBytes());
    }

    private static int[] vendorOro(Dhcp6Packet query, long enterprise) {
        for (Option6 o : query.options().all(Option6Codes.VENDOR_OPTS)) {
            byte[] d = o.data();
            long e = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
            if (e != enterprise) {
                continue;
            }
            try {
                return Oro.requested(Dhcp6Options.parse(d, 4, d.length - 4));
            } catch (WireFormatException ex) {
                return new int[0];
            }
        }
        return new int[0];
    }

    /**
     * RFC 6422: from the relay closest to the client outwards, each option inside a relay's RSOO
     * whose code is enabled ({@code relay-supplied-options}) and not in the reply yet is copied.
     */
    static void relaySupplied(Dhcp6Options.Builder reply, Snapshot6 snap, Dhcp6Packet query) {
        List<RelayInfo> relays = query.relays();
        for (int i = relays.size() - 1; i >= 0; i--) {
            Optional<byte[]> rsoo = relays.get(i).options().get(Option6Codes.RSOO);
            if (rsoo.isEmpty()) {
                continue;
            }
            try {
                for (Option6 o : Dhcp6Options.parse(rsoo.get())) {
                    if (snap.config().relaySuppliedOptions().contains(o.code()) && !reply.has(o.code())) {
                        reply.add(o);
                    }
                }
            } catch (WireFormatException e) {
                // a malformed RSOO supplies nothing
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
