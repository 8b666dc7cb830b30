package ruru.dhcp4.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.daemon.logging.LoggerSpec;
import ruru.daemon.logging.LoggingApplier;
import ruru.daemon.logging.OutputSpec;
import ruru.daemon.logging.Severity;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.Dhcp4ServiceConfigParser;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.Lease4Store;
import ruru.lease.MemfileLease4Store;
import ruru.lease.TimedLease4Store;
import ruru.net.InterfaceAddress4;
import ruru.net.NetInterface;
import ruru.net.Received4;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * A micro benchmark of dhcp4's packet path without sockets or threads (not a test): the
 * configuration of bench/dhcp4-perfdhcp.sh (the relay's subnet being the /12 one here, so that many
 * rounds of new clients fit), a persisted memfile, and perfdhcp's relayed DISCOVER
 * and REQUEST for new clients decoded, processed and their replies encoded on one thread. Prints
 * the thread's CPU time and allocated bytes per DORA (ThreadMXBean), which a busy machine
 * disturbs far less than a rate. Run by bench/dhcp4-micro.sh.
 */
public final class PacketPathBench {

    private static final NetInterface VETH = new NetInterface("veth0", 2,
            new HardwareAddress(1, new byte[] {2, 0, 0, 0, 0, 1}),
            List.of(new InterfaceAddress4(ip("192.0.2.1"), 24, ip("192.0.2.255"))), true, false);
    private static final Ipv4Address RELAY = ip("192.0.2.2");
    private static final Ipv4Address SERVER = ip("192.0.2.1");

    private PacketPathBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        // DORAs per group commit (a reader's batch of 16 datagrams is 8 DORAs' worth); 0: a write per exchange
        int group = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("ruru-micro");
        LoggingApplier.apply("kea-dhcp4", List.of(new LoggerSpec("kea-dhcp4", Severity.WARN, 0,
                List.of(new OutputSpec.File(dir.resolve("server.log"), OutputSpec.DEFAULT_MAXSIZE,
                        OutputSpec.DEFAULT_MAXVER, true, OutputSpec.DEFAULT_PATTERN)))), false);
        String body = """
            { "interfaces-config": { "interfaces": [ "veth0" ], "dhcp-socket-type": "udp" },
              "lease-database": { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 3600 },
              "valid-lifetime": 4000,
              "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "192.0.2.98" ] },
                             "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ] },
                           { "id": 2, "subnet": "10.0.0.0/12", "relay": { "ip-addresses": [ "192.0.2.2" ] },
                             "pools": [ { "pool": "10.0.0.1 - 10.15.255.254" } ] } ] }
            """.formatted(dir.resolve("leases4.csv"));
        MapElement dhcp4 = (MapElement) Json.parse(body, ParseOptions.string());
        Dhcp4ServiceConfig config = Dhcp4ServiceConfigParser.parse(Dhcp4Schema.check(dhcp4),
                new PathPolicy(dir, Map.of(), true), ruru.testing.StandInInterfaces.ALL);
        Clock clock = Clock.systemUTC();
        StatsManager stats = new StatsManager(clock);
        LeaseStats leaseStats = new LeaseStats(stats);
        PacketStats packetStats = new PacketStats(stats);
        AllocationEngine engine = new AllocationEngine(leaseStats);
        QueryProcessor processor = new QueryProcessor(packetStats, leaseStats,
                new NetworkState(Executors.newSingleThreadScheduledExecutor()), engine, clock);
        Lease4Store leases = new TimedLease4Store(MemfileLease4Store.open(config.leaseDatabase().memfile(), clock),
                nanos -> { });
        Snapshot snap = Snapshot.of(config, leases);
        packetStats.initialize();
        StatisticsRecount.recount(stats, snap);

        int per = perRound;
        ruru.testing.MicroRounds.run(rounds, perRound, "DORA", n -> {
            if (group > 0 && ruru.lease.CommitGroup.current() == null) {
                ruru.lease.CommitGroup.begin();
            }
            boolean done = dora(processor, snap, n);
            if (group > 0 && (n % group == group - 1 || n % per == per - 1)) {
                ruru.lease.CommitGroup.current().end(); // the batch's rows: one write
            }
            return done;
        });
        leases.close();
        System.exit(0);
    }

    /** One new client's DISCOVER-OFFER, REQUEST-ACK as perfdhcp -4 sends them through a relay. */
    private static boolean dora(QueryProcessor processor, Snapshot snap, int n) {
        byte[] mac = {0x0c, 0x01, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        byte[] discover = query(1, mac, n, null);
        next();
        Optional<QueryProcessor.Answered> offer = processor.process(rx(discover), snap);
        if (offer.isEmpty()) {
            return false;
        }
        byte[] offerBytes = ResponseBuilder.encode(offer.get().query(), offer.get().reply());
        Ipv4Address yiaddr = Ipv4Address.of(offerBytes, 16);
        byte[] request = query(3, mac, n, yiaddr);
        next();
        Optional<QueryProcessor.Answered> ack = processor.process(rx(request), snap);
        if (ack.isEmpty()) {
            return false;
        }
        ResponseBuilder.encode(ack.get().query(), ack.get().reply());
        return true;
    }

    /** The next exchange of an open group commit, if any (as the packet runtime numbers them). */
    private static void next() {
        ruru.lease.CommitGroup g = ruru.lease.CommitGroup.current();
        if (g != null) {
            g.next(true);
        }
    }

    private static Received4 rx(byte[] bytes) {
        return new Received4(bytes, bytes.length, VETH, RELAY, 67, SERVER, false);
    }

    /** perfdhcp's packet: hops 1, giaddr the relay, options 53, (50, 54,) 55, 61. */
    private static byte[] query(int type, byte[] mac, int xid, Ipv4Address requested) {
        byte[] p = new byte[requested == null ? 262 : 274];
        p[0] = 1;
        p[1] = 1;
        p[2] = 6;
        p[3] = 1;
        p[4] = (byte) (xid >>> 24);
        p[5] = (byte) (xid >>> 16);
        p[6] = (byte) (xid >>> 8);
        p[7] = (byte) xid;
        System.arraycopy(RELAY.toBytes(), 0, p, 24, 4);
        System.arraycopy(mac, 0, p, 28, 6);
        int o = 236;
        p[o++] = 99;
        p[o++] = (byte) 130;
        p[o++] = 83;
        p[o++] = 99;
        p[o++] = 53;
        p[o++] = 1;
        p[o++] = (byte) type;
        if (requested != null) {
            p[o++] = 50;
            p[o++] = 4;
            System.arraycopy(requested.toBytes(), 0, p, o, 4);
            o += 4;
            p[o++] = 54;
            p[o++] = 4;
            System.arraycopy(SERVER.toBytes(), 0, p, o, 4);
            o += 4;
        }
        byte[] prl = {55, 7, 1, 28, 2, 3, 15, 6, 12};
        System.arraycopy(prl, 0, p, o, prl.length);
        o += prl.length;
        p[o++] = 61;
        p[o++] = 7;
        p[o++] = 1;
        System.arraycopy(mac, 0, p, o, 6);
        o += 6;
        p[o] = (byte) 255;
        return p;
    }

    private static Ipv4Address ip(String text) {
        try {
            return Ipv4Address.parse(text);
        } catch (ruru.wire.WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
