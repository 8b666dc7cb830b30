package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp6Schema;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatValue;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Dhcp6ServiceConfigParser;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.CommitGroup;
import ruru.lease.MemfileLease6Store;
import ruru.net.Received6;
import ruru.testing.TinyDisk;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6Codes;

/**
 * dhcp6 on the group commit of a reader batch's lease rows: REQUESTs answered in one batch have
 * their rows written by the batch's one write; when that write fails (a full disk), exactly those
 * exchanges fail as a failed write of one exchange does: no lease in memory, their REPLYs counted
 * back and counted as drops, the assigned-nas statistic back where it was; the next batch writes.
 */
class GroupCommit6Test {

    @TempDir
    Path tmp;

    private StatsManager stats;
    private QueryProcessor6 processor;
    private Snapshot6 snap;
    private MemfileLease6Store store;

    @Test
    void aBatchsRequestsShareOneWriteAndAFailedWriteFailsExactlyThem() throws Exception {
        try (TinyDisk disk = TinyDisk.mount(tmp.resolve("data"), 64)) {
            start(disk.dir().resolve("leases6.csv"));
            Path file = disk.dir().resolve("leases6.csv");
            long empty = Files.size(file);

            // batch 1: two clients' REQUESTs, written when the batch settles
            byte[][] advertised = {solicit(1), solicit(2)};
            CommitGroup g = CommitGroup.begin();
            BitSet failed = new BitSet();
            try {
                request(g, 1, advertised[0]);
                request(g, 2, advertised[1]);
                assertThat(Files.size(file)).as("nothing written before the batch settles").isEqualTo(empty);
                g.settle(failed);
            } finally {
                g.end();
            }
            assertThat(failed.isEmpty()).isTrue();
            assertThat(Files.readAllLines(file)).hasSize(3);
            assertThat(stat("pkt6-reply-sent")).isEqualTo(2);
            assertThat(stat("subnet[1].assigned-nas")).isEqualTo(2);

            // batch 2 on a full disk: more rows than the file's last page holds, so the write fails
            disk.fill();
            long size = Files.size(file);
            int clients = 60;
            byte[][] more = new byte[clients][];
            for (int i = 0; i < clients; i++) {
                more[i] = solicit(100 + i);
            }
            long drops = stat("pkt6-receive-drop");
            g = CommitGroup.begin();
            try {
                for (int i = 0; i < clients; i++) {
                    request(g, 100 + i, more[i]);
                }
                g.settle(failed);
            } finally {
                g.end();
            }
            assertThat(failed.cardinality()).as("every exchange of the failed write").isEqualTo(clients);
            assertThat(Files.size(file)).as("cut back to where the write began").isEqualTo(size);
            assertThat(store.byDuid(duid(100))).as("memory follows the file").isEmpty();
            assertThat(store.byDuid(duid(1))).hasSize(1);
            assertThat(stat("pkt6-reply-sent")).as("their REPLYs counted back").isEqualTo(2);
            assertThat(stat("pkt6-receive-drop") - drops).isEqualTo(clients);
            assertThat(stat("subnet[1].assigned-nas")).isEqualTo(2);

            // the next batch writes again
            disk.free();
            byte[] again = solicit(200);
            failed.clear();
            g = CommitGroup.begin();
            try {
                request(g, 200, again);
                g.settle(failed);
            } finally {
                g.end();
            }
            assertThat(failed.isEmpty()).isTrue();
            assertThat(store.byDuid(duid(200))).hasSize(1);
            assertThat(Files.readAllLines(file)).hasSize(4);
            store.close();
        }
    }

    private void start(Path leaseFile) throws Exception {
        String body = """
            { "interfaces-config": { "interfaces": [ "eth0" ] },
              "lease-database": { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 0 },
              "preferred-lifetime": 3000, "valid-lifetime": 4000,
              "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0",
                             "pools": [ { "pool": "2001:db8:1::/64" } ] } ] }
            """.formatted(leaseFile);
        MapElement m = (MapElement) Json.parse(body, ParseOptions.string());
        Dhcp6ServiceConfig config = Dhcp6ServiceConfigParser.parse(Dhcp6Schema.check(m),
                new PathPolicy(leaseFile.getParent(), Map.of(), true), ruru.testing.StandInInterfaces.ALL);
        stats = new StatsManager(Clock.systemUTC());
        store = MemfileLease6Store.open(config.leaseDatabase().memfile());
        snap = Snapshot6.of(config, store, Fixture6.SERVER, Dhcp6Hooks.NONE);
        PacketStats6 packetStats = new PacketStats6(stats);
        packetStats.initialize();
        StatisticsRecount6.recount(stats, snap);
        processor = new QueryProcessor6(packetStats, new NetworkState(Executors.newSingleThreadScheduledExecutor()),
                new LeaseEngine6(new LeaseCounters(stats, LeaseCounters.Kind.V6_ADDRESSES),
                        new LeaseCounters(stats, LeaseCounters.Kind.V6_PREFIXES)), Clock.systemUTC(), o -> { });
    }

    /** A SOLICIT of client {@code n} (no group: nothing is written); the IA_NA its ADVERTISE offers. */
    private byte[] solicit(int n) throws Exception {
        Dhcp6Packet adv = answer(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(n)).na(1)).orElseThrow();
        return adv.options().get(Option6Codes.IA_NA).orElseThrow();
    }

    /** Client {@code n}'s REQUEST for what it was offered, answered as the batch's next exchange. */
    private void request(CommitGroup g, int n, byte[] iaNa) throws Exception {
        g.next(true);
        Optional<Dhcp6Packet> reply = answer(new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(n))
                .server(Fixture6.SERVER).option(Option6Codes.IA_NA, iaNa));
        assertThat(reply).as("a REPLY, its row waiting for the batch's write").isPresent();
    }

    private Optional<Dhcp6Packet> answer(Fixture6.Q q) throws Exception {
        byte[] data = q.build().encode();
        Received6 rx = new Received6(data, data.length, Fixture6.ETH0, Fixture6.ip("fe80::2"), 546,
                Ipv6Address.ALL_DHCP_RELAY_AGENTS_AND_SERVERS);
        return processor.process(rx, snap).map(o -> o.answer().reply());
    }

    private static byte[] duid(int n) {
        return HexFormat.ofDelimiter(":").parseHex("00:03:00:01:02:00:00:00:%02x:%02x".formatted(n >>> 8, n & 0xff));
    }

    private long stat(String name) {
        return stats.value(name).map(v -> ((StatValue.IntegerValue) v).value()).orElse(-1L);
    }
}
