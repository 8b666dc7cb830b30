package ruru.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.Netns6;
import ruru.testing.NetnsPair;

/**
 * Kea 3's {@code binding-variables} of {@code libdhcp_lease_cmds.so} in the DHCPv6 server (Kea 2.2
 * has no such parameter, so the reference is Kea 3's lease_cmds source and its unit tests): a relayed
 * client's SOLICIT/REQUEST exchange commits a lease whose user-context then holds the values, under
 * {@code ISC} → {@code binding-variables}, from the client's REQUEST (its DUID, its transaction id)
 * and from the REPLY (its message type), in lease6-get and in the memfile's user_context column; the
 * ADVERTISE commits nothing, so nothing is evaluated for it.
 */
class Dhcp6BindingVariablesEndToEndTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;
    private static Path socket;
    private static Path leaseFile;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        net = Netns6.create("b", true, null);
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("bind6.json", """
                { "Dhcp6": { "interfaces-config": { "interfaces": [ "%s/%s" ] },
                  "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                  "lease-database": { "type": "memfile", "name": "leases6.csv", "lfc-interval": 0 },
                  "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so", "parameters": {
                    "binding-variables": [
                      { "name": "duid", "expression": "hexstring(option[1].hex, ':')", "source": "query" },
                      { "name": "transid", "expression": "uint32totext(pkt6.transid)", "source": "query" },
                      { "name": "msgtype", "expression": "uint32totext(pkt6.msgtype)", "source": "response" }
                    ] } } ],
                  "preferred-lifetime": 3000, "valid-lifetime": 4000,
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "%s",
                                 "pools": [ { "pool": "2001:db8:1::1:0/112" } ] } ] } }
                """.formatted(net.serverIface(), Netns6.SERVER_IP6, net.serverIface()));
        socket = dirs.socket("ctl.sock");
        leaseFile = dirs.data("leases6.csv");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp6", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        ruru.testing.Closer.closeAll(daemon, net, dirs);
    }

    /** One relayed SOLICIT/ADVERTISE/REQUEST/REPLY for client {@code index}: {@code REPLY <address> <duid>}. */
    private static String[] sarr(int index) throws Exception {
        Path out = dirs.root().resolve("sarr-" + System.nanoTime() + ".out");
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "ruru.testing.Dhcp6TestClient", "sarr", Netns6.CLIENT_IP6,
                Netns6.SERVER_IP6, "1", Integer.toString(index));
        Process p = net.start(net.client(), out, cmd.toArray(String[]::new));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.readAllLines(out).getFirst().trim().split(" ");
    }

    private static MapElement lease6(String address) throws Exception {
        MapElement answer = DaemonProcess.call(socket, "{ \"command\": \"lease6-get\", \"arguments\": "
                + "{ \"ip-address\": \"" + address + "\" } }");
        assertThat(answer.get("result").asLong()).as(answer.toString()).hasValue(0L);
        return (MapElement) answer.get("arguments");
    }

    private static String csvContext(String address) throws Exception {
        List<String> lines = Files.readAllLines(leaseFile);
        int column = List.of(lines.getFirst().split(",")).indexOf("user_context");
        String last = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[0].equals(address)) {
                last = f[column];
            }
        }
        return last;
    }

    @Test
    void committedLeaseCarriesTheValuesFromRequestAndReply() throws Exception {
        String[] got = sarr(3);
        assertThat(got[0]).isEqualTo("REPLY");
        String address = got[1];
        String duid = got[2];
        // the client's REQUEST has transaction id 2 * 3 + 1 (Dhcp6TestClient), the REPLY is type 7
        MapElement expected = (MapElement) Json.parse("{ \"ISC\": { \"binding-variables\": { \"duid\": \"" + duid
                + "\", \"msgtype\": \"7\", \"transid\": \"7\" } } }", ParseOptions.string());
        assertThat(lease6(address).get("user-context")).isEqualTo(expected);
        assertThat(csvContext(address)).isEqualTo("{ \"ISC\": { \"binding-variables\": { \"duid\": \"" + duid
                + "\"&#x2c \"msgtype\": \"7\"&#x2c \"transid\": \"7\" } } }");
        // the same client again: the same lease, the same values
        assertThat(sarr(3)[1]).isEqualTo(address);
        assertThat(lease6(address).get("user-context")).isEqualTo(expected);
    }
}
