package ruru.dhcp6.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp6Schema;
import ruru.daemon.logging.LoggerSpec;
import ruru.daemon.logging.LoggingApplier;
import ruru.daemon.logging.OutputSpec;
import ruru.daemon.logging.Severity;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Dhcp6ServiceConfigParser;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.Lease6Store;
import ruru.lease.MemfileLease6Store;
import ruru.lease.TimedLease6Store;
import ruru.net.NetInterface6;
import ruru.net.Received6;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Duid;
import ruru.wire.v6.Option6Codes;

/**
 * A micro benchmark of dhcp6's packet path without sockets or threads (not a test): the
 * configuration of bench/dhcp6-perfdhcp.sh, a persisted memfile, and perfdhcp -6's SOLICIT and
 * REQUEST for new clients decoded, processed and their replies encoded on one thread. Prints the
 * thread's CPU time and allocated bytes per SARR (ThreadMXBean), which a busy machine disturbs far
 * less than a rate. Run by bench/dhcp6-micro.sh.
 */
public final class PacketPath6Bench {

    private static final NetInterface6 VETH = new NetInterface6("veth0", 2,
            new HardwareAddress(1, new byte[] {2, 0, 0, 0, 0, 1}), List.of(ip("fe80::1")), List.of(ip("2001:db8:1::1")),
            true, false, true);
    private static final Ipv6Address CLIENT = ip("fe80::2");
    private static final Duid SERVER = new Duid(HexFormat.ofDelimiter(":").parseHex("00:01:00:01:32:a8:8d:10:02:00:00:00:00:01"));

    private PacketPath6Bench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Path dir = Files.createTempDirectory("ruru-micro6");
        LoggingApplier.apply("kea-dhcp6", List.of(new LoggerSpec("kea-dhcp6", Severity.WARN, 0,
                List.of(new OutputSpec.File(dir.resolve("server.log"), OutputSpec.DEFAULT_MAXSIZE,
                        OutputSpec.DEFAULT_MAXVER, true, OutputSpec.DEFAULT_PATTERN)))), false);
        String body = """
            { "interfaces-config": { "interfaces": [ "veth0" ] },
              "lease-database": { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 3600 },
              "preferred-lifetime": 3000, "valid-lifetime": 4000,
              "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "veth0",
                             "pools": [ { "pool": "2001:db8:1::/64" } ] } ] }
            """.formatted(dir.resolve("leases6.csv"));
        MapElement dhcp6 = (MapElement) Json.parse(body, ParseOptions.string());
        Dhcp6ServiceConfig config = Dhcp6ServiceConfigParser.parse(Dhcp6Schema.check(dhcp6),
                new PathPolicy(dir, Map.of(), true), ruru.testing.StandInInterfaces.ALL);
        Clock clock = Clock.systemUTC();
        StatsManager stats = new StatsManager(clock);
        LeaseCounters nas = new LeaseCounters(stats, LeaseCounters.Kind.V6_ADDRESSES);
        LeaseCounters pds = new LeaseCounters(stats, LeaseCounters.Kind.V6_PREFIXES);
        PacketStats6 packetStats = new PacketStats6(stats);
        QueryProcessor6 processor = new QueryProcessor6(packetStats,
                new NetworkState(Executors.newSingleThreadScheduledExecutor()), new LeaseEngine6(nas, pds), clock,
                o -> { });
        Lease6Store leases = new TimedLease6Store(MemfileLease6Store.open(config.leaseDatabase().memfile(), clock),
                nanos -> { });
        Snapshot6 snap = Snapshot6.of(config, leases, SERVER, Dhcp6Hooks.NONE);
        packetStats.initialize();
        StatisticsRecount6.recount(stats, snap);

        ruru.testing.MicroRounds.run(rounds, perRound, "SARR", n -> sarr(processor, snap, n));
        leases.close();
        System.exit(0);
    }

    /** One new client's SOLICIT-ADVERTISE, REQUEST-REPLY as perfdhcp -6 sends them (multicast, no relay). */
    private static boolean sarr(QueryProcessor6 processor, Snapshot6 snap, int n) throws Exception {
        byte[] duid = HexFormat.ofDelimiter(":").parseHex("00:01:00:01:32:a9:58:3b:00:0c:00:00:00:00");
        duid[10] = (byte) (n >>> 24);
        duid[11] = (byte) (n >>> 16);
        duid[12] = (byte) (n >>> 8);
        duid[13] = (byte) n;
        Optional<QueryProcessor6.Outgoing6> adv = processor.process(rx(query(1, n, duid, null, null)), snap);
        if (adv.isEmpty()) {
            return false;
        }
        Dhcp6Packet advertise = Dhcp6Packet.decode(adv.get().answer().reply().encode());
        byte[] sid = advertise.options().get(Option6Codes.SERVERID).orElseThrow();
        byte[] ia = advertise.options().get(Option6Codes.IA_NA).orElseThrow();
        Optional<QueryProcessor6.Outgoing6> reply = processor.process(rx(query(3, n, duid, sid, ia)), snap);
        if (reply.isEmpty()) {
            return false;
        }
        reply.get().answer().reply().encode();
        return true;
    }

    private static Received6 rx(byte[] bytes) {
        return new Received6(bytes, bytes.length, VETH, CLIENT, 546, Ipv6Address.ALL_DHCP_RELAY_AGENTS_AND_SERVERS);
    }

    /** perfdhcp -6's query: elapsed time, client id, ORO (dns-servers), IA_NA (iaid 1) and for a REQUEST the server id. */
    private static byte[] query(int type, int xid, byte[] duid, byte[] serverId, byte[] iaNa) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(128);
        out.write(type);
        out.write(xid >>> 16);
        out.write(xid >>> 8);
        out.write(xid);
        option(out, Option6Codes.ELAPSED_TIME, new byte[2]);
        option(out, Option6Codes.CLIENTID, duid);
        option(out, Option6Codes.ORO, new byte[] {0, 23});
        option(out, Option6Codes.IA_NA, iaNa != null ? iaNa : new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
        if (serverId != null) {
            option(out, Option6Codes.SERVERID, serverId);
        }
        return out.toByteArray();
    }

    private static void option(java.io.ByteArrayOutputStream out, int code, byte[] data) {
        out.write(code >>> 8);
        out.write(code);
        out.write(data.length >>> 8);
        out.write(data.length);
        out.writeBytes(data);
    }

    private static Ipv6Address ip(String text) {
        try {
            return Ipv6Address.parse(text);
        } catch (ruru.wire.WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
