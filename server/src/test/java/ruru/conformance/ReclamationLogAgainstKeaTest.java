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
            "DHCPSRV_MEMFILE_DELETE_EXPIRED_RECLAIMED_START", "ALLOC_ENGINE_V4_RECLAIMED_LEASES_DELETE_COMPLETE");

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
        long deadline = System.nanoTime() + 40_000_000_000L;
        List<String> kea = List.of();
        List<String> ruru = List.of();
        while (System.nanoTime() < deadline && (kea.isEmpty() || ruru.isEmpty())) {
            Thread.sleep(300);
            kea = untilNoMore(Files.readString(k, StandardCharsets.ISO_8859_1));
            ruru = untilNoMore(Files.readString(r, StandardCharsets.ISO_8859_1));
        }
        assertThat(String.join("\n", ruru)).isEqualTo(String.join("\n", kea));
        assertThat(kea).hasSize(11).contains(
                "WARN [kea-dhcp4.alloc-engine] ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW expired leases still exist after 2"
                + " reclamations");
    }

    /** From the first lease reclaimed to the "no more" after it (empty until then): counts, warnings, "no more". */
    private static List<String> untilNoMore(String log) {
        List<String> out = new ArrayList<>();
        for (String l : log.split("\n")) {
            Matcher m = KeaLogLevels.LINE.matcher(l);
            if (!m.matches() || !Set.of("ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE", "ALLOC_ENGINE_V4_LEASES_RECLAMATION_SLOW",
                    "ALLOC_ENGINE_V4_NO_MORE_EXPIRED_LEASES").contains(m.group(3))
                    || out.isEmpty() && !m.group(4).startsWith("reclaimed 1 ")) {
                continue;
            }
            out.add(m.group(1) + " [" + m.group(2) + "] " + m.group(3) + " " + m.group(4).replaceAll(" in [0-9.]+ ms$", ""));
            if (m.group(3).equals("ALLOC_ENGINE_V4_NO_MORE_EXPIRED_LEASES")) {
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
        DaemonDirs kd = DaemonDirs.create();
        DaemonDirs rd = DaemonDirs.create();
        Path kSock = kd.root().resolve("kea6.sock");
        Path rSock = rd.socket("ctl.sock");
        Path kLog = kd.root().resolve("reclaim6.log");
        Path rLog = rd.logs().resolve("reclaim6.log");
        Files.writeString(kd.root().resolve("kea.json"), config6(kd.root(), kSock, kd.root(), kLog,
                "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so"));
        Files.writeString(rd.configFile("ruru.json"), config6(rd.data(), rSock, rd.logs(), rLog, "libdhcp_lease_cmds.so"));
        Process kea = new ProcessBuilder("env", "KEA_PIDFILE_DIR=" + kd.root(), "KEA_LOCKFILE_DIR=" + kd.root(),
                "kea-dhcp6", "-c", kd.root().resolve("kea.json").toString()).redirectErrorStream(true)
                .redirectOutput(kd.root().resolve("kea.log").toFile()).start();
        try (DaemonProcess ruru = DaemonProcess.start(rd, "dhcp6", "-c", rd.configFile("ruru.json").toString())) {
            KeaDaemon.awaitSocket(kSock, kea, kd.root().resolve("kea.log"));
            ruru.awaitSocket(rSock);
            String add = "{ \"command\": \"lease6-add\", \"arguments\": { \"ip-address\": \"2001:db8:1::120\","
                    + " \"duid\": \"00:01:02:03:04:05\", \"iaid\": 7, \"valid-lft\": 2, \"preferred-lft\": 1 } }";
            for (Path sock : List.of(kSock, rSock)) {
                assertThat(DaemonProcess.send(sock, add)).contains("\"result\": 0");
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && !(flushed(kLog) && flushed(rLog))) {
                Thread.sleep(200);
            }
            Thread.sleep(1200);
            Set<String> k = cycles(Files.readString(kLog, StandardCharsets.ISO_8859_1), IDS6);
            Set<String> r = cycles(Files.readString(rLog, StandardCharsets.ISO_8859_1), IDS6);
            same("reclamation6-99", k, r);
            assertThat(String.join("\n", k)).contains(
                    "ALLOC_ENGINE_V6_LEASE_RECLAIM duid=[00:01:02:03:04:05]: reclaiming expired lease for prefix"
                    + " 2001:db8:1::120/128", "starting deletion of 1 expired-reclaimed leases");
        } finally {
            KeaDaemon.stop(kea);
        }
    }

    static String config6(Path data, Path socket, Path logDir, Path log, String leaseCmds) {
        return """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": { "type": "memfile", "name": "%s/leases6.csv", "lfc-interval": 0 },
                  "expired-leases-processing": { "reclaim-timer-wait-time": 1, "flush-reclaimed-timer-wait-time": 1,
                    "hold-reclaimed-time": 2, "max-reclaim-leases": 100, "max-reclaim-time": 250,
                    "unwarned-reclaim-cycles": 5 },
                  "hooks-libraries": [ { "library": "%s" } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ] } ],
                  "loggers": [ { "name": "kea-dhcp6", "severity": "DEBUG", "debuglevel": 99,
                    "output_options": [ { "output": "%s", "flush": true } ] } ] } }
                """.formatted(socket, data, leaseCmds, log);
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
