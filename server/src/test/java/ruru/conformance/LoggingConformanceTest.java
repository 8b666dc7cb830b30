package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import ruru.dhcp4.log.Dhcp4Messages;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaLogLevels;
import ruru.testing.KeaLogLevels.Seen;

/**
 * Item 8 of issue 9: the log lines kea-dhcp4 2.2 and ruru write for the same exchanges, compared
 * line by line for the messages an operator greps for (allocations, NAKs and their reasons, drops,
 * RELEASE and DECLINE outcomes and mismatches): severity, logger, ID and text, with only the time,
 * the pid and the lab's interface name taken out. Both servers log at DEBUG 99 to a file. Where Kea
 * 3 renamed a message ruru writes Kea 3's ({@link #asKea3}).
 */
class LoggingConformanceTest extends OracleTest {

    /** The messages compared: every one both servers write in these scenarios must match. */
    static final Set<String> IDS = Set.of("DHCP4_LEASE_OFFER", "DHCP4_LEASE_ALLOC", "DHCP4_INIT_REBOOT",
            "DHCP4_NO_LEASE_INIT_REBOOT", "DHCP4_PACKET_NAK_0001", "DHCP4_PACKET_NAK_0002", "DHCP4_PACKET_NAK_0003",
            "DHCP4_PACKET_NAK_0004", "DHCP4_UNKNOWN_ADDRESS_REQUESTED", "DHCP4_RELEASE", "DHCP4_RELEASE_FAIL_NO_LEASE",
            "DHCP4_RELEASE_FAIL_WRONG_CLIENT", "DHCP4_DECLINE_LEASE", "DHCP4_DECLINE_LEASE_MISMATCH",
            "DHCP4_DECLINE_LEASE_NOT_FOUND", "DHCP4_PACKET_DROP_0002", "DHCP4_PACKET_DROP_0003", "DHCP4_PACKET_RECEIVED",
            "ALLOC_ENGINE_V4_REQUEST_IN_USE", "ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL", "ALLOC_ENGINE_V4_REQUEST_ADDRESS_RESERVED",
            "DHCP4_BUFFER_RECEIVED", "DHCP4_SUBNET_SELECTED", "DHCP4_SUBNET_SELECTION_FAILED", "DHCP4_PACKET_PACK",
            "DHCP4_PACKET_SEND", "DHCP4_INFORM_DIRECT_REPLY", "ALLOC_ENGINE_V4_OFFER_NEW_LEASE",
            "ALLOC_ENGINE_V4_OFFER_EXISTING_LEASE", "ALLOC_ENGINE_V4_OFFER_REQUESTED_LEASE",
            "ALLOC_ENGINE_V4_REQUEST_EXTEND_LEASE", "ALLOC_ENGINE_V4_REQUEST_ALLOC_REQUESTED",
            "ALLOC_ENGINE_V4_REQUEST_PICK_ADDRESS", "ALLOC_ENGINE_V4_REQUEST_REMOVE_LEASE", "ALLOC_ENGINE_V4_DISCOVER_HR",
            "ALLOC_ENGINE_V4_REQUEST_USE_HR");

    /**
     * Messages Kea 3 renamed, as ruru writes them: Kea 2.2's ID and text to Kea 3's (kea-dhcp4 2.2's
     * DHCP4_LEASE_ADVERT "lease X will be advertised" is Kea 3's DHCP4_LEASE_OFFER "lease X will be offered").
     */
    static String asKea3(String id, String text) {
        return id.equals("DHCP4_LEASE_ADVERT") ? "DHCP4_LEASE_OFFER " + text.replace(" will be advertised", " will be offered")
                : id + " " + text;
    }

    private static final Pattern LINE = KeaLogLevels.LINE;

    @Override
    String tag() {
        return "lg";
    }

    @Override
    String initialConfig() {
        return DecisionsConformanceTest.NOT_AUTH;
    }

    static List<String> lines(DhcpServer server, long from, Lab lab) throws Exception {
        String text = server.logText();
        List<String> out = new ArrayList<>();
        for (String l : text.substring((int) Math.min(from, text.length())).split("\n")) {
            Matcher m = LINE.matcher(l);
            if (m.matches() && (IDS.contains(m.group(3)) || IDS.contains(asKea3(m.group(3), "").strip()))) {
                out.add(m.group(1) + " [" + m.group(2) + "] " + asKea3(m.group(3), m.group(4).replace(lab.serverIface, "@IF@")));
            }
        }
        return out;
    }

