package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * ISC dhclient -6 (Debian isc-dhcp-client) in a network namespace gets an address, and with -P a
 * delegated prefix, from ruru across a veth pair, with DNS servers and a domain search list; a
 * release removes them; the lease file and the statistics agree with what the client holds.
 */
class Dhcp6DhclientTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        net = Netns6.create("e", false, "02:00:00:00:00:02");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        Path cfg = dirs.writeConfig("d6.json", """
                {
                  "Dhcp6": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases6.csv" },
                    "preferred-lifetime": 300,
                    "valid-lifetime": 600,
                    "option-data": [
                      { "name": "dns-servers", "data": "2001:db8:1::53, 2001:db8:1::54" },
                      { "name": "domain-search", "data": "ruru.test, example.org" }
                    ],
                    "subnet6": [ {
                      "id": 1,
                      "subnet": "2001:db8:1::/64",
                      "interface": "%1$s",
                      "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                      "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface()));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (net != null) {
            net.close();
        }
    }

    /** Runs dhclient -6 once with a script that records what it was given and sets the address. */
    private Map<String, String> dhclient(String tag, String... extra) throws Exception {
        Path record = dir.resolve(tag + ".env");
        Path script = dir.resolve(tag + ".sh");
        Files.writeString(script, """
                #!/bin/sh
                env | grep -E '^(reason|interface|new_|old_|cur_)' | sort > %s.$reason
                case "$reason" in
                  BOUND6|RENEW6|REBIND6) [ -n "$new_ip6_address" ] && ip -6 addr replace "$new_ip6_address/128" dev "$interface" valid_lft "$new_max_life" preferred_lft "$new_preferred_life" ;;
                  RELEASE6|EXPIRE6|STOP6) [ -n "$old_ip6_address" ] && ip -6 addr del "$old_ip6_address/128" dev "$interface" ;;
                esac
                exit 0
                """.formatted(record));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "dhclient", "-6", "-1", "-v",
                "-sf", script.toString(), "-lf", dir.resolve(tag + ".leases").toString(),
                "-pf", dir.resolve(tag + ".pid").toString()));
        cmd.addAll(List.of(extra));
        cmd.add(net.clientIface());
        net.exec(net.client(), cmd.toArray(String[]::new));
        Map<String, String> env = new HashMap<>();
        for (String reason : new String[] {"BOUND6", "RELEASE6"}) {
            Path f = Path.of(record + "." + reason);
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f)) {
                    int eq = line.indexOf('=');
                    env.put(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
                }
            }
        }
        return env;
    }

    /** The lease file's live rows (Kea's rules: last row per address wins, valid lifetime 0 deletes). */
    private static Map<String, String[]> live() throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(dirs.data("leases6.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[2].equals("0")) {
                rows.remove(f[0]);
            } else {
                rows.put(f[0], f);
            }
        }
        return rows;
    }

    @Test
    void anAddressWithDnsServersAndDomainSearchThenReleased() throws Exception {
        Map<String, String> env = dhclient("na");
        assertThat(env.get("reason")).isEqualTo("BOUND6");
        String address = env.get("new_ip6_address");
        assertThat(address).startsWith("2001:db8:1::1");
        assertThat(env.get("new_dhcp6_name_servers")).isEqualTo("2001:db8:1::53 2001:db8:1::54");
        assertThat(env.get("new_dhcp6_domain_search")).isEqualTo("ruru.test. example.org.");
        assertThat(env.get("new_preferred_life")).isEqualTo("300");
        assertThat(env.get("new_max_life")).isEqualTo("600");
        assertThat(net.exec(net.client(), "ip", "-6", "addr", "show", "dev", net.clientIface())).contains(address);
        String[] row = live().get(address);
        assertThat(row).as("lease row of " + address).isNotNull();
        assertThat(row[6]).as("lease_type").isEqualTo("0");
        assertThat(row[13]).as("state").isEqualTo("0");
        assertThat(row[12]).as("hwaddr from the DUID-LLT").isEqualTo("02:00:00:00:00:02");
        assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-nas")).isEqualTo(1);
        assertThat(Files.readString(dirs.data("kea-dhcp6-serverid")))
                .matches("00:01:00:01(:[0-9a-f]{2}){10}");

        dhclient("na", "-r");
        await().atMost(Duration.ofSeconds(10)).until(() -> DaemonProcess.statistic(socket, "subnet[1].assigned-nas") == 0);
        assertThat(net.exec(net.client(), "ip", "-6", "addr", "show", "dev", net.clientIface())).doesNotContain(address);
        // Kea's default expired-leases-processing keeps a released lease for affinity: state 3.
        assertThat(live().get(address)[13]).isEqualTo("3");
    }

    @Test
    void aDelegatedPrefixThenReleased() throws Exception {
        Map<String, String> env = dhclient("pd", "-P");
        assertThat(env.get("reason")).isEqualTo("BOUND6");
        String prefix = env.get("new_ip6_prefix");
        assertThat(prefix).startsWith("2001:db8:8:").endsWith("/64");
        String start = prefix.substring(0, prefix.indexOf('/'));
        assertThat(live().get(start)[6]).as("lease_type IA_PD").isEqualTo("2");
        assertThat(live().get(start)[8]).as("prefix_len").isEqualTo("64");
        assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-pds")).isEqualTo(1);
        dhclient("pd", "-P", "-r");
        await().atMost(Duration.ofSeconds(10)).until(() -> DaemonProcess.statistic(socket, "subnet[1].assigned-pds") == 0);
        assertThat(live().get(start)[13]).isEqualTo("3");
    }
}
