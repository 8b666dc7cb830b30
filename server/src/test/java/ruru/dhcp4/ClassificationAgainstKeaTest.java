package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Kea is the oracle: kea-dhcp4 2.2 and ruru run the same class configuration (FACTS 12.7, in Kea
 * 2.2's spelling), each in its own pair of network namespaces, and answer the same relayed
 * DISCOVERs (and a BOOTP request, both with libdhcp_bootp.so); the replies must carry the same
 * address, boot fields, lease time and options.
 */
class ClassificationAgainstKeaTest {

    static final String CONFIG = """
            { "Dhcp4": {
              "interfaces-config": { "interfaces": [ "%s" ], "dhcp-socket-type": "udp" },
              "lease-database": { "type": "memfile", "persist": false },
              "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_bootp.so" } ],
              "valid-lifetime": 4000,
              "option-data": [ { "code": 66, "data": "global" }, { "code": 15, "data": "global.example" } ],
              "client-classes": [
                { "name": "foo", "test": "substring(option[61].hex,1,3) == 'foo'",
                  "option-data": [ { "code": 66, "data": "from-foo" }, { "code": 40, "data": "foo-nis" } ] },
                { "name": "bar", "test": "option[12].text == 'barhost'",
                  "option-data": [ { "code": 66, "data": "from-bar" }, { "code": 40, "data": "bar-nis" } ] },
                { "name": "gold", "test": "option[77].hex == 'gold'", "next-server": "10.0.0.7",
                  "server-hostname": "gs", "boot-file-name": "gold.efi", "valid-lifetime": 777 },
                { "name": "DROP", "test": "option[12].text == 'dropme'" },
                { "name": "VENDOR_CLASS_docsis3.0", "option-data": [ { "code": 67, "data": "docsis.cfg" } ] },
                { "name": "knownc", "test": "member('KNOWN')", "option-data": [ { "code": 41, "data": "10.9.9.9" } ] },
                { "name": "unknownc", "test": "member('UNKNOWN')", "option-data": [ { "code": 71, "data": "10.8.8.8" } ] },
                { "name": "resclass", "option-data": [ { "code": 72, "data": "10.7.7.7" } ] },
                { "name": "req1", "only-if-required": true, "test": "'a' == 'a'",
                  "option-data": [ { "code": 73, "data": "10.6.6.6" } ] },
                { "name": "req2", "only-if-required": true, "test": "'a' == 'b'",
                  "option-data": [ { "code": 74, "data": "10.5.5.5" } ] },
                { "name": "relayc", "test": "relay4[1].hex == 'port7'" },
                { "name": "notrelay", "test": "not member('relayc')" },
                { "name": "macc", "test": "pkt4.mac == 0x0a0000000099" },
                { "name": "dep", "test": "member('foo') and member('KNOWN')",
                  "option-data": [ { "code": 69, "data": "10.4.4.4" } ] },
                { "name": "BOOTP", "boot-file-name": "bootp.img" },
                { "name": "pxe", "test": "split(option[60].text, ':', 3) == '00007' and not (hexstring(pkt4.mac, ':') == '')",
                  "boot-file-name": "ipxe.efi" },
                { "name": "bootres", "boot-file-name": "res.img", "option-data": [ { "code": 66, "data": "from-res" } ] },
                { "name": "snres", "option-data": [ { "code": 75, "data": "10.3.3.3" } ] },
                { "name": "gres", "option-data": [ { "code": 70, "data": "10.0.9.9" } ] },
                { "name": "plain", "test": "not member('snres') and not member('gres')",
                  "option-data": [ { "code": 76, "data": "10.2.2.2" } ] },
                { "name": "reqres", "only-if-required": true, "test": "member('snres')",
                  "option-data": [ { "code": 73, "data": "10.1.1.1" } ] }
              ],
              "reservations": [ { "hw-address": "0a:00:00:00:00:66", "client-classes": [ "gres" ] } ],
              "shared-networks": [
                { "name": "sn", "relay": { "ip-addresses": [ "192.0.2.3" ] },
                  "reservations-global": true, "reservations-in-subnet": true,
                  "subnet4": [
                    { "id": 10, "subnet": "10.1.0.0/24", "require-client-classes": [ "reqres" ],
                      "pools": [ { "pool": "10.1.0.10 - 10.1.0.20", "client-class": "snres" },
                                 { "pool": "10.1.0.100 - 10.1.0.110", "client-class": "plain" } ],
                      "reservations": [ { "hw-address": "0a:00:00:00:00:77", "client-classes": [ "snres" ] } ] },
                    { "id": 11, "subnet": "10.2.0.0/24",
                      "pools": [ { "pool": "10.2.0.10 - 10.2.0.20", "client-class": "gres" } ] } ] } ],
              "subnet4": [
                { "id": 1, "subnet": "192.0.3.0/24", "client-class": "macc", "relay": { "ip-addresses": [ "192.0.2.2" ] },
                  "pools": [ { "pool": "192.0.3.10 - 192.0.3.20" } ] },
                { "id": 2, "subnet": "192.0.2.0/24", "relay": { "ip-addresses": [ "192.0.2.2" ] },
                  "option-data": [ { "code": 15, "data": "subnet2.example" } ],
                  "require-client-classes": [ "req1", "req2" ],
                  "pools": [ { "pool": "192.0.2.10 - 192.0.2.50", "client-class": "notrelay" },
                             { "pool": "192.0.2.100 - 192.0.2.109", "client-class": "relayc" } ],
                  "reservations": [ { "hw-address": "0a:00:00:00:00:55", "ip-address": "192.0.2.55",
                                      "hostname": "reserved55", "client-classes": [ "resclass" ] },
                                    { "hw-address": "0a:00:00:00:00:5b", "client-classes": [ "bootres" ] } ] }
              ]
            } }
            """;

    /** Sends one datagram as the relay named (port 67) and prints the answer in hex, or nothing. */
    static final String RELAY = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((sys.argv[2], 67))
            s.settimeout(2)
            s.sendto(bytes.fromhex(sys.argv[1]), ('192.0.2.1', 67))
            try:
                print(s.recvfrom(4000)[0].hex())
            except socket.timeout:
                pass
            """;

    static final String SECOND_RELAY = "192.0.2.3";

    private static NetnsPair keaNet;
    private static NetnsPair ruruNet;
    private static DaemonDirs dirs;
    private static Process kea;
    private static DaemonProcess ruru;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        assertThat(Path.of("/usr/sbin/kea-dhcp4")).as("kea-dhcp4 2.2 is the oracle (bin/test installs it)").exists();
        keaNet = NetnsPair.create("ok", true, null);
        ruruNet = NetnsPair.create("or", true, null);
        // the shared network's relay sits beside the subnets' one
        for (NetnsPair n : new NetnsPair[] {keaNet, ruruNet}) {
            n.exec(n.client(), "ip", "addr", "add", SECOND_RELAY + "/24", "dev", n.clientIface());
        }
        dirs = DaemonDirs.create();
        Files.writeString(dirs.root().resolve("relay.py"), RELAY);
        Path keaConfig = Files.writeString(dirs.root().resolve("kea.json"), CONFIG.formatted(keaNet.serverIface()));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", keaNet.server(), "/usr/sbin/kea-dhcp4", "-c",
                keaConfig.toString()).redirectErrorStream(true).redirectOutput(dirs.root().resolve("kea.out").toFile());
        pb.environment().putAll(Map.of("KEA_PIDFILE_DIR", dirs.root().toString(), "KEA_LOCKFILE_DIR",
                dirs.root().toString()));
        kea = pb.start();
        Path ruruConfig = dirs.writeConfig("ruru.json", CONFIG.formatted(ruruNet.serverIface()));
        ruru = DaemonProcess.startIn(ruruNet.server(), dirs, Map.of(), "dhcp4", "-c", ruruConfig.toString());
        // Both answer a plain query before the comparisons start, and as often (each offer moves the
        // iterative allocator on), so the same queries get the same addresses.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int keaAnswers = 0;
        int ruruAnswers = 0;
        while (keaAnswers == 0 || ruruAnswers == 0) {
            assertThat(System.nanoTime()).as("both servers answering").isLessThan(deadline);
            keaAnswers += keaAnswers == 0 && ask(keaNet, probe()) != null ? 1 : 0;
            ruruAnswers += ruruAnswers == 0 && ask(ruruNet, probe()) != null ? 1 : 0;
        }
    }

    @AfterAll
    static void stop() {
        if (kea != null) {
            kea.destroy();
        }
        if (ruru != null) {
            ruru.close();
        }
        for (NetnsPair n : new NetnsPair[] {keaNet, ruruNet}) {
            if (n != null) {
                n.close();
            }
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    private static Dhcp4Packet probe() {
        return discover("0a00000000f0", Dhcp4Options.builder());
    }

    static Dhcp4Packet discover(String mac, Dhcp4Options.Builder o) {
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.DISCOVER.code()});
        return bootRequest(mac, o);
    }

    /** A relayed query; without option 53 it is a BOOTP request (RFC 951, with the magic cookie). */
    static Dhcp4Packet bootRequest(String mac, Dhcp4Options.Builder o) {
        return bootRequest(mac, o, NetnsPair.CLIENT_IP);
    }

    static Dhcp4Packet bootRequest(String mac, Dhcp4Options.Builder o, String relay) {
        o.put(OptionCodes.PARAMETER_LIST, new byte[] {1, 15, 66, 40, 41, 67, 69, 70, 71, 72, 73, 74, 75, 76, 12});
        try {
            return Dhcp4Packet.builder().op(1).htype(1).hlen(6).hops(1).xid(0x4b450000 | Integer.parseInt(mac.substring(10), 16))
                    .giaddr(Ipv4Address.parse(relay))
                    .chaddr(new HardwareAddress(1, HexFormat.of().parseHex(mac))).options(o.build()).build();
        } catch (ruru.wire.WireFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Dhcp4Packet ask(NetnsPair net, Dhcp4Packet q) throws IOException, InterruptedException {
        String out = net.exec(net.client(), "python3", dirs.root().resolve("relay.py").toString(),
                HexFormat.of().formatHex(q.encode()), q.giaddr().toString()).trim();
        if (out.isEmpty()) {
            return null;
        }
        try {
            return Dhcp4Packet.decode(HexFormat.of().parseHex(out));
        } catch (ruru.wire.WireFormatException e) {
            throw new AssertionError("undecodable reply " + out, e);
        }
    }

    /** What the comparison looks at: the decision, not the server's identity. */
    private static Map<String, String> summary(Dhcp4Packet r) {
        Map<String, String> m = new LinkedHashMap<>();
        if (r == null) {
            m.put("reply", "none");
            return m;
        }
        m.put("yiaddr", r.yiaddr().toString());
        m.put("siaddr", r.siaddr().toString());
        m.put("sname", r.serverHostname());
        m.put("file", r.bootFileName());
        for (int code : new int[] {1, 12, 15, 40, 41, 51, 66, 67, 69, 70, 71, 72, 73, 74, 75, 76}) {
            r.options().get(code).ifPresent(v -> m.put("option " + code, HexFormat.of().formatHex(v)));
        }
        return m;
    }

    static Arguments client(String name, String mac, Dhcp4Options.Builder o) {
        return Arguments.of(name, discover(mac, o));
    }

    static Stream<Arguments> clients() {
        byte[] rai = HexFormat.of().parseHex("0105706f727437");
        byte[] fooId = "\0foo-client".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return Stream.of(
                client("bar behind relay port7", "0a0000000001",
                        Dhcp4Options.builder().putString(12, "barhost").put(82, rai)),
                client("foo and bar", "0a0000000002", Dhcp4Options.builder().put(61, fooId).putString(12, "barhost")),
                client("macc", "0a0000000099", Dhcp4Options.builder()),
                client("reserved", "0a0000000055", Dhcp4Options.builder()),
                client("reserved foo", "0a0000000055", Dhcp4Options.builder().put(61, fooId)),
                client("gold", "0a0000000006", Dhcp4Options.builder().putString(77, "gold")),
                client("dropme", "0a0000000007", Dhcp4Options.builder().putString(12, "dropme")),
                client("docsis", "0a0000000008", Dhcp4Options.builder().putString(60, "docsis3.0")),
                client("pxe uefi", "0a0000000009", Dhcp4Options.builder().putString(60, "PXEClient:Arch:00007")),
                client("pxe bios", "0a000000000a", Dhcp4Options.builder().putString(60, "PXEClient:Arch:00000")),
                // two classes set boot fields: which one wins
                client("gold and pxe", "0a000000000c",
                        Dhcp4Options.builder().putString(77, "gold").putString(60, "PXEClient:Arch:00007")),
                Arguments.of("bootp", bootRequest("0a000000000b", Dhcp4Options.builder())),
                // BOOTP (given before classification) stays ahead of the reservation's classes
                Arguments.of("bootp reserved", bootRequest("0a000000005b", Dhcp4Options.builder())),
                // shared network: a subnet reservation's classes join only after the allocation (its
                // guarded pool is not used, 'plain' saw no snres, the required class sees it), a global
                // reservation's classes before (its pool in the second subnet is used)
                sharedNetworkClient("shared network subnet reservation", "0a0000000077"),
                sharedNetworkClient("shared network global reservation", "0a0000000066"),
                sharedNetworkClient("shared network no reservation", "0a0000000088"));
    }

    static Arguments sharedNetworkClient(String name, String mac) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.DISCOVER.code()});
        return Arguments.of(name, bootRequest(mac, o, SECOND_RELAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void ruruAnswersAsKeaDoes(String name, Dhcp4Packet query) throws Exception {
        Map<String, String> fromKea = summary(ask(keaNet, query));
        Map<String, String> fromRuru = summary(ask(ruruNet, query));
        assertThat(fromRuru).as(name).isEqualTo(fromKea);
    }
}
