package ruru.dhcp6.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Dhcp6ServiceConfigParser;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.lease.MemfileLease6Store;
import ruru.lease.MemfileSettings;
import ruru.net.NetInterface6;
import ruru.net.Received6;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Duid;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;
import ruru.wire.v6.StatusCode;

/**
 * The DHCPv6 packet path without sockets: a configuration (the {@code Dhcp6} map's JSON), an
 * in-memory lease store, and queries handed to the processor as if they had arrived on
 * {@code eth0} (link-local fe80::1, unicast 2001:db8:1::1) by multicast.
 */
final class Fixture6 {

    static final NetInterface6 ETH0 = new NetInterface6("eth0", 2,
            new HardwareAddress(1, HexFormat.ofDelimiter(":").parseHex("02:00:00:00:00:01")),
            List.of(ip("fe80::1")), List.of(ip("2001:db8:1::1")), true, false, true);
    static final Duid SERVER = new Duid(HexFormat.ofDelimiter(":").parseHex("00:01:00:01:32:a8:8d:10:02:00:00:00:00:01"));

    final StatsManager stats = new StatsManager();
    final NetworkState state = new NetworkState(java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
    final MemfileLease6Store store;
    final Snapshot6 snap;
    final QueryProcessor6 processor;
    long now = 1_800_000_000L;

    Fixture6(String dhcp6Json) throws Exception {
        this(dhcp6Json, Dhcp6Hooks.NONE);
    }

    Fixture6(String dhcp6Json, Dhcp6Hooks hooks) throws Exception {
        MapElement m = (MapElement) Json.parse(dhcp6Json, ruru.json.ParseOptions.file("test", w -> { }));
        Dhcp6ServiceConfig config = Dhcp6ServiceConfigParser.parse(
                ruru.daemon.config.schema.Dhcp6Schema.check(m), new PathPolicy(java.nio.file.Path.of("/tmp"), java.util.Map.of(), true), ruru.testing.StandInInterfaces.ALL);
        store = MemfileLease6Store.open(MemfileSettings.inMemory());
        snap = Snapshot6.of(config, store, SERVER, hooks);
        LeaseCounters nas = new LeaseCounters(stats, LeaseCounters.Kind.V6_ADDRESSES);
        LeaseCounters pds = new LeaseCounters(stats, LeaseCounters.Kind.V6_PREFIXES);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(now);
            }
        };
        new PacketStats6(stats).initialize();
        StatisticsRecount6.recount(stats, snap);
        processor = new QueryProcessor6(new PacketStats6(stats), state, new LeaseEngine6(nas, pds), clock, o -> { });
    }

    static Ipv6Address ip(String s) {
        try {
            return Ipv6Address.parse(s);
        } catch (ruru.wire.WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] duid(int n) {
        return HexFormat.ofDelimiter(":").parseHex("00:03:00:01:02:00:00:00:00:" + String.format("%02x", n));
    }

    /** A query builder. */
    static final class Q {
        private final Dhcp6MessageType type;
        private final Dhcp6Options.Builder opts = Dhcp6Options.builder();
        private final List<RelayInfo> relays = new ArrayList<>();

        Q(Dhcp6MessageType type) {
            this.type = type;
        }

        Q client(byte[] duid) {
            opts.add(Option6Codes.CLIENTID, duid);
            return this;
        }

        Q server(Duid d) {
            opts.add(Option6Codes.SERVERID, d.bytes());
            return this;
        }

        Q na(long iaid, IaAddress... addresses) {
            Dhcp6Options.Builder inner = Dhcp6Options.builder();
            for (IaAddress a : addresses) {
                inner.add(a.toOption());
            }
            opts.add(new Ia(IaType.NA, iaid, 0, 0, inner.build()).toOption());
            return this;
        }

        Q pd(long iaid, IaPrefix... prefixes) {
            Dhcp6Options.Builder inner = Dhcp6Options.builder();
            for (IaPrefix p : prefixes) {
                inner.add(p.toOption());
            }
            opts.add(new Ia(IaType.PD, iaid, 0, 0, inner.build()).toOption());
            return this;
        }

        Q oro(int... codes) {
            opts.add(Option6Codes.ORO, ruru.wire.v6.Oro.encode(codes));
            return this;
        }

        Q option(int code, byte[] data) {
            opts.add(code, data);
            return this;
        }

        /** A relay level; call from the outermost (closest to the server) inwards. */
        Q relay(String link, String peer, Option6... options) {
            relays.add(new RelayInfo(Dhcp6MessageType.RELAY_FORW, relays.size(), ip(link), ip(peer),
                    Dhcp6Options.of(List.of(options))));
            return this;
        }

        Dhcp6Packet build() {
            return new Dhcp6Packet(type.code(), 0x1234, opts.build(), relays);
        }
    }

    /** Handles a query that arrived by multicast from fe80::2 (or from the relay, when relayed). */
    Optional<Dhcp6Packet> send(Q q) throws Exception {
        return send(q, false);
    }

    Optional<Dhcp6Packet> send(Q q, boolean unicast) throws Exception {
        Dhcp6Packet p = q.build();
        byte[] data = p.encode();
        Ipv6Address src = p.isRelayed() ? ip("2001:db8:ff::1") : ip("fe80::2");
        Received6 rx = new Received6(data, data.length, ETH0, src, p.isRelayed() ? 547 : 546,
                unicast ? ip("2001:db8:1::1") : Ipv6Address.ALL_DHCP_RELAY_AGENTS_AND_SERVERS);
        return processor.process(rx, snap).map(o -> o.answer().reply());
    }

    long stat(String name) {
        return stats.value(name).map(v -> ((ruru.daemon.stats.StatValue.IntegerValue) v).value()).orElse(-1L);
    }

    static List<Ia> ias(Dhcp6Packet reply, IaType type) throws Exception {
        return Ia.all(reply.options(), type);
    }

    static Optional<StatusCode> status(Dhcp6Options options) throws Exception {
        Optional<byte[]> s = options.get(Option6Codes.STATUS_CODE);
        return s.isEmpty() ? Optional.empty() : Optional.of(StatusCode.parse(s.get()));
    }
}
