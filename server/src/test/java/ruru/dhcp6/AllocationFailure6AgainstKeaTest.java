package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaDaemon;
import ruru.testing.KeaLogLevels;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * Issue 11: an allocation that finds nothing, counted and logged as Kea does. The same relayed
 * clients ({@link ruru.testing.Dhcp6StatsProbe}) go to kea-dhcp6 2.2 and to ruru on the same
 * configuration: full pools in a plain subnet and in a shared network (one subnet without
 * pd-pools), and pools no client may use. The answers, the {@code ALLOC_ENGINE_V6_ALLOC_FAIL*}
 * lines and the {@code v6-allocation-fail*} statistics must be Kea's: per failed IA the subnet's or
 * network's kind, then either no-pools or the plain failure with its attempts, then the classes'.
 * Where Kea 3 differs ruru follows it and the test says so: a subnet outside a shared network is
 * named "(none)" (Kea 2.2 leaves it empty), and a PD hint's length makes three passes whose subnets
 * all count in the shared network's line (Kea 2.2 makes one pass); the failure is still counted
 * once.
 */
class AllocationFailure6AgainstKeaTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("af", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static String config(String extra, String socket, String log, String body) {
        return """
                { "Dhcp6": { %s "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": { "type": "memfile", "persist": false },
                  "preferred-lifetime": 3000, "valid-lifetime": 4000,
                  "client-classes": [ { "name": "nobody", "test": "option[1].hex == 0x00" } ],
                  "loggers": [ { "name": "kea-dhcp6", "severity": "INFO",
                                 "output_options": [ { "output": "%s", "flush": true } ] } ],
                  %s } }
                """.formatted(extra, net.serverIface(), Netns6.SERVER_IP6, socket, log, body);
    }

    /** What one server answered, logged and counted. */
    private record Observed(List<String> answers, List<String> lines, Map<String, Long> stats) {
    }

    private static Observed run(boolean kea, String body, List<String> steps) throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path log = kea ? dir.resolve("kea6.log") : dirs.log("ruru6.log");
        Path socket;
        Process keaProcess = null;
        DaemonProcess ruru = null;
        List<String> answers = new ArrayList<>();
        Map<String, Long> stats;
        try {
            if (kea) {
                socket = dir.resolve("kea6.sock");
                Path cfg = Files.writeString(dir.resolve("kea.json"), config("\"data-directory\": \"" + dir + "\",",
                        socket.toString(), log.toString(), body));
                keaProcess = KeaDaemon.start(net, dir, "kea-dhcp6", cfg);
                KeaDaemon.awaitSocket(socket, keaProcess, dir.resolve("kea.log"));
            } else {
                socket = dirs.socket("ctl.sock");
                Path cfg = dirs.writeConfig("ruru.json", config("", "ctl.sock", log.toString(), body));
                ruru = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
                ruru.awaitSocket(socket);
            }
            Process probe = new ProcessBuilder("ip", "netns", "exec", net.client(),
                    ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                    "ruru.testing.Dhcp6StatsProbe", Netns6.CLIENT_IP6, Netns6.SERVER_IP6)
                    .redirectError(dir.resolve("probe.err").toFile()).start();
            try (Writer w = new java.io.OutputStreamWriter(probe.getOutputStream(), StandardCharsets.UTF_8);
                 BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                         StandardCharsets.UTF_8))) {
                for (String step : steps) {
                    w.write(step + "\n");
                    w.flush();
                    for (String line = r.readLine(); !"DONE".equals(line); line = r.readLine()) {
                        if (line == null) {
                            throw new AssertionError("probe ended: " + Files.readString(dir.resolve("probe.err")));
                        }
                        answers.add(line);
                    }
                }
            } finally {
                probe.destroy();
                probe.waitFor(10, TimeUnit.SECONDS);
            }
            stats = failures(socket);
        } finally {
            if (keaProcess != null) {
                KeaDaemon.stop(keaProcess);
            }
            if (ruru != null) {
                ruru.close();
            }
        }
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (m.matches() && m.group(3).startsWith("ALLOC_ENGINE_V6_ALLOC_FAIL")) {
                lines.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " " + m.group(4));
            }
        }
        return new Observed(answers, lines, stats);
    }

    /** The v6-allocation-fail statistics that are not zero. */
    private static Map<String, Long> failures(Path socket) throws java.io.IOException {
        MapElement args = (MapElement) DaemonProcess.call(socket,
                "{ \"command\": \"statistic-get-all\", \"arguments\": { } }").get("arguments");
        Map<String, Long> out = new TreeMap<>();
        args.entries().forEach((name, samples) -> {
            long v = ((ListElement) ((ListElement) samples).get(0)).get(0).asLong().orElse(-1L);
            if (name.contains("v6-allocation-fail") && v != 0) {
                out.put(name, v);
            }
        });
        return out;
    }

    private static final String SUBNET1 = """
            { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::100" } ],
              "pd-pools": [ { "prefix": "2001:db8:a::", "prefix-len": 56, "delegated-len": 56 } ] }""";

    private static final String SUBNET2 = """
            { "id": 2, "subnet": "2001:db8:2::/64", "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::100" } ] }""";

    @Test
    void fullPlainSubnetAndPoolsNoneMayUseAsKeaDhcp6() throws Exception {
        String body = "\"subnet6\": [ " + SUBNET1 + ", { \"id\": 3, \"subnet\": \"2001:db8:3::/64\", \"pools\": [ { "
                + "\"pool\": \"2001:db8:3::100 - 2001:db8:3::1ff\", \"client-class\": \"nobody\" } ] } ]";
        // client 2 finds subnet 1 full (both IAs, on the SOLICIT and the REQUEST); client 3, relayed
        // from subnet 3's link, may use none of its pools
        List<String> steps = List.of("sarr 1 na pd", "sarr 2 na pd", "sarr 3 na link=2001:db8:3::1");
        Observed kea = run(true, body, steps);
        Observed ruru = run(false, body, steps);
        assertThat(kea.lines()).as("kea-dhcp6 2.2").hasSize(18)
                .contains("WARN [kea-dhcp6.alloc-engine] ALLOC_ENGINE_V6_ALLOC_FAIL duid=[00:03:00:01:02:66:00:00:00:02],"
                        + " tid=0x1002: failed to allocate an IPv6 lease after 1 attempt(s)");
        assertThat(ruru.answers()).isEqualTo(kea.answers());
        // Kea 3 names the missing shared network "(none)" where kea-dhcp6 2.2 leaves it empty
        assertThat(String.join("\n", ruru.lines())).isEqualTo(String.join("\n", kea.lines())
                .replace(", shared network \n", ", shared network (none)\n"));
        assertThat(kea.stats()).containsEntry("v6-allocation-fail", 4L).containsEntry("v6-allocation-fail-subnet", 6L)
                .containsEntry("v6-allocation-fail-no-pools", 2L).containsEntry("subnet[3].v6-allocation-fail-no-pools", 2L);
        assertThat(ruru.stats()).isEqualTo(kea.stats());
    }

    @Test
    void fullSharedNetworkAsKeaDhcp6AndAPdHintsPassesAsKea3() throws Exception {
        String body = "\"shared-networks\": [ { \"name\": \"net\", \"subnet6\": [ " + SUBNET1 + ", " + SUBNET2 + " ] } ]";
        // client 2's IA_PD finds subnet 1's pd-pool full and subnet 2 without one; client 3's IA_NA
        // both pools full; client 4's IA_PD asks for a /60 (Kea 3: three passes over both subnets)
        List<String> steps = List.of("sarr 1 na pd", "sarr 2 na pd", "sarr 3 na", "sarr 4 pd hint=::/60");
        Observed kea = run(true, body, steps);
        Observed ruru = run(false, body, steps);
        assertThat(ruru.answers()).isEqualTo(kea.answers());
        String pdFail = "failed to allocate a lease in the shared network net: 1 subnets have no available leases,";
        assertThat(kea.lines()).filteredOn(l -> l.contains(pdFail)).hasSize(4)
                .allMatch(l -> l.endsWith("1 subnets have no matching pools"));
        assertThat(kea.lines()).anyMatch(l -> l.contains("net: 2 subnets have no available leases, 0 subnets have no"
                + " matching pools") && l.contains("tid=0x1004"));
        // Kea 3: client 4's SOLICIT makes three passes, counting subnet 1 once with pools of the
        // pass (the shorter one's /56) and five times without (both subnets in the equal and
        // longer passes, subnet 2 in the shorter one); the attempts and the statistics are the same
        // as kea-dhcp6 2.2's single pass (its REQUEST carries no hint: one pass on both servers)
        List<String> expected = kea.lines().stream().map(l -> l.contains("tid=0x1006")
                ? l.replace("net: 1 subnets have no available leases, 1 subnets", "net: 1 subnets have no available"
                        + " leases, 5 subnets") : l).toList();
        assertThat(String.join("\n", ruru.lines())).isEqualTo(String.join("\n", expected));
        assertThat(kea.stats()).containsEntry("v6-allocation-fail-shared-network", 6L)
                .containsEntry("v6-allocation-fail", 6L);
        assertThat(ruru.stats()).isEqualTo(kea.stats());
    }
}
