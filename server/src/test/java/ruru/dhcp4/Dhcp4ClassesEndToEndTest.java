package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.DaemonDirs;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Client classes as a Kea user meets them, with ISC dhclient in a network namespace: a PXE client
 * (vendor class "PXEClient:Arch:00007") gets its class's boot file and pool, a plain client the
 * pool for unknown clients, a reserved client the pool for known ones; a relay whose circuit-id
 * matches the DROP class gets no answer and the drop is counted.
 */
class Dhcp4ClassesEndToEndTest {

    private static final String KNOWN_MAC = "02:00:00:00:00:42";
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static Path dir;
    private static DaemonProcess daemon;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        NetnsPair.requireTool("dhclient", "isc-dhcp-client");
        NetnsPair.requireTool("socat", "socat");
        net = NetnsPair.create("c", false, "02:00:00:00:00:01");
        dirs = DaemonDirs.create();
        dir = dirs.root();
        Path cfg = dirs.writeConfig("classes.json", """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ] },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "lease-database": { "type": "memfile", "name": "leases4.csv" },
                    "valid-lifetime": 600,
                    "client-classes": [
                      { "name": "pxe-uefi",
                        "test": "substring(option[60].hex, 0, 9) == 'PXEClient' and split(option[60].text, ':', 3) == '00007'",
                        "next-server": "192.0.2.1", "server-hostname": "tftp.example", "boot-file-name": "ipxe.efi",
                        "valid-lifetime": 300 },
                      { "name": "DROP", "test": "relay4[1].hex == 'rogue-port'" }
                    ],
                    "subnet4": [ {
                      "id": 7,
                      "subnet": "192.0.2.0/24",
                      "pools": [
                        { "pool": "192.0.2.10 - 192.0.2.19", "client-classes": [ "pxe-uefi" ] },
                        { "pool": "192.0.2.20 - 192.0.2.29", "client-class": "KNOWN" },
                        { "pool": "192.0.2.100 - 192.0.2.199", "client-classes": [ "UNKNOWN" ] }
                      ],
                      "option-data": [ { "name": "routers", "data": "192.0.2.1" } ],
                      "reservations": [ { "hw-address": "%s", "hostname": "known-host" } ]
                    } ]
                  }
                }
                """.formatted(net.serverIface(), KNOWN_MAC));
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
        if (dirs != null) {
            dirs.close();
        }
    }

    /** Runs dhclient once (with an optional dhclient.conf) and returns what its script was given. */
    static Map<String, String> dhclient(NetnsPair net, Path dir, String tag, String conf) throws Exception {
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
        Path cf = dir.resolve(tag + ".conf");
        Files.writeString(cf, conf);
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "dhclient", "-1", "-v", "-cf", cf.toString(),
                "-sf", script.toString(), "-lf", dir.resolve(tag + ".leases").toString(),
                "-pf", dir.resolve(tag + ".pid").toString(), net.clientIface()));
        net.exec(net.client(), cmd.toArray(String[]::new));
        Map<String, String> env = new HashMap<>();
        Path f = Path.of(record + ".BOUND");
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f)) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1).replace("'", ""));
            }
        }
        net.exec(net.client(), "ip", "addr", "flush", "dev", net.clientIface());
        return env;
    }

    static void setMac(NetnsPair net, String mac) throws Exception {
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "down");
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "address", mac);
        net.exec(net.client(), "ip", "link", "set", net.clientIface(), "up");
    }

    private static int lastOctet(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
    }

    @Test
    void pxeClientGetsItsClassesBootFileAndPool() throws Exception {
        setMac(net, "02:00:00:00:00:07");
        Map<String, String> env = dhclient(net, dir, "pxe", "send vendor-class-identifier \"PXEClient:Arch:00007\";\n");
        assertThat(env.get("reason")).isEqualTo("BOUND");
        // its class's pool, or the UNKNOWN one it is admitted to as well when the subnet's last
        // allocation (another test's client) was there: Kea's iterative allocator goes on in that pool
        int octet = lastOctet(env.get("new_ip_address"));
        assertThat(octet >= 10 && octet <= 19 || octet >= 100 && octet <= 199).as("address %s", octet).isTrue();
        assertThat(env.get("new_filename")).isEqualTo("ipxe.efi");
        assertThat(env.get("new_server_name")).isEqualTo("tftp.example");
        assertThat(env.get("new_dhcp_lease_time")).isEqualTo("300");
    }

    @Test
    void plainClientGetsTheUnknownPoolAndNoBootFile() throws Exception {
        setMac(net, "02:00:00:00:00:01");
        Map<String, String> env = dhclient(net, dir, "plain", "");
        assertThat(env.get("reason")).isEqualTo("BOUND");
        assertThat(lastOctet(env.get("new_ip_address"))).isBetween(100, 199);
        assertThat(env).doesNotContainKey("new_filename");
        assertThat(env.get("new_dhcp_lease_time")).isEqualTo("600");
    }

    @Test
    void reservedClientIsKnownAndGetsTheKnownPool() throws Exception {
        setMac(net, KNOWN_MAC);
        Map<String, String> env = dhclient(net, dir, "known", "");
        assertThat(env.get("reason")).isEqualTo("BOUND");
        assertThat(lastOctet(env.get("new_ip_address"))).isBetween(20, 29);
        assertThat(env.get("new_host_name")).isEqualTo("known-host");
    }

    @Test
    void relayWithTheDropClassesCircuitIdIsDroppedAndCounted() throws Exception {
        net.exec(net.client(), "ip", "addr", "add", NetnsPair.CLIENT_IP + "/24", "dev", net.clientIface());
        try {
            long drops = DaemonProcess.statistic(socket, "pkt4-receive-drop");
            long offers = DaemonProcess.statistic(socket, "pkt4-offer-sent");
            relay("rogue-port", 0x0a);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> DaemonProcess.statistic(socket, "pkt4-receive-drop") == drops + 1);
            // The same relay with another circuit-id is answered: the drop is the class's doing.
            relay("port-1", 0x0b);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> DaemonProcess.statistic(socket, "pkt4-offer-sent") == offers + 1);
            assertThat(DaemonProcess.statistic(socket, "pkt4-receive-drop")).isEqualTo(drops + 1);
        } finally {
            net.exec(net.client(), "ip", "addr", "flush", "dev", net.clientIface());
        }
    }

    /** A DISCOVER relayed by 192.0.2.2 (port 67 to port 67) with RAI circuit-id {@code circuit}. */
    private static void relay(String circuit, int macByte) throws Exception {
        byte[] id = circuit.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] rai = new byte[id.length + 2];
        rai[0] = 1;
        rai[1] = (byte) id.length;
        System.arraycopy(id, 0, rai, 2, id.length);
        Dhcp4Packet discover = Dhcp4Packet.builder().op(1).htype(1).hlen(6).hops(1).xid(0x5eed0000 | macByte)
                .giaddr(Ipv4Address.parse(NetnsPair.CLIENT_IP))
                .chaddr(new HardwareAddress(1, HexFormat.of().parseHex("0200000099" + String.format("%02x", macByte))))
                .options(Dhcp4Options.builder().put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.DISCOVER.code()})
                        .put(OptionCodes.AGENT_INFO, rai).build())
                .build();
        Path pkt = dir.resolve("relayed-" + circuit + ".bin");
        Files.write(pkt, discover.encode());
        net.exec(net.client(), "socat", "-u", "OPEN:" + pkt, "UDP4-SENDTO:" + NetnsPair.SERVER_IP + ":67,sourceport=67");
    }
}
