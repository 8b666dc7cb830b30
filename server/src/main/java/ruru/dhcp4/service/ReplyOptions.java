package ruru.dhcp4.service;

import ruru.dhcp4.log.Dhcp4Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.dhcp.config.OptionResolver;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;
import ruru.wire.v4.OptionDataType;
import ruru.wire.v4.OptionDefinition;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v4.VendorOptions;

/**
 * The configured options one reply may draw on, in every option space: reservation, then pool,
 * then the subnet's merged list (subnet, shared network, global), the most specific level that
 * configures a code winning, as Kea walks its list of option configurations: a top-level code is
 * sent with one instance of that level, the last configured (as kea-dhcp4 2.2, seen live, and Kea 3's
 * dhcp4 which takes the first of its index by code), a sub-option with the first. It also assembles what Kea builds
 * from more than one configured value: options whose definition encapsulates a space (43 with
 * "vendor-encapsulated-options-space" or a redefinition, any custom {@code encapsulate}), option 124
 * with one entry per enterprise, and option 125 with one block per enterprise.
 */
final class ReplyOptions {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.options");

    /** CableLabs: Kea reads the client's DOCSIS ORO (sub-option 1 of its option 125 block) as requests. */
    private static final long CABLE_LABS = 4491;
    private static final int DOCSIS3_V4_ORO = 1;
    /** Guards against option spaces that encapsulate each other. */
    private static final int MAX_DEPTH = 8;

    private final OptionDefinitions definitions;
    /** Every configured value, highest precedence first (Kea reads flags from all of them). */
    private final List<OptionValue> all;
    private final Map<String, Map<Integer, OptionValue>> first = new HashMap<>();
    /** The top-level option to send per code: the winning level's front instance (its last configured). */
    private final Map<Integer, OptionValue> topLevel = new LinkedHashMap<>();

    /** {@code levels}: the levels' values, highest precedence first. */
    private ReplyOptions(OptionDefinitions definitions, List<List<OptionValue>> levels) {
        this.definitions = definitions;
        List<OptionValue> every = new ArrayList<>();
        levels.forEach(every::addAll);
        this.all = every;
        for (OptionValue v : all) {
            first.computeIfAbsent(v.space(), s -> new LinkedHashMap<>()).putIfAbsent(v.code(), v);
        }
        OptionResolver.instances(OptionResolver.resolve(levels.reversed()), OptionValue.DHCP4)
                .forEach((code, same) -> topLevel.put(code, same.getFirst()));
    }

    /**
     * The options a reply to this exchange may draw on, Kea's precedence: reservation, pool,
     * subnet, shared network, the query's classes in the order it joined them, global. A value
     * tagged with client-classes the query is in none of is as if not configured at its level.
     * Encoded with the option definitions of the first class that has its own (else the
     * configuration's).
     */
    static ReplyOptions of(Exchange ex, Optional<Reservation4> host, Optional<Pool4> pool, Subnet4 subnet) {
        Snapshot snap = ex.snap();
        OptionDefinitions definitions = ex.classes().definitions(snap.config().optionDefinitions());
        List<List<OptionValue>> classOptions = ex.classes().classOptions();
        if (classOptions.isEmpty() && !snap.taggedOptions()) {
            // the same configuration objects give the same options: built once per snapshot
            Key key = new Key(definitions, host.orElse(null), pool.orElse(null), subnet);
            ReplyOptions known = snap.replyOptions().get(key);
            if (known == null) {
                known = of(definitions, host, pool, subnet);
                if (snap.replyOptions().size() < CACHED) {
                    snap.replyOptions().putIfAbsent(key, known);
                }
            }
            return known;
        }
        ruru.classify.ClassSet classes = ex.classes().classes();
        List<List<OptionValue>> levels = new ArrayList<>();
        host.ifPresent(h -> levels.add(applying(h.options(), classes)));
        pool.ifPresent(p -> levels.add(applying(p.options(), classes)));
        levels.add(applying(subnet.ownOptions(), classes));
        snap.network(subnet).ifPresent(n -> levels.add(applying(n.options(), classes)));
        for (List<OptionValue> c : classOptions) {
            levels.add(applying(c, classes));
        }
        levels.add(applying(snap.config().globalOptions(), classes));
        return new ReplyOptions(definitions, levels);
    }

    /** At most this many option sets are kept per snapshot (one per subnet, pool and reservation in use). */
    private static final int CACHED = 4096;

