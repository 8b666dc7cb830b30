package ruru.ddns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Json;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * Option 39 against kea-dhcp6 2.2: the same relayed clients (SOLICIT, REQUEST, two RENEWs, the
 * second with another name, and RELEASE each) with
 * the same Client FQDN options go to kea-dhcp6 and then to ruru dhcp6 on the same configuration;
 * the ADVERTISE's and the REPLY's option 39 must be byte for byte Kea's, so must the DDNS log lines
 * (kea-dhcp6.ddns and the NCR lines of kea-dhcp6.dhcpsrv at debug level 99), and so must the NCRs each
 * server sends to a listening UDP socket (decoded from the 2-byte length + JSON datagrams; only
 * Kea 2.2's {@code use-conflict-resolution}, which ruru sends in Kea 3's form, is set aside).
 */
class Fqdn6AgainstKeaTest {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;

    /** The cases: S=1 partial, S=0 full, N=1, S=1 empty (generated), none, S=1 scrubbed name, S=0 N=0 partial. */
    private static final List<String> CASES = List.of("01067636686f7374", "00026332076578616d706c65036f726700",
            "04026333076578616d706c65036f726700", "01", "-", "0107486f73745f3621", "00026337076578616d706c65");

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        NetnsPair.requireTool("socat", "socat");
        net = Netns6.create("f", true, "02:00:00:00:00:39");
        dirs = DaemonDirs.create();
        dir = dirs.root();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {net, dirs}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    private static String config(String variant, String leaseFile, int ncrPort, String logFile) {
        String extra = switch (variant) {
            case "override" -> "\"ddns-override-client-update\": true, \"ddns-override-no-update\": true,";
            case "always" -> "\"ddns-replace-client-name\": \"always\", \"ddns-generated-prefix\": \"gen\",";
            case "when-not-present" -> "\"ddns-replace-client-name\": \"when-not-present\",";
            case "off" -> "\"ddns-send-updates\": false,";
            case "renew" -> "\"ddns-update-on-renew\": true,";
            case "sanitize" -> "\"hostname-char-replacement\": \"x\", \"ddns-use-conflict-resolution\": false,";
            default -> "";
        };
        return """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "lease-database": { "type": "memfile", "name": "%s", "lfc-interval": 0 },
                  "preferred-lifetime": 3000, "valid-lifetime": 4000,
                  "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d },
                  "ddns-qualifying-suffix": "example.org", %s
                  "loggers": [ { "name": "kea-dhcp6", "severity": "DEBUG", "debuglevel": 99,
                                 "output_options": [ { "output": "%s", "flush": true } ] } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "%s",
                                 "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                                 "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 } ]
                               } ] } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, leaseFile, ncrPort, extra, logFile, net.serverIface());
    }

    /** What one server answered and sent: the probe's lines and the NCRs, in order. */
    private record Observed(List<String> lines, List<String> ncrs, List<String> rows, List<String> log) {
    }

    private Observed run(String tag, boolean kea, String variant) throws Exception {
        return run(tag, kea, variant, false);
    }

    private Observed run(String tag, boolean kea, String variant, boolean pd) throws Exception {
        int ncrPort = 53101;
        Path ncrFile = dir.resolve(tag + ".ncr");
        Process listener = ncrSink(net, dir, tag, ncrPort, ncrFile);
        Path leases = dirs.data(tag + "-leases6.csv");
        Path log = dirs.log(tag + ".log");
        Process keaProcess = null;
        DaemonProcess ruru = null;
        Observed seen;
        try {
            if (kea) {
                Path cfg = Files.writeString(dir.resolve(tag + ".json"), config(variant, leases.toString(), ncrPort, log.toString())
                        .replace("\"Dhcp6\": {", "\"Dhcp6\": { \"data-directory\": \"" + dirs.data() + "\","));
                keaProcess = startKea(net, dir, tag, cfg, log);
            } else {
                Path cfg = dirs.writeConfig(tag + ".json", config(variant, leases.getFileName().toString(), ncrPort, log.toString())
                        .replace("\"Dhcp6\": {", "\"Dhcp6\": { \"control-socket\": { \"socket-type\": \"unix\","
                                + " \"socket-name\": \"" + tag + ".sock\" },"));
                ruru = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
                ruru.awaitSocket(dirs.socket(tag + ".sock"));
            }
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", net.client(),
                    ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                    "ruru.testing.Fqdn6Probe", Netns6.CLIENT_IP6, Netns6.SERVER_IP6));
            if (pd) {
                cmd.add("--pd");
            }
            cmd.addAll(CASES);
            Process probe = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<String> lines = out.lines().filter(l -> l.startsWith("CASE ")).toList();
            assertThat(lines).as(tag + " probe output: " + out).hasSize(CASES.size());
            Thread.sleep(1000); // NCRs leave through a queue after the replies
            seen = new Observed(lines, ncrs(ncrFile), firstRows(leases), List.of());
        } finally {
            stopAll(keaProcess, ruru, listener);
        }
        // read once the server has stopped and flushed its log
        return new Observed(seen.lines(), seen.ncrs(), seen.rows(), ddnsLines(log));
    }

    /** A UDP sink on 127.0.0.1:{@code port} in the server namespace, appending the NCR datagrams to {@code file}. */
    static Process ncrSink(NetnsPair net, Path dir, String tag, int port, Path file) throws IOException {
        return new ProcessBuilder("ip", "netns", "exec", net.server(), "socat", "-u",
                "UDP4-RECV:" + port + ",bind=127.0.0.1", "OPEN:" + file + ",creat,append")
                .redirectErrorStream(true).redirectOutput(dir.resolve(tag + ".socat").toFile()).start();
    }

    /** kea-dhcp6 on {@code cfg} in the server namespace, once its log (at {@code log}) says it started. */
    static Process startKea(NetnsPair net, Path dir, String tag, Path cfg, Path log) throws IOException {
        Process kea = new ProcessBuilder("ip", "netns", "exec", net.server(), "env", "KEA_PIDFILE_DIR=" + dir,
                "KEA_LOCKFILE_DIR=" + dir, "kea-dhcp6", "-c", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(tag + ".out").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log)
                && Files.readString(log, StandardCharsets.ISO_8859_1).contains("DHCP6_STARTED"));
        return kea;
    }

    /** Stops whichever server ran, then the sink. */
    static void stopAll(Process kea, DaemonProcess ruru, Process sink) throws InterruptedException {
        if (kea != null) {
            kea.destroy();
            kea.waitFor(20, TimeUnit.SECONDS);
        }
        if (ruru != null) {
            ruru.close();
        }
        sink.destroy();
        sink.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * The DDNS lines of a log (kea-dhcp6's DHCP6_DDNS_* and DHCPSRV_QUEUE_NCR* messages at debug
     * level 99, in order), continuation lines joined, with what must differ normalised.
     */
    static List<String> ddnsLines(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        String current = null;
        boolean isSent = false;
        for (String l : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            java.util.regex.Matcher m = ruru.testing.KeaLogLevels.LINE.matcher(l);
            if (m.matches()) {
                if (current != null) {
                    (isSent ? sent : out).add(current);
                }
                String id = m.group(3);
                // the requests sent to D2 leave asynchronously (Kea's IO service, ruru's sender thread): apart
                isSent = id.equals("DHCPSRV_DHCP_DDNS_NCR_SENT");
                current = id.startsWith("DHCP6_DDNS_") || id.startsWith("DHCPSRV_QUEUE_NCR") || isSent
                        ? m.group(1) + " [" + m.group(2) + "] " + id + " " + m.group(4) : null;
            } else if (current != null) {
                current = current + " / " + l.strip();
            }
        }
        if (current != null) {
            (isSent ? sent : out).add(current);
        }
        out.add("-- sent to D2:");
        out.addAll(sent);
        // the NCR's expiry (cltt + lifetime) differs between runs; kea-dhcp6 2.2 prints the empty
        // name of the same received option 39 as "(full)" in a SOLICIT or REQUEST and "(partial)"
        // in a RENEW (ruru: "(full)" always)
        // and ruru writes an NCR's text in Kea 3's form (its conflict resolution mode)
        return out.stream().map(s -> s.replaceAll("Lease Expires On: \\d{14}", "Lease Expires On: @TIME@")
                .replace("Conflict Resolution: yes", "Conflict Resolution Mode: check-with-dhcid")
                .replace("Conflict Resolution: no", "Conflict Resolution Mode: no-check-with-dhcid")
                .replaceAll("(DHCP6_DDNS_RECEIVE_FQDN .*domain-name='') \\((full|partial)\\)$", "$1 (@EMPTY@)"))
                .toList();
    }

    /**
     * Per lease, the names it had while held, in write order: (fqdn_fwd, fqdn_rev, hostname) of its
     * rows in the default state, repeats folded; Kea's transient row of a name still to generate (its
     * lease is written first with the empty name, then again with the generated one) is folded too.
     */
    private static List<String> firstRows(Path csv) throws IOException {
        Map<String, List<String>> names = new java.util.LinkedHashMap<>();
        List<String> lines = Files.exists(csv) ? Files.readAllLines(csv) : List.of();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < 14 || f[2].equals("0") || !f[13].equals("0")) {
                continue;
            }
            List<String> seq = names.computeIfAbsent(f[0] + " type=" + f[6], k -> new ArrayList<>());
            String flags = "fwd=" + f[9] + " rev=" + f[10];
            String entry = flags + " hostname=" + f[11];
            if (!seq.isEmpty() && seq.getLast().equals(flags + " hostname=") && !f[11].isEmpty()) {
                seq.removeLast();
            }
            if (seq.isEmpty() || !seq.getLast().equals(entry)) {
                seq.add(entry);
            }
        }
        return names.entrySet().stream().map(e -> e.getKey() + " " + String.join(" | ", e.getValue())).toList();
    }

    /** The NCR datagrams in the file (2-byte big-endian length + JSON), without the 2.2/3.0 conflict member. */
    static List<String> ncrs(Path file) throws IOException, ruru.json.JsonException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        while (b.remaining() >= 2) {
            int len = b.getShort() & 0xFFFF;
            byte[] json = new byte[Math.min(len, b.remaining())];
            b.get(json);
            MapElement m = (MapElement) Json.parse(json, ruru.json.ParseOptions.string());
            StringBuilder s = new StringBuilder();
            boolean remove = Json.toCompact(m.get("change-type")).equals("1");
            for (Map.Entry<String, Element> e : m.entries().entrySet()) {
                String value = Json.toCompact(e.getValue());
                if (remove && e.getKey().equals("lease-expires-on")) {
                    // cltt + TTL: the two servers ran seconds apart; the value must be about now + TTL
                    long at = LocalDateTime.parse(value.replace("\"", ""), STAMP).toEpochSecond(ZoneOffset.UTC);
                    long ttl = Long.parseLong(Json.toCompact(m.get("lease-length")));
                    assertThat(at - ttl).as("a REMOVE's lease-expires-on is cltt + TTL")
                            .isBetween(Instant.now().getEpochSecond() - 120, Instant.now().getEpochSecond() + 5);
                    value = "cltt+ttl";
                }
                if (!e.getKey().equals("use-conflict-resolution") && !e.getKey().equals("conflict-resolution-mode")) {
                    s.append(e.getKey()).append('=').append(value).append(' ');
                }
            }
            out.add(s.toString().strip());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "override", "always", "when-not-present", "off", "sanitize", "renew"})
    void option39AndNcrsAsKea(String variant) throws Exception {
        Observed kea = run("kea-" + variant, true, variant);
        Observed ruru = run("ruru-" + variant, false, variant);
        assertThat(ruru.lines()).as("option 39 answers, " + variant).isEqualTo(kea.lines());
        assertThat(ruru.ncrs()).as("NCRs, " + variant).isEqualTo(kea.ncrs());
        assertThat(ruru.rows()).as("lease hostname, fqdn-fwd, fqdn-rev, " + variant).isEqualTo(kea.rows());
        assertThat(String.join("\n", ruru.log())).as("DDNS log lines, " + variant)
                .isEqualTo(String.join("\n", kea.log()));
        String keaLog = String.join("\n", kea.log());
        if (variant.equals("default")) {
            assertThat(keaLog).as("the flows write these").contains("DHCP6_DDNS_RECEIVE_FQDN",
                    "DHCP6_DDNS_RESPONSE_FQDN_DATA", "DHCP6_DDNS_FQDN_GENERATED",
                    "DHCP6_DDNS_CREATE_ADD_NAME_CHANGE_REQUEST", "DHCPSRV_QUEUE_NCR ", "DHCPSRV_QUEUE_NCR_SKIP",
                    "DHCPSRV_DHCP_DDNS_NCR_SENT");
        }
        if (variant.equals("always")) {
            assertThat(keaLog).contains("DHCP6_DDNS_GENERATE_FQDN");
        }
        if (!variant.equals("off")) {
            assertThat(kea.ncrs()).as("the variant sends NCRs at all").isNotEmpty();
        }
        if (variant.equals("default") || variant.equals("renew")) {
            // the renaming RENEW of case 1 removed v6host and added r1 (the comparison covers the order)
            assertThat(ruru.ncrs()).anyMatch(n -> n.startsWith("change-type=1") && n.contains("v6host.example.org."))
                    .anyMatch(n -> n.startsWith("change-type=0") && n.contains("fqdn=\"r1.example.org.\""));
            assertThat(ruru.lines().getFirst()).contains(" RENAME 0102723107");
        }
    }

    @org.junit.jupiter.api.Test
    void prefixLeasesAsKea() throws Exception {
        Observed kea = run("kea-pd", true, "default", true);
        Observed ruru = run("ruru-pd", false, "default", true);
        // Case 4 (S 1 with an empty name, no IA_NA to generate a name from): kea-dhcp6 2.2 answers the
        // SOLICIT and then never the REQUEST; ruru answers it with the empty name and delegates the prefix.
        String case4 = "CASE 4 ";
        assertThat(kea.lines().get(3)).startsWith("CASE 4 ADV 01 REPLY - ");
        assertThat(ruru.lines().get(3)).startsWith("CASE 4 ADV 01 REPLY 01 ");
        String ruruCase4 = ruru.lines().get(3).substring(ruru.lines().get(3).indexOf("ADDR ") + 5).replace("/64", "");
        assertThat(ruru.lines().stream().filter(l -> !l.startsWith(case4)).toList()).as("option 39 answers to"
                + " IA_PD-only clients").isEqualTo(kea.lines().stream().filter(l -> !l.startsWith(case4)).toList());
        assertThat(ruru.ncrs()).as("NCRs for prefixes").isEqualTo(kea.ncrs());
        // prefix leases store the name and directions as Kea's (no NCRs go out for them)
        assertThat(ruru.rows().stream().filter(r -> !r.startsWith(ruruCase4 + " ")).toList())
                .as("the prefix leases' names").isEqualTo(kea.rows().stream()
                        .filter(r -> !r.startsWith(ruruCase4 + " ")).toList());
        assertThat(kea.lines().getFirst()).contains("ADDR 2001:db8:8:");
    }
}
