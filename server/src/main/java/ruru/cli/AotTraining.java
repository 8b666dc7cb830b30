package ruru.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * The training run behind the start-up cache (JDK 25's AOT cache, made by bin/ruru and
 * bin/package with {@code -XX:AOTCacheOutput}): runs a dhcp4 daemon in this JVM on the loopback
 * interface with a representative configuration and a small lease file, drives it as a relay agent
 * (DISCOVER, REQUEST, renewals, RELEASE, INFORM) and over its control socket, then shuts it down;
 * then a dhcp6 daemon on ::1, driven with relayed SOLICITs (rapid commit) and shut down.
 * The JVM records which classes that loaded and linked and how the hot methods behaved; the next
 * daemon starts from that record instead of the jar.
 *
 * <pre>java -XX:AOTCacheOutput=ruru.aot -cp ruru.jar ruru.cli.AotTraining DIR</pre>
 *
 * DIR must hold {@code run}, {@code lib} and {@code log} (0750) named by KEA_CONTROL_SOCKET_DIR,
 * KEA_DHCP_DATA_DIR and KEA_LOG_FILE_DIR. Traffic stays on 127.0.0.1/127.0.0.2 at a free port above
 * 1023. Whatever fails is reported on stderr and the run goes on: a partial training still makes a
 * useful cache, and the launcher never depends on it.
 */
public final class AotTraining {

