package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.TestConfigs;

/**
 * ISC dhclient (Debian isc-dhcp-client) in a network namespace gets its configuration from ruru
 * in RAW mode across a veth pair: the client has no address, so the server answers with frames
 * addressed to its MAC, as Kea does for directly connected clients.
 */
class Dhcp4DhclientTest {

    private static final String RESERVED_MAC = "02:00:00:00:00:42";
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        net = NetnsPair.create("d", false, "02:00:00:00:00:01");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        Path cfg = dirs.writeConfig("raw.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "valid-lifetime": 600,
                    "renew-timer": 300,
                    "rebind-timer": 500,
                    "subnet4": [ {
                      "id": 7,
                      "subnet": "192.0.2.0/24",
                      "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                      "option-data": [
                        { "name": "routers", "data": "192.0.2.1" },
                        { "name": "domain-name-servers", "data": "192.0.2.1, 192.0.2.3" },
                        { "name": "domain-name", "data": "ruru.test" }
                      ],
                      "reservations": [
                        { "hw-address": "%s", "ip-address": "192.0.2.42", "hostname": "reserved-host" }
                      ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), RESERVED_MAC));
        socket = dirs.socket("ctl.sock");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
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

    private Map<String, String> dhclient(String tag, String... extra) throws Exception {
        return dhclient(net, dir, tag, extra);
    }

    /** Runs dhclient once with a script that records what it was given and sets the address. */
    static Map<String, String> dhclient(NetnsPair net, Path dir, String tag, String... extra) throws Exception {
        Path record = dir.resolve(tag + ".env");
        Path script = dir.resolve(tag + ".sh");
        Files.writeString(script, """
                #!/bin/sh
                env | grep -E '^(reason|interface|new_|old_)' | sort > %s.$reason
                case "$reason" in
                  BOUND|RENEW|REBOOT) ip addr flush dev "$interface"; ip addr add "$new_ip_address/24" dev "$interface" ;;
                  RELEASE|EXPIRE|STOP) ip addr flush dev "$interface" ;;
                esac
                exit 0
                """.formatted(record));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("timeout", "60", "dhclient", "-1", "-v",
                "-sf", script.toString(), "-lf", dir.resolve(tag + ".leases").toString(),
                "-pf", dir.resolve(tag + ".pid").toString()));
        cmd.addAll(java.util.List.of(extra));
        cmd.add(net.clientIface());
        net.exec(net.client(), cmd.toArray(String[]::new));
        Map<String, String> env = new HashMap<>();
        for (String reason : new String[] {"BOUND", "RELEASE"}) {
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

    private long assigned() throws Exception {
        return DaemonProcess.statistic(socket, "subnet[7].assigned-addresses");
    }

    private void setMac(String mac) throws Exception {
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "down");
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "address", mac);
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "up");
    }

    @Test
    void aClientGetsAnAddressWithRoutersDnsAndDomainAndReleasesIt() throws Exception {
        setMac("02:00:00:00:00:01");
        Map<String, String> env = dhclient("plain");
        assertThat(env.get("reason")).isEqualTo("BOUND");
        String address = env.get("new_ip_address");
        assertThat(address).startsWith("192.0.2.");
        int last = Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
        assertThat(last).isBetween(100, 199);
        assertThat(env.get("new_routers")).isEqualTo("192.0.2.1");
        assertThat(env.get("new_domain_name_servers")).isEqualTo("192.0.2.1 192.0.2.3");
        assertThat(env.get("new_domain_name")).isEqualTo("ruru.test");
        assertThat(env.get("new_subnet_mask")).isEqualTo("255.255.255.0");
        assertThat(env.get("new_dhcp_lease_time")).isEqualTo("600");
        assertThat(env.get("new_dhcp_server_identifier")).isEqualTo(NetnsPair.SERVER_IP);
        assertThat(assigned()).isEqualTo(1);
        String csv = Files.readString(dirs.data("leases4.csv"));
        assertThat(csv).contains(address + ",02:00:00:00:00:01,");

        dhclient("plain", "-r");
        await().atMost(Duration.ofSeconds(10)).until(() -> assigned() == 0);
        String[] rows = Files.readString(dirs.data("leases4.csv")).trim().split("\n");
        String lastRow = rows[rows.length - 1];
        assertThat(lastRow).startsWith(address + ",");
        // Kea's default expired-leases-processing keeps released leases for affinity: state 3 (released).
        assertThat(lastRow.split(",", -1)[9]).as("state column of " + lastRow).isEqualTo("3");
    }

    @Test
    void aClientWithAReservationGetsItsReservedAddressAndHostname() throws Exception {
        setMac(RESERVED_MAC);
        Map<String, String> env = dhclient("reserved");
        assertThat(env.get("reason")).isEqualTo("BOUND");
        assertThat(env.get("new_ip_address")).isEqualTo("192.0.2.42");
        assertThat(env.get("new_host_name")).isEqualTo("reserved-host");
        dhclient("reserved", "-r");
    }
}
