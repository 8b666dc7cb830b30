package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;

/**
 * Kea's lease_cmds and stat_cmds for DHCPv6, configured by their .so names: the same command
 * sequence sent to kea-dhcp6 2.2 (with Kea's own libraries) and to ruru gets the same answers, apart
 * from the client-last-transaction times, the timestamps and the result codes Kea 3.0 changed
 * ({@link #asKea3}). Leases managed this way survive a restart.
 */
class Dhcp6LeaseCommandsTest {

    private static final String CONFIG = """
            { "Dhcp6": { "interfaces-config": { "interfaces": [ ] },
              "control-socket": { "socket-type": "unix", "socket-name": "%s" },
              "server-id": { "type": "LLT", "persist": false },
              "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" },
                                   { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_stat_cmds.so" } ],
              "lease-database": { "type": "memfile", "name": "%s" },
              "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64",
                             "pools": [ { "pool": "2001:db8:1::100-2001:db8:1::1ff" } ],
                             "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56 } ] },
                           { "id": 2, "subnet": "2001:db8:2::/64", "pools": [ { "pool": "2001:db8:2::/120" } ] } ] } }
            """;

    /** Each command, one a line; the answers are compared line by line. */
    private static final List<String> COMMANDS = List.of(
            lease6Add("\"ip-address\": \"2001:db8:1::150\", \"duid\": \"01:02:03:04:05:06:07:08\", \"iaid\": 1234, \"hostname\": \"h150\""),
            lease6Add("\"ip-address\": \"2001:db8:1::150\", \"duid\": \"01:02:03:04:05:06:07:09\", \"iaid\": 1"),
            lease6Add("\"ip-address\": \"2001:db8:2::5\", \"duid\": \"0a:0b:0c\", \"iaid\": 7, \"subnet-id\": 2, "
                    + "\"valid-lft\": 500, \"preferred-lft\": 300"),
            lease6Add("\"type\": \"IA_PD\", \"ip-address\": \"2001:db8:8:100::\", \"prefix-len\": 56, "
                    + "\"duid\": \"01:02:03:04:05:06:07:08\", \"iaid\": 99"),
            lease6Add("\"type\": \"IA_PD\", \"ip-address\": \"2001:db8:8:200::\", \"prefix-len\": 56, "
                    + "\"duid\": \"01:02:03:04:05:06:07:08\", \"iaid\": 99, \"subnet-id\": 1"),
            lease6Add("\"ip-address\": \"2001:db8:9::1\", \"duid\": \"01:02:03\", \"iaid\": 1"),
            lease6Add("\"ip-address\": \"2001:db8:1::151\", \"iaid\": 1"),
            lease6Add("\"ip-address\": \"2001:db8:1::151\", \"duid\": \"01:02:03\""),
            lease6Add("\"ip-address\": \"2001:db8:1::152\", \"duid\": \"01:02:03\", \"iaid\": 5, \"subnet-id\": 2"),
            lease6Add("\"ip-address\": \"192.0.2.1\", \"duid\": \"01:02:03\", \"iaid\": 5"),
            // Kea's parser order: duid and a prefix's length before the subnet
            lease6Add("\"type\": \"IA_PD\", \"ip-address\": \"2001:db8:8:300::\", \"duid\": \"01:02:03\", \"iaid\": 2"),
            lease6Add("\"ip-address\": \"2001:db8:1::153\", \"iaid\": 2, \"subnet-id\": 77"),
            lease6Add("\"ip-address\": \"2001:db8:1::153\", \"duid\": \"01:02:03\", \"iaid\": 2, \"fqdn-fwd\": true"),
            lease6Add("\"ip-address\": \"2001:db8:1::154\", \"duid\": \"01:02:03\", \"iaid\": 2, \"comment\": \"lab\""),
            command("lease6-get", "\"ip-address\": \"2001:db8:1::154\""),
            command("lease6-get", "\"ip-address\": \"2001:db8:1::150\""),
            command("lease6-get", "\"ip-address\": \"2001:db8:1::199\""),
            command("lease6-get", "\"type\": \"IA_PD\", \"ip-address\": \"2001:db8:8:200::\""),
            command("lease6-get", "\"type\": \"IA_PD\", \"ip-address\": \"2001:db8:8:100::\""),
            command("lease6-get", "\"identifier-type\": \"duid\", \"identifier\": \"01:02:03:04:05:06:07:08\", "
                    + "\"iaid\": 1234, \"subnet-id\": 1"),
            command("lease6-get", "\"identifier-type\": \"hw-address\", \"identifier\": \"01:02:03:04:05:06\", "
                    + "\"iaid\": 1234, \"subnet-id\": 1"),
            command("lease6-get", ""),
            "{ \"command\": \"lease6-get\" }",
            "{ \"command\": \"lease6-get-all\" }",
            command("lease6-get-all", "\"subnets\": [ 2 ]"),
            command("lease6-get-all", "\"subnets\": [ 3 ]"),
            command("lease6-get-page", "\"from\": \"start\", \"limit\": 2"),
            command("lease6-get-page", "\"from\": \"2001:db8:1::150\", \"limit\": 2"),
            command("lease6-get-page", "\"from\": \"start\", \"limit\": 0"),
            command("lease6-get-by-duid", "\"duid\": \"01:02:03:04:05:06:07:08\""),
            command("lease6-get-by-duid", "\"duid\": \"ff:ff\""),
            command("lease6-get-by-hostname", "\"hostname\": \"H150\""),
            command("lease6-get-by-hostname", "\"hostname\": \"\""),
            command("lease6-update", "\"ip-address\": \"2001:db8:1::150\", \"duid\": \"01:02:03:04:05:06:07:08\", "
                    + "\"iaid\": 1234, \"hostname\": \"newname\""),
            command("lease6-update", "\"ip-address\": \"2001:db8:1::160\", \"duid\": \"01:02:03:04:05:06:07:08\", \"iaid\": 1234"),
            command("lease6-update", "\"ip-address\": \"2001:db8:1::160\", \"duid\": \"01:02:03:04:05:06:07:08\", "
                    + "\"iaid\": 1234, \"force-create\": true"),
            command("stat-lease6-get", "\"subnet-id\": 7"),
            command("stat-lease6-get", "\"subnet-range\": { \"first-subnet-id\": 1, \"last-subnet-id\": 1 }"),
            command("lease6-del", "\"ip-address\": \"2001:db8:1::160\""),
            command("lease6-del", "\"ip-address\": \"2001:db8:1::160\""),
            command("lease6-del", "\"identifier-type\": \"duid\", \"identifier\": \"0a:0b:0c\", \"iaid\": 7, \"subnet-id\": 2"),
            command("lease6-bulk-apply", "\"deleted-leases\": [ { \"ip-address\": \"2001:db8:1::150\" } ], "
                    + "\"leases\": [ { \"ip-address\": \"2001:db8:1::170\", \"duid\": \"aa:bb\", \"iaid\": 3 }, "
                    + "{ \"ip-address\": \"2001:db8:7::1\", \"duid\": \"aa:bb\", \"iaid\": 3 } ]"),
            command("lease6-bulk-apply", "\"deleted-leases\": [ { \"ip-address\": \"2001:db8:1::150\" }, "
                    + "{ \"ip-address\": \"2001:db8:1::1aa\" } ], "
                    + "\"leases\": [ { \"ip-address\": \"2001:db8:1::170\", \"duid\": \"aa:bb\", \"iaid\": 3 } ]"),
            "{ \"command\": \"lease6-get-all\" }",
            // argument checks shared with lease4-* (one implementation since the fold, as in Kea)
            "{ \"command\": \"lease6-add\", \"arguments\": [ 1 ] }",
            "{ \"command\": \"lease6-update\", \"arguments\": \"x\" }",
            "{ \"command\": \"lease6-get-all\", \"arguments\": [ 1 ] }",
            "{ \"command\": \"lease6-get-page\", \"arguments\": 5 }",
            "{ \"command\": \"lease6-wipe\", \"arguments\": [ 1 ] }",
            "{ \"command\": \"lease6-bulk-apply\", \"arguments\": [ 1 ] }",
            command("lease6-bulk-apply", ""),
            command("lease6-add", "\"ip-address\": \"nonsense\", \"duid\": \"01:02\", \"iaid\": 1"),
            command("lease6-get-page", "\"from\": \"192.0.2.1\", \"limit\": 2"),
            command("lease6-get", "\"ip-address\": \"2001:db8:1::150\", \"update-ddns\": 3"),
            command("lease6-del", "\"identifier-type\": \"hw-address\", \"identifier\": \"01:02:03:04:05:06\", "
                    + "\"subnet-id\": 1"),
            command("lease6-resend-ddns", "\"ip-address\": \"zz\""),
            command("lease6-resend-ddns", "\"ip-address\": \"192.0.2.1\""),
            command("stat-lease6-get", "\"subnet-id\": \"x\", \"subnet-range\": { \"first-subnet-id\": 1, "
                    + "\"last-subnet-id\": 3 }"),
            command("stat-lease6-get", "\"subnet-id\": 1, \"subnet-range\": 3"),
            command("lease6-wipe", "\"subnet-id\": 2"),
            "{ \"command\": \"lease6-get-all\" }");