    private static final int LEASES_IN_FILE = 20_000;
    private static final int EXCHANGES = 4_000;

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: AotTraining DIR");
            System.exit(2);
        }
        ruru.daemon.logging.LogbackProvider.select();
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = freePort();
        Path config = dir.resolve("training.json");
        Files.writeString(config, CONFIG);
        writeLeaseFile(dir.resolve("lib").resolve("leases4.csv"));
        Path socket = dir.resolve("run").resolve("ctl.sock");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] exit = {-1};
        Thread daemon = Thread.ofPlatform().name("training-daemon").start(() -> exit[0] = Main.run(
                List.of("dhcp4", "-c", config.toString(), "-p", Integer.toString(port)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        try {
            awaitSocket(socket, daemon);
            drive(port);
            for (String command : List.of("list-commands", "config-get", "status-get", "statistic-get-all",
                    "lease4-get-all", "version-get", "config-test", "build-report")) {
                command(socket, "{ \"command\": \"" + command + "\""
                        + (command.equals("config-test") ? ", \"arguments\": " + Files.readString(config) : "") + " }");
            }
            command(socket, "{ \"command\": \"lease4-get-page\", \"arguments\": { \"from\": \"start\", \"limit\": 100 } }");
            command(socket, "{ \"command\": \"leases-reclaim\", \"arguments\": { \"remove\": false } }");
        } catch (IOException | RuntimeException e) {
            System.err.println("ruru AOT training: " + e);
        } finally {
            try {
                command(socket, "{ \"command\": \"shutdown\" }");
            } catch (IOException e) {
                System.err.println("ruru AOT training: shutdown: " + e);
            }
            daemon.join(60_000);
        }
        trainDhcp6(dir);
        System.exit(exit[0] == 0 ? 0 : 1);
    }

    private static final String CONFIG6 = """
            { "Dhcp6": {
              "interfaces-config": { "interfaces": [ "lo/::1" ] },
              "control-socket": { "socket-type": "unix", "socket-name": "ctl6.sock" },
              "lease-database": { "type": "memfile", "persist": true, "name": "leases6.csv", "lfc-interval": 3600 },
              "preferred-lifetime": 1800, "valid-lifetime": 3600,
              "option-data": [ { "name": "dns-servers", "data": "2001:db8:1::53" } ],
              "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "rapid-commit": true,
                             "pools": [ { "pool": "2001:db8:1::1000 - 2001:db8:1::ffff" } ] } ],
              "loggers": [ { "name": "kea-dhcp6", "output-options": [ { "output": "training6.log" } ],
                             "severity": "INFO" } ]
            } }
            """;

    /**
     * A dhcp6 daemon after the dhcp4 one, so that the cache holds what a dhcp6 start loads too: on
     * ::1, relayed SOLICITs with rapid commit (answered with a REPLY and a lease written), then
     * shutdown. Failures are reported and the training goes on: the dhcp4 part alone is a cache.
     */
    private static void trainDhcp6(Path dir) {
        try {
            int port;
            try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
                ch.bind(new InetSocketAddress("::1", 0));
                port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            }
            Path config = dir.resolve("training6.json");
            Files.writeString(config, CONFIG6);
            Path socket = dir.resolve("run").resolve("ctl6.sock");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread daemon = Thread.ofPlatform().name("training-daemon6").start(() -> Main.run(
                    List.of("dhcp6", "-c", config.toString(), "-p", Integer.toString(port)),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
            try {
                awaitSocket(socket, daemon);
                try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
                    ch.bind(new InetSocketAddress("::1", 0));
                    InetSocketAddress server = new InetSocketAddress("::1", port);
                    for (int i = 0; i < EXCHANGES6; i++) {
                        ch.send(ByteBuffer.wrap(relayedSolicit(i)), server);
                        if (i % 8 == 7) {
                            sleep(2);
                        }
                    }
                }
                command(socket, "{ \"command\": \"status-get\" }");
            } finally {
                command(socket, "{ \"command\": \"shutdown\" }");
                daemon.join(30_000);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ruru AOT training (dhcp6): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final int EXCHANGES6 = 1_000;

    /** RELAY-FORW from link 2001:db8:1::1 holding a SOLICIT (client id, IA_NA, rapid commit). */
    private static byte[] relayedSolicit(int i) {
        ByteBuffer solicit = ByteBuffer.allocate(4 + 4 + 10 + 16 + 4);
        solicit.putInt(1 << 24 | (0x7000 + i) & 0xffffff);
        solicit.putShort((short) 1).putShort((short) 10).putShort((short) 3).putShort((short) 1)
                .put(new byte[] {0x02, (byte) 0xbb, 0, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
        solicit.putShort((short) 3).putShort((short) 12).putInt(i).putInt(0).putInt(0);
        solicit.putShort((short) 14).putShort((short) 0);
        ByteBuffer relay = ByteBuffer.allocate(34 + 4 + solicit.capacity());
        relay.put((byte) 12).put((byte) 0);
        relay.put(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        relay.put(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        relay.putShort((short) 9).putShort((short) solicit.capacity()).put(solicit.array());
        return relay.array();
    }

    private static int freePort() throws IOException {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }
    }

    private static final String CONFIG = """
            { "Dhcp4": {
              "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
              "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
              "lease-database": { "type": "memfile", "persist": true, "name": "leases4.csv", "lfc-interval": 3600 },
              "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
              "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53, 192.0.2.54" } ],
              "client-classes": [ { "name": "training", "test": "substring(option[60].hex, 0, 4) == 'PXEC'",
                                    "option-data": [ { "name": "boot-file-name", "data": "pxe.0" } ] } ],
              "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "relay": { "ip-addresses": [ "127.0.0.2" ] },
                             "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ],
                             "option-data": [ { "name": "routers", "data": "198.18.0.1" },
                                              { "name": "domain-name", "data": "training.example" } ],
                             "reservations": [ { "hw-address": "02:aa:00:00:00:01", "ip-address": "198.19.255.254",
                                                 "hostname": "reserved" } ] },
                           { "id": 2, "subnet": "10.0.0.0/12", "relay": { "ip-addresses": [ "192.0.2.99" ] },
                             "pools": [ { "pool": "10.0.0.1 - 10.15.255.254" } ] } ],
              "loggers": [ { "name": "kea-dhcp4", "output-options": [ { "output": "training.log" } ],
                             "severity": "INFO" } ]
            } }
            """;

    /** Leases in subnet 2, the way ruru writes them (schema 3.0), so loading a file is trained too. */
    private static void writeLeaseFile(Path file) throws IOException {
        long expire = System.currentTimeMillis() / 1000 + 30L * 86_400;
        StringBuilder b = new StringBuilder(
                "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id\n");
        for (int i = 0; i < LEASES_IN_FILE; i++) {
            String mac = String.format("02:00:00:%02x:%02x:%02x", i >>> 16 & 255, i >>> 8 & 255, i & 255);
            b.append("10.0.").append(i >>> 8).append('.').append(i & 255 | 1).append(',').append(mac).append(",01:")
                    .append(mac).append(",2592000,").append(expire).append(",2,0,0,")
                    .append(i % 2 == 0 ? "client-" + i + ".example.org." : "").append(",0,,0\n");
        }
        Files.writeString(file, b);
    }

    private static void awaitSocket(Path socket, Thread daemon) throws IOException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(socket)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the training daemon did not open " + socket);
            }
            sleep(20);
        }
    }

    /** DORA for many clients, then renewals, releases and an INFORM, as a relay agent at 127.0.0.2. */
    private static void drive(int port) throws IOException {
        Ipv4Address relay = new Ipv4Address(0x7f000002);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress("127.0.0.2", port));
            ch.socket().setSoTimeout(500);
            int answered = 0;
            for (int i = 0; i < EXCHANGES; i++) {
                HardwareAddress hw = new HardwareAddress(HardwareAddress.ETHERNET,
                        new byte[] {0x02, (byte) 0xaa, 0, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
                Dhcp4Options.Builder extra = Dhcp4Options.builder();
                if (i % 4 == 0) {
                    extra.putString(OptionCodes.VENDOR_CLASS_ID, "PXEClient:Arch:00000");
                }
                Optional<Dhcp4Packet> offer = exchange(ch, server, query(hw, relay, i, MessageType.DISCOVER, null,
                        null, extra));
                if (offer.isEmpty()) {
                    continue;
                }
                Ipv4Address sid = offer.get().options().address(OptionCodes.SERVER_ID).orElse(null);
                Optional<Dhcp4Packet> ack = exchange(ch, server, query(hw, relay, i, MessageType.REQUEST,
                        offer.get().yiaddr(), sid, extra));
                if (ack.isEmpty()) {
                    continue;
                }
                answered++;
                Ipv4Address yiaddr = ack.get().yiaddr();
                if (i % 8 == 1) {
                    exchange(ch, server, renew(hw, relay, i, yiaddr));
                }
                if (i % 16 == 3) {
                    send(ch, server, query(hw, relay, i, MessageType.RELEASE, null, sid, Dhcp4Options.builder())
                            .toBuilder().ciaddr(yiaddr).build());
                }
                if (i % 64 == 5) {
                    exchange(ch, server, query(hw, relay, i, MessageType.INFORM, null, null, Dhcp4Options.builder())
                            .toBuilder().ciaddr(yiaddr).build());
                }
            }
            if (answered == 0) {
                throw new IOException("no exchange was answered on 127.0.0.1:" + port);
            }
            System.err.println("ruru AOT training: " + answered + " of " + EXCHANGES + " exchanges answered");
        }
    }

    private static Dhcp4Packet query(HardwareAddress hw, Ipv4Address relay, int i, MessageType type,
                                     Ipv4Address requested, Ipv4Address serverId, Dhcp4Options.Builder o) {
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        o.put(OptionCodes.CLIENT_ID, clientId(hw));
        o.put(OptionCodes.PARAMETER_LIST, new byte[] {1, 3, 6, 15, 51, 54});
        if (requested != null) {
            o.put(OptionCodes.REQUESTED_ADDRESS, requested);
        }
        if (serverId != null) {
            o.put(OptionCodes.SERVER_ID, serverId);
        }
        if (i % 2 == 0) {
            o.putString(OptionCodes.HOST_NAME, "client-" + i);
        }
        return Dhcp4Packet.builder().op(1).htype(1).hlen(6).xid(0x5000_0000 + i * 4 + type.code()).chaddr(hw)
                .giaddr(relay).hops(1).options(o.build()).build();
    }

    private static Dhcp4Packet renew(HardwareAddress hw, Ipv4Address relay, int i, Ipv4Address address) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.REQUEST.code()});
        o.put(OptionCodes.CLIENT_ID, clientId(hw));
        return Dhcp4Packet.builder().op(1).htype(1).hlen(6).xid(0x6000_0000 + i).chaddr(hw).giaddr(relay).hops(1)
                .ciaddr(address).options(o.build()).build();
    }

    private static byte[] clientId(HardwareAddress hw) {
        byte[] id = new byte[7];
        id[0] = 1;
        System.arraycopy(hw.bytes(), 0, id, 1, 6);
        return id;
    }

    private static void send(DatagramChannel ch, InetSocketAddress server, Dhcp4Packet q) throws IOException {
        ch.send(ByteBuffer.wrap(q.encode()), server);
    }

    private static Optional<Dhcp4Packet> exchange(DatagramChannel ch, InetSocketAddress server, Dhcp4Packet q)
            throws IOException {
        send(ch, server, q);
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        long deadline = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                ch.socket().receive(p);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            try {
                Dhcp4Packet r = Dhcp4Packet.decode(p.getData(), 0, p.getLength());
                if (r.xid() == q.xid()) {
                    return Optional.of(r);
                }
            } catch (WireFormatException e) {
                // not an answer to this query
            }
        }
        return Optional.empty();
    }

    /** One command on the control socket; the answer is read and dropped. */
    private static void command(Path socket, String json) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (ch.read(buf) >= 0) {
                if (!buf.hasRemaining()) {
                    buf.clear();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