    static List<Scenario> scenarios() {
        String reserved = DecisionsConformanceTest.subnet(
                ", \"reservations\": [ { \"hw-address\": \"02:00:00:00:00:79\", \"ip-address\": \"192.0.2.15\" } ]");
        return List.of(
                Scenario.of("allocation, renewal, release and its failures", DecisionsConformanceTest.NOT_AUTH, r -> {
                    Client a = r.client(71);
                    r.send(a.select(r.send(a.discover())));
                    r.send(a.renew());
                    Client stranger = r.client(72);
                    stranger.address = a.address;
                    stranger.serverId = a.serverId;
                    r.send(stranger.release());
                    r.send(a.release());
                    r.send(a.release());
                }),
                Scenario.of("decline, its mismatch and an unknown address", DecisionsConformanceTest.NOT_AUTH, r -> {
                    Client a = r.client(73);
                    r.send(a.select(r.send(a.discover())));
                    Client other = r.client(74);
                    other.address = a.address;
                    other.serverId = a.serverId;
                    r.send(other.decline());
                    r.send(a.decline());
                    Client ghost = r.client(75);
                    ghost.address = Lab.ip("192.0.2.19");
                    ghost.serverId = a.serverId;
                    r.send(ghost.decline());
                }),
                Scenario.of("NAKs, silences and drops with their reasons", reserved, r -> {
                    Client a = r.client(76);
                    r.send(a.select(r.send(a.discover())));
                    Client c = r.client(77);
                    r.send(c.initReboot("192.0.2.12"));
                    r.send(c.request().address(50, a.address.toString()).address(54, "192.0.2.1"));
                    r.send(c.request().address(50, "192.0.2.200").address(54, "192.0.2.1"));
                    r.send(c.request().address(50, "192.0.2.15").address(54, "192.0.2.1"));
                    r.send(c.request().address(50, "192.0.2.16").address(54, "192.0.2.99"));
                    r.send(a.initReboot("192.0.2.19"));
                    r.send(c.request().relayed("203.0.113.1").address(50, "203.0.113.20").address(54, "192.0.2.1"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> logLinesAsKeas() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            long k = Files.exists(oracle.kea.log) ? Files.size(oracle.kea.log) : 0;
            long r = Files.exists(oracle.ruru.log) ? Files.size(oracle.ruru.log) : 0;
            oracle.play(s);
            Thread.sleep(300);
            List<String> kea = lines(oracle.kea, k, oracle.keaLab);
            assertThat(kea).as("Kea wrote some of the compared messages").isNotEmpty();
            assertThat(String.join("\n", lines(oracle.ruru, r, oracle.ruruLab))).isEqualTo(String.join("\n", kea));
        }));
    }

    /** kea-dhcp4's client-name messages (kea-dhcp4.ddns), compared in their own order. */
    static final Set<String> NAME_IDS = Set.of("DHCP4_CLIENT_FQDN_PROCESS", "DHCP4_CLIENT_FQDN_DATA",
            "DHCP4_RESPONSE_FQDN_DATA", "DHCP4_CLIENT_HOSTNAME_PROCESS", "DHCP4_CLIENT_HOSTNAME_DATA",
            "DHCP4_RESPONSE_HOSTNAME_DATA", "DHCP4_GENERATE_FQDN");

    static final String NAMES = DecisionsConformanceTest.NOT_AUTH + ", \"dhcp-ddns\": { \"enable-updates\": true,"
            + " \"server-ip\": \"127.0.0.1\", \"server-port\": 53999 }, \"ddns-qualifying-suffix\": \"example.org\","
            + " \"ddns-replace-client-name\": \"when-not-present\"";

    /** Clients naming themselves every way: option 81 (ASCII and wire, S 0/1, N 1), option 12 (short, qualified), none. */
    static void nameClients(Run r) throws Exception {
        String[] fqdns = {"01000068312e6578616d706c652e6f7267", "05000002683200", "000000", "08000068342e",
                "050000074d69786564434100"};
        int n = 90;
        for (String f : fqdns) {
            Client c = r.client(n++);
            r.send(c.select(r.send(c.discover().option(81, f))).option(81, f));
            r.send(c.release());
        }
        for (String h : new String[] {"6c6170746f70", "706c61696e2e6f746865722e6e6574", "5570706572"}) {
            Client c = r.client(n++);
            r.send(c.select(r.send(c.discover().option(12, h))).option(12, h));
            r.send(c.release());
        }
        Client none = r.client(n);
        r.send(none.select(r.send(none.discover())));
        r.send(none.release());
    }

    /**
     * The client-name lines (kea-dhcp4.ddns: the option received, the one the reply carries, a name
     * to generate) for the same clients on both servers, DDNS on with names generated when absent.
     */
    @Test
    void clientNameLinesAsKeas() throws Exception {
        long k = Files.exists(oracle.kea.log) ? Files.size(oracle.kea.log) : 0;
        long r = Files.exists(oracle.ruru.log) ? Files.size(oracle.ruru.log) : 0;
        oracle.play(Scenario.of("client names", NAMES, LoggingConformanceTest::nameClients));
        Thread.sleep(300);
        List<String> kea = nameLines(oracle.kea, k);
        assertThat(String.join("\n", kea)).contains("DHCP4_CLIENT_FQDN_DATA", "DHCP4_RESPONSE_FQDN_DATA",
                "DHCP4_CLIENT_HOSTNAME_DATA", "DHCP4_RESPONSE_HOSTNAME_DATA", "DHCP4_GENERATE_FQDN");
        assertThat(String.join("\n", nameLines(oracle.ruru, r))).isEqualTo(String.join("\n", kea));
    }

    private static List<String> nameLines(DhcpServer server, long from) throws Exception {
        String text = server.logText();
        List<String> out = new ArrayList<>();
        for (String l : text.substring((int) Math.min(from, text.length())).split("\n")) {
            Matcher m = LINE.matcher(l);
            if (m.matches() && NAME_IDS.contains(m.group(3))) {
                out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " " + m.group(4));
            }
        }
        return out;
    }

    static final int[] PROBES = KeaLogLevels.PROBES;

    /**
     * Debug levels, severities and loggers, machine-checked against kea-dhcp4 2.2: the same
     * exchanges (allocation, renewal, release and decline with their failures, NAKs, drops) run
     * once per probed debug level on both servers; the lowest level at which Kea writes a message
     * is its debug level. Every message of ruru's table Kea wrote must carry Kea's severity,
     * logger and level, and ruru must write it from exactly that level on.
     */
    @Test
    void debugLevelsSeveritiesAndLoggersAsKeas() throws Exception {
        String config = scenarios().get(2).config();
        if (!config.contains("expired-leases-processing")) {
            // no reclamation cycle (every 10 s by default) inside a level's window: Kea writes its
            // ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE then, whenever the machine is slow enough
            config += ", \"expired-leases-processing\": { \"reclaim-timer-wait-time\": 3600 }";
        }
        Map<String, Seen> keaSeen = new TreeMap<>();
        Map<String, Seen> ruruSeen = new TreeMap<>();
        for (int level : PROBES) {
            String file = "level-" + level + ".log";
            String cfg = config + ", \"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"DEBUG\", \"debuglevel\": "
                    + level + ", \"output_options\": [ { \"output\": \"@LOGDIR@/" + file + "\", \"flush\": true } ] } ]";
            oracle.play(Scenario.of("debug level " + level, cfg, r -> {
                for (Scenario s : scenarios()) {
                    s.script().play(r);
                }
                // INFORM (direct and relayed), a client identifier, a relayed DORA, a reservation
                r.send(r.client(80).inform("192.0.2.77"));
                r.send(r.client(80).inform("198.51.100.77").relayed("198.51.100.1"));
                Client byId = r.client(81).clientId("01aabbcc");
                r.send(byId.select(r.send(byId.discover())));
                r.send(byId.renew());
                Client relayed = r.client(82);
                r.send(relayed.select(r.send(relayed.discover().relayed("198.51.100.1"))).relayed("198.51.100.1"));
                Client reserved = r.client(79);
                r.send(reserved.select(r.send(reserved.discover())));
                // client names: option 81 and option 12
                Client fqdn = r.client(84);
                r.send(fqdn.select(r.send(fqdn.discover().option(81, "010000683978"))).option(81, "010000683978"));
                r.send(fqdn.release());
                Client host = r.client(85);
                r.send(host.select(r.send(host.discover().option(12, "6c6170746f70"))).option(12, "6c6170746f70"));
                r.send(host.release());
            }));
            Thread.sleep(300);
            firstSeen(oracle.kea.logDir().resolve(file), level, keaSeen);
            firstSeen(oracle.ruru.logDir().resolve(file), level, ruruSeen);
        }
        // Kea 3 keeps a released lease with lease affinity (Kea's defaults, as here): ruru updates it
        // (DHCPSRV_MEMFILE_UPDATE_ADDR4) where kea-dhcp4 2.2 deletes it; DELETE_ADDR's level is checked
        // where the affinity is off (Logging4AgainstKeaTest, LoggingQueries4AgainstKeaTest).
        keaSeen.remove("DHCPSRV_MEMFILE_DELETE_ADDR");
        int[] compared = {0};
        List<String> wrong = KeaLogLevels.wrong(Dhcp4Messages.values(), keaSeen, ruruSeen, "kea-dhcp4 2.2", compared);
        assertThat(wrong).as("messages compared: %d", compared[0]).isEmpty();
        assertThat(compared[0]).as("messages of the table both servers wrote").isGreaterThanOrEqualTo(20);
    }

    private static void firstSeen(Path file, int level, Map<String, Seen> seen) throws Exception {
        if (!Files.exists(file)) {
            return;
        }
        for (String l : Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n")) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                seen.putIfAbsent(asKea3(m.group(3), "").strip(), new Seen(level, m.group(1), m.group(2)));
            }
        }
    }

