package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;

/**
 * Kea 3's {@code binding-variables} of {@code libdhcp_lease_cmds.so} on a real daemon (Kea 2.2 has
 * no such parameter, so the reference is Kea 3's lease_cmds source and its unit tests): a relay in a
 * network namespace sends a DISCOVER and a REQUEST; the OFFER held for {@code offer-lifetime} and then
 * the ACKed lease carry the values in their user-context under {@code ISC} → {@code binding-variables}
 * (query values from the client's packet, response values from the OFFER, then the ACK), in
 * lease4-get and in the memfile's user_context column. A library refusing its parameters fails a
 * config-set with Kea 3's text.
 */
class Dhcp4BindingVariablesEndToEndTest {

    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;
    private static Path socket;
    private static Path leaseFile;

    private static final String CONFIG = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "%s" ] },
                "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                "lease-database": { "type": "memfile", "name": "leases4.csv" },
                "hooks-libraries": [ { "library": "libdhcp_lease_cmds.so", "parameters": {
                  "binding-variables": [
                    { "name": "hwaddr", "expression": "hexstring(pkt4.mac, ':')", "source": "query" },
                    { "name": "yiaddr", "expression": "addrtotext(pkt4.yiaddr)", "source": "response" },
                    { "name": "msgtype", "expression": "uint32totext(pkt4.msgtype)", "source": "response" }
                  ] } } ],
                "valid-lifetime": 600,
                "offer-lifetime": 120,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.12" } ] } ]
              }
            }
            """;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        net = NetnsPair.create("b", true, "02:00:00:00:00:01");
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("bind.json", CONFIG.formatted(net.serverIface()));
        socket = dirs.socket("ctl.sock");
        leaseFile = dirs.data("leases4.csv");
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        ruru.testing.Closer.closeAll(daemon, net, dirs);
    }

    private static String[] client(String... args) throws Exception {
        Path out = dirs.root().resolve("client-" + System.nanoTime() + ".out");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "ruru.testing.DoraClient", args[0], NetnsPair.CLIENT_IP, NetnsPair.SERVER_IP));
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = net.start(net.client(), out, cmd.toArray(String[]::new));
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return Files.readAllLines(out).getFirst().trim().split(" ");
    }

    /** The lease's user-context from lease4-get. */
    private static MapElement context(String address) throws Exception {
        MapElement lease = DaemonProcess.lease4(socket, address);
        return (MapElement) lease.get("user-context");
    }

    /** The user_context column of the address's last row in the lease file, as Kea escapes commas. */
    private static String csvContext(String address) throws Exception {
        List<String> lines = Files.readAllLines(leaseFile);
        List<String> header = List.of(lines.getFirst().split(","));
        int column = header.indexOf("user_context");
        String last = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[0].equals(address)) {
                last = f[column];
            }
        }
        return last;
    }

    private static MapElement json(String text) throws Exception {
        return (MapElement) Json.parse(text, ParseOptions.string());
    }

    @Test
    void heldOfferAndAckedLeaseCarryTheValues() throws Exception {
        String[] offer = client("discover", "1");
        assertThat(offer[0]).isEqualTo("OFFER");
        String address = offer[1];
        MapElement offered = json("{ \"ISC\": { \"binding-variables\": { \"hwaddr\": \"02:44:00:00:00:01\", "
                + "\"msgtype\": \"2\", \"yiaddr\": \"" + address + "\" } } }");
        assertThat(context(address)).isEqualTo(offered);
        assertThat(csvContext(address)).isEqualTo("{ \"ISC\": { \"binding-variables\": { \"hwaddr\": "
                + "\"02:44:00:00:00:01\"&#x2c \"msgtype\": \"2\"&#x2c \"yiaddr\": \"" + address + "\" } } }");

        String[] ack = client("request", "1", address);
        assertThat(ack[0]).isEqualTo("ACK");
        MapElement acked = json("{ \"ISC\": { \"binding-variables\": { \"hwaddr\": \"02:44:00:00:00:01\", "
                + "\"msgtype\": \"5\", \"yiaddr\": \"" + address + "\" } } }");
        assertThat(context(address)).isEqualTo(acked);
        assertThat(csvContext(address)).contains("\"msgtype\": \"5\"");

        // a renewal with the same values leaves them as they are
        assertThat(client("request", "1", address)[0]).isEqualTo("ACK");
        assertThat(context(address)).isEqualTo(acked);
    }

    @Test
    void refusedParametersFailTheConfigurationWithKea3sText() throws Exception {
        String bad = CONFIG.formatted(net.serverIface()).replace("\"uint32totext(pkt4.msgtype)\", \"source\": \"response\"",
                "\"uint32totext(pkt4.msgtype)\", \"source\": \"reply\"");
        assertThat(bad).contains("\"reply\"");
        MapElement answer = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": " + bad + " }");
        assertThat(answer.get("result").asLong()).hasValue(1L);
        assertThat(answer.get("text").asString().orElseThrow()).contains("libdhcp_lease_cmds.so")
                .contains("cannot add BindingVariable to cache: invalid config: invalid source 'reply', "
                        + "must be either 'query' or 'response'");
        // the configuration in force keeps its variables
        String[] offer = client("discover", "2");
        assertThat(offer[0]).isEqualTo("OFFER");
        assertThat(context(offer[1]).get("ISC")).isNotNull();
    }
}
