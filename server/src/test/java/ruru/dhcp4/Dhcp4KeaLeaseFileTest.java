package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestConfigs;

/** A user migrating from Kea points ruru at Kea's own lease file and keeps every lease. */
class Dhcp4KeaLeaseFileTest {

    private static long stat(Path socket, String name) throws Exception {
        return DaemonProcess.statistic(socket, name);
    }

    @Test
    void aLeaseFileWrittenByKea22LoadsWithEveryLease() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        Path dir = dirs.root();
        // Written by kea-dhcp4 2.2.0 itself (see src/test/resources/ruru/lease/FIXTURES.md).
        try (InputStream in = getClass().getResourceAsStream("/ruru/lease/kea22-leases4.csv")) {
            Files.write(dirs.data("kea-leases4.csv"), in.readAllBytes());
        }
        Path cfg = dirs.writeConfig("kea.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "kea-leases4.csv", "lfc-interval": 0 },
                    "expired-leases-processing": { "reclaim-timer-wait-time": 0, "flush-reclaimed-timer-wait-time": 0 },
                    "subnet4": [
                      { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ] },
                      { "id": 7, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.200" } ] }
                    ]
                  }
                }
                """);
        Path socket = dirs.socket("ctl.sock");
        try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp4", "-c", cfg.toString())) {
            d.awaitSocket(socket);
            // Live after Kea's rules: .10 .11 .12 .13 (declined) .16 .17 .18 in subnet 1; .21 in subnet 7.
            assertThat(stat(socket, "subnet[1].assigned-addresses")).isEqualTo(7);
            assertThat(stat(socket, "subnet[1].declined-addresses")).isEqualTo(1);
            assertThat(stat(socket, "subnet[7].assigned-addresses")).isEqualTo(1);
        }
        assertThat(Files.readAllLines(dirs.data("kea-leases4.csv")).get(0))
                .as("the file was upgraded to Kea 3's schema").endsWith(",user_context,pool_id");
    }
}
