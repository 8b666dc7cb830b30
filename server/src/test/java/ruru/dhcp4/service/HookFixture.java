package ruru.dhcp4.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.daemon.hooks.CalloutRegistry;
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
import ruru.net.Received4;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;

/** {@link ServiceFixture}'s packet path with callouts: queries in, replies (and resumed replies) out. */
final class HookFixture {

    final ServiceFixture.MutableClock clock = new ServiceFixture.MutableClock(java.time.Instant.parse("2026-11-21T12:00:00Z"));
    final StatsManager stats = new StatsManager(clock);
    final CalloutRegistry callouts = new CalloutRegistry();
    final Dhcp4Hooks hooks = new Dhcp4Hooks(callouts);
    final LeaseStats leaseStats = new LeaseStats(stats);
    final PacketStats packetStats = new PacketStats(stats);
    final List<Dhcp4Packet> resumed = new ArrayList<>();
    final QueryProcessor processor;
    final Lease4Store leases;
    final Snapshot snap;

    HookFixture(String dhcp4Body) throws Exception {
        MapElement dhcp4 = (MapElement) Json.parse(dhcp4Body, ParseOptions.string());
        Dhcp4ServiceConfig config = Dhcp4ServiceConfigParser.parse(Dhcp4Schema.check(dhcp4),
                new PathPolicy(Path.of("/tmp"), Map.of(), true), ruru.testing.StandInInterfaces.ALL);
        leases = MemfileLease4Store.open(new MemfileSettings(null, false, 0, 0), clock);
        // DDNS as the service sets it up (no sender is opened unless dhcp-ddns enables updates).
        ruru.dhcp4.ddns.Ddns4 ddns = new ruru.dhcp4.ddns.Ddns4();
        ddns.configure(config.ddns());
        snap = Snapshot.of(config, leases, hooks, ddns);
        processor = new QueryProcessor(packetStats, leaseStats,
                new NetworkState(Executors.newSingleThreadScheduledExecutor()), new AllocationEngine(leaseStats), clock,
                a -> {
                    synchronized (resumed) {
                        resumed.add(a.reply());
                    }
                });
        packetStats.initialize();
        StatisticsRecount.recount(stats, snap);
    }

    /** The reply as it would go on the wire (through pkt4_send and buffer4_send), if any. */
    Optional<Dhcp4Packet> send(Dhcp4Packet q) {
        byte[] bytes = q.encode();
        return sendRaw(bytes);
    }

    Optional<Dhcp4Packet> sendRaw(byte[] bytes) {
        Received4 rx = new Received4(bytes, bytes.length, ServiceFixture.ETH0, Ipv4Address.ANY, 68,
                Ipv4Address.BROADCAST, true);
        Optional<QueryProcessor.Answered> a = processor.process(rx, snap);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        if (!QueryProcessor.hooksOnSend(snap)) {
            return Optional.of(a.get().reply());
        }
        QueryProcessor.Outgoing out = processor.finish(a.get(), snap);
        if (out == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Dhcp4Packet.decode(out.bytes()));
        } catch (ruru.wire.WireFormatException e) {
            throw new AssertionError(e);
        }
    }

    long stat(String name) {
        return stats.value(name).map(v -> ((ruru.daemon.stats.StatValue.IntegerValue) v).value()).orElse(-1L);
    }
}
