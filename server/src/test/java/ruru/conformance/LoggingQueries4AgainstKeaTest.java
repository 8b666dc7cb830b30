package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

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

import ruru.dhcp4.log.Dhcp4Messages;
import ruru.testing.KeaLogLevels;
import ruru.testing.KeaLogLevels.Seen;

/**
 * Issue 9 item 8, the per-query lines of flows with names and DNS updates: kea-dhcp4 2.2 and ruru
 * serve the same configuration (DNS updates on towards a UDP sink on the server's loopback, client
 * classes tested before and after the host lookup, reservations with host names) and get
 * byte-identical queries (DORA with option 12, with option 81, without a name, a reserved host,
 * renewal, moves to another address with the same and with another name, RELEASE, DECLINE,
 * INFORM), once per debug level Kea uses. Every line from the first
 * packet on is compared (severity, logger, ID, text; the time, the pid, the lab's interface name and
 * the NCR's expiry time taken out), and the lowest level a message appears at is its debug level on
 * both servers.
 */
class LoggingQueries4AgainstKeaTest extends OracleTest {

    static final String CONFIG = """
            "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0 },
            "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": 53001 },
            "ddns-send-updates": true, "ddns-qualifying-suffix": "lab.example.org",
            "ddns-replace-client-name": "never",
            "client-classes": [
              { "name": "lab-phones", "test": "substring(option[60].hex,0,5) == 'phone'",
                "option-data": [ { "name": "domain-name", "data": "phones.example.org" } ] },
              { "name": "reserved-gold", "test": "member('KNOWN')" },
              { "name": "unknown-ones", "test": "not member('KNOWN')" } ],
            "subnet4": [
              { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                "option-data": [ { "name": "routers", "data": "192.0.2.1" } ],
                "reservations": [ { "hw-address": "02:00:00:00:00:79", "ip-address": "192.0.2.15", "hostname": "res79" },
                  { "hw-address": "02:00:00:00:00:78", "hostname": "name78" },
                  { "client-id": "01:aa:bb:cc", "ip-address": "192.0.2.16", "client-classes": [ "lab-phones" ] } ] } ]
            """;

    private final List<Process> sinks = new ArrayList<>();

    @Override
    String tag() {
        return "lq";
    }

    @Override
    String initialConfig() {
        return CONFIG;
    }

