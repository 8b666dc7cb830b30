package ruru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaDaemon;
import ruru.testing.KeaLogLevels;

/**
 * Issue 9 item 8 / issue 11: the lines kea-dhcp4 2.2 writes on every run of its reclamation and
 * flush timers (timer run and re-arm, reclamation start, the expired-lease fetch, each reclaimed
 * lease, the count, "no more expired leases", the flush and its counts), compared with ruru's at
 * debug levels 99, 49 (Kea's level-50 lines gone) and 39 (all gone). Both servers run the timers
 * every second with a lease added by lease4-add (valid-lft 2) that is reclaimed and then flushed
 * (hold-reclaimed-time 2); the runs are compared as the set of distinct cycles each server wrote
 * (how many empty cycles each wrote depends on the clock), durations masked.
 */
class ReclamationLogAgainstKeaTest extends OracleTest {

    static final String BASE = """
            "valid-lifetime": 4000,
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ]
            """;

    /** What one timer cycle of dhcp4 may write (the lease store's lines of a reclaimed lease too). */
    static final Set<String> IDS = Set.of("DHCPSRV_TIMERMGR_RUN_TIMER_OPERATION", "DHCPSRV_TIMERMGR_START_TIMER",
            "ALLOC_ENGINE_V4_LEASES_RECLAMATION_START", "DHCPSRV_MEMFILE_GET_EXPIRED4", "ALLOC_ENGINE_V4_LEASE_RECLAIM",
            "DHCPSRV_QUEUE_NCR_SKIP", "DHCPSRV_MEMFILE_UPDATE_ADDR4", "DHCPSRV_MEMFILE_DELETE_ADDR",
            "ALLOC_ENGINE_LEASE_RECLAIMED", "ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE",
            "ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW", "ALLOC_ENGINE_V4_NO_MORE_EXPIRED_LEASES",
            "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE", "DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED4",
            "DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START", "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_COMPLETE",
            "ALLOC_ENGINE_V4_DECLINED_RECOVERED", "ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT");

    /** dhcp6's: the same with the family's IDs. */
    static final Set<String> IDS6 = IDS.stream().map(id -> id.replace("_V4_", "_V6_").replaceAll("4$", "6"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    @Override
    String tag() {
        return "rl";
    }

    @Override
    String initialConfig() {
        return BASE;
    }

    static String config(int level, String file) {
        return BASE + """
                , "expired-leases-processing": { "reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 1,
                  "hold-reclaimed-time": 2, "max-reclaim-leases": 100, "max-reclaim-time": 250,
                  "unwarned-reclaim-cycles": 5 },
                "loggers": [ { "name": "kea-dhcp4", "severity": "DEBUG", "debuglevel": %d,
                  "output_options": [ { "output": "@LOGDIR@/%s", "flush": true } ] } ]
                """.formatted(level, file);
    }

    @Test
    void everyTimerRunIsLoggedAsKeas() throws Exception {
        for (int level : new int[] {99, 49, 39}) {
            String file = "reclaim-" + level + ".log";
            oracle.play(Scenario.of("reclaim timers at " + level, config(level, file), run -> { }));
            String add = "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"192.0.2.12\","
                    + " \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"valid-lft\": 2 } }";
            for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
                assertThat(s.command(add).get("result").asLong()).hasValue(0L);
            }
            Path k = oracle.kea.logDir().resolve(file);
            Path r = oracle.ruru.logDir().resolve(file);
            // reclaimed about 2 s after the add, flushed 2 s later; one more second for a cycle after that
            long deadline = System.nanoTime() + 30_000_000_000L;
            if (level < 40) {
                Thread.sleep(6000); // nothing of a cycle is written: the time a lease takes to go at 99
            }
            while (level >= 40 && System.nanoTime() < deadline && !(flushed(k) && flushed(r))) {
                Thread.sleep(200);
            }
            Thread.sleep(1200);
            Set<String> kea = cycles(Files.readString(k, StandardCharsets.ISO_8859_1), IDS);
            Set<String> ruru = cycles(Files.readString(r, StandardCharsets.ISO_8859_1), IDS);
            same("reclamation-" + level, kea, ruru);
            if (level == 99) {
                assertThat(String.join("\n", kea)).contains("ALLOC_ENGINE_LEASE_RECLAIMED successfully reclaimed lease 192.0.2.12",
                        "DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START starting deletion of 1 expired-reclaimed leases",
                        "reclaimed 0 leases", "DHCPSRV_TIMERMGR_RUN_TIMER_OPERATION");
            } else if (level == 39) {
                assertThat(kea).isEmpty();
            }
        }
    }

    /**
     * Incomplete cycles (max-reclaim-leases 1, eight leases expired at once): Kea fetches one lease
     * more than the limit, warns after more than unwarned-reclaim-cycles (2) incomplete cycles in a
     * row naming that setting, starts counting again, and says "no more" when the fetch found
     * no more than the limit. Compared from the first reclaimed lease to that "no more".
     */
    @Test
    void incompleteCyclesWarnAsKeas() throws Exception {
        String config = BASE + """
                , "expired-leases-processing": { "reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 0,
                  "max-reclaim-leases": 1, "unwarned-reclaim-cycles": 2 },
                "loggers": [ { "name": "kea-dhcp4", "severity": "DEBUG", "debuglevel": 40,
                  "output_options": [ { "output": "@LOGDIR@/slow.log", "flush": true } ] } ]
                """;
        oracle.play(Scenario.of("incomplete reclamation", config, run -> { }));
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            for (int i = 1; i <= 8; i++) {
                assertThat(s.command("{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"192.0.2.3" + i
                        + "\", \"hw-address\": \"1a:1b:1c:1d:1e:3" + i + "\", \"valid-lft\": 1 } }").get("result")
                        .asLong()).hasValue(0L);
            }
        }
        Path k = oracle.kea.logDir().resolve("slow.log");
        Path r = oracle.ruru.logDir().resolve("slow.log");
        List<String> kea = sameUntilNoMore(k, r, "V4");
        assertThat(kea).hasSize(11).contains(
                "WARN [kea-dhcp4.alloc-engine] ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW expired leases still exist after 2"
                + " reclamations");
    }

