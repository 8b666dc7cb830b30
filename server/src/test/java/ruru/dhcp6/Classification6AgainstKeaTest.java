package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaLogLevels;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * DHCPv6 classification with Kea as the oracle: kea-dhcp6 2.2 and then ruru serve the same class
 * configuration in a network namespace, and the same relayed clients (SOLICIT, then REQUEST of what
 * was offered) must get the same answers: addresses and prefixes from class-guarded pools and
 * pd-pools, a class-guarded subnet, DROP, VENDOR_CLASS_ from option 16 (DOCSIS tuple anywhere),
 * relay6 option, peeraddr, pkt6.msgtype and vendor option tests, a reservation's classes and
 * KNOWN/UNKNOWN pools, class lifetimes, required classes of the subnet and the pool, and the
 * options by Kea's precedence (subnet over class, first class over later ones, class over global).
 * (An additional class without a test joins in Kea 3.0, which ruru follows; Kea 2.2 skipped it,
 * so this configuration gives its additional classes tests.) And the {@code kea-dhcp6.eval} traces
 * of class tests, line by line against kea-dhcp6 2.2's.
 */
class Classification6AgainstKeaTest {

    private static NetnsPair net;

    @BeforeAll
    static void network() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        net = Netns6.create("k", true, null);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    /** Kea 2.2's spellings (client-class, require-client-classes, only-if-required), which ruru reads too. */
    private static final String BODY = """
            "preferred-lifetime": 3000, "valid-lifetime": 4000,
            "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" },
                             { "name": "sntp-servers", "data": "2001:db8::123" },
                             { "name": "nis-domain-name", "data": "global.example" } ],
            "client-classes": [
              { "name": "DROP", "test": "relay6[0].option[18].hex == 'evil'" },
              { "name": "VENDOR_CLASS_phone", "option-data": [ { "name": "sip-server-addr", "data": "2001:db8::5060" } ] },
              { "name": "VENDOR_CLASS_docsis3.0", "option-data": [ { "name": "nisp-domain-name", "data": "docsis.example" } ] },
              { "name": "relayc", "test": "relay6[0].option[18].hex == 'port7'",
                "option-data": [ { "name": "domain-search", "data": "relay.example" } ] },
              { "name": "gold", "test": "substring(option[15].hex, 2, 4) == 'gold'",
                "valid-lifetime": 7777, "preferred-lifetime": 5555,
                "option-data": [ { "name": "sntp-servers", "data": "2001:db8::777" } ] },
              { "name": "first", "test": "relay6[0].peeraddr == fe80::99",
                "option-data": [ { "name": "nis-domain-name", "data": "first.example" } ] },
              { "name": "second", "test": "member('first')",
                "option-data": [ { "name": "nis-domain-name", "data": "second.example" },
                                 { "name": "nisp-servers", "data": "2001:db8::28" } ] },
              { "name": "solicitonly", "test": "pkt6.msgtype == 1 and relay6[-1].peeraddr == fe80::99",
                "option-data": [ { "name": "information-refresh-time", "data": "1234" } ] },
              { "name": "vendorop", "test": "vendor[4491].option[1].hex == 'cm' and vendor.enterprise == 4491",
                "option-data": [ { "name": "sip-server-dns", "data": "vendor.example" } ] },
              { "name": "sub2c", "test": "relay6[0].option[37].exists" },
              { "name": "resclass", "option-data": [ { "name": "nis-servers", "data": "2001:db8::27" } ] },
              { "name": "knownc", "test": "member('KNOWN')",
                "option-data": [ { "name": "nisp-domain-name", "data": "known.example" } ] },
              { "name": "req1", "only-if-required": true, "test": "'a' == 'a'",
                "option-data": [ { "name": "nis-domain-name", "data": "req1.example" } ] },
              { "name": "req2", "only-if-required": true, "test": "'a' == 'b'",
                "option-data": [ { "name": "sip-server-dns", "data": "req2.example" } ] },
              { "name": "preq", "only-if-required": true, "test": "member('relayc')",
                "option-data": [ { "name": "sip-server-addr", "data": "2001:db8::7" } ] }
            ],
            "subnet6": [
              { "id": 1, "subnet": "2001:db8:1::/64", "require-client-classes": [ "req1", "req2" ],
                "option-data": [ { "name": "domain-search", "data": "subnet1.example" } ],
                "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff", "client-class": "relayc",
                             "require-client-classes": [ "preq" ] },
                           { "pool": "2001:db8:1::200 - 2001:db8:1::2ff", "client-class": "KNOWN" },
                           { "pool": "2001:db8:1::300 - 2001:db8:1::3ff", "client-class": "VENDOR_CLASS_phone" },
                           { "pool": "2001:db8:1::400 - 2001:db8:1::4ff", "client-class": "UNKNOWN" } ],
                "pd-pools": [ { "prefix": "2001:db8:a::", "prefix-len": 48, "delegated-len": 56, "client-class": "relayc" },
                              { "prefix": "2001:db8:b::", "prefix-len": 48, "delegated-len": 56 } ],
                "reservations": [ { "duid": "00:03:00:01:02:77:00:00:00:02", "hostname": "res",
                                    "client-classes": [ "resclass" ] } ] },
              { "id": 2, "subnet": "2001:db8:2::/64", "client-class": "sub2c",
                "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::1ff" } ] }
            ]
            """;

