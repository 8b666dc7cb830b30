package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaDaemon;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * Issue 11: DHCPv6 lease statistics and lease rows side by side with kea-dhcp6 2.2. Both servers
 * get the same configuration and the same scripted, byte-identical relayed exchanges
 * ({@link ruru.testing.Dhcp6StatsProbe}) interleaved with control commands (config-set,
 * config-reload, lease6-*), and after each checkpoint the same {@code statistic-get-all} (every
 * statistic Kea 2.2 has; ruru's extras only where declared, as in {@link Logging6AgainstKeaTest})
 * and {@code lease6-get-all} answers (without client-last-transaction times); at the end the same
 * lease file rows (without the expiry time).
 */
class Statistics6AgainstKeaTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("s6", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";

    /** The common part of each configuration around a scenario's {@code body}. */
    private static String config(String socket, String leaseFile, String extra, String body) {
        // lease affinity off (Kea 3's default keeps a released lease where Kea 2.2 deletes it)
        String reclaim = body.contains("expired-leases-processing") ? ""
                : "\"expired-leases-processing\": { \"flush-reclaimed-timer-wait-time\": 0 }, ";
        // explicit lifetimes (Kea 3 derives an unset preferred lifetime from the valid one, Kea 2.2 uses 3600)
        String lifetimes = body.contains("valid-lifetime") ? "" : "\"preferred-lifetime\": 3000, \"valid-lifetime\": 4000,";
        return """
                { "Dhcp6": { %s %s "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  %s
                  "lease-database": { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 0 },
                  "hooks-libraries": [ { "library": "%slibdhcp_lease_cmds.so" },
                                       { "library": "%slibdhcp_stat_cmds.so" } ],
                  %s } }
                """.formatted(extra, reclaim, net.serverIface(), Netns6.SERVER_IP6, socket, lifetimes, leaseFile, HOOKS, HOOKS, body);
    }

    /** One server under test: its control socket, lease file, configuration file and configuration maker. */
    private record Side(Path socket, Path leaseFile, Path configFile, Function<String, String> maker,
                        AutoCloseable stop, java.util.function.Supplier<String> output) implements AutoCloseable {
        String config(String body) {
            return maker.apply(body);
        }

        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    private static Side kea(String body) throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path socket = dir.resolve("kea6.sock");
        Path leases = dir.resolve("kea-leases6.csv");
        Function<String, String> cfg = b -> config(socket.toString(), leases.toString(),
                "\"data-directory\": \"" + dir + "\",", b);
        Path file = Files.writeString(dir.resolve("kea.json"), cfg.apply(body));
        Process kea = KeaDaemon.start(net, dir, "kea-dhcp6", file);
        KeaDaemon.awaitSocket(socket, kea, dir.resolve("kea.log"));
        return new Side(socket, leases, file, cfg, () -> KeaDaemon.stop(kea), () -> "");
    }

    private static Side ruru(String body) throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path leases = dirs.data("leases6.csv");
        Function<String, String> cfg = b -> config("ctl.sock", leases.toString(), "", b);
        Path file = dirs.writeConfig("ruru.json", cfg.apply(body));
        DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", file.toString());
        d.awaitSocket(dirs.socket("ctl.sock"));
        return new Side(dirs.socket("ctl.sock"), leases, file, cfg, d, () -> d.stdout() + d.stderr());
    }

    /**
     * Runs a scenario on one server: each step a probe line ({@code sarr 1 na pd}, see the probe),
     * {@code set NAME} (config-set with the named body), {@code reload NAME} (the configuration
     * file rewritten with it, then config-reload), {@code cmd JSON} (its result and text),
     * {@code sleep MS} or {@code check LABEL} (statistics and leases). The transcript ends with the
     * lease file's rows.
     */
    private static List<String> run(Side side, Map<String, String> bodies, List<String> script, Path dir,
                                    boolean sortRows) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> cmd = List.of("ip", "netns", "exec", net.client(),
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "ruru.testing.Dhcp6StatsProbe", Netns6.CLIENT_IP6, Netns6.SERVER_IP6);
        Process probe = new ProcessBuilder(cmd).redirectError(dir.resolve("probe.err").toFile()).start();
        try (Writer w = new java.io.OutputStreamWriter(probe.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                     StandardCharsets.UTF_8))) {
            for (String step : script) {
                String verb = step.split(" ")[0];
                String arg = step.substring(verb.length()).trim();
                switch (verb) {
                    case "set" -> out.add(step + ": " + result(side.socket(), "{ \"command\": \"config-set\", "
                            + "\"arguments\": " + side.config(bodies.get(arg)) + " }"));
                    case "reload" -> {
                        Files.writeString(side.configFile(), side.config(bodies.get(arg)));
                        out.add(step + ": " + result(side.socket(), "{ \"command\": \"config-reload\" }"));
                    }
                    case "cmd" -> out.add(step + ": " + result(side.socket(), arg));
                    case "sleep" -> Thread.sleep(Long.parseLong(arg));
                    case "check" -> {
                        statistics(side.socket()).forEach((k, v) -> out.add(arg + " " + k + " = " + v));
                        leases(side.socket()).forEach(l -> out.add(arg + " lease " + l));
                    }
                    default -> {
                        w.write(step + "\n");
                        w.flush();
                        for (String line = r.readLine(); !"DONE".equals(line); line = r.readLine()) {
                            if (line == null) {
                                throw new AssertionError("probe ended: " + Files.readString(dir.resolve("probe.err")));
                            }
                            out.add(line);
                        }
                    }
                }
            }
        } finally {
            probe.destroy();
            probe.waitFor();
        }
        Thread.sleep(100);
        // the rows in order, but those of one reclamation pass (any order) sorted
        List<String> rows = new ArrayList<>();
        for (String row : Files.readAllLines(side.leaseFile())) {
            String[] f = row.split(",", -1);
            if (f.length >= 17 && !f[0].equals("address")) {
                f[3] = "-";
                rows.add("row " + String.join(",", java.util.Arrays.copyOf(f, 17)));
            }
        }
        if (sortRows) {
            rows.sort(null);
        }
        out.addAll(rows);
        return out;
    }

    private static String result(Path socket, String command) throws IOException {
        MapElement m = DaemonProcess.call(socket, command);
        return m.get("result").asLong().orElse(-1L) + " " + m.find("text").map(ruru.json.Json::toCompact).orElse("");
    }

    /** statistic-get-all: each statistic's latest value (Kea 2.2's and ruru's declared extras left out). */
    private static Map<String, Long> statistics(Path socket) throws IOException {
        MapElement args = (MapElement) DaemonProcess.call(socket,
                "{ \"command\": \"statistic-get-all\", \"arguments\": { } }").get("arguments");
        Map<String, Long> out = new TreeMap<>();
        args.entries().forEach((name, samples) -> {
            if (!Logging6AgainstKeaTest.KEA3_OR_RURU_STATS.matcher(name).matches()) {
                out.put(name, ((ListElement) ((ListElement) samples).get(0)).get(0).asLong().orElse(-1L));
            }
        });
        return out;
    }

    /** lease6-get-all: each lease's fields but its cltt, sorted by address. */
    private static List<String> leases(Path socket) throws IOException {
        MapElement m = DaemonProcess.call(socket, "{ \"command\": \"lease6-get-all\" }");
        List<String> out = new ArrayList<>();
        if (m.find("arguments").isEmpty()) {
            return out;
        }
        for (Element e : ((ListElement) ((MapElement) m.get("arguments")).get("leases")).items()) {
            Map<String, String> fields = new TreeMap<>();
            ((MapElement) e).entries().forEach((k, v) -> {
                if (!k.equals("cltt")) {
                    fields.put(k, ruru.json.Json.toCompact(v));
                }
            });
            out.add(fields.toString());
        }
        out.sort(null);
        return out;
    }

    /** The scenario on kea-dhcp6 2.2, then on ruru: the transcripts must be equal. */
    private static void sideBySide(String name, Map<String, String> bodies, List<String> script) throws Exception {
        sideBySide(name, bodies, script, false);
    }

    /** As above; {@code sortRows}: the lease file's rows compared as a sorted list (reclamation writes them in its own order). */
    private static void sideBySide(String name, Map<String, String> bodies, List<String> script, boolean sortRows)
            throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        List<String> byKea;
        try (Side k = kea(bodies.get("start"))) {
            byKea = run(k, bodies, script, dirs.root(), sortRows);
        }
        List<String> byRuru;
        try (Side r = ruru(bodies.get("start"))) {
            try {
                byRuru = run(r, bodies, script, dirs.root(), sortRows);
            } finally {
                Files.writeString(Path.of("target", name + "-ruru.log"), r.output().get());
            }
        }
        Files.write(Path.of("target", name + "-kea.txt"), byKea);
        Files.write(Path.of("target", name + "-ruru.txt"), byRuru);
        assertThat(byKea).anyMatch(l -> l.contains("REPLY"));
        assertThat(String.join("\n", byRuru)).isEqualTo(String.join("\n", byKea));
    }

    private static final String SUBNET1 = """
            "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
            "pd-pools": [ { "prefix": "2001:db8:a::", "prefix-len": 48, "delegated-len": 56 } ]""";

    /** Short lifetimes (3 s, a 3 s decline probation) reclaimed every second, reclaimed leases kept an hour. */
    private static final String SHORT = "\"preferred-lifetime\": 2, \"valid-lifetime\": 3, \"renew-timer\": 1, "
            + "\"rebind-timer\": 2, \"decline-probation-period\": 3, \"expired-leases-processing\": { "
            + "\"reclaim-timer-wait-time\": 1, \"flush-reclaimed-timer-wait-time\": 0, \"hold-reclaimed-time\": 3600 }, ";

    /** Subnet 1 with a small address pool ::100 to {@code last} and a pd-pool of 2001:db8:a::/{@code pdLen} in /56s. */
    private static String small(String last, int pdLen) {
        return "\"id\": 1, \"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::100 - " + last
                + "\" } ], \"pd-pools\": [ { \"prefix\": \"2001:db8:a::\", \"prefix-len\": " + pdLen
                + ", \"delegated-len\": 56 } ]";
    }

    /**
     * Issue 11's statistics bug: a client with an in-subnet reservation (an address outside the
     * pool) beside dynamic clients, renewals, and the reservation moved to another address.
     */
    @Test
    void inSubnetReservationAsKeas() throws Exception {
        String host = "\"reservations\": [ { \"duid\": \"00:03:00:01:02:66:00:00:00:01\", \"ip-addresses\": [ \"%s\" ] } ]";
        Map<String, String> bodies = Map.of(
                "start", "\"subnet6\": [ { " + SUBNET1 + ", " + host.formatted("2001:db8:1::5") + " } ]",
                "moved", "\"subnet6\": [ { " + SUBNET1 + ", " + host.formatted("2001:db8:1::6") + " } ]");
        sideBySide("in-subnet", bodies, List.of("sarr 1", "sarr 2", "sarr 3", "check a", "renew 1", "renew 2",
                "check b", "set moved", "renew 1", "check c", "sarr 1", "renew 1", "check d"));
    }

    /**
     * Global reservations by DUID (an address and a prefix outside the pools) and by hardware
     * address (an address and a prefix inside them), beside dynamic clients: SOLICIT/REQUEST of
     * both kinds, RENEW, REBIND, RELEASE, a DECLINE of a reserved address, a REQUEST afterwards.
     */
    @Test
    void globalReservationsAsKeas() throws Exception {
        String hosts = "\"reservations-global\": true, \"reservations-in-subnet\": false, \"reservations\": [ "
                + "{ \"duid\": \"00:03:00:01:02:66:00:00:00:01\", \"ip-addresses\": [ \"2001:db8:1::5\" ],"
                + " \"prefixes\": [ \"2001:db8:b::/56\" ] },"
                + " { \"hw-address\": \"02:66:00:00:00:02\", \"ip-addresses\": [ \"2001:db8:1::150\" ],"
                + " \"prefixes\": [ \"2001:db8:a:700::/56\" ] } ], ";
        Map<String, String> bodies = Map.of("start", hosts + "\"subnet6\": [ { " + SUBNET1 + " } ]");
        sideBySide("global", bodies, List.of("sarr 1 na pd", "sarr 2 na pd", "sarr 3 na pd", "check a",
                "renew 1", "rebind 2", "release 3", "check b", "decline 2", "decline 1", "check c", "sarr 4 na pd",
                "sarr 3 na pd", "request 1", "check d"));
    }

    /**
     * In-subnet reservations by hardware address and of prefixes, a reservation added for a
     * client holding a dynamic lease (it gets the reserved one, the other goes), one removed, and
     * one given to another client (the holder loses it).
     */
    @Test
    void reservationsChangedWhileLeasesAreHeldAsKeas() throws Exception {
        String a = "{ \"hw-address\": \"02:66:00:00:00:01\", \"ip-addresses\": [ \"2001:db8:1::5\" ],"
                + " \"prefixes\": [ \"2001:db8:c::/56\" ] }";
        String b = "{ \"duid\": \"00:03:00:01:02:66:00:00:00:02\", \"ip-addresses\": [ \"2001:db8:1::120\" ] }";
        String c = "{ \"duid\": \"00:03:00:01:02:66:00:00:00:03\", \"ip-addresses\": [ \"2001:db8:1::5\" ] }";
        Map<String, String> bodies = Map.of(
                "start", "\"subnet6\": [ { " + SUBNET1 + ", \"reservations\": [ " + a + " ] } ]",
                "added", "\"subnet6\": [ { " + SUBNET1 + ", \"reservations\": [ " + a + ", " + b + " ] } ]",
                "given", "\"subnet6\": [ { " + SUBNET1 + ", \"reservations\": [ " + b + ", " + c + " ] } ]");
        sideBySide("changed", bodies, List.of("sarr 1 na pd", "sarr 2 na pd", "sarr 3", "check a",
                "set added", "check b", "renew 2 na pd", "renew 1 na pd", "check c", "reload given", "check d",
                "renew 1 na pd", "renew 3", "sarr 3", "renew 2 na pd", "check e"));
    }

    /**
     * Declines, releases and reclamation with short lifetimes: leases expire and are reclaimed
     * (a declined address after its probation), an expired lease is taken by another client, a
     * released one returns to its client.
     */
    @Test
    void declinesReleasesAndReclamationAsKeas() throws Exception {
        Map<String, String> bodies = Map.of("start", SHORT + "\"subnet6\": [ { " + small("2001:db8:1::103", 54) + " } ]");
        sideBySide("reclaim", bodies, List.of("sarr 1 na pd", "sarr 2 na pd", "sarr 3 na pd", "sarr 4 na pd",
                "sarr 5 na pd", "check a", "decline 1", "release 2", "check b", "sarr 2 na pd", "sleep 4500",
                "check c", "sarr 6 na pd", "sarr 7 na pd", "check d", "sleep 4500", "check e"), true);
    }

    /**
     * Reconfiguration with leases held: a subnet removed, one renumbered, one added, then the
     * first configuration again; clients of each renew before and after.
     */
    @Test
    void subnetsRemovedRenumberedAndAddedAsKeas() throws Exception {
        String s2 = "\"id\": %d, \"subnet\": \"2001:db8:2::/64\", \"pools\": [ { \"pool\": \"2001:db8:2::100 - "
                + "2001:db8:2::1ff\" } ], \"pd-pools\": [ { \"prefix\": \"2001:db8:d::\", \"prefix-len\": 48, "
                + "\"delegated-len\": 56 } ]";
        String s3 = "\"id\": 3, \"subnet\": \"2001:db8:3::/64\", \"pools\": [ { \"pool\": \"2001:db8:3::/120\" } ]";
        Map<String, String> bodies = Map.of(
                "start", "\"subnet6\": [ { " + SUBNET1 + " }, { " + s2.formatted(2) + " } ]",
                "renumbered", "\"subnet6\": [ { " + s2.formatted(20) + " }, { " + s3 + " } ]");
        String link2 = " link=2001:db8:2::1";
        String link3 = " link=2001:db8:3::1";
        sideBySide("reconfig", bodies, List.of("sarr 1 na pd", "sarr 2 na pd" + link2, "sarr 3" + link2, "check a",
                "set renumbered", "check b", "renew 1 na pd", "renew 2 na pd" + link2, "sarr 4" + link3,
                "sarr 1 na pd" + link2, "check c", "set start", "check d", "renew 3" + link2, "sarr 5", "check e"));
    }

    /**
     * A shared network of two subnets with small pools and pd-pools: clients fill the first
     * subnet, then the second, then allocation fails (shared-network kind); a release frees one.
     */
    @Test
    void sharedNetworkAsKeas() throws Exception {
        String net = "\"shared-networks\": [ { \"name\": \"net\", \"subnet6\": [ "
                + "{ \"id\": 1, \"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::100 - "
                + "2001:db8:1::101\" } ], \"pd-pools\": [ { \"prefix\": \"2001:db8:a::\", \"prefix-len\": 55, "
                + "\"delegated-len\": 56 } ] }, "
                + "{ \"id\": 2, \"subnet\": \"2001:db8:2::/64\", \"pools\": [ { \"pool\": \"2001:db8:2::100 - "
                + "2001:db8:2::101\" } ], \"pd-pools\": [ { \"prefix\": \"2001:db8:b::\", \"prefix-len\": 56, "
                + "\"delegated-len\": 56 } ] } ] } ]";
        Map<String, String> bodies = Map.of("start", net);
        sideBySide("shared", bodies, List.of("sarr 1 na pd", "sarr 2 na pd", "sarr 3 na pd", "sarr 4 na pd",
                "sarr 5 na pd", "solicit 6 pd", "check a", "release 2", "sarr 5 na pd", "renew 3 na pd",
                "rebind 4 na pd", "check b", "cmd { \"command\": \"stat-lease6-get\" }",
                "cmd { \"command\": \"lease6-del\", \"arguments\": { \"ip-address\": \"2001:db8:2::100\" } }",
                "check c"));
    }

    /**
     * A reserved address and prefix outside the pools through their whole life with short
     * lifetimes: leased, released, leased again, let expire and reclaimed, then renewed after
     * their expiry; a dynamic client beside it.
     */
    @Test
    void reservedOutsideThePoolsLifeAsKeas() throws Exception {
        String timing = "\"preferred-lifetime\": 2, \"valid-lifetime\": 3, \"renew-timer\": 1, \"rebind-timer\": 2,"
                + " \"expired-leases-processing\": { \"reclaim-timer-wait-time\": 2,"
                + " \"flush-reclaimed-timer-wait-time\": 0, \"hold-reclaimed-time\": 3600 }, ";
        String host = "\"reservations\": [ { \"duid\": \"00:03:00:01:02:66:00:00:00:01\", \"ip-addresses\": "
                + "[ \"2001:db8:1::5\" ], \"prefixes\": [ \"2001:db8:b::/56\" ] } ]";
        Map<String, String> bodies = Map.of("start", timing + "\"subnet6\": [ { " + SUBNET1 + ", " + host + " } ]");
        sideBySide("reserved-life", bodies, List.of("sarr 1 na pd", "sarr 2 na pd", "check a", "release 1",
                "check b", "sarr 1 na pd", "check c", "sleep 6500", "check d", "renew 1 na pd", "rebind 2 na pd",
                "check e", "sleep 6500", "sarr 1 na pd", "check f"), true);
    }

    /**
     * Leases made and changed by lease_cmds beside the packet path: lease6-add in and out of the
     * pools, of a prefix, in the declined state; lease6-update to another state and subnet;
     * lease6-del; lease6-wipe; a client of the pool afterwards.
     */
    @Test
    void leaseCommandsAsKeas() throws Exception {
        String s2 = "\"id\": 2, \"subnet\": \"2001:db8:2::/64\", \"pools\": [ { \"pool\": \"2001:db8:2::/120\" } ]";
        Map<String, String> bodies = Map.of("start", "\"subnet6\": [ { " + SUBNET1 + " }, { " + s2 + " } ]");
        String add = "cmd { \"command\": \"lease6-add\", \"arguments\": { %s } }";
        String upd = "cmd { \"command\": \"lease6-update\", \"arguments\": { %s } }";
        sideBySide("commands", bodies, List.of("sarr 1 na pd",
                add.formatted("\"ip-address\": \"2001:db8:1::150\", \"duid\": \"01:02:03\", \"iaid\": 5"),
                add.formatted("\"ip-address\": \"2001:db8:1::7\", \"duid\": \"01:02:04\", \"iaid\": 5"),
                add.formatted("\"ip-address\": \"2001:db8:2::9\", \"duid\": \"01:02:05\", \"iaid\": 5, \"state\": 1"),
                add.formatted("\"type\": \"IA_PD\", \"ip-address\": \"2001:db8:a:500::\", \"prefix-len\": 56, "
                        + "\"duid\": \"01:02:06\", \"iaid\": 6"),
                "check a",
                upd.formatted("\"ip-address\": \"2001:db8:1::150\", \"duid\": \"01:02:03\", \"iaid\": 5, \"state\": 1"),
                upd.formatted("\"ip-address\": \"2001:db8:2::9\", \"duid\": \"01:02:05\", \"iaid\": 5, \"subnet-id\": 2"),
                upd.formatted("\"ip-address\": \"2001:db8:1::7\", \"duid\": \"01:02:04\", \"iaid\": 5, \"state\": 2"),
                "check b",
                "cmd { \"command\": \"lease6-del\", \"arguments\": { \"ip-address\": \"2001:db8:1::150\" } }",
                "cmd { \"command\": \"lease6-del\", \"arguments\": { \"ip-address\": \"2001:db8:1::7\" } }",
                "cmd { \"command\": \"lease6-wipe\", \"arguments\": { \"subnet-id\": 2 } }",
                "check c", "sarr 2 na pd", "renew 1 na pd", "check d"));
    }

    /**
     * Issue 11: lease6-get, lease6-del and lease6-bulk-apply by identifier (DUID, IAID, subnet,
     * type) when several leases match: client 1's address and a second one lease6-add gave the
     * same DUID and IAID, beside a prefix of that IAID. kea-dhcp6 2.2 answers "More than one lease
     * found ..." (result 1) for the addresses, finds the prefix by its type, and finds the address
     * once only one is left. Then a dhcp-ddns block with max-queue-size 0: config-set fails with
     * Kea's text while updates are enabled and succeeds once they are not.
     */
    @Test
    void severalLeasesByIdentifierAndAnEmptyNcrQueueAsKeas() throws Exception {
        String ddns = "\"dhcp-ddns\": { \"enable-updates\": %s, \"max-queue-size\": 0 }, ";
        Map<String, String> bodies = Map.of("start", "\"subnet6\": [ { " + SUBNET1 + " } ]",
                "ddns-on", ddns.formatted("true") + "\"subnet6\": [ { " + SUBNET1 + " } ]",
                "ddns-off", ddns.formatted("false") + "\"subnet6\": [ { " + SUBNET1 + " } ]");
        String duid = "00:03:00:01:02:66:00:00:00:01";
        String by = "\"identifier-type\": \"duid\", \"identifier\": \"%s\", \"iaid\": 1, \"subnet-id\": 1";
        String get = "cmd { \"command\": \"lease6-get\", \"arguments\": { " + by + "%s } }";
        String del = "cmd { \"command\": \"lease6-del\", \"arguments\": { " + by + "%s } }";
        sideBySide("by-identifier", bodies, List.of("sarr 1",
                get.formatted(duid, ""),
                "cmd { \"command\": \"lease6-add\", \"arguments\": { \"ip-address\": \"2001:db8:1::7\", \"duid\": \""
                        + duid + "\", \"iaid\": 1, \"subnet-id\": 1 } }",
                "cmd { \"command\": \"lease6-add\", \"arguments\": { \"type\": \"IA_PD\", \"ip-address\": "
                        + "\"2001:db8:a:500::\", \"prefix-len\": 56, \"duid\": \"" + duid + "\", \"iaid\": 1, \"subnet-id\": 1 } }",
                "check a",
                get.formatted(duid, ""),
                get.formatted("000300010266000000" + "01", ", \"type\": \"IA_NA\""),
                get.formatted(duid.toUpperCase(), ", \"type\": \"IA_PD\""),
                get.formatted(duid, ", \"type\": \"IA_TA\""),
                del.formatted(duid, ""),
                "cmd { \"command\": \"lease6-bulk-apply\", \"arguments\": { \"deleted-leases\": [ { "
                        + by.formatted(duid) + " } ] } }",
                "check b",
                "cmd { \"command\": \"lease6-bulk-apply\", \"arguments\": { \"deleted-leases\": [ { "
                        + by.formatted("00:03:00:01:02:66:00:00:00:09") + " } ] } }",
                del.formatted(duid, ", \"type\": \"IA_PD\""),
                "cmd { \"command\": \"lease6-del\", \"arguments\": { \"ip-address\": \"2001:db8:1::7\" } }",
                get.formatted(duid, ""),
                del.formatted(duid, ""),
                get.formatted(duid, ""),
                "check c", "sarr 2",
                "set ddns-on", "set ddns-off", "sarr 3", "check d"));
    }

    /**
     * A reservation made for an address another client holds (in the pool), and a pool shrunk
     * under held leases: the reserved client is served elsewhere until the holder renews and loses
     * the address; leases left outside the new pool are taken away at their renewal.
     */
    @Test
    void reservationOfAHeldAddressAndAShrunkPoolAsKeas() throws Exception {
        String small = small("2001:db8:1::101", 56);
        String host = "\"reservations\": [ { \"duid\": \"00:03:00:01:02:66:00:00:00:02\", \"ip-addresses\": "
                + "[ \"2001:db8:1::100\" ], \"prefixes\": [ \"2001:db8:a::/56\" ] } ]";
        Map<String, String> bodies = Map.of(
                "start", "\"subnet6\": [ { " + SUBNET1 + " } ]",
                "reserved", "\"subnet6\": [ { " + SUBNET1 + ", " + host + " } ]",
                "shrunk", "\"subnet6\": [ { " + small + ", " + host + " } ]");
        sideBySide("taken", bodies, List.of("sarr 1 na pd", "sarr 3 na pd", "sarr 4 na pd", "check a", "set reserved",
                "sarr 2 na pd", "check b", "renew 1 na pd", "renew 2 na pd", "check c", "reload shrunk", "check d",
                "renew 3 na pd", "rebind 4 na pd", "sarr 5 na pd", "renew 2 na pd", "check e"));
    }

    /**
     * Which subnet counters a reconfiguration starts again: reclaimed leases, reclaimed declines and
     * allocation failures counted, then the same configuration set again and reloaded.
     */
    @Test
    void countersAcrossAReconfigurationAsKeas() throws Exception {
        Map<String, String> bodies = Map.of("start", SHORT + "\"subnet6\": [ { " + small("2001:db8:1::101", 56) + " } ]");
        sideBySide("counters", bodies, List.of("sarr 1 na pd", "sarr 2 na pd", "sarr 3 na pd", "decline 1",
                "check a", "sleep 4500", "check b", "set start", "check c", "sarr 4 na pd", "reload start", "check d"),
                true);
    }
}
