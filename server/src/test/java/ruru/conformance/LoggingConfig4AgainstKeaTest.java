package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import ruru.daemon.logging.KeaMessage;
import ruru.daemon.logging.LibraryMessages;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.testing.KeaLogLevels;
import ruru.testing.KeaLogLevels.Seen;

/**
 * Issue 9 item 8, the configuration-time lines: kea-dhcp4 2.2 and ruru start on the same
 * configuration (two hook libraries, a shared network, subnets with inherited timers, reservations,
 * client classes, DHCP-DDNS on), then take config-set, config-test and a second config-set once per
 * debug level Kea uses, each logging to a file of its own, and finally a shutdown command. The lines
 * of the start-up, of every configuration and of the shutdown (the configuration received, the
 * interfaces, hook libraries loaded and unloaded, subnets, DHCP-DDNS, the lease database, the timers,
 * the completion) are compared line by line (severity, logger, ID, text; the servers' directories,
 * the hook directory and the interface name taken out), and the lowest level each appears at is its
 * debug level on both servers. The packet dumps of queries and responses with the options Kea prints
 * with classes of their own (81, 43, 124, 125) are compared at debug level 55.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoggingConfig4AgainstKeaTest extends OracleTest {

    static final String CONFIG = """
            "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0 },
            "hooks-libraries": [ { "library": "@HOOKDIR@libdhcp_lease_cmds.so" },
              { "library": "@HOOKDIR@libdhcp_stat_cmds.so" } ],
            "dhcp-ddns": { "enable-updates": true },
            "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 3, "packet-queue-size": 7 },
            "client-classes": [ { "name": "lab", "test": "option[61].hex == 0x01aabbcc or pkt4.mac == 0x020000000086" } ],
            "reservations": [ { "hw-address": "02:00:00:00:00:80", "ip-address": "192.0.2.15", "hostname": "glob" },
              { "circuit-id": "'port-7'", "hostname": "relayed" } ],
            "shared-networks": [ { "name": "net", "valid-lifetime": 600,
              "subnet4": [ { "id": 3, "subnet": "203.0.113.0/24", "renew-timer": 100,
                "reservations": [ { "duid": "00:01:00:01:aa:bb", "ip-address": "203.0.113.5",
                  "next-server": "203.0.113.1", "boot-file-name": "boot.img", "client-classes": [ "lab" ] } ] } ] } ],
            "subnet4": [
              { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                "reservations": [ { "hw-address": "02:00:00:00:00:79", "ip-address": "192.0.2.15" },
                  { "client-id": "01:aa:bb:cc", "ip-address": "192.0.2.16", "hostname": "Host-A" } ] },
              { "id": 2, "subnet": "198.51.100.0/24", "valid-lifetime": 5000,
                "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ],
                "reservations": [ { "hw-address": "02:00:00:00:00:79", "ip-address": "198.51.100.15" } ] } ]
            """;

    /** The messages compared: the configuration-time ones of both tables. */
    static final Set<String> IDS = new TreeSet<>(Set.of("DHCP4_CONFIG_RECEIVED", "DHCP4_CONFIG_START",
            "DHCP4_CONFIG_COMPLETE", "DHCP4_SHUTDOWN_REQUEST", "DHCP4_SHUTDOWN", "DHCPSRV_MEMFILE_LEASE_FILE_LOAD",
            "DHCP4_MULTI_THREADING_INFO", "DHCP4_RESERVATIONS_LOOKUP_FIRST_ENABLED"));

    /** Where ruru follows Kea 3's severity: kea-dhcp4 2.2's lines are compared with it. */
    static final Map<String, String> KEA3_SEVERITY = Map.of("DHCP4_MULTI_THREADING_INFO", "INFO");

    /** Kea 3's line when multi-threading turns the queue control off: Kea 2.2 has none. */
    static final String KEA3_ONLY = "DHCPSRV_MT_DISABLED_QUEUE_CONTROL";

    static {
        for (LibraryMessages m : LibraryMessages.values()) {
            IDS.add(m.name());
        }
        // Kea 3's only (kea-dhcp4 2.2 keeps its queue control): checked in startUpAsKeas
        IDS.remove(KEA3_ONLY);
        // the host reservations added and Kea's duplicate checks while they are parsed
        for (Dhcp4Messages m : Dhcp4Messages.values()) {
            if (m.name().startsWith("HOSTS_CFG_")) {
                IDS.add(m.name());
            }
        }
    }

    /**
     * Kea's lease_cmds and stat_cmds register their DHCPv6 commands in kea-dhcp4 too; ruru's
     * built-ins register the family's own (and Kea 3's lease4-write), so those lines are not compared.
     */
    static final java.util.regex.Pattern V6_CALLOUTS = java.util.regex.Pattern.compile(
            "(HOOKS_CALLOUT_REGISTRATION .*'|HOOKS_ALL_CALLOUTS_DEREGISTERED .* on hook |HOOKS_CALLOUTS_REMOVED .* hook )"
                    + "\\$(lease6_|stat_lease6_|lease4_write\\b)");

    @Override
    String tag() {
        return "lc";
    }

    @Override
    String initialConfig() {
        return CONFIG;
    }

    static String config(int level, String file) {
        return CONFIG + ", \"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"DEBUG\", \"debuglevel\": "
                + level + ", \"output_options\": [ { \"output\": \"@LOGDIR@/" + file + "\", \"flush\": true } ] } ]";
    }

    /** Kea's probed levels and 98. */
    static final int[] LEVELS = java.util.stream.IntStream.concat(java.util.Arrays.stream(KeaLogLevels.PROBES),
            java.util.stream.IntStream.of(98)).toArray();

    /** The compared lines of {@code log}: severity, logger, ID and text, normalised. */
    static List<String> lines(String log, DhcpServer server, Map<String, Seen> seen, int level) {
        List<String> out = new ArrayList<>();
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches() || !IDS.contains(m.group(3)) || V6_CALLOUTS.matcher(l).find()
                    || KeaLogLevels.kea3Command(m.group(3), m.group(4))) {
                continue;
            }
            String severity = server instanceof DhcpServer.Ruru ? m.group(1)
                    : KEA3_SEVERITY.getOrDefault(m.group(3), m.group(1));
            if (seen != null) {
                seen.putIfAbsent(m.group(3), new Seen(level, severity, m.group(2)));
            }
            String text = normalise(m.group(4), server);
            if (m.group(3).startsWith("COMMAND_SOCKET_")) {
                // the harness's config-set texts differ in their paths: sizes are compared in commandChannelAsKeas
                text = KeaLogLevels.channel(text, false);
            }
            if (m.group(3).equals("HOSTS_BACKENDS_REGISTERED")) {
                // Kea 2.2 has MySQL and PostgreSQL host backends built in; ruru has none (Kea 3 lists
                // only the backend libraries it loaded)
                text = text.substring(0, text.indexOf("available:") + "available:".length());
            }
            out.add(severity + " [" + m.group(2) + "] " + m.group(3) + " " + text);
        }
        return out;
    }

    static String normalise(String text, DhcpServer server) {
        String t = text.replace(server.lab.serverIface, "@IF@");
        if (server instanceof DhcpServer.Ruru r) {
            for (Path p : List.of(r.dirs.sockets(), r.dirs.data(), r.dirs.logs())) {
                t = t.replace(p + "/", "@DIR@/");
            }
        } else {
            t = t.replace(server.dir + "/", "@DIR@/").replace(server.hookDir(), "");
        }
        return t;
    }

    private final Map<String, Seen> keaSeen = new TreeMap<>();
    private final Map<String, Seen> ruruSeen = new TreeMap<>();

    /** kea-dhcp4's lines about the interfaces-config as it parses it. */
    static final Set<String> INTERFACE_IDS = Set.of("DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT", "DHCPSRV_CFGMGR_ADD_IFACE",
            "DHCPSRV_CFGMGR_USE_ADDRESS", "DHCPSRV_CFGMGR_ALL_IFACES_ACTIVE", "DHCPSRV_CFGMGR_SOCKET_TYPE_DEFAULT");

    private static String id(String line) {
        return line.split(" ")[2];
    }

    /** The hook libraries' lines while kea-dhcp4 parses (each opened, checked and closed). */
    private static boolean hooksParsed(String line) {
        return Set.of("HOOKS_LIBRARY_VERSION", "HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE", "HOOKS_LIBRARY_CLOSED")
                .contains(id(line));
    }

    /** The subnets' and reservations' lines while kea-dhcp4 parses. */
    private static boolean subnetsParsed(String line) {
        String id = id(line);
        return id.startsWith("HOSTS_CFG_") || id.equals("DHCPSRV_CFGMGR_NEW_SUBNET4") || id.equals("DHCPSRV_CFGMGR_ADD_SUBNET4");
    }

    /**
     * kea-dhcp4 2.2's lines in Kea 3's parse order: Kea 3 parses the interfaces-config after the
     * subnets and the global reservations (its -t output: the subnets, then "using socket type raw"
     * as the interface configuration is reset, then the interfaces and the socket type), where
     * Kea 2.2 parses it before the hook libraries. Each configuration's interface lines are moved
     * past its hook library, subnet and reservation lines, behind Kea 3's reset line.
     */
    static List<String> kea3Order(List<String> kea22) {
        List<String> out = new ArrayList<>(kea22);
        int i = 0;
        while (i < out.size()) {
            if (!INTERFACE_IDS.contains(id(out.get(i)))) {
                i++;
                continue;
            }
            List<String> block = new ArrayList<>();
            while (i < out.size() && INTERFACE_IDS.contains(id(out.get(i)))) {
                block.add(out.remove(i));
            }
            // past the hook libraries checked, then the subnets and reservations (Kea 2.2's order)
            int at = i;
            while (at < out.size() && hooksParsed(out.get(at))) {
                at++;
            }
            while (at < out.size() && subnetsParsed(out.get(at))) {
                at++;
            }
            block.addFirst("INFO [kea-dhcp4.dhcpsrv] DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT using socket type raw");
            out.addAll(at, block);
            i = at + block.size();
        }
        return out;
    }

    /** Both servers' lines of one file, compared; the files kept under target/ when they differ. */
    private int compare(String what, String kText, String rText, int level) throws IOException {
        boolean probe = level < 99; // the level probes alone say at which level a message starts
        List<String> kl = kea3Order(lines(kText, oracle.kea, probe ? keaSeen : null, level));
        List<String> rl = lines(rText, oracle.ruru, probe ? ruruSeen : null, level);
        if (!kl.equals(rl)) {
            Path out = Files.createDirectories(Path.of("target", "conformance-logs"));
            String base = "logging-config4-" + what.replaceAll("[^A-Za-z0-9]+", "-");
            Files.writeString(out.resolve(base + ".kea.log"), kText);
            Files.writeString(out.resolve(base + ".ruru.log"), rText);
        }
        assertThat(String.join("\n", rl)).as("%s", what).isEqualTo(String.join("\n", kl));
        return kl.size();
    }

    /** The start-up (at debug level 99): everything up to DHCP4_STARTED. */
    @Test
    @Order(1)
    void startUpAsKeas() throws Exception {
        String k = upTo(oracle.kea.logText(), "DHCP4_STARTED");
        String r = upTo(oracle.ruru.logText(), "DHCP4_STARTED");
        int n = compare("start-up", k, r, 99);
        assertThat(n).isGreaterThan(20);
        assertThat(k).contains("LEASE_CMDS_INIT_OK", "STAT_CMDS_INIT_OK", "DHCP4_CONFIG_RECEIVED",
                "DHCPSRV_CFGMGR_NEW_SUBNET4", "DHCPSRV_MEMFILE_DB", "HOOKS_LIBRARY_VERSION",
                "DHCPSRV_DHCP_DDNS_SENDER_STARTED", "DHCP4_MULTI_THREADING_INFO enabled: yes, number of threads: 3, queue size: 7",
                "HOSTS_CFG_ADD_HOST", "HOSTS_CFG_GET_ALL_IDENTIFIER_HOST", "HOSTS_CFG_GET_ALL_ADDRESS4_HOST",
                "DHCP4_RESERVATIONS_LOOKUP_FIRST_ENABLED", "HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE");
        // Kea 3 (multi-threading on): the queue control turned off, warned right before the
        // reservations-lookup-first warning (Kea 3's parse order); kea-dhcp4 2.2 writes neither
        assertThat(k).doesNotContain(KEA3_ONLY);
        assertThat(KeaLogLevels.lines(r)).containsSubsequence(
                "WARN [kea-dhcp4.dhcpsrv] DHCPSRV_MT_DISABLED_QUEUE_CONTROL disabling dhcp queue control when"
                        + " multi-threading is enabled.",
                "WARN [kea-dhcp4.dhcp4] DHCP4_RESERVATIONS_LOOKUP_FIRST_ENABLED Multi-threading is enabled and host"
                        + " reservations lookup is always performed first.");
        assertThat(KeaLogLevels.lines(r).stream().filter(l -> l.contains(KEA3_ONLY))).hasSize(1);
    }

    /**
     * What comes before the configuration is read goes to standard output, not to the configured
     * log file: kea-dhcp4 2.2 writes DHCP4_STARTING there (at INFO, the default severity) and
     * nothing more before the configuration's loggers apply.
     */
    @Test
    @Order(1)
    void startingGoesToStandardOutputAsKeas() throws Exception {
        List<String> k = stdoutLines(oracle.kea.output());
        List<String> r = stdoutLines(oracle.ruru.output());
        assertThat(r).as("ruru's standard output").isEqualTo(k);
        assertThat(k).containsExactly("INFO [kea-dhcp4.dhcp4] DHCP4_STARTING");
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            assertThat(s.logText()).as("%s's log file", s.name()).doesNotContain(" DHCP4_STARTING ")
                    .contains(" DHCP4_CONFIG_RECEIVED ");
        }
    }

    /** The Kea-format lines of a server's standard output: severity, logger and ID. */
    private static List<String> stdoutLines(String output) {
        List<String> out = new ArrayList<>();
        for (String l : output.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (m.matches()) {
                out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3));
            }
        }
        return out;
    }

    private static String upTo(String log, String id) {
        int at = log.indexOf(" " + id + " ");
        return at < 0 ? log : log.substring(0, at);
    }

    /**
     * config-set, config-test and config-set again at each level: the lines of each, in Kea's
     * order, from the configuration received to the timers of the new lease database.
     */
    @Test
    @Order(2)
    void reconfigurationsAtEveryDebugLevelAsKeas() throws Exception {
        int compared = 0;
        for (int level : LEVELS) {
            String file = "cfg-" + level + ".log";
            String config = config(level, file);
            oracle.play(Scenario.of("config-set at " + level, config, run -> { }));
            String test = "{ \"command\": \"config-test\", \"arguments\": ";
            for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
                assertThat(s.command(test + s.document(config) + " }").get("result").asLong()).hasValue(0L);
            }
            oracle.play(Scenario.of("config-set again at " + level, config, run -> { }));
            Thread.sleep(200);
            compared += compare("debug level " + level, Files.readString(oracle.kea.logDir().resolve(file),
                    StandardCharsets.ISO_8859_1), Files.readString(oracle.ruru.logDir().resolve(file),
                    StandardCharsets.ISO_8859_1), level);
        }
        assertThat(compared).isGreaterThan(300);
        List<KeaMessage> table = new ArrayList<>();
        for (Dhcp4Messages m : Dhcp4Messages.values()) {
            if (IDS.contains(m.name())) {
                table.add(m);
            }
        }
        for (LibraryMessages m : LibraryMessages.values()) {
            if (IDS.contains(m.name())) {
                table.add(m.in("kea-dhcp4"));
            }
        }
        int[] n = {0};
        List<String> wrong = KeaLogLevels.wrong(table.toArray(KeaMessage[]::new), keaSeen, ruruSeen, "kea-dhcp4 2.2", n);
        assertThat(wrong).as("messages compared: %d", n[0]).isEmpty();
        assertThat(n[0]).isGreaterThan(20);
    }

    /**
     * config-set keeping the lease file in force (Kea closes the lease database, opens it again and
     * loads the file: ruru keeps its store and writes the same lines), then with another dhcp-ddns
     * block (the NameChangeRequest sender stopped while the configuration is parsed, started after
     * the lease database), then config-reload of the start-up file (the multi-threading line).
     */
    @Test
    @Order(3)
    void reconfigurationsKeepingTheLeaseFileAsKeas() throws Exception {
        String file = "keep.log";
        Map<String, Long> mark = new TreeMap<>();
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            String keep = config(99, file) + ", \"lease-database\": { \"type\": \"memfile\", \"lfc-interval\": 3600,"
                    + " \"name\": \"" + s.leaseFile(1000) + "\" }";
            assertThat(s.configure(keep).get("result").asLong()).hasValue(0L);
            Thread.sleep(200); // the connection's last line (closed) may follow the answer the client read
            mark.put(s.name(), Files.size(s.logDir().resolve(file)));
            assertThat(s.configure(keep).get("result").asLong()).hasValue(0L);
            assertThat(s.configure(keep.replace("\"enable-updates\": true", "\"enable-updates\": true,"
                    + " \"server-port\": 53003, \"max-queue-size\": 9")).get("result").asLong()).hasValue(0L);
        }
        Thread.sleep(200);
        String k = Files.readString(oracle.kea.logDir().resolve(file), StandardCharsets.ISO_8859_1)
                .substring(mark.get("kea-dhcp4").intValue());
        String r = Files.readString(oracle.ruru.logDir().resolve(file), StandardCharsets.ISO_8859_1)
                .substring(mark.get("ruru").intValue());
        compare("kept lease file", k, r, 99);
        assertThat(k).contains("DHCPSRV_CLOSE_DB", "DHCPSRV_MEMFILE_LEASE_FILE_LOAD", "DHCPSRV_MEMFILE_LFC_SETUP",
                "DHCPSRV_DHCP_DDNS_SENDER_STOPPED", "server-port: 53003, sender-ip: 0.0.0.0, sender-port: 0, max-queue-size: 9");
        // config-reload: the start-up file again, logging to the harness's file
        Map<String, Long> before = new TreeMap<>();
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            before.put(s.name(), (long) s.logText().length());
            assertThat(s.command("{ \"command\": \"config-reload\" }").get("result").asLong()).hasValue(0L);
        }
        Thread.sleep(200);
        k = oracle.kea.logText().substring(before.get("kea-dhcp4").intValue());
        r = oracle.ruru.logText().substring(before.get("ruru").intValue());
        compare("config-reload", k, r, 99);
        assertThat(k).contains("DHCP4_MULTI_THREADING_INFO", "DHCPSRV_DHCP_DDNS_SENDER_STARTED");
    }

    /** Options Kea prints with option classes of their own: FQDN, vendor class, vendor options, vendor-encapsulated. */
    static final String VENDOR = """
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
              "option-data": [ { "name": "vendor-encapsulated-options", "csv-format": false, "data": "0104c0000201" },
                { "name": "tftp-servers", "space": "vendor-4491", "data": "192.0.2.9" },
                { "name": "vivso-suboptions", "data": "4491" } ] } ]
            """;

    static void vendorQueries(Run r) throws Exception {
        // FQDN with flags S and E, a full name
        r.send(r.client(91).discover().option(81, "05000004686f7374076578616d706c65036f726700"));
        // FQDN, ASCII, partial
        r.send(r.client(92).discover().option(81, "000000686f7374"));
        // vendor class (124) of enterprise 4491 with two tuples, vendor options (125): DOCSIS tftp-servers and an undefined 5
        r.send(r.client(93).discover().option(124, "0000118b1009646f63736973332e3005657261746f")
                .option(125, "0000118b0b0204c00002090503616263").option(55, "012b7d"));
        // vendor-encapsulated options (43) in a query
        r.send(r.client(94).discover().option(43, "0104c00002010203616263").option(55, "012b"));
    }

    /** DHCP4_QUERY_DATA and DHCP4_RESPONSE_DATA with options 43, 81, 124 and 125, at debug level 55. */
    @Test
    @Order(4)
    void optionDumpsAsKeas() throws Exception {
        String file = "dumps.log";
        oracle.play(Scenario.of("option dumps", VENDOR + ", \"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\":"
                + " \"DEBUG\", \"debuglevel\": 55, \"output_options\": [ { \"output\": \"@LOGDIR@/" + file
                + "\", \"flush\": true } ] } ]", LoggingConfig4AgainstKeaTest::vendorQueries));
        Thread.sleep(300);
        String k = Files.readString(oracle.kea.logDir().resolve(file), StandardCharsets.ISO_8859_1);
        String r = Files.readString(oracle.ruru.logDir().resolve(file), StandardCharsets.ISO_8859_1);
        List<String> kl = dumps(k, oracle.kea);
        List<String> rl = dumps(r, oracle.ruru);
        if (!kl.equals(rl)) {
            Path out = Files.createDirectories(Path.of("target", "conformance-logs"));
            Files.writeString(out.resolve("logging-dumps4.kea.log"), k);
            Files.writeString(out.resolve("logging-dumps4.ruru.log"), r);
        }
        assertThat(String.join("\n", rl)).isEqualTo(String.join("\n", kl));
        assertThat(String.join("\n", kl)).contains("type=81 (CLIENT_FQDN)", "type=124", "type=125", "type=043");
    }

    /** The packet dumps with their continuation lines. */
    static List<String> dumps(String log, DhcpServer server) {
        List<String> out = new ArrayList<>();
        boolean kept = false;
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (m.matches()) {
                kept = m.group(3).equals("DHCP4_QUERY_DATA") || m.group(3).equals("DHCP4_RESPONSE_DATA");
                if (kept) {
                    out.add(m.group(3) + " " + escaped(normalise(m.group(4), server), server));
                }
            } else if (kept) {
                out.add(escaped(normalise(l, server), server));
            }
        }
        return out;
    }

    /**
     * Kea writes the bytes of a vendor class tuple as they are; ruru's log output escapes control
     * characters other than tab as {@code \xNN} (log injection), so Kea's are compared escaped.
     */
    static String escaped(String text, DhcpServer server) {
        if (server instanceof DhcpServer.Ruru) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The UNIX command socket's lines at debug level 10 (Kea's DBG_COMMAND) on the same client
     * session against both servers: a connection closed without a byte, a partial command abandoned,
     * a command written in two parts (two reads), an unknown command, one that does not parse, one
     * with trailing text, and a client that only shuts its side down. Each line as Kea writes it:
     * ID, text with the byte counts, severity, logger, order (the socket numbers masked).
     */
    @Test
    @Order(4)
    void commandChannelAsKeas() throws Exception {
        String file = "channel.log";
        oracle.play(Scenario.of("command channel", config(10, file), run -> { }));
        Map<String, List<String>> seen = new TreeMap<>();
        Map<String, List<String>> answers = new TreeMap<>();
        Thread.sleep(200); // the config-set connection's last line
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            long mark = Files.size(s.logDir().resolve(file));
            answers.put(s.name(), session(s.socket));
            Thread.sleep(300);
            String text = Files.readString(s.logDir().resolve(file), StandardCharsets.ISO_8859_1).substring((int) mark);
            List<String> out = new ArrayList<>();
            for (String l : text.split("\n")) {
                Matcher m = KeaLogLevels.LINE.matcher(l);
                if (m.matches() && m.group(3).startsWith("COMMAND_")) {
                    out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " " + KeaLogLevels.channel(m.group(4), true));
                }
            }
            seen.put(s.name(), out);
        }
        List<String> k = seen.get("kea-dhcp4");
        assertThat(String.join("\n", answers.get("ruru"))).isEqualTo(String.join("\n", answers.get("kea-dhcp4")));
        assertThat(answers.get("kea-dhcp4")).anyMatch(a -> a.contains("Bad null value: nope in <wire>:0:12"));
        assertThat(String.join("\n", seen.get("ruru"))).isEqualTo(String.join("\n", k));
        assertThat(String.join("\n", k)).contains("COMMAND_SOCKET_READ Received 13 bytes",
                "COMMAND_SOCKET_READ Received 15 bytes", "discarding partial command of 17 bytes",
                "no input data to discard", "Received command 'nope'", "Sent response of 60 bytes (0 bytes left to send)");
    }

    /**
     * lease_cmds' and stat_cmds' commands, each succeeding and failing, at debug level 99: Kea runs
     * each as its library's callout on {@code $leaseN_...}, so COMMAND_RECEIVED is followed by
     * HOOKS_CALLOUTS_BEGIN, the library's own line where kea-dhcp4 2.2 writes one (LEASE_CMDS_ADD4,
     * LEASE_CMDS_ADD4_FAILED, LEASE_CMDS_RESEND_DDNS4_FAILED, STAT_CMDS_LEASE4_GET, _NO_SUBNETS,
     * _INVALID), HOOKS_CALLOUT_CALLED or (an error answer) HOOKS_CALLOUT_ERROR, and
     * HOOKS_CALLOUTS_COMPLETE. Compared line by line: ID, text, severity, logger, order (the callout
     * addresses and durations masked); the lines below DEBUG are what Kea writes at INFO.
     */
    @Test
    @Order(4)
    void leaseCommandCalloutsAsKeas() throws Exception {
        String file = "callouts.log";
        oracle.play(Scenario.of("lease commands", config(99, file), run -> { }));
        List<String> commands = List.of(
                "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"192.0.2.200\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\" } }",
                "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"192.0.2.200\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\" } }",
                "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"10.0.0.1\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\" } }",
                "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"192.0.2.201\" } }",
                "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \"192.0.2.200\" } }",
                "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \"192.0.2.202\" } }",
                "{ \"command\": \"lease4-get\" }",
                "{ \"command\": \"lease4-update\", \"arguments\": { \"ip-address\": \"192.0.2.200\", \"hw-address\": \"1a:1b:1c:1d:1e:2f\" } }",
                "{ \"command\": \"lease4-update\", \"arguments\": { \"ip-address\": \"192.0.2.202\", \"hw-address\": \"1a:1b:1c:1d:1e:2f\" } }",
                "{ \"command\": \"lease4-resend-ddns\", \"arguments\": { \"ip-address\": \"192.0.2.202\" } }",
                "{ \"command\": \"lease4-del\", \"arguments\": { \"ip-address\": \"192.0.2.200\" } }",
                "{ \"command\": \"lease4-del\", \"arguments\": { \"ip-address\": \"192.0.2.200\" } }",
                "{ \"command\": \"lease4-del\", \"arguments\": { \"ip-address\": \"nope\" } }",
                "{ \"command\": \"lease4-wipe\", \"arguments\": { \"subnet-id\": 2 } }",
                "{ \"command\": \"lease4-wipe\", \"arguments\": { \"subnet-id\": \"x\" } }",
                "{ \"command\": \"lease4-get-all\", \"arguments\": { \"subnets\": [ 2 ] } }",
                "{ \"command\": \"lease4-get-by-hw-address\", \"arguments\": { \"hw-address\": \"1a:1b:1c:1d:1e:3f\" } }",
                "{ \"command\": \"stat-lease4-get\", \"arguments\": { \"subnet-id\": 1 } }",
                "{ \"command\": \"stat-lease4-get\", \"arguments\": { \"subnet-id\": 9 } }",
                "{ \"command\": \"stat-lease4-get\", \"arguments\": { \"subnet-id\": \"x\" } }");
        Map<String, List<String>> seen = new TreeMap<>();
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            long mark = Files.size(s.logDir().resolve(file));
            for (String c : commands) {
                s.command(c);
            }
            Thread.sleep(300);
            String text = Files.readString(s.logDir().resolve(file), StandardCharsets.ISO_8859_1).substring((int) mark);
            List<String> out = new ArrayList<>();
            for (String l : text.split("\n")) {
                Matcher m = KeaLogLevels.LINE.matcher(l);
                if (m.matches() && java.util.regex.Pattern.matches("COMMAND_RECEIVED|HOOKS_CALLOUT.*|LEASE_CMDS_.*|STAT_CMDS_.*",
                        m.group(3))) {
                    out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " "
                            + m.group(4).replaceAll("0x[0-9a-f]+", "0x?").replaceAll("[0-9]+\\.[0-9]{3} ms", "? ms"));
                }
            }
            seen.put(s.name(), out);
        }
        List<String> k = seen.get("kea-dhcp4");
        assertThat(String.join("\n", seen.get("ruru"))).isEqualTo(String.join("\n", k));
        assertThat(String.join("\n", k)).contains("INFO [kea-dhcp4.lease-cmds-hooks] LEASE_CMDS_ADD4 lease4-add command "
                        + "successful (parameters: { \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"ip-address\": \"192.0.2.200\" })",
                "LEASE_CMDS_ADD4_FAILED", "LEASE_CMDS_RESEND_DDNS4_FAILED", "STAT_CMDS_LEASE4_GET ", "STAT_CMDS_LEASE4_GET_NO_SUBNETS",
                "STAT_CMDS_LEASE4_GET_INVALID", "ERROR [kea-dhcp4.callouts] HOOKS_CALLOUT_ERROR error returned by callout on hook "
                        + "$lease4_update registered by library with index 1", "DEBUG [kea-dhcp4.callouts] HOOKS_CALLOUT_CALLED hooks "
                        + "library with index 2 has called a callout on hook $stat_lease4_get");
    }

    /**
     * A config-set that fails in Kea's parsers: the same answer and the same DHCP4_PARSER_FAIL line
     * naming the element (kea-dhcp4 2.2 adds DHCP4_CONFIG_UNRECOVERABLE_ERROR, FATAL, after each
     * failed config-set although it goes on with the old configuration: not written by ruru, left out).
     */
    @Test
    @Order(4)
    void configSetFailureAsKeas() throws Exception {
        String file = "fail.log";
        oracle.play(Scenario.of("before a failing config-set", config(10, file), run -> { }));
        Map<String, List<String>> seen = new TreeMap<>();
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            long mark = Files.size(s.logDir().resolve(file));
            String set = "{ \"command\": \"config-set\", \"arguments\": "
                    + s.document("\"bogus-key\": 1, " + config(10, file)) + " }";
            ruru.json.MapElement answer = s.command(set);
            Thread.sleep(200);
            String text = Files.readString(s.logDir().resolve(file), StandardCharsets.ISO_8859_1).substring((int) mark);
            List<String> out = new ArrayList<>();
            out.add(answer.get("result").toString() + " " + answer.get("text").asString().orElse("")
                    .replaceAll("<wire>:0:\\d+", "<wire>:0:N"));
            for (String l : text.split("\n")) {
                Matcher m = KeaLogLevels.LINE.matcher(l);
                if (m.matches() && m.group(3).startsWith("DHCP4_PARSER")) {
                    out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " "
                            + m.group(4).replaceAll("<wire>:0:\\d+", "<wire>:0:N"));
                }
            }
            seen.put(s.name(), out);
        }
        assertThat(seen.get("ruru")).isEqualTo(seen.get("kea-dhcp4"));
        assertThat(seen.get("kea-dhcp4")).anyMatch(l -> l.contains(
                "DHCP4_PARSER_FAIL failed to create or run parser for configuration element bogus-key: "));
    }

    /**
     * Malformed command texts whose answers (Kea's Element::fromJSON texts and columns) and log lines
     * are compared: bare words, numbers, escapes, separators (a raw control character in a command
     * name is answered alike, but Kea's COMMAND_RECEIVED line leaves the character out: not sent).
     */
    static final List<String> MALFORMED = List.of("{\"command\": nope}", "{\"command\": tru}",
            "{\"command\": True}", "{\"command\": }", "{\"command\": @}", "{\"command\": 1e}",
            "{\"command\": -}", "{\"command\": 99999999999999999999}", "{\"command\": \"a\\q\"}",
            "{\"command\": \"a\\u0100\"}", "{\"command\": \"a\\u1\"}", "{\"command\": \"a\\u00G1\"}",
            "{\"command\" \"dhcp-enable\"}", "{\"command\": \"dhcp-enable\" \"x\": 1}",
            "{\"command\": [1 2]}", "{\"command\": \"dhcp-enable\",}",
            "{\"command\": \"a\\u0041\"}");

    /**
     * The client side of {@link #commandChannelAsKeas}, each connection done before the next;
     * returns the answers to {@link #MALFORMED}.
     */
    static List<String> session(Path socket) throws Exception {
        try (var ch = open(socket)) {
            // connected and closed without a byte
        }
        Thread.sleep(200);
        try (var ch = open(socket)) {
            write(ch, "{ \"command\": \"dhc");
            Thread.sleep(300);
        }
        Thread.sleep(200);
        try (var ch = open(socket)) {
            write(ch, "{ \"command\": ");
            Thread.sleep(300);
            write(ch, "\"dhcp-enable\" }");
            readToEnd(ch);
        }
        List<String> answers = new ArrayList<>();
        for (String command : MALFORMED) {
            try (var ch = open(socket)) {
                write(ch, command);
                answers.add(command + " -> " + readAll(ch));
            }
        }
        for (String command : List.of("{ \"command\": \"nope\" }", "{ \"command\": \"dhcp-enable\", \"arguments\": 5 }",
                "{ \"command\": \"dhcp-enable\" } trailing")) {
            try (var ch = open(socket)) {
                write(ch, command);
                readToEnd(ch);
            }
        }
        try (var ch = open(socket)) {
            ch.shutdownOutput();
            readToEnd(ch);
        }
        return answers;
    }

    private static String readAll(java.nio.channels.SocketChannel ch) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        var b = java.nio.ByteBuffer.allocate(4096);
        while (ch.read(b) >= 0) {
            out.write(b.array(), 0, b.position());
            b.clear();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static java.nio.channels.SocketChannel open(Path socket) throws IOException {
        var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ch.connect(java.net.UnixDomainSocketAddress.of(socket));
        return ch;
    }

    private static void write(java.nio.channels.SocketChannel ch, String text) throws IOException {
        var b = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void readToEnd(java.nio.channels.SocketChannel ch) throws IOException {
        var b = java.nio.ByteBuffer.allocate(4096);
        while (ch.read(b) >= 0) {
            b.clear();
        }
    }

    /**
     * {@code -d -t}: a configuration only checked, with debug on standard output, in both families.
     * kea-dhcp4 and kea-dhcp6 2.2 register their commands (COMMAND_REGISTERED, each daemon in its own
     * order), check each hook library (version, multi-threading compatibility, closed again) and
     * deregister the commands in name order as they end; ruru writes the same (its Kea 3
     * config-hash-get left out). A jar's multi-threading answer is not written at a check: asking it
     * runs the jar's code, which a check never does in ruru.
     */
    @Test
    @Order(1)
    void checkModeAsKeas() throws Exception {
        for (int family : new int[] {4, 6}) {
            String inner = """
                    "interfaces-config": { "interfaces": [ ] },
                    "multi-threading": { "enable-multi-threading": true },
                    "hooks-libraries": [ { "library": "@HOOKDIR@libdhcp_lease_cmds.so" },
                      { "library": "@HOOKDIR@libdhcp_stat_cmds.so" } ],
                    """ + (family == 4 ? "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\" } ]"
                            : "\"subnet6\": [ { \"id\": 1, \"subnet\": \"2001:db8:1::/64\" } ]");
            String top = "{ \"Dhcp" + family + "\": { ";
            ruru.testing.DaemonDirs dirs = ruru.testing.DaemonDirs.create();
            Path kFile = dirs.root().resolve("kea-check.json");
            Files.writeString(kFile, top + inner.replace("@HOOKDIR@", oracle.kea.hookDir()) + " } }");
            Path rFile = dirs.writeConfig("check.json", top + inner.replace("@HOOKDIR@", "") + " } }");
            ProcessBuilder pb = new ProcessBuilder("/usr/sbin/kea-dhcp" + family, "-d", "-t", kFile.toString())
                    .redirectErrorStream(true);
            pb.environment().putAll(Map.of("KEA_PIDFILE_DIR", dirs.root().toString(), "KEA_LOCKFILE_DIR",
                    dirs.root().toString()));
            Process p = pb.start();
            String kea = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(kea).isZero();
            ruru.testing.DaemonProcess.Result r = ruru.testing.DaemonProcess.runToEnd(dirs, "dhcp" + family, "-d", "-t",
                    rFile.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> k = checkLines(kea, oracle.kea.hookDir());
            List<String> rl = checkLines(r.out() + r.err(), "");
            assertThat(String.join("\n", rl)).as("dhcp%d", family).isEqualTo(String.join("\n", k));
            String root = "kea-dhcp" + family;
            assertThat(k).contains("DEBUG [" + root + ".commands] COMMAND_REGISTERED Command list-commands registered",
                    "DEBUG [" + root + ".commands] COMMAND_DEREGISTERED Command version-get deregistered",
                    "DEBUG [" + root + ".hooks] HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE hooks library"
                            + " libdhcp_stat_cmds.so reports its multi-threading compatibility as 1");
        }
    }

    /** The command and hook library lines of a -d -t run (Kea 3's config-hash-get left out). */
    private static List<String> checkLines(String out, String hookDir) {
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (m.matches() && (m.group(3).startsWith("COMMAND_") || m.group(3).startsWith("HOOKS_LIBRARY_"))
                    && !KeaLogLevels.kea3Command(m.group(3), m.group(4))) {
                String text = hookDir.isEmpty() ? m.group(4) : m.group(4).replace(hookDir, "");
                lines.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " " + text);
            }
        }
        return lines;
    }

    /** The shutdown command: the request, the lease database closed, the timers and libraries gone. */
    @Test
    @Order(5)
    void shutdownAsKeas() throws Exception {
        oracle.play(Scenario.of("config-set before shutdown", config(99, "stop.log"), run -> { }));
        Thread.sleep(200); // the config-set connection's last line
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            long mark = Files.size(s.logDir().resolve("stop.log"));
            assertThat(s.command("{ \"command\": \"shutdown\" }").get("result").asLong()).hasValue(0L);
            assertThat(s.process.waitFor(20, TimeUnit.SECONDS)).as("%s stopped", s.name()).isTrue();
            marks.put(s.name(), mark);
        }
        String k = Files.readString(oracle.kea.logDir().resolve("stop.log"), StandardCharsets.ISO_8859_1);
        String r = Files.readString(oracle.ruru.logDir().resolve("stop.log"), StandardCharsets.ISO_8859_1);
        k = k.substring(marks.get("kea-dhcp4").intValue());
        r = r.substring(marks.get("ruru").intValue());
        int n = compare("shutdown", k, r, 99);
        assertThat(Stream.of("DHCP4_SHUTDOWN_REQUEST", "DHCP4_SHUTDOWN ", "DHCPSRV_CLOSE_DB", "LEASE_CMDS_DEINIT_OK",
                "COMMAND_DEREGISTERED Command build-report deregistered", "COMMAND_SOCKET_CONNECTION_CLOSED",
                "HOOKS_LIBRARY_CLOSED", "DHCPSRV_DHCP_DDNS_SENDER_STOPPED", "HOOKS_ALL_CALLOUTS_DEREGISTERED",
                "HOOKS_CALLOUTS_REMOVED")).allMatch(k::contains);
        assertThat(n).isGreaterThan(8);
    }

    private final Map<String, Long> marks = new TreeMap<>();
}