    /** The probe's clients: name;relay link-address;options (client n = argument index, DUID ...:n). */
    private static final List<String> CLIENTS = List.of(
            "known;2001:db8:1::2",
            "relayc;2001:db8:1::2;ifid=port7;pd=1",
            "plain;2001:db8:1::2;pd=1",
            "phone;2001:db8:1::2;vc=phone",
            "docsis;2001:db8:1::2;vc=foo,docsis3.0",
            "drop;2001:db8:1::2;ifid=evil",
            "gold;2001:db8:1::2;uc=gold",
            "peer;2001:db8:1::2;peer=fe80::99",
            "vendoropt;2001:db8:1::2;vo=cm",
            "sub2-no;2001:db8:2::1",
            "sub2-yes;2001:db8:2::1;remote=r1",
            "nosubnet;2001:db8:9::1");

    private static List<String> probe(Path out) throws Exception {
        return probe(out, CLIENTS);
    }

    private static List<String> probe(Path out, List<String> clients) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "ruru.testing.Dhcp6ClassProbe", Netns6.CLIENT_IP6,
                Netns6.SERVER_IP6));
        cmd.addAll(clients);
        Process p = net.start(net.client(), out, cmd.toArray(String[]::new));
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        return Files.readAllLines(out);
    }

    @Test
    void relayedClientsGetWhatKeaDhcp6Gives() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path keaCfg = Files.writeString(dir.resolve("kea.json"), """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "data-directory": "%s",
                  "lease-database": { "type": "memfile", "persist": false }, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, dirs.data(), BODY));
        Process kea = new ProcessBuilder("ip", "netns", "exec", net.server(), "env", "KEA_PIDFILE_DIR=" + dir,
                "KEA_LOCKFILE_DIR=" + dir, "kea-dhcp6", "-c", keaCfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea.out").toFile()).start();
        List<String> byKea;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(dir.resolve("kea.out"))
                    .contains("DHCP6_STARTED"));
            byKea = probe(dir.resolve("kea.probe"));
        } finally {
            kea.destroy();
            kea.waitFor(20, TimeUnit.SECONDS);
        }
        Path cfg = dirs.writeConfig("ruru.json", """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                  "lease-database": { "type": "memfile", "persist": false }, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, BODY));
        List<String> byRuru;
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            byRuru = probe(dir.resolve("ruru.probe"));
            assertThat(DaemonProcess.statistic(socket, "pkt6-receive-drop")).as("DROP counted (the probe tries 3 times)")
                    .isEqualTo(3);
        }
        System.out.println(String.join("\n", byRuru));
        assertThat(byRuru).isEqualTo(byKea);
        // And what that means, so the comparison cannot pass on two equally wrong answers. Kea's
        // iterative allocator goes on in the pool of the subnet's last allocation when the client may
        // use it (the phone, in VENDOR_CLASS_phone and UNKNOWN, follows the plain client there).
        assertThat(byRuru).contains("drop NONE")
                .anyMatch(l -> l.startsWith("known REPLY NA(t1=1500,t2=2400,2001:db8:1::200/3000/4000)"))
                .anyMatch(l -> l.startsWith("relayc REPLY NA(t1=1500,t2=2400,2001:db8:1::100/3000/4000) "
                        + "PD(t1=1500,t2=2400,2001:db8:a::/56/3000/4000) 22=20010db8000000000000000000000007"))
                .anyMatch(l -> l.startsWith("plain REPLY NA(t1=1500,t2=2400,2001:db8:1::400/3000/4000) "
                        + "PD(t1=1500,t2=2400,2001:db8:b::/56/3000/4000)"))
                .anyMatch(l -> l.startsWith("phone REPLY NA(t1=1500,t2=2400,2001:db8:1::401/3000/4000) 22="))
                .anyMatch(l -> l.startsWith("gold REPLY NA(t1=2778,t2=4444,2001:db8:1::4") && l.contains("/5555/7777)"))
                .anyMatch(l -> l.startsWith("sub2-yes REPLY NA(t1=1500,t2=2400,2001:db8:2::100/"))
                .anyMatch(l -> l.startsWith("sub2-no ADVERTISE NA(t1=0,t2=0,status=2:"));
    }

    private static final String EVAL_BODY = """
            "preferred-lifetime": 3000, "valid-lifetime": 4000,
            "client-classes": [
              { "name": "r6opt", "test": "relay6[0].option[18].hex == 'port7' or relay6[0].option[37].exists" },
              { "name": "r6addr", "test": "relay6[0].peeraddr == fe80::99 or relay6[0].linkaddr == 2001:db8:1::2 or relay6[1].peeraddr == ::" },
              { "name": "pkt6", "test": "pkt6.msgtype == 1 and substring(option[1].hex, 0, 2) == 0x0003" },
              { "name": "vc", "test": "vendor-class[4491].data == 'phone' or vendor-class[4491].data[1] == 'docsis3.0' or vendor-class[4491].data[5] == 'x' or vendor-class[3561].exists" },
              { "name": "vo", "test": "vendor[4491].option[1].hex == 'cm' and vendor.enterprise == 4491" },
              { "name": "conv", "test": "uint16totext(substring(option[1].hex, 0, 2)) == '3' and addrtotext(relay6[0].linkaddr) == '2001:db8:1::2' and split(option[15].hex, 'o', 1) == 0x000467" },
              { "name": "mem", "test": "member('r6opt') or not member('vc')" } ],
            "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] } ]
            """;

    private static final List<String> EVAL_CLIENTS = List.of(
            "relayc;2001:db8:1::2;ifid=port7",
            "plain;2001:db8:1::2",
            "phone;2001:db8:1::2;vc=phone",
            "docsis;2001:db8:1::2;vc=foo,docsis3.0",
            "gold;2001:db8:1::2;uc=gold",
            "peer;2001:db8:1::2;peer=fe80::99",
            "vendoropt;2001:db8:1::2;vo=cm",
            "remote;2001:db8:1::2;remote=r1");

    private static String loggers(Path file) {
        return """
                "loggers": [ { "name": "kea-dhcp6", "severity": "DEBUG", "debuglevel": 55,
                  "output_options": [ { "output": "%s", "flush": true } ] } ]""".formatted(file);
    }

    /**
     * The EVAL_* lines of a log, the label Kea 3's texts start with taken off; the IDs seen, with
     * their severity. Kea writes a value's bytes as they are (read here as Latin-1, its control
     * characters then escaped as ruru writes every log line); ruru's log is UTF-8 text.
     */
    private static List<String> evalLines(Path log, boolean kea, Map<String, String> seen) throws Exception {
        List<String> out = new ArrayList<>();
        String text = kea ? escaped(Files.readString(log, StandardCharsets.ISO_8859_1))
                : Files.readString(log, StandardCharsets.UTF_8);
        for (String l : text.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (m.matches() && (m.group(3).startsWith("EVAL_") || m.group(3).startsWith("DHCPSRV_EVAL_"))) {
                seen.putIfAbsent(m.group(3), m.group(1));
                out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " "
                        + KeaLogLevels.unlabelled(m.group(4)));
            }
        }
        return out;
    }

    /** Control characters but line breaks and tabs as {@code \\xHH}, as ruru's log layout writes them. */
    private static String escaped(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Issue 9 item 8, {@code kea-dhcp6.eval}: the same class tests (relay6 options, existence, peer
     * and link addresses, a nest level past the relays, pkt6 fields, vendor class data chunks, a
     * vendor option, the conversions, split, membership) to the same relayed clients, with
     * {@code kea-dhcp6} at debug level 55: every {@code EVAL_*} line (token traces and results:
     * severity, logger, ID, text) the same, in the same order. ruru writes Kea 3's texts, the
     * query's label first: it is checked and taken off.
     */
    @Test
    void classTestsTracedAsKeaDhcp6() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path keaLog = dir.resolve("kea-eval6.log");
        Path keaCfg = Files.writeString(dir.resolve("kea.json"), """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "data-directory": "%s",
                  "lease-database": { "type": "memfile", "persist": false }, %s, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, dirs.data(), EVAL_BODY, loggers(keaLog)));
        Process kea = new ProcessBuilder("ip", "netns", "exec", net.server(), "env", "KEA_PIDFILE_DIR=" + dir,
                "KEA_LOCKFILE_DIR=" + dir, "kea-dhcp6", "-c", keaCfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea.out").toFile()).start();
        List<String> byKea;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(keaLog)
                    && Files.readString(keaLog).contains("DHCP6_STARTED"));
            byKea = probe(dir.resolve("kea.probe"), EVAL_CLIENTS);
        } finally {
            kea.destroy();
            kea.waitFor(20, TimeUnit.SECONDS);
        }
        Path ruruLog = dirs.log("ruru-eval6.log");
        Path cfg = dirs.writeConfig("ruru.json", """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                  "lease-database": { "type": "memfile", "persist": false }, %s, %s } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, EVAL_BODY, loggers(ruruLog)));
        List<String> byRuru;
        try (DaemonProcess d = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(dirs.socket("ctl.sock"));
            byRuru = probe(dir.resolve("ruru.probe"), EVAL_CLIENTS);
        }
        assertThat(byRuru).isEqualTo(byKea);
        Map<String, String> keaSeen = new TreeMap<>();
        Map<String, String> ruruSeen = new TreeMap<>();
        // Kea 2.2's traces in Kea 3's form (lazy and / or / ifelse), as ruru writes them
        List<String> k = ruru.testing.Kea3EvalTrace.results(ruru.testing.Kea3EvalTrace.lazy(
                evalLines(keaLog, true, keaSeen)), 55);
        List<String> r = evalLines(ruruLog, false, ruruSeen);
        Path out = Files.createDirectories(Path.of("target", "conformance-logs"));
        if (!k.equals(r)) {
            Files.write(out.resolve("eval6.kea.lines"), k);
            Files.write(out.resolve("eval6.ruru.lines"), r);
        }
        assertThat(String.join("\n", r)).isEqualTo(String.join("\n", k));
        assertThat(keaSeen).containsKeys("EVAL_DEBUG_RELAY6", "EVAL_DEBUG_RELAY6_RANGE", "EVAL_DEBUG_OPTION",
                "EVAL_DEBUG_PKT6", "EVAL_DEBUG_VENDOR_CLASS_DATA", "EVAL_DEBUG_VENDOR_CLASS_DATA_NOT_FOUND",
                "EVAL_DEBUG_VENDOR_CLASS_NO_OPTION", "EVAL_DEBUG_UINT16TOTEXT", "EVAL_DEBUG_IPADDRESSTOTEXT",
                "EVAL_DEBUG_SPLIT", "EVAL_DEBUG_MEMBER", "EVAL_RESULT");
        // kea-dhcp6 2.2: EVAL_RESULT (a match at INFO); Kea 3 and ruru: DHCPSRV_EVAL_RESULT at debug 50
        assertThat(keaSeen.get("EVAL_RESULT")).isEqualTo("INFO");
        assertThat(ruruSeen).containsEntry("DHCPSRV_EVAL_RESULT", "DEBUG").doesNotContainKey("EVAL_RESULT");
        assertThat(k).hasSizeGreaterThan(200);
        // ruru's lines carry Kea 3's label of each query
        assertThat(Files.readString(ruruLog)).contains("EVAL_DEBUG_RELAY6 duid=[00:03:00:01:02:77:00:00:00:02], tid=0x4: ");
    }
}
