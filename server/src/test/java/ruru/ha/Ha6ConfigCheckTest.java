package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * libdhcp_ha.so in a Dhcp6 configuration: accepted by name with Kea's parameters, and a broken
 * high-availability section is reported by -t with the HA library's text.
 */
class Ha6ConfigCheckTest {

    private static String config(String ha) {
        return """
                { "Dhcp6": {
                  "interfaces-config": { "interfaces": [ ] },
                  "lease-database": { "type": "memfile", "persist": false },
                  "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so" },
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so",
                      "parameters": { "high-availability": [ %s ] } } ],
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64" } ] } }""".formatted(ha);
    }

    private static DaemonProcess.Result check(DaemonDirs dirs, String name, String ha) throws Exception {
        Path f = dirs.writeConfig(name, config(ha));
        return DaemonProcess.runToEnd(dirs, "dhcp6", "-t", f.toString());
    }

    @Test
    void theHaLibraryIsAcceptedAndItsErrorsAreKeas() throws Exception {
        DaemonDirs dirs = DaemonDirs.create();
        DaemonProcess.Result ok = check(dirs, "ok.json", "{ \"this-server-name\": \"server1\", \"mode\": "
                + "\"load-balancing\", \"peers\": [ { \"name\": \"server1\", \"url\": \"http://192.0.2.1:8001/\", "
                + "\"role\": \"primary\" }, { \"name\": \"server2\", \"url\": \"http://192.0.2.2:8002/\", "
                + "\"role\": \"secondary\" } ] }");
        assertThat(ok.exit()).as(ok.err()).isZero();
        DaemonProcess.Result bad = check(dirs, "bad.json", "{ \"this-server-name\": \"server1\", \"mode\": "
                + "\"hot-standby\" }");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out() + bad.err()).contains("hooks libraries failed to validate - library or libraries in "
                + "error are: /usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so: 'peers' parameter missing in HA "
                + "configuration");
    }
}
