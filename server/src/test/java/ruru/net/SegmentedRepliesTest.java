package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;

/**
 * A batch's held replies that go to one destination with one size leave as one segmented send
 * (UDP_SEGMENT), and a receiving socket still gets every datagram intact and in order: real sockets
 * on loopback and across a veth pair into a network namespace (a Python receiver there), both
 * families, runs broken by a size change, a shorter last segment, another destination in the
 * middle and more replies than one sendmmsg holds. When the kernel refuses to segment on a socket
 * (made to, with SO_NO_CHECK), the replies go one message each, the refusal is counted once and
 * remembered. Needs root for the namespace: without it the veth tests fail, they do not skip.
 */
class SegmentedRepliesTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final String NS = "ruru-g" + PID;
    private static final String NEAR = "rg" + PID + "a";
    private static final String FAR = "rg" + PID + "b";
    private static final int SO_NO_CHECK = 11;
    private static boolean created;

    @BeforeAll
    static void namespace() throws Exception {
        String uid = run(false, "id", "-u").trim();
        if (!uid.equals("0")) {
            throw new AssertionError("needs root for a network namespace (uid " + uid + "): run in CI or as root");
        }
        created = true;
        run(true, "ip", "netns", "add", NS);
        run(true, "ip", "link", "add", NEAR, "type", "veth", "peer", "name", FAR);
        run(true, "ip", "link", "set", FAR, "netns", NS);
        run(true, "ip", "addr", "add", "192.0.2.1/24", "dev", NEAR);
        run(true, "ip", "addr", "add", "2001:db8:5e9::1/64", "dev", NEAR, "nodad");
        run(true, "ip", "link", "set", NEAR, "up");
        run(true, "ip", "netns", "exec", NS, "ip", "addr", "add", "192.0.2.2/24", "dev", FAR);
        run(true, "ip", "netns", "exec", NS, "ip", "addr", "add", "2001:db8:5e9::2/64", "dev", FAR, "nodad");
        run(true, "ip", "netns", "exec", NS, "ip", "link", "set", FAR, "up");
        Dhcp4SocketsNetnsTest.awaitCarrier(NEAR);
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (created) {
            run(false, "ip", "link", "del", NEAR);
            ruru.testing.Namespaces.delete(NS);
        }
    }

    /** 40 replies: runs of one size, a size change, a shorter last one, a second destination between. */
    private static List<byte[]> payloads() {
        int[] sizes = {300, 300, 300, 300, 300, 300, 300, 250, 300, 300, 400, 400, 400, 300, 300, 300, 300,
                300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 299, 548,
                548, 548, 548, 100};
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] p = new byte[sizes[i]];
            for (int k = 0; k < p.length; k++) {
                p[k] = (byte) (i * 31 + k);
            }
            p[0] = (byte) i;
            out.add(p);
        }
        return out;
    }

    @FunctionalInterface
    private interface Sender {
        void send(int index, byte[] payload) throws IOException;
    }

    /** Holds the replies as a reader answering a batch does, sends them through {@code sender}, then lets them go. */
    private static List<String> batch(List<byte[]> payloads, Sender sender) throws IOException {
        List<String> failures = new CopyOnWriteArrayList<>();
        try (TxBatch batch = new TxBatch((reply, error) -> failures.add(reply + ": " + error))) {
            batch.begin(new PacketSockets.Inline<Object>() {
                @Override
                public boolean active() {
                    return true;
                }

                @Override
                public void handle(Object datagram) {
                }
            });
            for (int i = 0; i < payloads.size(); i++) {
                batch.next();
                sender.send(i, payloads.get(i));
            }
            batch.end();
        }
        return failures;
    }

    private static List<byte[]> receive(DatagramChannel ch, int count) throws IOException {
        ch.socket().setSoTimeout(3000);
        List<byte[]> got = new ArrayList<>();
        byte[] buf = new byte[70000];
        try {
            while (got.size() < count) {
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                ch.socket().receive(p);
                got.add(Arrays.copyOf(p.getData(), p.getLength()));
            }
        } catch (java.net.SocketTimeoutException e) {
            // fewer than expected: the assertion says what
        }
        return got;
    }

    private static void assertSame(List<byte[]> sent, List<byte[]> got) {
        assertThat(got.stream().map(HexFormat.of()::formatHex).toList())
                .as("every datagram intact, in order").containsExactlyElementsOf(sent.stream().map(HexFormat.of()::formatHex).toList());
    }

    private static NetInterface v4(String name) throws IOException {
        return Interfaces.detect().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    private static NetInterface6 v6(String name) throws IOException {
        return Interfaces6.detect().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    private static DatagramChannel receiver(InetAddress at) throws IOException {
        DatagramChannel ch = DatagramChannel.open(at instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        ch.bind(new InetSocketAddress(at, 0));
        return ch;
    }

    @Test
    void ipv4OnLoopbackEveryDatagramIntactAndInOrderWithSegmentedSends() throws Exception {
        NetInterface lo = v4("lo");
        Ipv4Address local = new Ipv4Address(0x7f000001);
        UdpSocket server = UdpSocket.open(lo, local, 0, 1 << 20);
        try (DatagramChannel a = receiver(InetAddress.getLoopbackAddress());
             DatagramChannel b = receiver(InetAddress.getLoopbackAddress())) {
            int portA = ((InetSocketAddress) a.getLocalAddress()).getPort();
            int portB = ((InetSocketAddress) b.getLocalAddress()).getPort();
            List<byte[]> all = payloads();
            List<byte[]> toA = new ArrayList<>();
            List<byte[]> toB = new ArrayList<>();
            long segmented = Segmentation.segmentedSends();
            long refusals = Segmentation.refusals();
            List<String> failures = batch(all, (i, p) -> {
                boolean second = i == 20 || i == 21; // another destination in the middle of a run
                (second ? toB : toA).add(p);
                server.send(p, local, second ? portB : portA, lo.index(), local);
            });
            assertThat(failures).isEmpty();
            assertSame(toA, receive(a, toA.size()));
            assertSame(toB, receive(b, toB.size()));
            assertThat(Segmentation.refusals()).isEqualTo(refusals);
            // the first 16 slots: 7x300 + 250 | 300 300 | 400 x3 | 300 x3 ... at least a few groups
            assertThat(Segmentation.segmentedSends() - segmented).as("segmented sends").isGreaterThanOrEqualTo(5);
        } finally {
            server.close();
        }
    }

    @Test
    void ipv6OnLoopbackEveryDatagramIntactAndInOrderWithSegmentedSends() throws Exception {
        NetInterface6 lo = v6("lo");
        Udp6Socket server = Udp6Socket.open(lo, 0, 1 << 20);
        try (DatagramChannel a = receiver(InetAddress.getByName("::1"))) {
            int port = ((InetSocketAddress) a.getLocalAddress()).getPort();
            List<byte[]> all = payloads();
            long segmented = Segmentation.segmentedSends();
            Ipv6Address one = Ipv6Address.parse("::1");
            List<String> failures = batch(all, (i, p) -> server.send(p, one, port, one));
            assertThat(failures).isEmpty();
            assertSame(all, receive(a, all.size()));
            assertThat(Segmentation.segmentedSends() - segmented).as("segmented sends").isGreaterThanOrEqualTo(5);
        } finally {
            server.close();
        }
    }

    @Test
    void aSocketWhoseKernelRefusesSegmentationSendsEachReplyAndRemembers() throws Exception {
        NetInterface lo = v4("lo");
        Ipv4Address local = new Ipv4Address(0x7f000001);
        UdpSocket server = UdpSocket.open(lo, local, 0, 1 << 20);
        try (DatagramChannel a = receiver(InetAddress.getLoopbackAddress()); Arena arena = Arena.ofConfined()) {
            // without UDP checksums the kernel cannot segment: every segmented send fails with EINVAL
            Libc.setIntOption(Libc.errnoState(arena), arena, server.fd, Libc.SOL_SOCKET, SO_NO_CHECK, 1, "SO_NO_CHECK");
            int port = ((InetSocketAddress) a.getLocalAddress()).getPort();
            List<byte[]> all = payloads();
            long refusals = Segmentation.refusals();
            long segmented = Segmentation.segmentedSends();
            List<String> failures = batch(all, (i, p) -> server.send(p, local, port, lo.index(), local));
            assertThat(failures).isEmpty();
            assertSame(all, receive(a, all.size()));
            assertThat(Segmentation.refusals() - refusals).as("refused once, then not tried again").isEqualTo(1);
            failures = batch(all, (i, p) -> server.send(p, local, port, lo.index(), local));
            assertThat(failures).isEmpty();
            assertSame(all, receive(a, all.size()));
            assertThat(Segmentation.refusals() - refusals).isEqualTo(1);
            assertThat(Segmentation.segmentedSends()).isEqualTo(segmented);
        } finally {
            server.close();
        }
    }

    @Test
    void acrossAVethPairBothFamiliesEveryDatagramIntactAndInOrder() throws Exception {
        List<byte[]> all = payloads();
        String expected = String.join("\n", all.stream().map(HexFormat.of()::formatHex).toList());
        // IPv4: a receiver in the namespace on 192.0.2.2:6700
        NetInterface near = v4(NEAR);
        Ipv4Address from = Ipv4Address.parse("192.0.2.1");
        UdpSocket s4 = UdpSocket.open(near, from, 0, 1 << 20);
        try {
            Process rx = receiverIn("0.0.0.0", 6700, all.size());
            long segmented = Segmentation.segmentedSends();
            Ipv4Address to = Ipv4Address.parse("192.0.2.2");
            List<String> failures = batch(all, (i, p) -> s4.send(p, to, 6700,
                    near.index(), from));
            assertThat(failures).isEmpty();
            assertThat(output(rx)).isEqualTo(expected);
            assertThat(Segmentation.segmentedSends() - segmented).isGreaterThanOrEqualTo(5);
        } finally {
            s4.close();
        }
        // IPv6: to 2001:db8:5e9::2, from the near end's address
        NetInterface6 near6 = v6(NEAR);
        Udp6Socket s6 = Udp6Socket.open(near6, 0, 1 << 20);
        try {
            Process rx = receiverIn("::", 6701, all.size());
            long segmented = Segmentation.segmentedSends();
            Ipv6Address to = Ipv6Address.parse("2001:db8:5e9::2");
            Ipv6Address source = Ipv6Address.parse("2001:db8:5e9::1");
            List<String> failures = batch(all, (i, p) -> s6.send(p, to, 6701, source));
            assertThat(failures).isEmpty();
            assertThat(output(rx)).isEqualTo(expected);
            assertThat(Segmentation.segmentedSends() - segmented).isGreaterThanOrEqualTo(5);
        } finally {
            s6.close();
        }
    }

    /** A Python receiver in the namespace printing each datagram in hex, one a line; started once it is bound. */
    private static Process receiverIn(String bind, int port, int count) throws Exception {
        String py = "import socket,sys\n"
                + "f=socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET\n"
                + "s=socket.socket(f,socket.SOCK_DGRAM)\n"
                + "s.setsockopt(socket.SOL_SOCKET,socket.SO_RCVBUF,4<<20)\n"
                + "s.bind((sys.argv[1],int(sys.argv[2])))\n"
                + "print('ready',flush=True)\n"
                + "s.settimeout(5)\n"
                + "out=[]\n"
                + "try:\n"
                + "  for _ in range(int(sys.argv[3])): out.append(s.recv(70000).hex())\n"
                + "except socket.timeout: pass\n"
                + "print('\\n'.join(out),flush=True)\n";
        Process p = new ProcessBuilder("ip", "netns", "exec", NS, "python3", "-c", py, bind, String.valueOf(port),
                String.valueOf(count)).redirectErrorStream(true).start();
        byte[] ready = new byte[6];
        int n = p.getInputStream().readNBytes(ready, 0, 6);
        assertThat(new String(ready, 0, n, StandardCharsets.US_ASCII)).isEqualTo("ready\n");
        return p;
    }

    private static String output(Process p) throws Exception {
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("receiver done").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    }

    private static String run(boolean check, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": timed out");
        }
        if (check && p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