    private static String lease6Add(String args) {
        return command("lease6-add", args);
    }

    private static String command(String name, String args) {
        return "{ \"command\": \"" + name + "\", \"arguments\": { " + args + " } }";
    }

    /** The answer without what differs between two runs: cltt, expiry-derived times, timestamps. */
    private static String comparable(String answer) {
        return answer.replaceAll("\"cltt\": [0-9]+", "\"cltt\": T")
                .replaceAll("\"timestamp\": \"[^\"]*\"", "\"timestamp\": T")
                .strip();
    }

    /**
     * Kea 3.0's answer for a Kea 2.2 answer: a lease that already exists, an address outside the
     * given subnet or an update of a lease that is gone is a conflict (result 4) in 3.0, a plain
     * error (1) in 2.2 (FACTS 10.11; ruru's dhcp4 answers the same way).
     */
    static String asKea3(String kea22) {
        if (kea22.contains("\"IPv6 lease already exists.\"") || kea22.contains("does not belong to subnet")
                || kea22.contains("\"failed to update the lease with address ")) {
            return kea22.replace("\"result\": 1,", "\"result\": 4,");
        }
        return kea22;
    }

    private static List<String> sendAll(Path socket) throws IOException {
        List<String> answers = new ArrayList<>();
        for (String c : COMMANDS) {
            answers.add(comparable(DaemonProcess.send(socket, c)));
        }
        return answers;
    }

