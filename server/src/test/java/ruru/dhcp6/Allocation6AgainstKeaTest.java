package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaDaemon;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;
import ruru.testing.TestMains;

/**
 * Issue 11: dhcp6's iterative allocator walks a subnet's pools as kea-dhcp6 2.2 does (on from the
 * subnet's last address, pool after pool, rewinding to the first pool only past the last), and a
 * shared network's new allocations start at the subnet whose allocator was used last (Kea's
 * getPreferredSubnet). The same relayed clients and lease6-del commands go to kea-dhcp6 2.2 and to
 * ruru; the addresses given must be the same.
 *
 * <p>The same packets, also on a loaded machine: the client waits 10 s for each answer before it
 * sends again, since a retransmitted SOLICIT is a second allocation (the iterative allocator moves
 * on), which would come from the load and not from the scenario.
 */
class Allocation6AgainstKeaTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("al", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static String config(String socket, String hooks, String subnets) {
        return """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": { "type": "memfile", "persist": false },
                  "hooks-libraries": [ { "library": "%s" } ],
                  %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, socket, hooks, subnets);
    }

    private static List<String> sarr(Path dir, String tag, int first, int count) throws Exception {
        return sarr(dir, tag, first, count, Netns6.CLIENT_IP6);
    }

    /** {@code count} clients relayed with {@code link} as their link-address (the relay's own by default). */
    private static List<String> sarr(Path dir, String tag, int first, int count, String link) throws Exception {
        return TestMains.runInClient(net, dir.resolve(tag + ".out"), 120, "ruru.testing.Dhcp6TestClient", "sarr",
                Netns6.CLIENT_IP6, Netns6.SERVER_IP6, Integer.toString(count), Integer.toString(first), link,
                Integer.toString(WAIT_MS)).stream()
                .filter(l -> l.startsWith("REPLY ")).map(l -> l.split(" ")[1]).toList();
    }

    /**
     * The prefix each probe step's REPLY delegated ({@code -} when none), driving
     * {@link ruru.testing.Dhcp6StatsProbe} with {@code steps} (e.g. {@code sarr 1 pd hint=::/60}).
     */
    private static List<String> delegated(Path dir, String tag, List<String> steps) throws Exception {
        Path in = Files.write(dir.resolve(tag + ".steps"), steps);
        Path outFile = dir.resolve(tag + ".out");
        Process probe = new ProcessBuilder("ip", "netns", "exec", net.client(),
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "ruru.testing.Dhcp6StatsProbe", Netns6.CLIENT_IP6, Netns6.SERVER_IP6)
                .redirectInput(in.toFile()).redirectOutput(outFile.toFile()).redirectErrorStream(true).start();
        if (!probe.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            probe.destroyForcibly().waitFor();
            throw new AssertionError("the probe did not finish: " + Files.readString(outFile));
        }
        List<String> lines = Files.readAllLines(outFile);
        java.util.regex.Pattern pd = java.util.regex.Pattern.compile("PD\\(t1=\\d+,t2=\\d+,([0-9a-f:]+/\\d+)/[1-9]");
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.contains(" REQUEST ") || (l.contains(" SOLICIT ") && !l.contains("ADVERTISE"))) {
                java.util.regex.Matcher m = pd.matcher(l);
                out.add(m.find() ? m.group(1) : "-");
            } else if (l.contains(" SOLICIT ADVERTISE") && !pd.matcher(l).find()) {
                out.add("-");
            }
        }
        return out;
    }

    /** How long the client waits for an answer before it sends again. */
    private static final int WAIT_MS = 10_000;

    private static void delete(Path socket, String address) throws Exception {
        assertThat(DaemonProcess.send(socket, "{ \"command\": \"lease6-del\", \"arguments\": { \"ip-address\": \""
                + address + "\" } }")).contains("\"result\": 0");
    }

    /** A scenario run against a server's control socket, giving the addresses handed out. */
    @FunctionalInterface
    private interface Scenario {
        List<String> run(Path dir, Path socket) throws Exception;
    }

    /** The scenario's addresses from kea-dhcp6 2.2, then from ruru, on the same configuration. */
    private static List<List<String>> both(String subnets, Scenario scenario) throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path keaSocket = dir.resolve("kea6.sock");
        Path keaCfg = Files.writeString(dir.resolve("kea.json"),
                config(keaSocket.toString(), "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so", subnets)
                        // its server DUID file in the test's directory, not in /var/lib/kea
                        .replace("\"Dhcp6\": {", "\"Dhcp6\": { \"data-directory\": \"" + dir + "\","));
        Process kea = KeaDaemon.start(net, dir, "kea-dhcp6", keaCfg);
        List<String> byKea;
        try {
            KeaDaemon.awaitSocket(keaSocket, kea, dir.resolve("kea.log"));
            byKea = scenario.run(dir, keaSocket);
        } finally {
            KeaDaemon.stop(kea);
        }
        Path cfg = dirs.writeConfig("ruru.json", config("ctl.sock", "libdhcp_lease_cmds.so", subnets));
        List<String> byRuru;
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(dirs.socket("ctl.sock"));
            byRuru = scenario.run(dir, dirs.socket("ctl.sock"));
        }
        return List.of(byKea, byRuru);
    }

    @Test
    void theWalkGoesOnPoolAfterPoolAndRewindsAsKeaDhcp6() throws Exception {
        String subnets = """
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::103" },
                             { "pool": "2001:db8:1::200 - 2001:db8:1::203" } ] } ]""";
        List<List<String>> got = both(subnets, (dir, socket) -> {
            List<String> out = new ArrayList<>(sarr(dir, "fill", 0, 8));
            delete(socket, "2001:db8:1::101");
            delete(socket, "2001:db8:1::201");
            out.addAll(sarr(dir, "after", 20, 3));
            return out;
        });
        // after the rewind the walk takes the first pool's hole, then the second's
        assertThat(got.get(0).subList(8, 10)).containsExactly("2001:db8:1::101", "2001:db8:1::201");
        assertThat(got.get(1)).isEqualTo(got.get(0));
    }

    @Test
    void aSharedNetworkStartsAtThePreferredSubnetAsKeaDhcp6() throws Exception {
        String subnets = """
                "shared-networks": [ { "name": "net", "subnet6": [
                  { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::101" } ] },
                  { "id": 2, "subnet": "2001:db8:2::/64", "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::10f" } ] }
                ] } ]""";
        // The relay's link selects subnet 1. Client 2 finds it full and is given subnet 2's first
        // address: Kea stamps each subnet when its allocator picks a candidate (microseconds), and
        // picks subnet 1's last candidate and subnet 2's first within the same SOLICIT, sometimes in
        // the same microsecond; Kea's getPreferredSubnet prefers a subnet only when its stamp is
        // later ('>'), so after such a tie Kea starts at the selected subnet 1 again (a frozen
        // clock shows it: the next client is given 2001:db8:1::100 after the delete), where ruru's
        // ordering never ties. Client 5, relayed from subnet 2's link, is given an address of
        // subnet 2 whichever way that went, and its SOLICIT alone stamps subnet 2, milliseconds
        // after subnet 1's last stamp: from then on subnet 2 is the preferred one for certain.
        List<List<String>> got = both(subnets, (dir, socket) -> {
            List<String> out = new ArrayList<>(sarr(dir, "fill", 0, 3));
            out.addAll(sarr(dir, "link2", 5, 1, "2001:db8:2::2"));
            delete(socket, "2001:db8:1::100");
            out.addAll(sarr(dir, "after", 10, 2));
            return out;
        });
        // subnet 2 allocated last: new clients of subnet 1's link start there though subnet 1 has room again
        assertThat(got.get(0)).containsExactly("2001:db8:1::100", "2001:db8:1::101", "2001:db8:2::100",
                "2001:db8:2::101", "2001:db8:2::102", "2001:db8:2::103");
        assertThat(got.get(1)).isEqualTo(got.get(0));
    }

    @Test
    void aFullSubnetPassesToTheOthersInIdOrderAsKeaDhcp6() throws Exception {
        // the relay's link selects 2001:db8:1::/64 (id 1); the four subnets' configuration, id,
        // numeric and prefix-text orders all differ: from it, configuration 20::, 10::, 9::; ids
        // 10:: (2), 20:: (3), 9:: (4); numeric 9::, 10::, 20::; text 20::, 9::, 10::. kea-dhcp6 2.2
        // steps on in the ids' order (SharedNetwork6::getNextSubnet walks the id index), wrapping
        String subnets = """
                "shared-networks": [ { "name": "net", "subnet6": [
                  { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::100" } ] },
                  { "id": 3, "subnet": "2001:db8:20::/64", "pools": [ { "pool": "2001:db8:20::100 - 2001:db8:20::101" } ] },
                  { "id": 2, "subnet": "2001:db8:10::/64", "pools": [ { "pool": "2001:db8:10::100 - 2001:db8:10::101" } ] },
                  { "id": 4, "subnet": "2001:db8:9::/64", "pools": [ { "pool": "2001:db8:9::100 - 2001:db8:9::101" } ] }
                ] } ]""";
        List<List<String>> got = both(subnets, (dir, socket) -> sarr(dir, "fill", 0, 8));
        assertThat(got.get(0)).containsExactly("2001:db8:1::100", "2001:db8:10::100", "2001:db8:10::101",
                "2001:db8:20::100", "2001:db8:20::101", "2001:db8:9::100", "2001:db8:9::101");
        assertThat(got.get(1)).isEqualTo(got.get(0));
    }

    @Test
    void aSharedNetworksRelayAddressSelectsItsLowestIdAsKeaDhcp6() throws Exception {
        // no subnet holds the relay's link address; the network's relay address lists it, so every
        // subnet of the network matches and Kea takes the first in its id index (20::, id 2), not
        // the configuration's first (30::), the text's (10::) or the numeric first (9::)
        String subnets = """
                "shared-networks": [ { "name": "net", "relay": { "ip-addresses": [ "2001:db8:1::2" ] }, "subnet6": [
                  { "id": 5, "subnet": "2001:db8:30::/64", "pools": [ { "pool": "2001:db8:30::100 - 2001:db8:30::100" } ] },
                  { "id": 4, "subnet": "2001:db8:9::/64", "pools": [ { "pool": "2001:db8:9::100 - 2001:db8:9::100" } ] },
                  { "id": 3, "subnet": "2001:db8:10::/64", "pools": [ { "pool": "2001:db8:10::100 - 2001:db8:10::100" } ] },
                  { "id": 2, "subnet": "2001:db8:20::/64", "pools": [ { "pool": "2001:db8:20::100 - 2001:db8:20::100" } ] }
                ] } ]""";
        List<List<String>> got = both(subnets, (dir, socket) -> sarr(dir, "fill", 0, 5));
        assertThat(got.get(0)).containsExactly("2001:db8:20::100", "2001:db8:10::100", "2001:db8:9::100",
                "2001:db8:30::100");
        assertThat(got.get(1)).isEqualTo(got.get(0));
    }

    /**
     * Kea 3 differs from Kea 2.2 here and ruru follows Kea 3 (dhcp6 service PrefixLengthMatch):
     * a PD hint's requested length (single subnet, pools delegating /64, /60 and /56 in that order):
     * equal, shorter and longer than the pools', a length with no pool, a hint address in a pool of
     * another length, a pool of the requested length exhausted, and no hint.
     */
    @Test
    void aPdHintsLengthPicksThePoolsAsKea() throws Exception {
        String subnets = """
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "pd-pools": [
                  { "prefix": "2001:db8:a000::", "prefix-len": 62, "delegated-len": 64 },
                  { "prefix": "2001:db8:b000::", "prefix-len": 59, "delegated-len": 60 },
                  { "prefix": "2001:db8:c000::", "prefix-len": 55, "delegated-len": 56 } ] } ]""";
        List<String> steps = List.of("sarr 1 pd hint=::/60", "sarr 2 pd hint=::/64",
                "sarr 3 pd hint=2001:db8:c000:100::/64", "sarr 4 pd hint=2001:db8:c000:100::/56",
                "sarr 5 pd hint=::/60", "sarr 6 pd hint=::/60", "sarr 7 pd hint=::/62", "sarr 8 pd",
                "sarr 9 pd hint=::/48");
        List<List<String>> got = both(subnets, (dir, socket) -> delegated(dir, "pd", steps));
        // kea-dhcp6 2.2 ignores the length: the walk goes on pool after pool; a hint address in a
        // pool is delegated at the pool's length whatever length it asks
        assertThat(got.get(0)).containsExactly("2001:db8:a000::/64", "2001:db8:a000:1::/64", "2001:db8:c000:100::/56",
                "2001:db8:a000:2::/64", "2001:db8:a000:3::/64", "2001:db8:b000::/60", "2001:db8:b000:10::/60",
                "2001:db8:c000::/56", "-", "-");
        // Kea 3 (followed): /60 from the /60 pool; /64 from the /64 pool; a /64 hint into the /56
        // pool gets a /64 (equal pass first), a /56 hint there the hinted /56; the /60 pool
        // exhausted, a /60 hint gets a shorter /56; /62 (no pool) a shorter one when left, else a
        // longer /64; no hint walks on from the last; /48 only longer ones, none left
        assertThat(got.get(1)).containsExactly("2001:db8:b000::/60", "2001:db8:a000::/64", "2001:db8:a000:1::/64",
                "2001:db8:c000:100::/56", "2001:db8:b000:10::/60", "2001:db8:c000::/56", "2001:db8:a000:2::/64",
                "2001:db8:a000:3::/64", "-", "-");
    }

    /**
     * A PD hint's length in a shared network (Kea 3 followed, Kea 2.2 recorded): the subnet whose
     * pools delegate it, before the preferred one's other pools.
     */
    @Test
    void aPdHintsLengthAcrossASharedNetworkAsKea() throws Exception {
        String subnets = """
                "shared-networks": [ { "name": "net", "subnet6": [
                  { "id": 1, "subnet": "2001:db8:1::/64", "pd-pools": [
                    { "prefix": "2001:db8:a000::", "prefix-len": 63, "delegated-len": 64 } ] },
                  { "id": 2, "subnet": "2001:db8:2::/64", "pd-pools": [
                    { "prefix": "2001:db8:b000::", "prefix-len": 59, "delegated-len": 60 } ] } ] } ]""";
        List<String> steps = List.of("sarr 1 pd hint=::/60", "sarr 2 pd hint=::/64", "sarr 3 pd", "sarr 4 pd",
                "sarr 5 pd hint=::/64");
        List<List<String>> got = both(subnets, (dir, socket) -> delegated(dir, "pdnet", steps));
        // kea-dhcp6 2.2: the length ignored, subnet 1 first until it is full
        assertThat(got.get(0)).containsExactly("2001:db8:a000::/64", "2001:db8:a000:1::/64", "2001:db8:b000::/60",
                "2001:db8:b000:10::/60", "-", "-");
        // Kea 3 (followed): each pass walks every subnet of the network before the next pass, so
        // the /60 hint goes to subnet 2 and the /64 hint back to subnet 1; without a hint the walk
        // starts in the subnet used last; the last /64 hint finds neither /64 nor shorter left
        assertThat(got.get(1)).containsExactly("2001:db8:b000::/60", "2001:db8:a000::/64", "2001:db8:a000:1::/64",
                "2001:db8:b000:10::/60", "-", "-");
    }

    /**
     * PD hints not aligned to the delegated length, or of a length no pool delegates (one pool
     * delegating /56): the hint is read masked to its own length (Kea's IAPREFIX parsing: a /48 hint
     * is the /48's first address, a /0 hint no address), then delegated at the pool's length from
     * the start of the prefix it falls in. With one pool Kea 3's passes give the same answers as
     * kea-dhcp6 2.2 (a length other than the pool's is served in the shorter or longer pass), so
     * kea-dhcp6 2.2 is the oracle here.
     */
    @Test
    void pdHintsNotAlignedOrOfAnotherLengthAsKea() throws Exception {
        String subnets = """
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "pd-pools": [
                  { "prefix": "2001:db8:a000::", "prefix-len": 48, "delegated-len": 56 } ] } ]""";
        List<String> steps = List.of("sarr 1 pd hint=2001:db8:a000:1:8000::/56", "sarr 2 pd hint=2001:db8:a000:280::/64",
                "sarr 3 pd hint=2001:db8:a000:3ff::/48", "sarr 4 pd hint=2001:db8:a000:480::/56",
                "sarr 5 pd hint=2001:db8:a000:580::/60", "sarr 6 pd hint=2001:db8:a000:680::/128",
                "sarr 7 pd hint=2001:db8:a000:780::/0");
        List<List<String>> got = both(subnets, (dir, socket) -> delegated(dir, "pdalign", steps));
        // host bits past /56 dropped; a /64 hint gets its /56; the /48 hint is 2001:db8:a000::, held
        // by client 1, so the walk gives the next free /56; /60 and /128 hints their /56; the /0
        // hint no hint at all (the walk again)
        assertThat(got.get(0)).containsExactly("2001:db8:a000::/56", "2001:db8:a000:200::/56",
                "2001:db8:a000:100::/56", "2001:db8:a000:400::/56", "2001:db8:a000:500::/56", "2001:db8:a000:600::/56",
                "2001:db8:a000:300::/56");
        assertThat(got.get(1)).isEqualTo(got.get(0));
    }
}