    /** The configuration objects a reply's option set comes from, compared by identity (they never change). */
    static final class Key {
        private final Object definitions;
        private final Object host;
        private final Object pool;
        private final Object subnet;

        Key(Object definitions, Object host, Object pool, Object subnet) {
            this.definitions = definitions;
            this.host = host;
            this.pool = pool;
            this.subnet = subnet;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.definitions == definitions && k.host == host && k.pool == pool
                    && k.subnet == subnet;
        }

        @Override
        public int hashCode() {
            return ((System.identityHashCode(subnet) * 31 + System.identityHashCode(pool)) * 31
                    + System.identityHashCode(host)) * 31 + System.identityHashCode(definitions);
        }
    }

    private static List<OptionValue> applying(List<OptionValue> level, ruru.classify.ClassSet classes) {
        List<OptionValue> to = new ArrayList<>(level.size());
        for (OptionValue v : level) {
            if (v.appliesTo(classes)) {
                to.add(v);
            }
        }
        return to;
    }

    static ReplyOptions of(OptionDefinitions definitions, Optional<Reservation4> host, Optional<Pool4> pool,
                           Subnet4 subnet) {
        List<List<OptionValue>> levels = new ArrayList<>();
        host.ifPresent(h -> levels.add(h.options()));
        pool.ifPresent(p -> levels.add(p.options()));
        levels.add(subnet.options()); // subnet, shared network and global, already resolved
        return new ReplyOptions(definitions, levels);
    }

    /**
     * The top-level (dhcp4 space) option per code, codes in configuration order: of several
     * instances at the winning level, the one kea-dhcp4 2.2 sends alone, the last configured (the
     * front of {@link OptionResolver#instances}). dhcp4 sends one instance per code: RFC 3396
     * clients would join several into one different value (v4-dnr carries several resolvers in one).
     */
    Map<Integer, OptionValue> topLevel() {
        return topLevel;
    }

    /** Kea's "persistent" set: some level marks the code always-send. */
    boolean alwaysSend(String space, int code) {
        for (OptionValue v : all) {
            if (v.alwaysSend() && v.code() == code && v.space().equals(space)) {
                return true;
            }
        }
        return false;
    }

