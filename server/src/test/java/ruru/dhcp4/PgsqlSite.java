package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ruru.testing.KeaDaemon;
import ruru.testing.NetnsPair;
import ruru.testing.PgCluster;
import ruru.testing.TestConfigs;

/**
 * A site with its leases in PostgreSQL, as the end-to-end tests build it: a private cluster with a
 * database made by Kea 2.2's {@code kea-admin db-init pgsql}, DHCP servers (ruru and kea-dhcp4
 * 2.2) in network namespaces reaching it through its socket directory, and perfdhcp acting as a
 * relay from each client namespace.
 */
final class PgsqlSite {

    static final String USER = "kea";
    static final String PASSWORD = "site-secret-7";
    private static final Pattern ALLOC = Pattern.compile(
            "DHCP4_LEASE_ALLOC .*?((?:[0-9a-f]{2}:){5}[0-9a-f]{2}).*?lease (\\d+\\.\\d+\\.\\d+\\.\\d+) has been allocated");

    private PgsqlSite() {
    }

    static PgCluster cluster(String db) throws Exception {
        NetnsPair.requireTool("kea-dhcp4", "kea-dhcp4-server");
        return KeaDaemon.keaAdminDatabase(db, USER, PASSWORD);
    }

    static String leaseDatabase(PgCluster pg, String db, String extra) {
        return """
                { "type": "postgresql", "name": "%s", "host": "%s", "port": %d, "user": "%s", "password": "%s"%s }"""
                .formatted(db, pg.socketDir(), pg.port(), USER, PASSWORD, extra);
    }

    /** A relayed-only server on {@code iface} with one big pool; Kea and ruru read the same text. */
    static String config(String iface, String socket, String leaseDatabase, String hooks, String extra) {
        return """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ], "dhcp-socket-type": "udp" },
                    "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                    "lease-database": %s,
                    "hooks-libraries": [ %s ],
                    "valid-lifetime": 4000,
                    %s
                    "subnet4": [ {
                      "id": 1,
                      "subnet": "198.18.0.0/15",
                      "relay": { "ip-addresses": [ "192.0.2.2" ] },
                      "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ]
                    } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ]
                  }
                }
                """.formatted(iface, socket, leaseDatabase, hooks, extra);
    }

    static String keaHooks() {
        return "{ \"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so\" }, "
                + "{ \"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_stat_cmds.so\" }";
    }

    static String ruruHooks() {
        return "{ \"library\": \"libdhcp_lease_cmds.so\" }, { \"library\": \"libdhcp_stat_cmds.so\" }, "
                + "{ \"library\": \"libdhcp_pgsql.so\" }";
    }

    /** kea-dhcp4 2.2 in the server namespace of {@code net}, its files in {@code dir}. */
    static Process startKea(NetnsPair net, Path dir, Path config) throws IOException {
        return KeaDaemon.start(net, dir, "kea-dhcp4", config);
    }

    static void awaitSocket(Path socket, Process p, Path log) throws Exception {
        KeaDaemon.awaitSocket(socket, p, log);
    }

    /** perfdhcp as a relay in the client namespace; clients' MACs start at {@code macBase}. */
    static Process perfdhcp(NetnsPair net, Path out, String macBase, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("perfdhcp", "-4", "-l", NetnsPair.CLIENT_IP, "-b", "mac=" + macBase));
        cmd.addAll(List.of(extra));
        cmd.add(NetnsPair.SERVER_IP);
        return net.start(net.client(), out, cmd.toArray(String[]::new));
    }

    /** ruru's raw DORA client as a relay in the client namespace; its one-line answer split in words. */
    static String[] doraClient(NetnsPair net, Path dir, String... args) throws Exception {
        Path out = dir.resolve("client-" + System.nanoTime() + ".out");
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "ruru.testing.DoraClient", args[0], NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP));
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = net.start(net.client(), out, cmd.toArray(String[]::new));
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return java.nio.file.Files.readString(out).trim().split(" ");
    }

    static long number(String text, String regex) {
        return KeaDaemon.number(text, regex);
    }

    /**
     * Every DHCP4_LEASE_ALLOC line of the logs: address to client MAC. Fails when one address was
     * given to two different clients.
     */
    static Map<String, String> allocations(String... logs) {
        Map<String, String> byAddress = new HashMap<>();
        for (String log : logs) {
            Matcher m = ALLOC.matcher(log);
            while (m.find()) {
                String mac = m.group(1);
                String address = m.group(2);
                String before = byAddress.putIfAbsent(address, mac);
                assertThat(before == null || before.equals(mac))
                        .as("address " + address + " was given to " + before + " and to " + mac).isTrue();
            }
        }
        return byAddress;
    }

    static Path dir() throws IOException {
        return TestConfigs.shortTempDir();
    }
}