    /** A UDP sink for the servers' name change requests, on each server namespace's loopback. */
    @BeforeAll
    void startSinks() throws Exception {
        for (Lab lab : List.of(oracle.keaLab, oracle.ruruLab)) {
            sinks.add(new ProcessBuilder("ip", "netns", "exec", lab.serverNs, "socat", "-u",
                    "UDP4-RECV:53001,bind=127.0.0.1,reuseaddr", "/dev/null").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        Thread.sleep(200);
        for (Process p : sinks) {
            assertThat(p.isAlive()).as("socat UDP sink").isTrue();
        }
    }

    @AfterAll
    void stopSinks() throws InterruptedException {
        for (Process p : sinks) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static void exchanges(Run r) throws Exception {
        Client named = r.client(71);
        r.send(named.select(r.send(named.discover().option(12, "6d79686f7374"))).option(12, "6d79686f7374"));
        r.send(named.renew().option(12, "6d79686f7374"));
        r.send(named.release());
        // option 81: flags S and E, rcodes 0, "fqdn72.lab.example.org." in wire format
        String fqdn = "050000" + "06667164 6e3732 036c6162 076578616d706c65 036f726700".replace(" ", "");
        Client withFqdn = r.client(72);
        r.send(withFqdn.select(r.send(withFqdn.discover().option(81, fqdn))).option(81, fqdn));
        r.send(withFqdn.release());
        Client partial = r.client(73);
        String partialFqdn = "050000" + "06706172743733"; // "part73", no root: partial
        r.send(partial.select(r.send(partial.discover().option(81, partialFqdn))).option(81, partialFqdn));
        Client nameless = r.client(74);
        r.send(nameless.select(r.send(nameless.discover())));
        r.send(nameless.decline());
        Client reserved = r.client(79);
        r.send(reserved.select(r.send(reserved.discover())));
        r.send(reserved.renew());
        Client reservedName = r.client(78).prl(1, 3, 6, 12, 15, 51, 54);
        r.send(reservedName.select(r.send(reservedName.discover().option(12, "6f74686572"))).option(12, "6f74686572"));
        Client phone = r.client(81).clientId("01aabbcc");
        r.send(phone.select(r.send(phone.discover().option(60, "70686f6e652d78"))).option(60, "70686f6e652d78"));
        r.send(r.client(80).inform("192.0.2.77").option(12, "696e666f726d"));
        // a client identifier's lease: DISCOVER again, a new name on renewal (REMOVE and ADD), REBIND;
        // then it moves to another address (a SELECTING REQUEST for a free one): with the same name no
        // NCR at all (Kea's createNameChangeRequests compares the old lease's name and directions, not
        // its address), with another name the old address's REMOVE and the new one's ADD.
        // DISCOVER with option 50.
        Client again = r.client(75).clientId("01020000000075");
        r.send(again.select(r.send(again.discover().option(12, "6f6e65"))).option(12, "6f6e65"));
        r.send(again.select(r.send(again.discover().option(12, "6f6e65"))).option(12, "6f6e65"));
        r.send(again.renew().option(12, "74776f"));
        r.send(again.rebind().option(12, "74776f"));
        r.send(again.select(r.send(again.discover().option(12, "74776f"))).address(50, "192.0.2.19").option(12, "74776f"));
        r.send(again.select(r.send(again.discover().option(12, "7468726565"))).address(50, "192.0.2.20")
                .option(12, "7468726565"));
        Client hinted = r.client(76);
        r.send(hinted.select(r.send(hinted.discover().address(50, "192.0.2.18"))));
        r.send(hinted.release());
    }

    /** A pool for each of two classes: full for the one, none for a client in neither. */
    static final String CONFIG5 = """
            "valid-lifetime": 4000,
            "client-classes": [ { "name": "aa", "test": "option[60].hex == 'aaaa'" },
                                { "name": "bb", "test": "option[60].hex == 'bbbb'" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [
              { "pool": "192.0.2.10 - 192.0.2.10", "client-class": "aa" },
              { "pool": "192.0.2.20 - 192.0.2.29", "client-class": "bb" } ] } ]
            """;

    static void exchanges5(Run r) throws Exception {
        Client first = r.client(61);
        r.send(first.select(r.send(first.discover().option(60, "61616161"))).option(60, "61616161"));
        r.send(r.client(62).discover().option(60, "61616161"));
        r.send(r.client(63).discover());
    }

    /** Kea's probed levels; -Druru.log4.levels=55 for one while working on the messages. */
    private static int[] levels() {
        String only = System.getProperty("ruru.log4.levels");
        return only == null ? KeaLogLevels.PROBES : java.util.Arrays.stream(only.split(",")).mapToInt(Integer::parseInt)
                .toArray();
    }

    /**
     * Messages not compared here: the control channel's COMMAND_* lines
     * of the config-set before the queries (their connection closes while the first queries come) and the lines Kea 3 added after Kea 2.2's
     * DHCP4_RELEASE (ruru writes Kea 3's DHCP4_RELEASE_DELETED / _EXPIRED too).
     */
    static boolean skipped(String id) {
        return id.startsWith("COMMAND_") || id.equals("DHCP4_RELEASE_DELETED") || id.equals("DHCP4_RELEASE_EXPIRED");
    }

    /** Every line of a log from the first line about a packet on, with its dumps; the NCR's expiry normalised. */
    static List<String> lines(String log, String iface, Map<String, Seen> seen, int level) {
        List<String> in = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        List<String> out = in;
        boolean kept = false;
        boolean packets = false;
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches()) {
                // option 81's dump in DHCP4_QUERY_DATA / _RESPONSE_DATA (Kea's Option4ClientFqdn text) is
                // compared where the dump texts are (issue 9 item 8, option texts)
                // (the blank line ending an NCR's text is left out: the last one may end the file)
                if (kept && !l.startsWith("  type=81 ") && !l.startsWith("  type=081,") && !l.isBlank()) {
                    out.add(normal(l.replace(iface, "@IF@")));
                }
                continue;
            }
            String id = LoggingConformanceTest.asKea3(m.group(3), "").strip();
            String text = id.startsWith("EVAL_") || id.startsWith("DHCPSRV_EVAL_") ? KeaLogLevels.unlabelled(m.group(4))
                    : m.group(4);
            packets |= id.startsWith("DHCP4_BUFFER") || id.startsWith("DHCP4_PACKET") || text.contains("tid=0x");
            kept = packets && !skipped(id);
            // D2's requests leave asynchronously (Kea's IO service, ruru's sender thread): in order, apart
            out = id.equals("DHCPSRV_DHCP_DDNS_NCR_SENT") ? sent : in;
            if (packets && seen != null) {
                seen.putIfAbsent(id, new Seen(level, m.group(1), m.group(2)));
            }
            if (kept) {
                out.add(m.group(1) + " [" + m.group(2) + "] "
                        + normal(LoggingConformanceTest.asKea3(m.group(3), text.replace(iface, "@IF@"))));
            }
        }
        in.add("-- sent to D2:");
        in.addAll(sent);
        return in;
    }

    /**
     * The NCR's lease expiry (a time) made comparable, and its last line as Kea 2.2 writes it: Kea 3
     * (and ruru) print the conflict resolution mode, Kea 2.2 a yes or no.
     */
    static String normal(String s) {
        return s.replaceAll("Lease Expires On: \\d+", "Lease Expires On: @T@")
                .replace("Conflict Resolution Mode: check-with-dhcid", "Conflict Resolution: yes")
                .replace("Conflict Resolution Mode: no-check-with-dhcid", "Conflict Resolution: no");
    }

    @Test
    void namesDnsUpdatesClassesAndStoreTracesAsKeas() throws Exception {
        Map<String, Seen> keaSeen = compareAtEachLevel("queries4", CONFIG, LoggingQueries4AgainstKeaTest::exchanges);
        assertThat(keaSeen).containsKeys("DHCPSRV_QUEUE_NCR", "DHCP4_RESERVED_HOSTNAME_ASSIGNED",
                "DHCPSRV_MEMFILE_ADD_ADDR4", "DHCP4_CLASS_ASSIGNED", "ALLOC_ENGINE_V4_REQUEST_REMOVE_LEASE");
    }

    /**
     * Names replaced, generated and sanitized, a shared network whose first subnet fills up, a class
     * required by a subnet, a class-guarded pool, a global reservation with a name in capitals.
     * (Found here and compared in DecisionsConformanceTest: reserved names are not sanitized, the
     * iterative allocator's walk across class-guarded pools, a REQUEST's reservation check in the
     * selected subnet, a shared network's preferred subnet once the first is full.)
     */
    static final String CONFIG2 = """
            "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
            "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0 },
            "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": 53001 },
            "ddns-send-updates": true, "ddns-qualifying-suffix": "net.example.org",
            "ddns-replace-client-name": "when-not-present", "ddns-generated-prefix": "gen",
            "hostname-char-set": "[^A-Za-z0-9.-]", "hostname-char-replacement": "x",
            "reservations-global": true, "reservations-in-subnet": false,
            "reservations": [ { "hw-address": "02:00:00:00:00:95", "hostname": "Res95" } ],
            "client-classes": [
              { "name": "late", "test": "option[12].exists", "only-if-required": true,
                "option-data": [ { "name": "domain-name", "data": "late.example.org" } ] },
              { "name": "gold", "test": "substring(option[60].hex,0,4) == 'gold'" } ],
            "shared-networks": [ { "name": "lan", "subnet4": [
              { "id": 1, "subnet": "192.0.2.0/24", "require-client-classes": [ "late" ],
                "pools": [ { "pool": "192.0.2.10 - 192.0.2.11" } ] },
              { "id": 2, "subnet": "10.0.0.0/24", "pools": [ { "pool": "10.0.0.10 - 10.0.0.20",
                "client-class": "gold" }, { "pool": "10.0.0.30 - 10.0.0.40" } ] } ] } ]
            """;

    static void exchanges2(Run r) throws Exception {
        Client bad = r.client(91);
        r.send(bad.select(r.send(bad.discover().option(12, "6261645f6e616d65"))).option(12, "6261645f6e616d65"));
        Client res = r.client(95);
        r.send(res.select(r.send(res.discover())));
        r.send(res.release());
        Client none = r.client(92);
        r.send(none.select(r.send(none.discover())));
        r.send(none.renew());
        Client fqdnN = r.client(93); // option 81 with N: no updates wanted
        String nFqdn = "0c0000" + "036e3933036e6574076578616d706c65036f726700";
        r.send(fqdnN.select(r.send(fqdnN.discover().option(81, nFqdn))).option(81, nFqdn));
        r.send(none.decline());
    }

    @Test
    void replacedSanitizedGeneratedNamesSharedNetworkRequiredClassesAsKeas() throws Exception {
        Map<String, Seen> keaSeen = compareAtEachLevel("names4", CONFIG2, LoggingQueries4AgainstKeaTest::exchanges2);
        assertThat(keaSeen).containsKeys("DHCPSRV_QUEUE_NCR", "DHCPSRV_MEMFILE_ADD_ADDR4", "DHCP4_CLASS_ASSIGNED");
    }

    /**
     * Client-class tests with the common tokens, traced on kea-dhcp4.eval at debug level 55 (one
     * EVAL_DEBUG_* line per token, Kea 2.2's texts) and not at 50. Kea 3 evaluates and, or and
     * ifelse lazily: Kea 2.2's lines are compared in Kea 3's form (Kea3EvalTrace), so the tests
     * have operands Kea 3 skips (tok-or-mac, vend, mem) and ones it evaluates (cat, addr, ife).
     */
    static final String CONFIG3 = """
            "valid-lifetime": 4000,
            "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0 },
            "client-classes": [
              { "name": "tok-or-mac", "test": "option[60].text == 'tok' or pkt4.mac == 0x020000000083" },
              { "name": "cat", "test": "concat('ab', substring(option[61].hex, 1, all)) == 'ab' and not (pkt4.msgtype == 0x00000003)" },
              { "name": "ife", "test": "ifelse(option[12].exists, option[12].hex, 'none') == 'h83'" },
              { "name": "addr", "test": "pkt4.ciaddr == 0.0.0.0 and pkt4.htype == 0x01 and pkt.src == 0.0.0.0" },
              { "name": "len", "test": "pkt.len == pkt.len and pkt.len == 0x00000101" },
              { "name": "hex", "test": "hexstring(pkt4.mac, ':') == '02:00:00:00:00:83'" },
              { "name": "vend", "test": "vendor[4491].exists or vendor.enterprise == 0x0000118b or vendor-class[0].exists" },
              { "name": "subs", "test": "option[82].option[1].hex == 'x' or relay4[1].hex == 'x' or option[43].option[2].exists" },
              { "name": "mem", "test": "member('tok-or-mac') and not member('cat')" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
            """;

    static void exchanges3(Run r) throws Exception {
        Client tok = r.client(83);
        r.send(tok.select(r.send(tok.discover().option(60, "746f6b").option(12, "683833"))).option(12, "683833"));
        Client plain = r.client(84).clientId("01aabbccdd");
        r.send(plain.select(r.send(plain.discover().option(60, "6f74686572"))));
    }

    @Test
    void classTestTokensTracedAsKeas() throws Exception {
        Map<String, Seen> keaSeen = compareAtEachLevel("eval4", CONFIG3, LoggingQueries4AgainstKeaTest::exchanges3,
                new int[] {50, 55});
        assertThat(keaSeen).containsKeys("EVAL_DEBUG_OPTION", "EVAL_DEBUG_EQUAL", "EVAL_DEBUG_OR", "EVAL_DEBUG_AND",
                "EVAL_DEBUG_NOT", "EVAL_DEBUG_CONCAT", "EVAL_DEBUG_SUBSTRING", "EVAL_DEBUG_IFELSE_TRUE",
                "EVAL_DEBUG_IPADDRESS", "EVAL_DEBUG_HEXSTRING", "EVAL_DEBUG_PKT4", "EVAL_DEBUG_PKT",
                "EVAL_DEBUG_MEMBER", "EVAL_DEBUG_STRING", "EVAL_DEBUG_TOHEXSTRING", "EVAL_DEBUG_VENDOR_NO_OPTION",
                "EVAL_DEBUG_SUB_OPTION_NO_OPTION");
        assertThat(keaSeen.get("EVAL_DEBUG_OPTION").level()).isEqualTo(55);
        // Kea 3's branch lines, written by ruru where Kea 2.2 wrote its and / or / ifelse lines
        assertThat(Files.readString(oracle.ruru.logDir().resolve("eval4-55.log"), StandardCharsets.ISO_8859_1))
                .contains("EVAL_DEBUG_POP_OR_BRANCH_TRUE Value is true: keeping it and branching to 1")
                .contains("EVAL_DEBUG_POP_OR_BRANCH_FALSE Value is false: keeping it and branching to 1")
                .contains("EVAL_DEBUG_BRANCH Branching to 2")
                .doesNotContain("EVAL_DEBUG_AND ").doesNotContain("EVAL_DEBUG_OR ").doesNotContain("EVAL_DEBUG_IFELSE");
    }

    /**
     * The conversions and the data tokens: split (a field, out of range, no delimiters, an empty
     * string), the *totext conversions (an empty operand is left untraced, as Kea), addrtotext,
     * vendor-class data chunks (found, past the last one, another enterprise) and a vendor option's
     * sub-option; the results as Kea 3's DHCPSRV_EVAL_RESULT at debug level 50 (kea-dhcp4 2.2's
     * EVAL_RESULT: a true test's at INFO, a false one's at debug level 50).
     */
    static final String CONFIG4 = """
            "valid-lifetime": 4000,
            "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0 },
            "client-classes": [
              { "name": "split", "test": "split(option[12].text, '-', 2) == 'b' or split(option[12].text, '-', 7) == 'x' or split(option[12].text, '', 1) == 'x' or split(option[66].text, '-', 1) == 'x'" },
              { "name": "ints", "test": "uint8totext(substring(option[61].hex, 0, 1)) == '1' and int8totext(0xff) == '-1' and int16totext(0xfffe) == '-2' and uint16totext(0x0102) == '258' and int32totext(0xfffffffe) == '-2' and uint32totext(0xfffffffe) == '4294967294' and uint8totext(option[66].hex) == ''" },
              { "name": "addrs", "test": "addrtotext(pkt4.giaddr) == '0.0.0.0' and addrtotext(option[66].hex) == '' and addrtotext(pkt.src) == '0.0.0.0'" },
              { "name": "vclass", "test": "vendor-class[4491].data == 'hello' or vendor-class[*].data[1] == 'world' or vendor-class[4491].data[4] == 'x' or vendor-class[3561].data == 'x'" },
              { "name": "vsub", "test": "vendor[4491].option[1].text == 'abc' or vendor[*].option[2].exists or vendor[3561].option[1].hex == 'x'" } ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
            """;

    static void exchanges4(Run r) throws Exception {
        // hostname a-b-c; vendor class 4491 with "hello" (Kea 2.2 reads a DHCPv4 vendor class's data-len
        // block as one chunk); vendor options 4491, sub-option 1 "abc"
        String vclass = "0000118b" + "05" + "68656c6c6f";
        String vopts = "0000118b" + "05" + "0103616263";
        Client c = r.client(85);
        r.send(c.select(r.send(c.discover().option(12, "612d622d63").option(124, vclass).option(125, vopts)))
                .option(12, "612d622d63").option(124, vclass).option(125, vopts));
        Client bare = r.client(86).clientId("01aabbccee");
        r.send(bare.discover());
    }

    @Test
    void conversionsAndDataTokensTracedAsKeas() throws Exception {
        Map<String, Seen> keaSeen = compareAtEachLevel("eval4b", CONFIG4, LoggingQueries4AgainstKeaTest::exchanges4,
                new int[] {0, 55});
        assertThat(keaSeen).containsKeys("EVAL_DEBUG_SPLIT", "EVAL_DEBUG_SPLIT_FIELD_OUT_OF_RANGE",
                "EVAL_DEBUG_SPLIT_DELIM_EMPTY", "EVAL_DEBUG_SPLIT_EMPTY", "EVAL_DEBUG_UINT8TOTEXT",
                "EVAL_DEBUG_INT8TOTEXT", "EVAL_DEBUG_INT16TOTEXT", "EVAL_DEBUG_UINT16TOTEXT", "EVAL_DEBUG_INT32TOTEXT",
                "EVAL_DEBUG_UINT32TOTEXT", "EVAL_DEBUG_IPADDRESSTOTEXT", "EVAL_DEBUG_VENDOR_CLASS_DATA",
                "EVAL_DEBUG_VENDOR_CLASS_DATA_NOT_FOUND", "EVAL_DEBUG_VENDOR_CLASS_ENTERPRISE_ID_MISMATCH",
                "EVAL_DEBUG_VENDOR_CLASS_NO_OPTION", "EVAL_RESULT");
        assertThat(keaSeen.get("EVAL_DEBUG_SPLIT").level()).isEqualTo(55);
        // kea-dhcp4 2.2 writes a true test's result at INFO (seen at level 0); Kea 3 (and ruru) write
        // DHCPSRV_EVAL_RESULT at debug 50 on kea-dhcp4.dhcpsrv instead, nothing at level 0
        assertThat(keaSeen.get("EVAL_RESULT").severity()).isEqualTo("INFO");
        assertThat(Files.readString(oracle.ruru.logDir().resolve("eval4b-0.log"), StandardCharsets.ISO_8859_1))
                .doesNotContain("EVAL_RESULT");
        // ruru's lines carry Kea 3's label of each query (taken off for the comparison)
        assertThat(Files.readString(oracle.ruru.logDir().resolve("eval4b-55.log"), StandardCharsets.ISO_8859_1))
                .contains("EVAL_DEBUG_SPLIT [hwtype=1 02:00:00:00:00:85], cid=[no info], tid=0x85001: Popping field 2")
                .contains("DEBUG [kea-dhcp4.dhcpsrv/")
                .contains("DHCPSRV_EVAL_RESULT [hwtype=1 02:00:00:00:00:85], cid=[no info], tid=0x85001: Expression"
                        + " 'split' evaluated to true");
    }

    /**
     * Allocation failures as kea-dhcp4 2.2 writes them (the allocation engine's failure accounting,
     * shared with dhcp6): a full pool (the only one the client's class may use), then no pool the
     * client may use: the subnet's line (shared network "(none)"), then the attempts made or no
     * pools, then the classes.
     */
    @Test
    void allocationFailuresAsKeas() throws Exception {
        Map<String, Seen> keaSeen = compareAtEachLevel("fail4", CONFIG5, LoggingQueries4AgainstKeaTest::exchanges5,
                new int[] {0});
        assertThat(keaSeen).containsKeys("ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET", "ALLOC_ENGINE_V4_ALLOC_FAIL",
                "ALLOC_ENGINE_V4_ALLOC_FAIL_NO_POOLS", "ALLOC_ENGINE_V4_ALLOC_FAIL_CLASSES");
    }

    private Map<String, Seen> compareAtEachLevel(String name, String config, Scenario.Script exchanges)
            throws Exception {
        return compareAtEachLevel(name, config, exchanges, levels());
    }

    /**
     * {@code exchanges} on {@code config} once per probed debug level: both servers write the same
     * lines at each, and the table's messages at Kea's level; Kea's first sightings.
     */
    private Map<String, Seen> compareAtEachLevel(String name, String config, Scenario.Script exchanges, int[] levels)
            throws Exception {
        Map<String, Seen> keaSeen = new TreeMap<>();
        Map<String, Seen> ruruSeen = new TreeMap<>();
        int comparedLines = 0;
        for (int level : levels) {
            String file = name + "-" + level + ".log";
            String cfg = config + ", \"loggers\": [ { \"name\": \"kea-dhcp4\", \"severity\": \"DEBUG\", \"debuglevel\": "
                    + level + ", \"output_options\": [ { \"output\": \"@LOGDIR@/" + file + "\", \"flush\": true } ] } ]";
            Exception failed = null;
            try {
                oracle.play(Scenario.of(name + " at debug level " + level, cfg, exchanges));
            } catch (Exception e) {
                failed = e;
            }
            Thread.sleep(300);
            String k = Files.readString(oracle.kea.logDir().resolve(file), StandardCharsets.ISO_8859_1);
            String r = Files.readString(oracle.ruru.logDir().resolve(file), StandardCharsets.ISO_8859_1);
            // Kea 2.2's eval traces as Kea 3 writes them (lazy and / or / ifelse), as ruru does
            // Kea 2.2's eval traces and class results as Kea 3 writes them (lazy and / or / ifelse;
            // DHCPSRV_EVAL_RESULT at debug 50 for EVAL_RESULT), as ruru does
            List<String> kl = ruru.testing.Kea3EvalTrace.results(
                    ruru.testing.Kea3EvalTrace.lazy(lines(k, oracle.keaLab.serverIface, keaSeen, level)), level);
            List<String> rl = lines(r, oracle.ruruLab.serverIface, ruruSeen, level);
            if (!kl.equals(rl) || failed != null) {
                Path out = Files.createDirectories(Path.of("target", "conformance-logs"));
                Files.writeString(out.resolve(name + "-" + level + ".kea.log"), k);
                Files.writeString(out.resolve(name + "-" + level + ".ruru.log"), r);
                Files.write(out.resolve(name + "-" + level + ".kea.lines"), kl);
                Files.write(out.resolve(name + "-" + level + ".ruru.lines"), rl);
            }
            if (failed != null) {
                throw failed;
            }
            assertThat(String.join("\n", rl)).as("%s: log lines at debug level %d", name, level)
                    .isEqualTo(String.join("\n", kl));
            comparedLines += kl.size();
        }
        if (System.getProperty("ruru.log4.levels") == null && levels.length > 2) {
            int[] compared = {0};
            List<String> wrong = KeaLogLevels.wrong(Dhcp4Messages.values(), keaSeen, ruruSeen, "kea-dhcp4 2.2", compared);
            assertThat(wrong).as("messages compared: %d", compared[0]).isEmpty();
            assertThat(comparedLines).isGreaterThan(300);
        }
        return keaSeen;
    }
}