    /** Kea's "cancelled" set: some level marks the code never-send, which beats any request. */
    boolean neverSend(String space, int code) {
        for (OptionValue v : all) {
            if (v.neverSend() && v.code() == code && v.space().equals(space)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The payload to send for a value: its data, then, when its definition encapsulates a space,
     * the configured options of that space as sub-options (Kea's {@code CfgOption::encapsulate}):
     * every one of them regardless of always-send, ordered by code as Kea packs sub-options, a code
     * already present in the data (an empty-typed option given as hex) not added twice.
     */
    byte[] payload(OptionValue v) {
        return payload(v, 0);
    }

    private byte[] payload(OptionValue v, int depth) {
        byte[] data = v.data();
        Optional<OptionDefinition> def = definitions.byCode(v.space(), v.code());
        String inner = def.map(OptionDefinition::encapsulate).orElse("");
        // Kea does not recurse into the top-level space; nor do we, or into too deep a nesting.
        if (inner.isEmpty() || inner.equals(OptionValue.DHCP4) || depth >= MAX_DEPTH) {
            return data;
        }
        Map<Integer, OptionValue> subs = first.get(inner);
        if (subs == null || subs.isEmpty()) {
            return data;
        }
        Dhcp4Options present = def.get().type() == OptionDataType.EMPTY ? parseQuietly(data) : Dhcp4Options.empty();
        Dhcp4Options.Builder b = Dhcp4Options.builder();
        for (OptionValue sub : new TreeMap<>(subs).values()) {
            if (!framing(sub.code()) && !present.has(sub.code())) {
                b.put(sub.code(), payload(sub, depth + 1));
            }
        }
        byte[] tail = b.build().toBytes();
        byte[] out = Arrays.copyOf(data, data.length + tail.length);
        System.arraycopy(tail, 0, out, data.length, tail.length);
        return out;
    }

    /**
     * Option 124 when it is to be sent: every configured V-I vendor class, at most one per
     * enterprise (the highest precedence one), concatenated as RFC 3925 allows.
     */
    byte[] vendorClasses() {
        Map<Long, byte[]> byEnterprise = new LinkedHashMap<>();
        for (OptionValue v : all) {
            if (v.code() == OptionCodes.VIVCO_SUBOPTIONS && v.space().equals(OptionValue.DHCP4)) {
                byEnterprise.putIfAbsent(enterprise(v.data()), v.data());
            }
        }
        int size = byEnterprise.values().stream().mapToInt(b -> b.length).sum();
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] b : byEnterprise.values()) {
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        return out;
    }

    /**
     * Option 125, as Kea's {@code appendRequestedOptions} and {@code appendRequestedVendorOptions}
     * build it. The enterprises: those of the configured option 125 values when the client may
     * have 125 ({@code offer125}: requested or always-send, not never-send), and those named in
     * the client's own options 125 and 124. For each, the sub-options of space "vendor-N" that are
     * always-send (or, for CableLabs, listed in the client's DOCSIS ORO), never-send ones left out,
     * the first configured value per code. An enterprise with nothing to send gets no block, unless
     * a configured 125 put it there (Kea then sends it empty). Blocks in enterprise order.
     */
    Optional<byte[]> vendorSpecific(Dhcp4Packet query, boolean offer125) {
        if (!offer125 && !query.options().has(OptionCodes.VIVSO_SUBOPTIONS)
                && !query.options().has(OptionCodes.VIVCO_SUBOPTIONS)) {
            return Optional.empty(); // no enterprise to answer for
        }
        TreeSet<Long> enterprises = new TreeSet<>();
        TreeSet<Long> forced = new TreeSet<>();
        if (offer125) {
            for (OptionValue v : all) {
                if (v.code() == OptionCodes.VIVSO_SUBOPTIONS && v.space().equals(OptionValue.DHCP4)
                        && v.data().length >= 4) {
                    forced.add(enterprise(v.data()));
                }
            }
            enterprises.addAll(forced);
        }
        Map<Long, Dhcp4Options> asked = Map.of();
        Optional<byte[]> q125 = query.options().get(OptionCodes.VIVSO_SUBOPTIONS);
        Optional<byte[]> q124 = query.options().get(OptionCodes.VIVCO_SUBOPTIONS);
        try {
            if (q125.isPresent()) {
                asked = VendorOptions.parseVivso(q125.get());
                enterprises.addAll(asked.keySet());
            }
            if (q124.isPresent()) {
                VendorOptions.parseVivco(q124.get()).forEach(e -> enterprises.add(e.getKey()));
            }
        } catch (WireFormatException e) {
            LOG.debug("ignoring the client's malformed vendor option: {}", e.getMessage());
        }
        Map<Long, Dhcp4Options> blocks = new LinkedHashMap<>();
        for (long id : enterprises) {
            String space = VendorOptions.vendorSpace(id);
            TreeSet<Integer> wanted = new TreeSet<>();
            if (id == CABLE_LABS && asked.containsKey(id)) {
                asked.get(id).get(DOCSIS3_V4_ORO).ifPresent(oro -> {
                    for (byte c : oro) {
                        wanted.add(c & 0xff);
                    }
                });
            }
            for (OptionValue v : all) {
                if (v.alwaysSend() && v.space().equals(space)) {
                    wanted.add(v.code());
                }
            }
            Dhcp4Options.Builder b = Dhcp4Options.builder();
            for (int code : wanted) {
                OptionValue v = first.getOrDefault(space, Map.of()).get(code);
                if (v != null && !framing(code) && !neverSend(space, code)) {
                    b.put(code, payload(v));
                }
            }
            Dhcp4Options subs = b.build();
            if (!subs.isEmpty() || forced.contains(id)) {
                blocks.put(id, subs);
            }
        }
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(VendorOptions.vivso(blocks));
        } catch (WireFormatException e) {
            Dhcp4Messages.DHCP4_PACKET_PACK_FAIL.log(Exchange.label(query), "option 125 not sent: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Pad (0) and end (255) frame options on the wire; no value can be sent under those codes. */
    private static boolean framing(int code) {
        return code <= OptionCodes.PAD || code >= OptionCodes.END;
    }

    private static long enterprise(byte[] data) {
        if (data.length < 4) {
            return -1;
        }
        return ((data[0] & 0xffL) << 24) | ((data[1] & 0xffL) << 16) | ((data[2] & 0xffL) << 8) | (data[3] & 0xffL);
    }

    private static Dhcp4Options parseQuietly(byte[] data) {
        try {
            return Dhcp4Options.parse(data);
        } catch (WireFormatException e) {
            return Dhcp4Options.empty();
        }
    }
}
