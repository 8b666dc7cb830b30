package ruru.dhcp4.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.Dhcp4ServiceConfigParser;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.Lease4Store;
import ruru.lease.MemfileLease4Store;
import ruru.lease.MemfileSettings;
import ruru.net.InterfaceAddress4;
import ruru.net.NetInterface;
import ruru.net.Received4;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * The packet path without sockets: a real configuration (parsed by the real parsers), an
 * in-memory lease store, and queries arriving on a fake interface eth0 with 192.0.2.1/24.
 */
final class ServiceFixture {

    static final NetInterface ETH0 = new NetInterface("eth0", 2,
            new HardwareAddress(1, new byte[] {2, 0, 0, 0, 0, 1}),
            List.of(new InterfaceAddress4(ip("192.0.2.1"), 24, ip("192.0.2.255"))), true, false);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    final StatsManager stats = new StatsManager(clock);
    final NetworkState networkState = new NetworkState(Executors.newSingleThreadScheduledExecutor());
    final LeaseStats leaseStats = new LeaseStats(stats);
    final AllocationEngine engine = new AllocationEngine(leaseStats);
    final QueryProcessor processor = new QueryProcessor(new PacketStats(stats), leaseStats, networkState, engine, clock);
    final Lease4Store leases;
    final Snapshot snap;

    ServiceFixture(String dhcp4Body) throws Exception {
        MapElement dhcp4 = (MapElement) Json.parse(dhcp4Body, ParseOptions.string());
        Dhcp4ServiceConfig config = Dhcp4ServiceConfigParser.parse(Dhcp4Schema.check(dhcp4),
                new PathPolicy(Path.of("/tmp"), Map.of(), true), ruru.testing.StandInInterfaces.ALL);
        leases = MemfileLease4Store.open(new MemfileSettings(null, false, 0, 0), clock);
        snap = Snapshot.of(config, leases);
        new PacketStats(stats).initialize();
        StatisticsRecount.recount(stats, snap);
    }

    static Ipv4Address ip(String text) {
        try {
            return Ipv4Address.parse(text);
        } catch (ruru.wire.WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static HardwareAddress mac(int last) {
        return new HardwareAddress(1, new byte[] {2, 0x11, 0, 0, 0, (byte) last});
    }

    static Dhcp4Packet.Builder query(MessageType type, HardwareAddress hw, Dhcp4Options.Builder options) {
        options.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        Dhcp4Options built = options.build();
        // message type first, as clients send it
        Dhcp4Options.Builder ordered = Dhcp4Options.builder();
        ordered.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        for (int code : built.codes()) {
            if (code != OptionCodes.MESSAGE_TYPE) {
                ordered.put(code, built.get(code).orElseThrow());
            }
        }
        return Dhcp4Packet.builder().op(1).htype(1).hlen(6).xid(0x1234).chaddr(hw).options(ordered.build());
    }

    /** Delivers a query as if it arrived broadcast on eth0 from a client without an address. */
    Optional<Dhcp4Packet> send(Dhcp4Packet q) {
        return send(q, Ipv4Address.ANY, true);
    }

    Optional<Dhcp4Packet> send(Dhcp4Packet q, Ipv4Address source, boolean broadcast) {
        byte[] bytes = q.encode();
        Received4 rx = new Received4(bytes, bytes.length, ETH0, source, 68,
                broadcast ? Ipv4Address.BROADCAST : ip("192.0.2.1"), broadcast);
        return processor.process(rx, snap).map(QueryProcessor.Answered::reply);
    }

    Optional<Dhcp4Packet> sendRaw(byte[] bytes) {
        Received4 rx = new Received4(bytes, bytes.length, ETH0, Ipv4Address.ANY, 68, Ipv4Address.BROADCAST, true);
        return processor.process(rx, snap).map(QueryProcessor.Answered::reply);
    }

    long stat(String name) {
        return stats.value(name).map(v -> ((ruru.daemon.stats.StatValue.IntegerValue) v).value()).orElse(-1L);
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

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
            return now;
        }
    }
}
