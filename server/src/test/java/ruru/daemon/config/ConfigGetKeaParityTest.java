package ruru.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.ConfigDiff.Expected;
import ruru.daemon.config.ConfigDiff.Found;
import ruru.daemon.config.ConfigDiff.Side;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.json.StringElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaExamples;
import ruru.testing.NetnsPair;

/**
 * config-get as Kea answers it: kea-dhcp4 2.2, kea-dhcp6 2.2 and kea-dhcp-ddns 2.2 run beside
 * ruru's daemons; each configuration (our own, then Kea's example corpus read in place) goes to
 * both with config-set, and the two config-get answers must be equal except for the differences
 * listed below, each with its reason. Examples one side refuses (features ruru does not have yet,
 * keys Kea 2.2 does not know) are counted, not compared. Each answer also reads back: ruru's
 * config-get fed to config-set gives the same config-get (and hash).
 */
class ConfigGetKeaParityTest {

    private static final String HOOKS = "/usr/lib/x86_64-linux-gnu/kea/hooks/";

    private static final String HA = "Dhcp[46]/hooks-libraries\\[\\*]/parameters/high-availability\\[\\*]/";

    /** Differences on purpose: where ruru follows Kea 3, which changed these defaults after 2.2. */
    static final List<Expected> DHCP = List.of(
            Expected.of(Side.VALUE, "Dhcp[46]/multi-threading/enable-multi-threading",
                    "Kea 3 runs multi-threaded by default (2.2: off); so does ruru"),
            Expected.of(Side.ONLY_KEA, "Dhcp[46]/ddns-use-conflict-resolution",
                    "Kea 3 replaced it by ddns-conflict-resolution-mode (same meaning for true)"),
            Expected.of(Side.ONLY_RURU, "Dhcp[46]/ddns-conflict-resolution-mode",
                    "Kea 3's key, default check-with-dhcid (= 2.2's ddns-use-conflict-resolution true)"),
            Expected.of(Side.ONLY_RURU, "Dhcp[46](/shared-networks\\[\\*])?(/subnet[46]\\[\\*])?/(pd-)?allocator",
                    "Kea 2.4+ allocator keys, iterative by default and inherited into networks and subnets"),
            Expected.of(Side.ONLY_RURU, ".*/option-data\\[\\*]/never-send", "Kea 2.4+ never-send, false by default"),
            Expected.of(Side.ONLY_RURU, "Dhcp4/stash-agent-options", "Kea 2.6+ stash-agent-options, false by default"),
            Expected.of(Side.ONLY_KEA, "Dhcp6(/shared-networks\\[\\*])?(/subnet6\\[\\*])?/(min-|max-)?preferred-lifetime",
                    "Kea 3 has no default preferred-lifetime (valid x 5/8 when unset), nor has ruru"),
            Expected.of(Side.VALUE, HA + "(restrict-commands|multi-threading/(enable-multi-threading|http-dedicated-listener))",
                    "Kea 3's HA defaults (2.2: commands not restricted, no threads, no dedicated listener); ruru's HA"
                            + " runs as Kea 3"),
            Expected.of(Side.ONLY_RURU, HA + "max-rejected-lease-updates", "Kea 2.4+ HA key, 10 by default"),
            Expected.in("kea4/vendor-specific.json", Side.VALUE, "Dhcp4/client-classes\\[\\*]/option-data\\[\\*]/data",
                    "Kea prints an option given without data as its payload's hex, here option 43 with the class's"
                            + " vendor sub-options encoded in it; ruru prints the data as configured (empty)"));

    static final List<Expected> AGENT = List.of(
            Expected.of(Side.ONLY_RURU, "Control-agent(/control-sockets/[a-z0-9]+)?/user-context",
                    "kea-ctrl-agent 2.2 leaves the agent's user-context out and echoes a socket's comment as given;"
                            + " ruru keeps user-context and folds comments into it, as the DHCP servers do"),
            Expected.of(Side.ONLY_KEA, "Control-agent/control-sockets/[a-z0-9]+/comment", "(the same)"));

    static final List<Expected> D2 = List.of(
            Expected.of(Side.VALUE, "DhcpDdns/dns-server-timeout", "Kea 3 waits 500 ms by default (2.2: 100); so does ruru"),
            Expected.of(Side.ONLY_RURU, "DhcpDdns(/.*)?/user-context",
                    "kea-dhcp-ddns 2.2 leaves user-context and comments out of config-get; ruru keeps them, as the"
                            + " DHCP servers and the agent do"));