    private static List<String> keaAnswers() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path socket = dir.resolve("kea.sock");
        Path cfg = Files.writeString(dir.resolve("kea.json"),
                CONFIG.formatted(socket, dirs.data("kea-leases6.csv")));
        Process kea = new ProcessBuilder("env", "KEA_PIDFILE_DIR=" + dir, "KEA_LOCKFILE_DIR=" + dir,
                "kea-dhcp6", "-c", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kea.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    DaemonProcess.send(socket, "{ \"command\": \"version-get\" }");
                    break;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline || !kea.isAlive()) {
                        throw new AssertionError("kea-dhcp6 did not start: " + Files.readString(dir.resolve("kea.out")));
                    }
                    Thread.sleep(50);
                }
            }
            return sendAll(socket);
        } finally {
            kea.destroy();
            kea.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersAreKeaDhcp6sAndLeasesSurviveARestart() throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        List<String> kea = keaAnswers();

        DaemonDirs dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("kea.json", CONFIG.formatted("ctl.sock", "leases6.csv"));
        Path socket = dirs.socket("ctl.sock");
        String before;
        try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            List<String> ruru = sendAll(socket);
            for (int i = 0; i < COMMANDS.size(); i++) {
                assertThat(ruru.get(i)).as(COMMANDS.get(i)).isEqualTo(asKea3(kea.get(i)));
            }
            before = DaemonProcess.send(socket, "{ \"command\": \"lease6-get-all\" }");
            assertThat(before).contains("2001:db8:1::170", "2001:db8:1::154", "2001:db8:8:200::")
                    .doesNotContain("2001:db8:8:100::");
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-nas")).isEqualTo(2);
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-pds")).isEqualTo(1);
            DaemonProcess.send(socket, "{ \"command\": \"shutdown\" }");
            assertThat(d.waitForExit(Duration.ofSeconds(30))).isZero();
        }
        try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"lease6-get-all\" }")).isEqualTo(before);
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-nas")).isEqualTo(2);
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-pds")).isEqualTo(1);
            assertThat(DaemonProcess.statistic(socket, "subnet[2].assigned-nas")).isZero();
        }
    }

    @Test
    void statLease6GetCountsAddressesAndPrefixesPerSubnet() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("kea.json", CONFIG.formatted("ctl.sock", "leases6.csv"));
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp6", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            DaemonProcess.send(socket, COMMANDS.get(0));
            DaemonProcess.send(socket, COMMANDS.get(2));
            DaemonProcess.send(socket, COMMANDS.get(4));
            String all = comparable(DaemonProcess.send(socket, "{ \"command\": \"stat-lease6-get\" }"));
            assertThat(all).contains("\"columns\": [ \"subnet-id\", \"total-nas\", \"cumulative-assigned-nas\", "
                    + "\"assigned-nas\", \"declined-addresses\", \"total-pds\", \"cumulative-assigned-pds\", \"assigned-pds\" ]")
                    .contains("\"text\": \"stat-lease6-get[all subnets]: 2 rows found\"");
            assertThat(all).containsPattern("\\[ 1, 256, [0-9]+, 1, 0, 256, [0-9]+, 1 \\]")
                    .containsPattern("\\[ 2, 256, [0-9]+, 1, 0, 0, [0-9]+, 0 \\]");
            assertThat(comparable(DaemonProcess.send(socket,
                    "{ \"command\": \"stat-lease6-get\", \"arguments\": { \"subnet-id\": 2 } }")))
                    .contains("\"text\": \"stat-lease6-get[subnet-id=2]: 1 rows found\"");
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"lease6-wipe\" }"))
                    .isEqualTo("{ \"result\": 0, \"text\": \"Deleted 3 IPv6 lease(s) from subnet(s) 1 2\" }");
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-pds")).isZero();
        }
    }
}
