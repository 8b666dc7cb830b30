package ruru.ddns;

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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * Issue 11: DDNS for a DHCPv6 client that moves to another address, against kea-dhcp6 2.2. A
 * client with option 39 holds an address; the pools change under it (config-set on the same lease
 * file) so its RENEW gets a new address, once with the same name and once with another; a
 * reservation moves another client; reserved names ending with the qualifying suffix. The same
 * relayed queries go to kea-dhcp6 and to ruru; the answers (addresses and option 39), the
 * NameChangeRequests each server sends to a UDP sink and their DDNS log lines must be the same.
 */
class Moves6AgainstKeaTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static final int NCR_PORT = 53102;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        NetnsPair.requireTool("socat", "socat");
        net = Netns6.create("mv", true, null);
        dirs = DaemonDirs.create();
    }

    @AfterAll
    static void stop() throws Exception {
        if (net != null) {
            net.close();
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    private static String config(String socket, String leases, String log, String subnet) {
        return """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                  "preferred-lifetime": 3000, "valid-lifetime": 4000,
                  "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d },
                  "ddns-qualifying-suffix": "example.org",
                  "loggers": [ { "name": "kea-dhcp6", "severity": "DEBUG", "debuglevel": 99,
                                 "output_options": [ { "output": "%s", "flush": true } ] } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                                 %s } ] } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, socket, leases, NCR_PORT, log, subnet);
    }

    /** What one server answered, sent to D2 and logged. */
    private record Observed(List<String> lines, List<String> ncrs, List<String> log) {
    }

    /** S=1 and a partial name (flags, then the label in wire form). */
    private static String fqdn(String label) {
        StringBuilder b = new StringBuilder("01").append(String.format("%02x", label.length()));
        for (char c : label.toCharArray()) {
            b.append(String.format("%02x", (int) c));
        }
        return b.toString();
    }

    /** Reserved names for clients 5, 6 and 7 (DUID-LL 02:66:00:00:00:N): ending with the suffix, in other case, inside a label. */
    private static final String NAMES = """
            { "duid": "00:03:00:01:02:66:00:00:00:05", "hostname": "res-5.example.org" %s },
            { "duid": "00:03:00:01:02:66:00:00:00:06", "hostname": "Res-6.Example.ORG" },
            { "duid": "00:03:00:01:02:66:00:00:00:07", "hostname": "res-7.barexample.org" }""";

    /** The subnet's pools and reservations, per configuration set by the script. */
    private static final String[] SUBNETS = {
        "\"pools\": [ { \"pool\": \"2001:db8:1::100 - 2001:db8:1::1ff\" } ]",
        "\"pools\": [ { \"pool\": \"2001:db8:1::200 - 2001:db8:1::2ff\" } ]",
        "\"pools\": [ { \"pool\": \"2001:db8:1::300 - 2001:db8:1::3ff\" } ], \"reservations\": [ "
            + NAMES.formatted("") + " ]",
        "\"pools\": [ { \"pool\": \"2001:db8:1::300 - 2001:db8:1::3ff\" } ], \"reservations\": [ "
            + NAMES.formatted(", \"ip-addresses\": [ \"2001:db8:1::3ff\" ]") + " ]",
        "\"pools\": [ { \"pool\": \"2001:db8:1::100 - 2001:db8:1::1ff\" } ], \"pd-pools\": [ { \"prefix\": "
            + "\"2001:db8:a::\", \"prefix-len\": 48, \"delegated-len\": 56 } ]"};

    /**
     * The script: client 1 (name m1) and client 2 (name m2) get addresses; the pools move twice;
     * client 1 renews with the same name, client 2 with another (n2). Then clients 5-7 with reserved
     * names (the reserved name wins over the one sent), and a reservation moves client 5 to
     * another address on its RENEW.
     */
    private static final List<String> SCRIPT = List.of("sarr 1 na fqdn=" + fqdn("m1"), "sarr 2 na fqdn=" + fqdn("m2"),
            "set 1", "renew 1 na fqdn=" + fqdn("m1"), "set 2", "renew 2 na fqdn=" + fqdn("n2"),
            "renew 1 na fqdn=" + fqdn("m1"), "sarr 5 na fqdn=" + fqdn("x5"), "sarr 6 na fqdn=" + fqdn("x6"),
            "sarr 7 na fqdn=" + fqdn("x7"), "set 3", "renew 5 na fqdn=" + fqdn("x5"));

    private Observed run(String tag, boolean kea) throws Exception {
        return run(tag, kea, SCRIPT, 0);
    }

    /** The script on one server, starting with configuration {@code first} of {@link #SUBNETS}. */
    private Observed run(String tag, boolean kea, List<String> script, int first) throws Exception {
        Path dir = dirs.root();
        Path ncrFile = dir.resolve(tag + ".ncr");
        Process listener = Fqdn6AgainstKeaTest.ncrSink(net, dir, tag, NCR_PORT, ncrFile);
        Path leases = dirs.data(tag + "-leases6.csv");
        Path log = dirs.log(tag + ".log");
        Process keaProcess = null;
        DaemonProcess ruru = null;
        List<String> lines = new ArrayList<>();
        Path socket;
        java.util.function.IntFunction<String> cfg;
        try {
            if (kea) {
                socket = dir.resolve(tag + ".sock");
                cfg = i -> config(socket.toString(), leases.toString(), log.toString(), SUBNETS[i])
                        .replace("\"Dhcp6\": {", "\"Dhcp6\": { \"data-directory\": \"" + dirs.data() + "\",");
                Path file = Files.writeString(dir.resolve(tag + ".json"), cfg.apply(first));
                keaProcess = Fqdn6AgainstKeaTest.startKea(net, dir, tag, file, log);
            } else {
                socket = dirs.socket(tag + ".sock");
                cfg = i -> config(tag + ".sock", leases.getFileName().toString(), log.toString(), SUBNETS[i]);
                Path file = dirs.writeConfig(tag + ".json", cfg.apply(first));
                ruru = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", file.toString());
                ruru.awaitSocket(socket);
            }
            List<String> cmd = List.of("ip", "netns", "exec", net.client(),
                    ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), "ruru.testing.Dhcp6StatsProbe", Netns6.CLIENT_IP6,
                    Netns6.SERVER_IP6);
            Process probe = new ProcessBuilder(cmd).redirectError(dir.resolve(tag + ".probe.err").toFile()).start();
            try (Writer w = new java.io.OutputStreamWriter(probe.getOutputStream(), StandardCharsets.UTF_8);
                 BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                         StandardCharsets.UTF_8))) {
                for (String step : script) {
                    if (step.startsWith("set ")) {
                        String body = cfg.apply(Integer.parseInt(step.substring(4)));
                        MapElement answer = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": "
                                + body + " }");
                        lines.add(step + ": " + answer.get("result").asLong().orElse(-1L));
                        continue;
                    }
                    w.write(step + "\n");
                    w.flush();
                    for (String line = r.readLine(); !"DONE".equals(line); line = r.readLine()) {
                        if (line == null) {
                            throw new AssertionError("probe ended: " + Files.readString(dir.resolve(tag + ".probe.err")));
                        }
                        lines.add(line);
                    }
                }
            } finally {
                probe.destroy();
                probe.waitFor(10, TimeUnit.SECONDS);
            }
            Thread.sleep(1000); // NCRs leave through a queue after the replies
        } finally {
            Fqdn6AgainstKeaTest.stopAll(keaProcess, ruru, listener);
        }
        return new Observed(lines, Fqdn6AgainstKeaTest.ncrs(ncrFile), Fqdn6AgainstKeaTest.ddnsLines(log));
    }

    @Test
    void aClientMovingToAnotherAddressUpdatesDnsAsKeaDhcp6() throws Exception {
        Observed kea = run("kea-moves", true);
        Observed ruru = run("ruru-moves", false);
        // kea-dhcp6 2.2: a move is a REMOVE of the old address (its allocation engine takes the old
        // lease away) and an ADD of the new one, with the same name too (dhcp4 sends nothing then:
        // createNameChangeRequests4 compares the names; Kea's dhcp6 has no such check)
        assertThat(kea.ncrs()).as("kea-dhcp6 2.2's NCRs").hasSize(13);
        assertThat(kea.ncrs().get(2)).startsWith("change-type=1").contains("m1.example.org.", "\"2001:db8:1::100\"");
        assertThat(kea.ncrs().get(3)).startsWith("change-type=0").contains("m1.example.org.", "\"2001:db8:1::200\"");
        assertThat(kea.ncrs().get(4)).startsWith("change-type=1").contains("m2.example.org.", "\"2001:db8:1::101\"");
        assertThat(kea.ncrs().get(5)).startsWith("change-type=0").contains("n2.example.org.", "\"2001:db8:1::300\"");
        // reserved names (the reservation's name wins over the one sent): one ending with the suffix
        // kept, one in other case or with the suffix inside a label qualified again, as dhcp4; a
        // reservation moving client 5: the old address's REMOVE before the new one's ADD
        assertThat(kea.ncrs().subList(8, 13)).satisfiesExactly(
                n -> assertThat(n).contains("fqdn=\"res-5.example.org.\"", "\"2001:db8:1::302\""),
                n -> assertThat(n).contains("fqdn=\"res-6.example.org.example.org.\""),
                n -> assertThat(n).contains("fqdn=\"res-7.barexample.org.example.org.\""),
                n -> assertThat(n).startsWith("change-type=1").contains("\"2001:db8:1::302\""),
                n -> assertThat(n).startsWith("change-type=0").contains("\"2001:db8:1::3ff\""));
        assertThat(ruru.lines()).as("answers").isEqualTo(kea.lines());
        assertThat(ruru.ncrs()).as("NCRs").isEqualTo(kea.ncrs());
        assertThat(String.join("\n", ruru.log())).as("DDNS log lines").isEqualTo(String.join("\n", kea.log()));
    }

    /**
     * Several IAs in one message (kea-dhcp6 2.2 live; Kea 3's createNameChangeRequests is the same
     * loop): client 11 asks for three IA_NAs, client 12 for two IA_NAs around an IA_PD; each renews
     * under the same name, then under another, then releases. Only the first IA_NA's address gets
     * an ADD; a renewal under the same name adds it again (its IA is not the last one, whose
     * changed leases Kea looks at); a new name is added for that address alone and the old one is
     * not removed; the RELEASE removes every address (each lease kept the name).
     */
    @Test
    void severalIasInOneMessageUpdateDnsAsKeaDhcp6() throws Exception {
        List<String> script = List.of("sarr 11 ias=na:1,na:2,na:3 fqdn=" + fqdn("m11"),
                "sarr 12 ias=na:5,pd:6,na:4 fqdn=" + fqdn("m12"), "renew 11 fqdn=" + fqdn("m11"),
                "renew 11 fqdn=" + fqdn("n11"), "renew 12 fqdn=" + fqdn("m12"), "renew 12 fqdn=" + fqdn("n12"),
                "release 11", "release 12");
        Observed kea = run("kea-ias", true, script, 4);
        Observed ruru = run("ruru-ias", false, script, 4);
        assertThat(kea.ncrs()).as("kea-dhcp6 2.2's NCRs").satisfiesExactly(
                n -> assertThat(n).startsWith("change-type=0").contains("m11.example.org.", "\"2001:db8:1::100\""),
                n -> assertThat(n).startsWith("change-type=0").contains("m12.example.org.", "\"2001:db8:1::103\""),
                n -> assertThat(n).startsWith("change-type=0").contains("m11.example.org.", "\"2001:db8:1::100\""),
                n -> assertThat(n).startsWith("change-type=0").contains("n11.example.org.", "\"2001:db8:1::100\""),
                n -> assertThat(n).startsWith("change-type=0").contains("m12.example.org.", "\"2001:db8:1::103\""),
                n -> assertThat(n).startsWith("change-type=0").contains("n12.example.org.", "\"2001:db8:1::103\""),
                n -> assertThat(n).startsWith("change-type=1").contains("n11.example.org.", "\"2001:db8:1::100\""),
                n -> assertThat(n).startsWith("change-type=1").contains("n11.example.org.", "\"2001:db8:1::101\""),
                n -> assertThat(n).startsWith("change-type=1").contains("n11.example.org.", "\"2001:db8:1::102\""),
                n -> assertThat(n).startsWith("change-type=1").contains("n12.example.org.", "\"2001:db8:1::103\""),
                n -> assertThat(n).startsWith("change-type=1").contains("n12.example.org.", "\"2001:db8:1::104\""));
        assertThat(ruru.lines()).as("answers").isEqualTo(kea.lines());
        assertThat(ruru.ncrs()).as("NCRs").isEqualTo(kea.ncrs());
        assertThat(String.join("\n", ruru.log())).as("DDNS log lines").isEqualTo(String.join("\n", kea.log()));
    }
}