    // ---- DHCPv4 -------------------------------------------------------------------------------

    static Map<String, String> ownDhcp4() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("minimal", """
                { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ] }
                """);
        c.put("inheritance", """
                { "valid-lifetime": 4000, "renew-timer": 1000, "calculate-tee-times": true,
                  "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.1, 192.0.2.2" },
                                   { "code": 15, "data": "example.org" } ],
                  "option-def": [ { "name": "foo", "code": 222, "type": "uint32", "space": "dhcp4" } ],
                  "client-classes": [ { "name": "c1", "test": "option[93].hex == 0x0007",
                                        "option-data": [ { "name": "tftp-server-name", "data": "x" } ] } ],
                  "shared-networks": [ { "name": "net", "valid-lifetime": 5000, "relay": { "ip-addresses": [ "10.0.0.1" ] },
                      "subnet4": [ { "id": 2, "subnet": "10.1.0.0/24", "min-valid-lifetime": 100 },
                                   { "id": 3, "subnet": "10.2.0.0/24", "valid-lifetime": 3000 } ] } ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                      "pools": [ { "pool": "192.0.2.10 - 192.0.2.20", "client-class": "c1",
                                   "option-data": [ { "name": "foo", "data": "7" } ] } ],
                      "reservations": [ { "hw-address": "1a:1b:1c:1d:1e:1f", "ip-address": "192.0.2.201" } ] } ] }
                """);
        c.put("loggers", """
                { "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "stdout" } ] },
                               { "name": "kea-dhcp4.packets", "severity": "DEBUG", "debuglevel": 55,
                                 "output_options": [ { "output": "stderr", "pattern": "%m\\n", "flush": false } ] },
                               { "name": "kea-dhcp4.dhcpsrv", "severity": "INFO" } ] }
                """);
        c.put("ddns-and-threads", """
                { "dhcp-ddns": { "enable-updates": true, "server-port": 53991 },
                  "ddns-qualifying-suffix": "example.org", "ddns-replace-client-name": "when-not-present",
                  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 16 },
                  "expired-leases-processing": { "max-reclaim-leases": 50 },
                  "sanity-checks": { "lease-checks": "fix-del" },
                  "subnet4": [ { "id": 7, "subnet": "198.51.100.0/24", "ddns-send-updates": false,
                                 "relay": { "ip-address": "198.51.100.1" } } ] }
                """);
        c.put("hooks", """
                { "hooks-libraries": [ { "library": "%slibdhcp_lease_cmds.so" }, { "library": "%slibdhcp_stat_cmds.so" } ] }
                """.formatted(HOOKS, HOOKS));
        c.put("high-availability", """
                { "hooks-libraries": [ { "library": "%slibdhcp_lease_cmds.so" },
                    { "library": "%slibdhcp_ha.so", "parameters": { "high-availability": [ {
                        "this-server-name": "server1", "mode": "hot-standby", "heartbeat-delay": 10000,
                        "max-response-delay": 60000, "max-ack-delay": 5000, "max-unacked-clients": 5,
                        "peers": [ { "name": "server1", "url": "http://127.0.0.1:18671/", "role": "primary" },
                                   { "name": "server2", "url": "http://127.0.0.1:18672/", "role": "standby" } ] } ] } } ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10/31" } ] } ] }
                """.formatted(HOOKS, HOOKS));
        return c;
    }

    @Test
    void dhcp4AnswersAsKeaDhcp4() throws Exception {
        NetnsPair.requireTool("kea-dhcp4", "kea-dhcp4-server");
        compareFamily("dhcp4", "kea-dhcp4", "Dhcp4", ownDhcp4(), "kea4", 12);
    }

    // ---- DHCPv6 -------------------------------------------------------------------------------

    static Map<String, String> ownDhcp6() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("minimal", """
                { "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                    "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                    "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 } ] } ] }
                """);
        c.put("inheritance", """
                { "preferred-lifetime": 3000, "valid-lifetime": 4000,
                  "server-id": { "type": "EN", "enterprise-id": 2495, "identifier": "0102", "persist": false },
                  "option-data": [ { "name": "dns-servers", "data": "2001:db8::1" }, { "code": 24, "data": "example.org" } ],
                  "client-classes": [ { "name": "c6", "test": "member('ALL')" } ],
                  "shared-networks": [ { "name": "n", "interface-id": "x", "rapid-commit": true,
                      "subnet6": [ { "id": 2, "subnet": "2001:db8:2::/64" } ] } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                      "reservations": [ { "duid": "01:02:03:04", "ip-addresses": [ "2001:db8:1::5" ] },
                                        { "hw-address": "aa:bb:cc:dd:ee:ff", "prefixes": [ "2001:db8:9::/64" ] } ] } ] }
                """);
        return c;
    }

    @Test
    void dhcp6AnswersAsKeaDhcp6() throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        compareFamily("dhcp6", "kea-dhcp6", "Dhcp6", ownDhcp6(), "kea6", 12);
    }

    // ---- D2 -------------------------------------------------------------------------------------

    static Map<String, String> ownD2() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("minimal", "{ }");
        c.put("domains", """
                { "tsig-keys": [ { "name": "zkey", "algorithm": "HMAC-SHA256", "secret": "LSWXnfkKZjdPJI5QxlpnfQ==" },
                                 { "name": "akey", "algorithm": "HMAC-MD5", "secret": "LSWXnfkKZjdPJI5QxlpnfQ==" } ],
                  "forward-ddns": { "ddns-domains": [
                      { "name": "z.example.", "key-name": "zkey", "dns-servers": [ { "ip-address": "127.0.0.1" } ] },
                      { "name": "a.example.", "dns-servers": [ { "ip-address": "127.0.0.1", "port": 5353 } ] } ] },
                  "reverse-ddns": { "ddns-domains": [
                      { "name": "2.0.192.in-addr.arpa.", "dns-servers": [ { "ip-address": "127.0.0.1" } ] } ] } }
                """);
        return c;
    }

    @Test
    void ddnsAnswersAsKeaDhcpDdns() throws Exception {
        NetnsPair.requireTool("kea-dhcp-ddns", "kea-dhcp-ddns-server");
        compareFamily("ddns", "kea-dhcp-ddns", "DhcpDdns", ownD2(), "ddns", 3);
    }

    // ---- Control Agent ------------------------------------------------------------------------

    static Map<String, String> ownAgent() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("minimal", "{ }");
        c.put("sockets", """
                { "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "kea4-ctrl-socket" },
                                       "d2": { "socket-name": "d2.sock", "user-context": { "in-use": false } } },
                  "comment": "an agent" }
                """);
        return c;
    }

    @Test
    void agentAnswersAsKeaCtrlAgent() throws Exception {
        NetnsPair.requireTool("kea-ctrl-agent", "kea-ctrl-agent");
        compareFamily("agent", "kea-ctrl-agent", "Control-agent", ownAgent(), "agent", 3);
    }

    // ---- the comparison ----------------------------------------------------------------------

    /** Where a daemon takes commands: its UNIX socket, or (the agents) its HTTP listener. */
    @FunctionalInterface
    interface Channel {
        MapElement call(String command) throws IOException;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Channel unix(Path socket) {
        return command -> DaemonProcess.call(socket, command);
    }

    static Channel http(int port) {
        return command -> {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(command)).build(), HttpResponse.BodyHandlers.ofString());
                Element answer = Json.parse(r.body(), ParseOptions.string());
                return (MapElement) (answer instanceof ListElement l ? l.get(0) : answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (JsonException e) {
                throw new IOException(e);
            }
        };
    }

    /** One daemon kind compared: its ruru name, Kea's binary, its top-level key, its configurations. */
    record Family(String daemon, String keaBinary, String key, Map<String, String> own, String examples,
            int minimumCompared) {
    }

    private void compareFamily(String daemon, String keaBinary, String key, Map<String, String> own, String examples,
            int minimumCompared) throws Exception {
        compare(new Family(daemon, keaBinary, key, own, examples, minimumCompared));
    }

    private void compare(Family f) throws Exception {
        String key = f.key();
        Map<String, MapElement> configs = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.own().entrySet()) {
            configs.put(e.getKey(), (MapElement) Json.parse(e.getValue(), ParseOptions.string()));
        }
        for (Map.Entry<String, MapElement> e : examples(f.examples(), key).entrySet()) {
            configs.put(f.examples() + "/" + e.getKey(), e.getValue());
        }
        List<Expected> expected = switch (key) {
            case "DhcpDdns" -> D2;
            case "Control-agent" -> AGENT;
            default -> DHCP;
        };
        try (DaemonDirs dirs = DaemonDirs.create()) {
            Endpoints ends = new Endpoints(dirs.socket("kea.sock"), freePort(), freePort());
            MapElement start = prepare(key, MapElement.empty());
            Path keaConfig = dirs.writeConfig("kea.json", Json.toPretty(MapElement.builder()
                    .put(key, forKea(key, start, ends, dirs)).build()));
            Path ruruConfig = dirs.writeConfig("ruru.json", Json.toPretty(MapElement.builder()
                    .put(key, forRuru(key, start, ends)).build()));
            ProcessBuilder pb = new ProcessBuilder(f.keaBinary(), "-c", keaConfig.toString()).redirectErrorStream(true)
                    .redirectOutput(dirs.log("kea.out").toFile());
            pb.environment().put("KEA_PIDFILE_DIR", dirs.root().toString());
            pb.environment().put("KEA_LOCKFILE_DIR", dirs.root().toString());
            Process kea = pb.start();
            boolean agent = key.equals("Control-agent");
            Channel keaChannel = agent ? http(ends.keaPort()) : unix(ends.keaSocket());
            Channel ruruChannel = agent ? http(ends.ruruPort()) : unix(dirs.socket("ruru.sock"));
            try (DaemonProcess ruru = DaemonProcess.start(dirs, f.daemon(), "-c", ruruConfig.toString())) {
                await(keaChannel, kea, () -> Files.readString(dirs.log("kea.out")));
                await(ruruChannel, ruru.process(), () -> ruru.stdout() + ruru.stderr());
                Map<String, String> refusedByRuru = new LinkedHashMap<>();
                Map<String, String> refusedByKea = new LinkedHashMap<>();
                Map<String, List<Found>> unexplained = new LinkedHashMap<>();
                List<String> compared = new ArrayList<>();
                for (Map.Entry<String, MapElement> e : configs.entrySet()) {
                    MapElement config = prepare(key, e.getValue());
                    MapElement ruruAnswer = configSet(ruruChannel, key, forRuru(key, config, ends));
                    if (!ruruAnswer.get("result").equals(Element.of(0))) {
                        refusedByRuru.put(e.getKey(), Json.toCompact(ruruAnswer.get("text")));
                        continue;
                    }
                    MapElement keaAnswer = configSet(keaChannel, key, forKea(key, config, ends, dirs));
                    if (!keaAnswer.get("result").equals(Element.of(0))) {
                        refusedByKea.put(e.getKey(), Json.toCompact(keaAnswer.get("text")));
                        continue;
                    }
                    MapElement ruruGot = configGet(ruruChannel, key);
                    MapElement keaGot = configGet(keaChannel, key);
                    List<Found> left = ConfigDiff.unexplained(e.getKey(), ConfigDiff.diff(
                            MapElement.builder().put(key, comparable(key, keaGot)).build(),
                            MapElement.builder().put(key, comparable(key, ruruGot)).build()), expected);
                    if (!left.isEmpty()) {
                        unexplained.put(e.getKey(), left);
                    }
                    assertRoundTrip(ruruChannel, key, ruruGot, e.getKey());
                    compared.add(e.getKey());
                }
                System.out.println(f.daemon() + " config-get compared with " + f.keaBinary() + " 2.2: " + compared
                        + "\n  refused by ruru: " + refusedByRuru + "\n  refused by Kea 2.2: " + refusedByKea);
                assertThat(unexplained).as("differences from %s's config-get not listed as expected", f.keaBinary())
                        .isEmpty();
                assertThat(compared).as("configurations both accepted").hasSizeGreaterThanOrEqualTo(f.minimumCompared())
                        .containsAll(f.own().keySet());
                assertConfigWriteWritesConfigGet(ruruChannel, dirs, key);
                assertWrittenFileChecks(dirs, f.daemon());
            } finally {
                kea.destroy();
                if (!kea.waitFor(20, TimeUnit.SECONDS)) {
                    kea.destroyForcibly();
                }
            }
        }
    }

    /** config-write writes what config-get shows (Kea's config-write is the same rendering). */
    private static void assertConfigWriteWritesConfigGet(Channel ruru, DaemonDirs dirs, String key) throws Exception {
        MapElement got = configGet(ruru, key);
        MapElement written = ruru.call("{ \"command\": \"config-write\", \"arguments\": { \"filename\": \"written.json\" } }");
        assertThat(written.get("result")).as("config-write: %s", written).isEqualTo(Element.of(0));
        Element file = Json.parseFile(dirs.configFile("written.json"), w -> { });
        assertThat(file).isEqualTo(MapElement.builder().put(key, got).build());
    }

    /** The written file passes the daemon's -t check, as Kea's config-write output does. */
    private static void assertWrittenFileChecks(DaemonDirs dirs, String daemon) throws Exception {
        DaemonProcess.Result t = DaemonProcess.runToEnd(dirs, daemon, "-t", dirs.configFile("written.json").toString());
        assertThat(t.exit()).as("%s -t of config-write's file: %s %s", daemon, t.out(), t.err()).isZero();
    }

    /** config-get's answer fed back through config-set is accepted and gives the same answer. */
    private static void assertRoundTrip(Channel channel, String key, MapElement got, String name) throws IOException {
        MapElement again = configSet(channel, key, got);
        assertThat(again.get("result")).as("%s: config-set of config-get's answer: %s", name, again)
                .isEqualTo(Element.of(0));
        assertThat(configGet(channel, key)).as("%s: config-get after the round trip", name).isEqualTo(got);
    }

    /** Kea's example files of {@code dir}, their {@code key} maps. */
    private static Map<String, MapElement> examples(String dir, String key) throws IOException, JsonException {
        Map<String, MapElement> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(KeaExamples.directory().resolve(dir))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            if (Json.parseFile(f, w -> { }) instanceof MapElement root && root.get(key) instanceof MapElement m) {
                out.put(f.getFileName().toString(), m);
            }
        }
        return out;
    }

    /**
     * The configuration both daemons can load on this machine: no interfaces to open, leases in
     * memory, no loggers, databases or hook libraries from the examples (their files and servers
     * do not exist here); D2 listening on its own address (set per daemon below).
     */
    private static MapElement prepare(String key, MapElement config) {
        if (key.equals("Control-agent")) {
            // Plain HTTP without credentials, so the test can ask; no hook libraries or log files.
            return withConsoleLoggers(config).without("hooks-libraries").without("trust-anchor").without("cert-file")
                    .without("key-file").without("cert-required").without("authentication");
        }
        MapElement out = withConsoleLoggers(config.without("control-socket").without("control-sockets"));
        if (key.equals("DhcpDdns")) {
            return out.without("ip-address").without("port").without("hooks-libraries");
        }
        MapElement ifaces = out.get("interfaces-config") instanceof MapElement m ? m : MapElement.empty();
        out = out.with("interfaces-config", ifaces.with("interfaces", Element.list()))
                .with("lease-database", MapElement.builder().put("type", "memfile").put("persist", false).build())
                .without("hosts-database").without("hosts-databases").without("config-control");
        if (out.get("dhcp-ddns") instanceof MapElement ddns) {
            // The examples' sender addresses are not on this machine.
            out = out.with("dhcp-ddns", ddns.without("sender-ip").without("server-ip"));
        }
        out = withoutInterfaceNames(out);
        if (!(out.get("hooks-libraries") instanceof ListElement l) || l.items().stream()
                .anyMatch(h -> !Json.toCompact(h).contains(HOOKS))) {
            out = out.with("hooks-libraries", Element.list());
        }
        return out;
    }

    /** Loggers writing to the console instead of the examples' log files (not allowed or not there). */
    private static MapElement withConsoleLoggers(MapElement config) {
        if (!(config.get("loggers") instanceof ListElement loggers)) {
            return config;
        }
        List<Element> out = new ArrayList<>();
        for (Element l : loggers.items()) {
            MapElement logger = (MapElement) l;
            if (logger.get("output-options") instanceof ListElement dashed) {
                // Kea's file grammar reads output-options as output_options; its config-set (plain JSON) does not.
                logger = logger.without("output-options").with("output_options", dashed);
            }
            for (String key : new String[] {"output_options"}) {
                if (logger.get(key) instanceof ListElement outputs) {
                    List<Element> console = new ArrayList<>();
                    for (Element o : outputs.items()) {
                        MapElement output = (MapElement) o;
                        String to = output.get("output") instanceof StringElement s ? s.value() : "";
                        console.add(to.equals("stdout") || to.equals("stderr") ? output
                                : output.with("output", Element.of("stdout")).without("maxsize").without("maxver"));
                    }
                    logger = logger.with(key, Element.list(console));
                }
            }
            out.add(logger);
        }
        return config.with("loggers", Element.list(out));
    }

    /** Shared networks and subnets bound to interfaces this machine does not have, unbound. */
    private static MapElement withoutInterfaceNames(MapElement scope) {
        MapElement out = scope;
        for (String list : new String[] {"shared-networks", "subnet4", "subnet6"}) {
            if (out.get(list) instanceof ListElement l) {
                List<Element> items = new ArrayList<>();
                for (Element e : l.items()) {
                    items.add(e instanceof MapElement m ? withoutInterfaceNames(m.without("interface")) : e);
                }
                out = out.with(list, Element.list(items));
            }
        }
        return out;
    }

    /** What the test sets per daemon: Kea's control socket, each agent's (or D2's) port. */
    record Endpoints(Path keaSocket, int keaPort, int ruruPort) {
    }

    private static MapElement forKea(String key, MapElement config, Endpoints ends, DaemonDirs dirs) {
        return switch (key) {
            case "Control-agent" -> agentSockets(config, name -> dirs.socket(name).toString())
                    .with("http-host", Element.of("127.0.0.1")).with("http-port", Element.of(ends.keaPort()));
            case "DhcpDdns" -> withSocket(config, ends.keaSocket().toString())
                    .with("ip-address", Element.of("127.0.0.1")).with("port", Element.of(ends.keaPort()));
            default -> withSocket(config, ends.keaSocket().toString());
        };
    }

    private static MapElement forRuru(String key, MapElement config, Endpoints ends) {
        return switch (key) {
            case "Control-agent" -> agentSockets(config, name -> name)
                    .with("http-host", Element.of("127.0.0.1")).with("http-port", Element.of(ends.ruruPort()));
            case "DhcpDdns" -> withSocket(config, "ruru.sock")
                    .with("ip-address", Element.of("127.0.0.1")).with("port", Element.of(ends.ruruPort()));
            default -> withSocket(config, "ruru.sock");
        };
    }

    private static MapElement withSocket(MapElement config, String name) {
        return config.with("control-socket", MapElement.builder().put("socket-type", "unix")
                .put("socket-name", name).build());
    }

    /** The agent's sockets by file name: Kea's in the test's socket directory, ruru's relative to it. */
    private static MapElement agentSockets(MapElement config, java.util.function.UnaryOperator<String> where) {
        if (!(config.get("control-sockets") instanceof MapElement sockets)) {
            return config;
        }
        MapElement out = sockets;
        for (String service : sockets.keys()) {
            if (sockets.get(service) instanceof MapElement s && s.get("socket-name") instanceof StringElement n) {
                out = out.with(service, s.with("socket-name", Element.of(where.apply(Path.of(n.value())
                        .getFileName().toString()))));
            }
        }
        return config.with("control-sockets", out);
    }

    /** Without what the test sets differently for each daemon (socket paths, listener ports). */
    private static MapElement comparable(String key, MapElement got) {
        MapElement out = got.without("control-socket");
        return switch (key) {
            case "DhcpDdns" -> out.without("port");
            case "Control-agent" -> agentSockets(out.without("http-port"), name -> name);
            default -> out;
        };
    }

    private static MapElement configSet(Channel channel, String key, MapElement config) throws IOException {
        String command = Json.toCompact(MapElement.builder().put("command", "config-set")
                .put("arguments", MapElement.builder().put(key, config).build()).build());
        return channel.call(command);
    }

    private static MapElement configGet(Channel channel, String key) throws IOException {
        MapElement answer = channel.call("{ \"command\": \"config-get\" }");
        assertThat(answer.get("result")).as("config-get: %s", answer).isEqualTo(Element.of(0));
        return (MapElement) ((MapElement) answer.get("arguments")).get(key);
    }

    @FunctionalInterface
    interface Log {
        String text() throws IOException;
    }

    /** Waits (15 s at most) until the daemon answers version-get; fails with its output when it exits or never does. */
    private static void await(Channel channel, Process p, Log log) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (!p.isAlive()) {
                throw new AssertionError("daemon exited: " + log.text());
            }
            try {
                channel.call("{ \"command\": \"version-get\" }");
                return;
            } catch (IOException | RuntimeException e) {
                // not accepting yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("daemon does not answer: " + log.text());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
