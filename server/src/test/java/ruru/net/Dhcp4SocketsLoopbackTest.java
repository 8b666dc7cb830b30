package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/** UDP mode end to end on loopback, high ports, nothing leaves the host. */
class Dhcp4SocketsLoopbackTest {

    private static final Ipv4Address LOCALHOST = new Ipv4Address(0x7f000001);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private Dhcp4Sockets sockets;

    @AfterEach
    void tearDown() {
        if (sockets != null) {
            sockets.close();
        }
        pool.shutdownNow();
    }

    static int freeUdpPort() throws IOException {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }
    }

    /** A BOOTREQUEST-looking datagram: op 1, htype 1, hlen 6, the xid, ciaddr, chaddr, magic cookie. */
    static byte[] bootRequest(int xid, Ipv4Address ciaddr, byte[] chaddr) {
        ByteBuffer b = ByteBuffer.allocate(300);
        b.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 0).putInt(xid).putShort((short) 0).putShort((short) 0);
        b.putInt(ciaddr.bits()).putInt(0).putInt(0).putInt(0).put(chaddr);
        b.position(236);
        b.putInt(0x63825363).put((byte) 53).put((byte) 1).put((byte) 1).put((byte) 255);
        return b.array();
    }

    private Received4 receiveWithin(Dhcp4Sockets s, Duration d) throws Exception {
        Future<Received4> f = pool.submit(s::receive);
        return f.get(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void detectFindsLoopback() throws IOException {
        NetInterface lo = Interfaces.detect().stream().filter(NetInterface::loopback).findFirst().orElseThrow();
        assertThat(lo.name()).isEqualTo("lo");
        assertThat(lo.up()).isTrue();
        assertThat(lo.index()).isPositive();
        assertThat(lo.mac()).isEqualTo(new HardwareAddress(1, new byte[6]));
        assertThat(lo.addresses()).contains(new InterfaceAddress4(LOCALHOST, 8, null));
    }

    @Test
    void udpModeReceivesOnLoopbackAndAnswersBack() throws Exception {
        int serverPort = freeUdpPort();
        int clientPort = freeUdpPort();
        sockets = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of("lo"), SocketMode.UDP, serverPort, clientPort, false));
        assertThat(sockets.interfaces()).extracting(NetInterface::name).containsExactly("lo");
        assertThat(sockets.interfaces().getFirst().addresses()).extracting(InterfaceAddress4::address).contains(LOCALHOST);

        try (DatagramChannel client = DatagramChannel.open()) {
            client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort));
            byte[] request = bootRequest(0x12345678, LOCALHOST, new byte[] {2, 0, 0, 0, 0, 7});
            client.send(ByteBuffer.wrap(request), new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));

            Received4 r = receiveWithin(sockets, Duration.ofSeconds(5));
            assertThat(r).isNotNull();
            assertThat(r.iface().name()).isEqualTo("lo");
            assertThat(r.source()).isEqualTo(LOCALHOST);
            assertThat(r.sourcePort()).isEqualTo(clientPort);
            assertThat(r.local()).isEqualTo(LOCALHOST);
            assertThat(r.toBroadcast()).isFalse();
            assertThat(Arrays.copyOf(r.data(), r.length())).isEqualTo(request);

            byte[] answer = request.clone();
            answer[0] = 2;
            Reply4 reply = ReplyRouting.route(r, Ipv4Address.ANY, LOCALHOST, false, LOCALHOST, null, false, answer,
                    SocketMode.UDP, serverPort, clientPort);
            assertThat(reply.destination()).isEqualTo(LOCALHOST);
            assertThat(reply.destinationPort()).isEqualTo(clientPort);
            sockets.send(reply);

            client.socket().setSoTimeout(5000);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            client.socket().receive(p);
            assertThat(Arrays.copyOf(p.getData(), p.getLength())).isEqualTo(answer);
            assertThat(p.getPort()).isEqualTo(serverPort);
            assertThat(p.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        }
    }

    @Test
    void closeUnblocksEveryReaderAndLaterCallsSeeIt() throws Exception {
        sockets = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of("lo"), SocketMode.UDP, freeUdpPort(), freeUdpPort(), false));
        List<Future<Received4>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Dhcp4Sockets s = sockets;
            waiting.add(pool.submit(s::receive));
        }
        Thread.sleep(150);
        assertThat(waiting).noneMatch(Future::isDone);
        long t0 = System.nanoTime();
        sockets.close();
        for (Future<Received4> f : waiting) {
            assertThat(f.get(3, TimeUnit.SECONDS)).isNull();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(sockets.receive()).isNull();
        Reply4 r = new Reply4(new byte[1], sockets.interfaces().getFirst(), LOCALHOST, 9, null, LOCALHOST);
        assertThatThrownBy(() -> sockets.send(r)).isInstanceOf(IOException.class).hasMessageContaining("closed");
        sockets.close();
    }

    @Test
    void unknownInterfaceFailsClearly() {
        assertThatThrownBy(() -> Dhcp4Sockets.open(
                new Dhcp4SocketSettings(List.of("ruru-nope0"), SocketMode.UDP, 10067, 10068, false)))
                .isInstanceOf(IOException.class).hasMessage("interface 'ruru-nope0' doesn't exist in the system");
        assertThatThrownBy(() -> Dhcp4Sockets.open(
                new Dhcp4SocketSettings(List.of("lo/192.0.2.1"), SocketMode.UDP, 10067, 10068, false)))
                .isInstanceOf(IOException.class).hasMessage("interface 'lo' doesn't have address '192.0.2.1' assigned");
    }

    @Test
    void twoSocketSetsOnOnePortCoexist() throws Exception {
        // SO_REUSEADDR: a reconfiguration opens the new sockets before the old ones are closed.
        int port = freeUdpPort();
        sockets = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of("lo"), SocketMode.UDP, port, 68, false));
        try (Dhcp4Sockets second = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of("lo"), SocketMode.UDP, port, 68, false))) {
            assertThat(second.interfaces()).hasSize(1);
        }
    }

    /** Not an assertion: prints packets/s received in UDP mode with two senders and two workers. */
    @Test
    void throughputOnLoopback() throws Exception {
        int serverPort = freeUdpPort();
        sockets = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of("lo"), SocketMode.UDP, serverPort, freeUdpPort(), false));
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        byte[] request = bootRequest(1, Ipv4Address.ANY, new byte[6]);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tasks.add(pool.submit(() -> {
                try (DatagramChannel ch = DatagramChannel.open()) {
                    ByteBuffer buf = ByteBuffer.wrap(request);
                    while (sending.get()) {
                        buf.clear();
                        ch.send(buf, target);
                        sent.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Dhcp4Sockets s = sockets;
        for (int i = 0; i < 2; i++) {
            pool.submit(() -> {
                while (s.receive() != null) {
                    received.incrementAndGet();
                }
                return null;
            });
        }
        Thread.sleep(300);
        long r0 = received.get();
        long t0 = System.nanoTime();
        Thread.sleep(2000);
        long r1 = received.get();
        double secs = (System.nanoTime() - t0) / 1e9;
        sending.set(false);
        for (Future<?> f : tasks) {
            f.get(5, TimeUnit.SECONDS);
        }
        long dropped = ((LinuxDhcp4Sockets) sockets).dropped();
        System.out.printf("ruru.net throughput (UDP mode, lo, 2 senders, 2 workers, 300-byte datagrams): "
                + "%.0f packets/s received; %d sent in total, %d dropped at the queue%n", (r1 - r0) / secs, sent.get(), dropped);
        assertThat(r1).isPositive();
    }
}
