package ruru.dhcp6;

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

/**
 * A DHCPv6 site with its leases in PostgreSQL, as the end-to-end tests build it: a private cluster
 * with a database made by Kea 2.2's {@code kea-admin db-init pgsql} (schema 13.0), DHCPv6 servers
 * (ruru and kea-dhcp6 2.2) in network namespaces reaching it through its socket directory, and
 * perfdhcp -6 on the client side of each.
 */
final class Pgsql6Site {

    static final String USER = "kea";
    static final String PASSWORD = "site6-secret-9";
    /** Kea's (and ruru's) DHCP6_LEASE_ALLOC / DHCP6_PD_LEASE_ALLOC lines: client DUID and the address or prefix. */
    private static final Pattern ALLOC = Pattern.compile(
            "DHCP6_(?:PD_)?LEASE_ALLOC .*?duid=\\[([0-9a-f:]+)\\].*?lease for (?:address|prefix) ([0-9a-f:]+)(?:/\\d+)? "
                    + "and iaid=\\d+ has been allocated");

    private Pgsql6Site() {
    }

    static PgCluster cluster(String db) throws Exception {
        NetnsPair.requireTool("kea-dhcp6", "kea-dhcp6-server");
        return KeaDaemon.keaAdminDatabase(db, USER, PASSWORD);
    }

    static String leaseDatabase(PgCluster pg, String db, String extra) {
        return """
                { "type": "postgresql", "name": "%s", "host": "%s", "port": %d, "user": "%s", "password": "%s"%s }"""
                .formatted(db, pg.socketDir(), pg.port(), USER, PASSWORD, extra);
    }

    /**
     * One subnet on {@code iface} with an address pool and a prefix pool, the same for every server
     * (same subnet id): Kea and ruru read the same text. {@code serverId} keeps each server's DUID
     * in the configuration (no server-id file).
     */
    static String config(String iface, String socket, String leaseDatabase, String hooks, String serverId, String extra) {
        return """
                {
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "%2$s" },
                    "server-id": { "type": "EN", "enterprise-id": 2495, "identifier": "%5$s", "persist": false },
                    "lease-database": %3$s,
                    "hooks-libraries": [ %4$s ],
                    "preferred-lifetime": 3000,
                    "valid-lifetime": 4000,
                    %6$s
                    "subnet6": [ {
                      "id": 1,
                      "subnet": "2001:db8:1::/64",
                      "interface": "%1$s",
                      "pools": [ { "pool": "2001:db8:1::1:0 - 2001:db8:1::1:ffff" } ],
                      "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 40, "delegated-len": 56 } ]
                    } ],
                    "loggers": [ { "name": "kea-dhcp6", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ]
                  }
                }
                """.formatted(iface, socket, leaseDatabase, hooks, serverId, extra);
    }

    static String keaHooks() {
        return "{ \"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so\" }, "
                + "{ \"library\": \"/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_stat_cmds.so\" }";
    }

    static String ruruHooks() {
        return "{ \"library\": \"libdhcp_lease_cmds.so\" }, { \"library\": \"libdhcp_stat_cmds.so\" }, "
                + "{ \"library\": \"libdhcp_pgsql.so\" }";
    }



    /**
     * perfdhcp -6 on the client side of {@code net}, every client asking for an address and a
     * prefix; clients' DUIDs are made from MACs starting at {@code macBase}.
     */
    static Process perfdhcp(NetnsPair net, Path out, String macBase, String... extra) throws IOException {
        // perfdhcp -6 makes its clients' DUID-LLTs from the MAC base (its duid= base is not used for them)
        List<String> cmd = new ArrayList<>(List.of("perfdhcp", "-6", "-l", net.clientIface(), "-e", "address-and-prefix",
                "-b", "mac=" + macBase));
        cmd.addAll(List.of(extra));
        return net.start(net.client(), out, cmd.toArray(String[]::new));
    }


    /** REQUEST-REPLY exchanges perfdhcp -6 completed. */
    static long replies(String perf) {
        return KeaDaemon.number(perf, "(?s)REQUEST-REPLY.*?received packets: (\\d+)");
    }

    /**
     * Every allocation line of the logs: address (or prefix) to client DUID (colon hex). Fails when
     * one address or prefix was given to two different clients.
     */
    static Map<String, String> allocations(String... logs) {
        Map<String, String> byAddress = new HashMap<>();
        for (String log : logs) {
            Matcher m = ALLOC.matcher(log);
            while (m.find()) {
                String duid = m.group(1);
                String address = m.group(2);
                String before = byAddress.putIfAbsent(address, duid);
                if (before != null && !before.equals(duid)) {
                    StringBuilder why = new StringBuilder("address " + address + " was given to " + before + " and to "
                            + duid + "; the lines naming it:\n");
                    for (String l : logs) {
                        l.lines().filter(x -> x.contains(address + " ") || x.contains(address + "/")
                                || x.contains(before) || x.contains(duid)).forEach(x -> why.append(x).append('\n'));
                    }
                    throw new AssertionError(why.toString());
                }
            }
        }
        return byAddress;
    }

    /** lease6 rows: address (prefix) to DUID in colon hex. */
    static Map<String, String> rows(PgCluster pg, String db) throws Exception {
        Map<String, String> rows = new HashMap<>();
        for (String line : pg.psql(db, "SELECT address, encode(duid, 'hex') FROM lease6").lines().toList()) {
            String[] f = line.split("\\|");
            rows.put(f[0], f[1].replaceAll("(..)(?!$)", "$1:"));
        }
        return rows;
    }
}