    /**
     * The leases-reclaim command (no limits; Kea's remove false, then true, then true with nothing
     * left): three expired leases and a declined address whose probation is over. Kea writes the
     * declined address's DNS line, ALLOC_ENGINE_V4_DECLINED_RECOVERED (INFO) and removes it whatever
     * remove says; the declined statistics move as Kea's. Compared at debug level 99, line by line.
     */
    @Test
    void leasesReclaimCommandAsKeas() throws Exception {
        String config = BASE + """
                , "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0,
                  "hold-reclaimed-time": 3600 },
                "loggers": [ { "name": "kea-dhcp4", "severity": "DEBUG", "debuglevel": 99,
                  "output_options": [ { "output": "@LOGDIR@/command.log", "flush": true } ] } ]
                """;
        oracle.play(Scenario.of("leases-reclaim", config, run -> { }));
        List<String> stats = List.of("declined-addresses", "reclaimed-declined-addresses", "reclaimed-leases",
                "subnet[1].declined-addresses", "subnet[1].reclaimed-declined-addresses",
                "subnet[1].assigned-addresses", "subnet[1].reclaimed-leases");
        java.util.Map<String, List<String>> seen = new java.util.TreeMap<>();
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            for (int i = 1; i <= 3; i++) {
                add4(s, "192.0.2.1" + i, "1a:1b:1c:1d:1e:1" + i, "");
            }
            add4(s, "192.0.2.16", "1a:1b:1c:1d:1e:16", ", \"state\": 1");
        }
        Thread.sleep(2200);
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            // the changes (the harness's servers carry the global counts of the tests before)
            List<Long> before = new ArrayList<>();
            for (String name : stats) {
                before.add(ruru.testing.DaemonProcess.statistic(s.socket, name));
            }
            reclaimCommand(s, false);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < stats.size(); i++) {
                values.add(stats.get(i) + " " + (ruru.testing.DaemonProcess.statistic(s.socket, stats.get(i))
                        - before.get(i)));
            }
            seen.put(s.name() + " statistics", values);
        }
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            for (int i = 4; i <= 5; i++) {
                add4(s, "192.0.2.1" + i, "1a:1b:1c:1d:1e:1" + i, "");
            }
        }
        Thread.sleep(2200);
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            reclaimCommand(s, true);
            reclaimCommand(s, true);
        }
        Thread.sleep(300);
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            List<String> out = new ArrayList<>();
            for (String l : Files.readString(s.logDir().resolve("command.log"), StandardCharsets.ISO_8859_1).split("\n")) {
                Matcher m = KeaLogLevels.LINE.matcher(l);
                if (m.matches() && (IDS.contains(m.group(3))
                        || m.group(3).equals("COMMAND_RECEIVED") && m.group(4).contains("'leases-reclaim'"))) {
                    out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " "
                            + m.group(4).replaceAll(" in [0-9.]+ ms$", " in # ms"));
                }
            }
            seen.put(s.name(), out);
        }
        assertThat(seen.get("ruru statistics")).isEqualTo(seen.get("kea-dhcp4 statistics"));
        String k = String.join("\n", seen.get("kea-dhcp4"));
        assertThat(String.join("\n", seen.get("ruru"))).isEqualTo(k);
        assertThat(k).contains("INFO [kea-dhcp4.alloc-engine] ALLOC_ENGINE_V4_DECLINED_RECOVERED IPv4 address 192.0.2.16 was"
                + " recovered after 1 seconds of probation-period", "DHCPSRV_MEMFILE_DELETE_ADDR deleting lease for address"
                + " 192.0.2.16", "DHCPSRV_MEMFILE_UPDATE_ADDR4 updating IPv4 lease for address 192.0.2.13",
                "DHCPSRV_MEMFILE_DELETE_ADDR deleting lease for address 192.0.2.15", "reclaimed 0 leases in # ms");
        assertThat(seen.get("kea-dhcp4 statistics")).contains("declined-addresses -1", "reclaimed-declined-addresses 1",
                "subnet[1].declined-addresses -1", "subnet[1].reclaimed-leases 4", "subnet[1].assigned-addresses -4");
    }

    private static void add4(DhcpServer s, String address, String hw, String more) throws Exception {
        assertThat(s.command("{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"" + address
                + "\", \"hw-address\": \"" + hw + "\", \"valid-lft\": 1" + more + " } }").get("result").asLong())
                .hasValue(0L);
    }

    private static void reclaimCommand(DhcpServer s, boolean remove) throws Exception {
        assertThat(s.command("{ \"command\": \"leases-reclaim\", \"arguments\": { \"remove\": " + remove + " } }")
                .get("text").asString()).hasValue("Reclamation of expired leases is complete.");
    }

    /**
     * max-reclaim-time running out (1 ms, 200 leases expiring together, debug level 99 so that
     * each lease costs both servers its four lines): Kea checks the clock after each lease, writes
     * ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT after the lease that ran over, then the cycle's count,
     * and the cycle is incomplete (no "no more"; SLOW after more than unwarned-reclaim-cycles of them).
     * Each incomplete cycle is compared with its run of per-lease lines folded into one (how many
     * leases fit in 1 ms is each server's speed), as the set of distinct shapes.
     */
    @Test
    void reclamationTimeoutAsKeas() throws Exception {
        String config = BASE + """
                , "expired-leases-processing": { "reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 0,
                  "max-reclaim-leases": 0, "max-reclaim-time": 1, "unwarned-reclaim-cycles": 1 },
                "loggers": [ { "name": "kea-dhcp4", "severity": "DEBUG", "debuglevel": 99,
                  "output_options": [ { "output": "@LOGDIR@/timeout.log", "flush": true } ] } ]
                """;
        oracle.play(Scenario.of("reclamation timeout", config, run -> { }));
        for (DhcpServer s : List.of(oracle.kea, oracle.ruru)) {
            for (int i = 0; i < 200; i++) {
                String a = "192.0.2." + (30 + i);
                assertThat(s.command("{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"" + a
                        + "\", \"hw-address\": \"1a:1b:1c:1d:" + String.format("%02x:%02x", i / 256, i % 256)
                        + "\", \"valid-lft\": 2 } }").get("result").asLong()).hasValue(0L);
            }
        }
        Path k = oracle.kea.logDir().resolve("timeout.log");
        Path r = oracle.ruru.logDir().resolve("timeout.log");
        Set<String> kea = sameIncompleteCycles(k, r, 200, IDS, "reclamation-timeout");
        assertThat(String.join("\n", kea)).contains(
                "DEBUG [kea-dhcp4.alloc-engine] ALLOC_ENGINE_V4_LEASES_RECLAMATION_TIMEOUT timeout of 1 ms reached while"
                + " reclaiming IPv4 leases\nDEBUG [kea-dhcp4.alloc-engine] ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE",
                "ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW expired leases still exist after 1 reclamations");
    }

    /**
     * Waits until both servers reclaimed {@code count} leases, asserts their folded incomplete cycles
     * ({@link #foldedIncompleteCycles}) equal and returns Kea's.
     */
    private static Set<String> sameIncompleteCycles(Path k, Path r, int count, Set<String> ids, String what)
            throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline && !(allReclaimed(k, count) && allReclaimed(r, count))) {
            Thread.sleep(500);
        }
        Set<String> kea = foldedIncompleteCycles(Files.readString(k, StandardCharsets.ISO_8859_1), ids);
        same(what, kea, foldedIncompleteCycles(Files.readString(r, StandardCharsets.ISO_8859_1), ids));
        return kea;
    }

    /** Whether {@code count} leases were reclaimed in {@code log}. */
    private static boolean allReclaimed(Path log, int count) throws java.io.IOException {
        if (!Files.exists(log)) {
            return false;
        }
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int at = text.indexOf("ALLOC_ENGINE_LEASE_RECLAIMED "); at >= 0;
                at = text.indexOf("ALLOC_ENGINE_LEASE_RECLAIMED ", at + 1)) {
            n++;
        }
        return n >= count;
    }

    /**
     * The incomplete timer runs (those without "no more") of {@code log}: each lease's lines folded
     * into one {@code (leases)} line, counts and durations masked.
     */
    static Set<String> foldedIncompleteCycles(String log, Set<String> ids) {
        Set<String> out = new TreeSet<>();
        List<String> cycle = new ArrayList<>();
        boolean complete = false;
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches() || !ids.contains(m.group(3))) {
                continue;
            }
            String id = m.group(3);
            if (id.matches("ALLOC_ENGINE_V[46]_LEASE_RECLAIM|DHCPSRV_QUEUE_NCR_SKIP|DHCPSRV_MEMFILE_UPDATE_ADDR[46]"
                    + "|ALLOC_ENGINE_LEASE_RECLAIMED|DHCPSRV_MEMFILE_DELETE_ADDR")) {
                if (!cycle.isEmpty() && cycle.getLast().equals("(leases)")) {
                    continue;
                }
                cycle.add("(leases)");
                continue;
            }
            complete |= id.endsWith("_NO_MORE_EXPIRED_LEASES");
            cycle.add(m.group(1) + " [" + m.group(2) + "] " + id + " "
                    + m.group(4).replaceAll(" in [0-9.]+ ms$", " in # ms").replaceAll("^reclaimed [0-9]+ ", "reclaimed # "));
            if (id.equals("DHCPSRV_TIMERMGR_START_TIMER")) {
                if (!complete) {
                    out.add(String.join("\n", cycle));
                }
                cycle.clear();
                complete = false;
            }
        }
        return out;
    }

    /** Waits for both logs' {@link #untilNoMore} lines, asserts them equal and returns Kea's. */
    private static List<String> sameUntilNoMore(Path k, Path r, String family) throws Exception {
        long deadline = System.nanoTime() + 40_000_000_000L;
        List<String> kea = List.of();
        List<String> ruru = List.of();
        while (System.nanoTime() < deadline && (kea.isEmpty() || ruru.isEmpty())) {
            Thread.sleep(300);
            kea = untilNoMore(Files.readString(k, StandardCharsets.ISO_8859_1), family);
            ruru = untilNoMore(Files.readString(r, StandardCharsets.ISO_8859_1), family);
        }
        assertThat(String.join("\n", ruru)).isEqualTo(String.join("\n", kea));
        return kea;
    }

    /** From the first lease reclaimed to the "no more" after it (empty until then): counts, warnings, "no more". */
    private static List<String> untilNoMore(String log, String family) {
        List<String> out = new ArrayList<>();
        String v = "ALLOC_ENGINE_" + family + "_";
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches() || !Set.of(v + "LEASES_RECLAMATION_COMPLETE", v + "LEASES_RECLAMATION_SLOW",
                    v + "NO_MORE_EXPIRED_LEASES").contains(m.group(3))
                    || out.isEmpty() && !m.group(4).startsWith("reclaimed 1 ")) {
                continue;
            }
            out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " " + m.group(4).replaceAll(" in [0-9.]+ ms$", ""));
            if (m.group(3).equals(v + "NO_MORE_EXPIRED_LEASES")) {
                return out;
            }
        }
        return List.of();
    }

    private static void same(String what, Set<String> kea, Set<String> ruru) throws java.io.IOException {
        if (!kea.equals(ruru)) {
            Path out = Files.createDirectories(Path.of("target", "conformance-logs"));
            Files.writeString(out.resolve(what + ".kea.log"), String.join("\n----\n", kea));
            Files.writeString(out.resolve(what + ".ruru.log"), String.join("\n----\n", ruru));
        }
        assertThat(String.join("\n----\n", ruru)).as(what).isEqualTo(String.join("\n----\n", kea));
    }

    /**
     * The same on kea-dhcp6 2.2 and ruru's dhcp6 at debug level 99, each started on a file (no
     * interfaces: the timers need none), a lease6-add address without hardware address (Kea's
     * label is then the DUID alone) reclaimed and flushed.
     */
    @Test
    void everyTimerRunIsLoggedAsKeaDhcp6s() throws Exception {
        withDhcp6(EXPIRED6, (kSock, rSock, kLog, rLog) -> {
            Set<String> k = reclaimedAndFlushed(new Path[] {kSock, rSock, kLog, rLog}, ADD6, IDS6, "reclamation6-99");
            assertThat(String.join("\n", k)).contains(
                    "ALLOC_ENGINE_V6_LEASE_RECLAIM duid=[00:01:02:03:04:05]: reclaiming expired lease for prefix"
                    + " 2001:db8:1::120/128", "starting deletion of 1 expired-reclaimed leases");
        });
    }

    /**
     * dhcp6's incomplete cycles, as {@link #incompleteCyclesWarnAsKeas}: max-reclaim-leases 1,
     * unwarned-reclaim-cycles 2, eight lease6-add addresses expiring together; from the first
     * reclaimed lease to the "no more" after it, the counts, warnings and "no more" of kea-dhcp6 2.2.
     */
    @Test
    void incompleteCyclesWarnAsKeaDhcp6s() throws Exception {
        withDhcp6("""
                "expired-leases-processing": { "reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 0,
                  "max-reclaim-leases": 1, "unwarned-reclaim-cycles": 2 },""", (kSock, rSock, kLog, rLog) -> {
            for (Path sock : List.of(kSock, rSock)) {
                for (int i = 1; i <= 8; i++) {
                    assertThat(DaemonProcess.send(sock, "{ \"command\": \"lease6-add\", \"arguments\": { \"ip-address\":"
                            + " \"2001:db8:1::13" + i + "\", \"duid\": \"00:01:02:03:04:3" + i + "\", \"iaid\": 7,"
                            + " \"valid-lft\": 1, \"preferred-lft\": 1 } }")).contains("\"result\": 0");
                }
            }
            List<String> kea = sameUntilNoMore(kLog, rLog, "V6");
            assertThat(kea).hasSize(11).contains("WARN [kea-dhcp6.alloc-engine] ALLOC_ENGINE_V6_LEASES_RECLAMATION_SLOW"
                    + " expired leases still exist after 2 reclamations");
        });
    }

    /**
     * dhcp6's leases-reclaim with a declined address whose probation is over (lease6-add state 1)
     * and an expired one, then max-reclaim-time running out (1 ms, 150 addresses), as the dhcp4
     * tests above: ALLOC_ENGINE_V6_DECLINED_RECOVERED, the declined address removed with remove
     * false, the declined statistics; ALLOC_ENGINE_V6_LEASES_RECLAMATION_TIMEOUT and what follows it.
     */
    @Test
    void declinedAndTimeoutAsKeaDhcp6s() throws Exception {
        withDhcp6("""
                "expired-leases-processing": { "reclaim-timer-wait-time": 3600, "flush-reclaimed-timer-wait-time": 0,
                  "hold-reclaimed-time": 3600 },""", (kSock, rSock, kLog, rLog) -> {
            List<String> stats = List.of("declined-addresses", "reclaimed-declined-addresses", "reclaimed-leases",
                    "subnet[1].declined-addresses", "subnet[1].reclaimed-declined-addresses", "subnet[1].assigned-nas");
            java.util.Map<Path, List<String>> values = new java.util.HashMap<>();
            for (Path sock : List.of(kSock, rSock)) {
                add6(sock, "2001:db8:1::140", "00:01:02:03:04:40", "");
                add6(sock, "2001:db8:1::141", "00:01:02:03:04:41", ", \"state\": 1");
            }
            Thread.sleep(2200);
            for (Path sock : List.of(kSock, rSock)) {
                List<String> v = new ArrayList<>();
                for (String name : stats) {
                    v.add(name + " " + DaemonProcess.statistic(sock, name));
                }
                assertThat(DaemonProcess.send(sock, "{ \"command\": \"leases-reclaim\", \"arguments\": { \"remove\":"
                        + " false } }")).contains("Reclamation of expired leases is complete.");
                for (String name : stats) {
                    v.add(name + " " + DaemonProcess.statistic(sock, name));
                }
                values.put(sock, v);
            }
            Thread.sleep(300);
            assertThat(values.get(rSock)).isEqualTo(values.get(kSock));
            assertThat(values.get(kSock)).contains("declined-addresses 1", "declined-addresses 0",
                    "reclaimed-declined-addresses 1");
            List<String> k = reclaimLines(kLog);
            List<String> r = reclaimLines(rLog);
            assertThat(String.join("\n", r)).isEqualTo(String.join("\n", k));
            assertThat(String.join("\n", k)).contains("INFO [kea-dhcp6.alloc-engine] ALLOC_ENGINE_V6_DECLINED_RECOVERED"
                    + " IPv6 address 2001:db8:1::141 was recovered after 1 seconds of probation-period",
                    "DHCPSRV_MEMFILE_DELETE_ADDR deleting lease for address 2001:db8:1::141");
        });
        withDhcp6("""
                "expired-leases-processing": { "reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 0,
                  "max-reclaim-leases": 0, "max-reclaim-time": 1, "unwarned-reclaim-cycles": 1 },""",
                (kSock, rSock, kLog, rLog) -> {
            for (Path sock : List.of(kSock, rSock)) {
                for (int i = 0; i < 150; i++) {
                    String a = "2001:db8:1::" + Integer.toHexString(0x200 + i);
                    assertThat(DaemonProcess.send(sock, "{ \"command\": \"lease6-add\", \"arguments\": { \"ip-address\": \""
                            + a + "\", \"duid\": \"00:01:02:03:" + String.format("%02x:%02x", i / 256, i % 256)
                            + "\", \"iaid\": 7, \"valid-lft\": 2, \"preferred-lft\": 1 } }")).contains("\"result\": 0");
                }
            }
            Set<String> kea = sameIncompleteCycles(kLog, rLog, 150, IDS6, "reclamation6-timeout");
            assertThat(String.join("\n", kea)).contains("ALLOC_ENGINE_V6_LEASES_RECLAMATION_TIMEOUT timeout of 1 ms"
                    + " reached while reclaiming IPv6 leases\nDEBUG [kea-dhcp6.alloc-engine]"
                    + " ALLOC_ENGINE_V6_LEASES_RECLAMATION_COMPLETE");
        });
    }

    private static void add6(Path sock, String address, String duid, String more) throws Exception {
        assertThat(DaemonProcess.send(sock, "{ \"command\": \"lease6-add\", \"arguments\": { \"ip-address\": \""
                + address + "\", \"duid\": \"" + duid + "\", \"iaid\": 7, \"valid-lft\": 1, \"preferred-lft\": 1"
                + more + " } }")).contains("\"result\": 0");
    }

    /** The leases-reclaim command's lines and the reclamation lines of {@code log}, durations masked. */
    private static List<String> reclaimLines(Path log) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readString(log, StandardCharsets.ISO_8859_1).split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (m.matches() && (IDS6.contains(m.group(3))
                    || m.group(3).equals("COMMAND_RECEIVED") && m.group(4).contains("'leases-reclaim'"))) {
                out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " "
                        + m.group(4).replaceAll(" in [0-9.]+ ms$", " in # ms"));
            }
        }
        return out;
    }

    /** The timers of everyTimerRunIsLoggedAsKeaDhcp6s. */
    static final String EXPIRED6 = """
            "expired-leases-processing": { "reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 1,
              "hold-reclaimed-time": 2, "max-reclaim-leases": 100, "max-reclaim-time": 250,
              "unwarned-reclaim-cycles": 5 },""";

    /** What a dhcp6 comparison does with both servers running: their sockets and log files. */
    interface Body6 {
        void run(Path kSock, Path rSock, Path kLog, Path rLog) throws Exception;
    }

    /**
     * kea-dhcp6 2.2 and ruru's dhcp6, each started on a file with {@code expired} (no interfaces: the
     * timers need none), lease_cmds and debug level 99, for {@code body}.
     */
    static void withDhcp6(String expired, Body6 body) throws Exception {
        withServers(6, 99, expired, null, null, body);
    }

    /**
     * kea-dhcpN 2.2 and ruru's dhcpN ({@code family} 4 or 6) on a file each, with {@code expired},
     * lease_cmds, debug level {@code level} and their lease databases ({@code kDb}, {@code rDb}: a
     * {@code lease-database} map, null for a memfile in their directories).
     */
    static void withServers(int family, int level, String expired, String kDb, String rDb, Body6 body)
            throws Exception {
        DaemonDirs kd = DaemonDirs.create();
        DaemonDirs rd = DaemonDirs.create();
        Path kSock = kd.root().resolve("kea.sock");
        Path rSock = rd.socket("ctl.sock");
        Path kLog = kd.root().resolve("reclaim.log");
        Path rLog = rd.logs().resolve("reclaim.log");
        String hooks = "/usr/lib/x86_64-linux-gnu/kea/hooks/";
        Files.writeString(kd.root().resolve("kea.json"), config(family, level, kd.root(), kSock, kLog,
                "{ \"library\": \"" + hooks + "libdhcp_lease_cmds.so\" }", expired, kDb));
        Files.writeString(rd.configFile("ruru.json"), config(family, level, rd.data(), rSock, rLog,
                "{ \"library\": \"libdhcp_lease_cmds.so\" }" + (rDb == null ? "" : ", { \"library\": \"libdhcp_pgsql.so\" }"),
                expired, rDb));
        Process kea = new ProcessBuilder("env", "KEA_PIDFILE_DIR=" + kd.root(), "KEA_LOCKFILE_DIR=" + kd.root(),
                "kea-dhcp" + family, "-c", kd.root().resolve("kea.json").toString()).redirectErrorStream(true)
                .redirectOutput(kd.root().resolve("kea.log").toFile()).start();
        try (DaemonProcess ruru = DaemonProcess.start(rd, "dhcp" + family, "-c", rd.configFile("ruru.json").toString())) {
            KeaDaemon.awaitSocket(kSock, kea, kd.root().resolve("kea.log"));
            ruru.awaitSocket(rSock);
            body.run(kSock, rSock, kLog, rLog);
        } finally {
            KeaDaemon.stop(kea);
        }
    }

    static String config(int family, int level, Path data, Path socket, Path log, String hooks, String expired,
                         String leaseDb) {
        String db = leaseDb != null ? leaseDb
                : "{ \"type\": \"memfile\", \"name\": \"" + data + "/leases" + family + ".csv\", \"lfc-interval\": 0 }";
        String subnets = family == 6
                ? "\"server-id\": { \"type\": \"LLT\", \"persist\": false }, \"subnet6\": [ { \"id\": 1,"
                        + " \"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\": \"2001:db8:1::100 - 2001:db8:1::1ff\" } ] } ]"
                : "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\":"
                        + " \"192.0.2.10 - 192.0.2.20\" } ] } ]";
        return """
                { "Dhcp%d": { "interfaces-config": { "interfaces": [ ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": %s,
                  %s
                  "hooks-libraries": [ %s ],
                  %s,
                  "loggers": [ { "name": "kea-dhcp%d", "severity": "DEBUG", "debuglevel": %d,
                    "output_options": [ { "output": "%s", "flush": true } ] } ] } }
                """.formatted(family, socket, db, expired, hooks, subnets, family, level, log);
    }

    /**
     * The PostgreSQL backend (issue 9 item 8): kea-dhcp4/kea-dhcp6 2.2 and ruru, each on its own
     * database made by kea-admin in one private cluster, run their timers every second on a
     * lease4-add / lease6-add lease (valid-lft 2) reclaimed then flushed, at debug levels 99 and 49:
     * Kea's DHCPSRV_PGSQL_GET_EXPIREDn, _UPDATE_ADDRn (v6 with the lease type's number) and
     * _DELETE_EXPIRED_RECLAIMEDn where the memfile writes its own, compared as the distinct cycles.
     */
    @Test
    void everyTimerRunIsLoggedAsKeasWithPostgresql() throws Exception {
        String password = "reclaim-secret-8";
        try (ruru.testing.PgCluster pg = KeaDaemon.keaAdminDatabase("rkea", "kea", password)) {
            pg.createDatabase("rruru", "kea", password);
            String init = pg.keaAdmin("db-init", "pgsql", "-u", "kea", "-p", password, "-n", "rruru",
                    "-h", pg.socketDir().toString(), "-P", Integer.toString(pg.port()));
            assertThat(init).contains("Database version reported after initialization: 13.0");
            String db = "{ \"type\": \"postgresql\", \"name\": \"%s\", \"host\": \"" + pg.socketDir()
                    + "\", \"port\": " + pg.port() + ", \"user\": \"kea\", \"password\": \"" + password + "\" }";
            for (int family : new int[] {4, 6}) {
                Set<String> ids = new java.util.HashSet<>(family == 4 ? IDS : IDS6);
                ids.addAll(Set.of("DHCPSRV_PGSQL_GET_EXPIRED" + family, "DHCPSRV_PGSQL_UPDATE_ADDR" + family,
                        "DHCPSRV_PGSQL_DELETE_ADDR", "DHCPSRV_PGSQL_DELETE_EXPIRED_RECLAIMED" + family));
                String add = family == 4
                        ? "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"192.0.2.12\","
                                + " \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"valid-lft\": 2 } }"
                        : ADD6;
                String ip = family == 4 ? "IPv4" : "IPv6";
                String update = family == 4 ? "DHCPSRV_PGSQL_UPDATE_ADDR4 updating IPv4 lease for address 192.0.2.12"
                        : "DHCPSRV_PGSQL_UPDATE_ADDR6 updating IPv6 lease for address 2001:db8:1::120, lease type 0";
                for (int level : new int[] {99, 49}) {
                    String what = "reclamation-pgsql" + family + "-" + level;
                    withServers(family, level, EXPIRED6, db.formatted("rkea"), db.formatted("rruru"),
                            (kSock, rSock, kLog, rLog) -> {
                        Set<String> k = reclaimedAndFlushed(new Path[] {kSock, rSock, kLog, rLog}, add, ids, what);
                        if (level == 99) {
                            assertThat(String.join("\n", k)).contains("DHCPSRV_PGSQL_GET_EXPIRED" + family
                                    + " obtaining maximum 101 of expired " + ip + " leases", update,
                                    "DHCPSRV_PGSQL_DELETE_EXPIRED_RECLAIMED" + family + " deleting reclaimed " + ip
                                    + " leases that expired more than 2 seconds ago");
                        } else {
                            // the backend's lines are at Kea's level 50: none of them at 49
                            assertThat(String.join("\n", k)).doesNotContain("DHCPSRV_PGSQL_").contains("reclaimed 1 leases");
                        }
                    });
                }
            }
        }
    }

    /** A lease6-add address without hardware address, valid 2 s. */
    static final String ADD6 = "{ \"command\": \"lease6-add\", \"arguments\": { \"ip-address\": \"2001:db8:1::120\","
            + " \"duid\": \"00:01:02:03:04:05\", \"iaid\": 7, \"valid-lft\": 2, \"preferred-lft\": 1 } }";

    /**
     * Sends {@code add} to both servers ({@code where}: Kea's socket, ruru's, Kea's log, ruru's), waits
     * until both flushed the reclaimed lease and one timer run more, asserts their distinct cycles
     * equal and returns Kea's.
     */
    private static Set<String> reclaimedAndFlushed(Path[] where, String add, Set<String> ids, String what)
            throws Exception {
        for (Path sock : List.of(where[0], where[1])) {
            assertThat(DaemonProcess.send(sock, add)).contains("\"result\": 0");
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && !(flushed(where[2]) && flushed(where[3]))) {
            Thread.sleep(200);
        }
        Thread.sleep(1200);
        Set<String> k = cycles(Files.readString(where[2], StandardCharsets.ISO_8859_1), ids);
        same(what, k, cycles(Files.readString(where[3], StandardCharsets.ISO_8859_1), ids));
        return k;
    }

    /** The flush of the reclaimed lease was written (debug 40). */
    private static boolean flushed(Path log) throws java.io.IOException {
        return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1)
                .contains("successfully deleted 1 expired-reclaimed leases");
    }

    /** Each timer run of {@code log} (from one timer start line to the next), durations masked. */
    static Set<String> cycles(String log, Set<String> ids) {
        Set<String> out = new TreeSet<>();
        List<String> cycle = new ArrayList<>();
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches() || !ids.contains(m.group(3))) {
                continue;
            }
            cycle.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " "
                    + m.group(4).replaceAll(" in [0-9.]+ ms$", " in # ms"));
            if (m.group(3).equals("DHCPSRV_TIMERMGR_START_TIMER")) {
                out.add(String.join("\n", cycle));
                cycle.clear();
            }
        }
        return out;
    }
}
