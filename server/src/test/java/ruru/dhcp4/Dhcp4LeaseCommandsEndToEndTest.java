package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestConfigs;

/**
 * Kea's lease_cmds and stat_cmds configured exactly as in a Kea configuration (the .so names),
 * leases managed over the UNIX socket: added leases survive a restart, deleted ones stay deleted.
 */
class Dhcp4LeaseCommandsEndToEndTest {

    @Test
    void leasesManagedWithLeaseCmdsSurviveARestart() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        Path cfg = dirs.writeConfig("kea.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "hooks-libraries": [
                      { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" },
                      { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_stat_cmds.so" }
                    ],
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.100" } ] } ]
                  }
                }
                """);
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": "
                    + "\"192.0.2.50\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"hostname\": \"pc50\" } }"))
                    .isEqualTo("{ \"result\": 0, \"text\": \"Lease for address 192.0.2.50, subnet-id 1 added.\" }");
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": "
                    + "\"192.0.2.51\", \"hw-address\": \"1a:1b:1c:1d:1e:20\" } }")).contains("\"result\": 0");
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"lease4-del\", \"arguments\": { \"ip-address\": "
                    + "\"192.0.2.51\" } }")).isEqualTo("{ \"result\": 0, \"text\": \"IPv4 lease deleted.\" }");
            assertThat(DaemonProcess.statistic(socket, "subnet[1].assigned-addresses")).isEqualTo(1);
            // as kea-dhcp4 2.2: lease4-add counts in assigned-addresses, not cumulatively
            assertThat(DaemonProcess.statistic(socket, "subnet[1].cumulative-assigned-addresses")).isZero();
            DaemonProcess.send(socket, "{ \"command\": \"shutdown\" }");
            assertThat(d.waitForExit(Duration.ofSeconds(30))).isZero();
        }
        try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            MapElement found = DaemonProcess.call(socket,
                    "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \"192.0.2.50\" } }");
            assertThat(found.get("text")).isEqualTo(Element.of("IPv4 lease found."));
            assertThat(((MapElement) found.get("arguments")).get("hostname")).isEqualTo(Element.of("pc50"));
            assertThat(DaemonProcess.send(socket,
                    "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \"192.0.2.51\" } }"))
                    .isEqualTo("{ \"result\": 3, \"text\": \"Lease not found.\" }");
            assertThat(DaemonProcess.send(socket, "{ \"command\": \"stat-lease4-get\", \"arguments\": { \"subnet-id\": 1 } }"))
                    .contains("\"rows\": [ [ 1, 91, ").contains("stat-lease4-get[subnet-id=1]: 1 rows found");
        }
    }
}