    /** Every logger name Kea's dhcp4 has is accepted in a loggers entry, and DHCP4_STARTED comes once the server answers. */
    @Test
    void everyKeaLoggerNameIsAcceptedAndStartedIsLoggedWhenServing() throws Exception {
        String loggers = String.join(", ", Stream.of("kea-dhcp4", "kea-dhcp4.alloc-engine", "kea-dhcp4.bad-packets",
                "kea-dhcp4.callouts", "kea-dhcp4.commands", "kea-dhcp4.database", "kea-dhcp4.ddns", "kea-dhcp4.dhcp4",
                "kea-dhcp4.dhcpsrv", "kea-dhcp4.eval", "kea-dhcp4.hooks", "kea-dhcp4.hosts", "kea-dhcp4.leases",
                "kea-dhcp4.options", "kea-dhcp4.packets", "kea-dhcp4.lease-cmds-hooks", "kea-dhcp4.stat-cmds-hooks")
                .map(n -> "{ \"name\": \"" + n + "\", \"severity\": \"INFO\", \"output_options\": [ { \"output\": \""
                        + "@LOGDIR@/all.log\" } ] }").toList());
        String cfg = DecisionsConformanceTest.NOT_AUTH + ", \"loggers\": [ " + loggers + " ]";
        assertThat(oracle.kea.configure(cfg).get("result").asLong()).as("Kea accepts them").contains(0L);
        var answer = oracle.ruru.configure(cfg);
        assertThat(answer.get("result").asLong()).as("ruru accepts them: %s", answer).contains(0L);
        // Free the lab's wire for a second ruru started from scratch.
        assertThat(oracle.ruru.configure("\"interfaces-config\": { \"interfaces\": [ ] }, "
                + DecisionsConformanceTest.NOT_AUTH).get("result").asLong()).contains(0L);
        DhcpServer.Ruru ruruServer = (DhcpServer.Ruru) oracle.ruru;
        Path conf = ruruServer.dirs.configFile("started.json");
        Path log = ruruServer.dirs.log("started.log");
        Path sock = ruruServer.dirs.socket("s.sock");
        Files.writeString(conf, oracle.ruru.document(DecisionsConformanceTest.NOT_AUTH).replace(
                oracle.ruru.socket.toString(), sock.toString()).replace(oracle.ruru.log.toString(), log.toString()));
        try (DaemonProcess p = DaemonProcess.startIn(oracle.ruruLab.serverNs, dir, ruruServer.dirs.env(), "dhcp4", "-c",
                conf.toString())) {
            // What a start script does: wait for DHCP4_STARTED, then send at once.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log).contains("DHCP4_STARTED"))) {
                assertThat(System.nanoTime()).as("DHCP4_STARTED within 30 s:\n%s", p.stdout()).isLessThan(deadline);
                assertThat(p.process().isAlive()).as(p.stdout()).isTrue();
                Thread.sleep(20);
            }
            Run run = new Run(oracle.ruruLab, oracle.ruru);
            Reply offer = run.send(run.client(78).discover());
            assertThat(offer).as("answered as soon as DHCP4_STARTED is logged").isNotNull();
            String text = Files.readString(log);
            // As Kea: DHCP4_STARTING goes to the default output (stdout) before the configuration's loggers exist.
            assertThat(p.stdout()).contains("DHCP4_STARTING Kea DHCPv4 server version ");
            assertThat(text).containsPattern(
                    "INFO +\\[kea-dhcp4\\.dhcp4/[^\\]]+\\] DHCP4_STARTED Kea DHCPv4 server version \\S+ started");
            assertThat(text.indexOf("DHCP4_CONFIG_COMPLETE")).isBetween(0, text.indexOf("DHCP4_STARTED"));
        }
    }
}
