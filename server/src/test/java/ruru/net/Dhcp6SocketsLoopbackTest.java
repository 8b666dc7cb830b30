package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.wire.Ipv6Address;

/** The DHCPv6 socket layer on loopback's ::1 (a unicast address given for lo), high ports, nothing leaves the host. */
class Dhcp6SocketsLoopbackTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private Dhcp6Sockets sockets;

    @AfterEach
    void tearDown() {
        if (sockets != null) {
            sockets.close();
        }
        pool.shutdownNow();
    }

    static int freeUdp6Port() throws IOException {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }
    }

    @Test
    void detectFindsLoopbacksAddress() throws IOException {
        NetInterface6 lo = Interfaces6.detect().stream().filter(NetInterface6::loopback).findFirst().orElseThrow();
        assertThat(lo.unicast()).contains(new Ipv6Address(0, 1));
        assertThat(lo.linkLocal()).isEmpty();
    }

    @Test
    void receivesWithItsDestinationAndAnswersFromIt() throws Exception {
        int serverPort = freeUdp6Port();
        sockets = Dhcp6Sockets.open(new Dhcp6SocketSettings(List.of("lo/::1"), serverPort, 546, 16));
        assertThat(sockets.interfaces()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("lo");
            assertThat(i.unicast()).containsExactly(new Ipv6Address(0, 1));
        });
        try (DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            client.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), new InetSocketAddress("::1", serverPort));
            Future<Received6> f = pool.submit(sockets::receive);
            Received6 rx = f.get(5, TimeUnit.SECONDS);
            assertThat(rx.length()).isEqualTo(4);
            assertThat(rx.source()).isEqualTo(new Ipv6Address(0, 1));
            assertThat(rx.sourcePort()).isEqualTo(clientPort);
            assertThat(rx.local()).isEqualTo(new Ipv6Address(0, 1));
            assertThat(rx.multicast()).isFalse();
            sockets.send(new Reply6(rx.iface(), rx.local(), rx.source(), clientPort, new byte[] {7, 0, 0, 1}));
            ByteBuffer in = ByteBuffer.allocate(64);
            client.configureBlocking(true);
            InetSocketAddress from = (InetSocketAddress) client.receive(in);
            assertThat(in.position()).isEqualTo(4);
            assertThat(from.getPort()).isEqualTo(serverPort);
            assertThat(((Inet6Address) from.getAddress()).isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void loopbackWithoutAnAddressIsSkippedAndBadSpecsAreKeasErrors() throws Exception {
        sockets = Dhcp6Sockets.open(new Dhcp6SocketSettings(List.of("lo"), freeUdp6Port(), 546, 16));
        assertThat(sockets.interfaces()).isEmpty();
        assertThatThrownBy(() -> Dhcp6Sockets.open(new Dhcp6SocketSettings(List.of("nosuch0"), 1547, 546, 16)))
                .hasMessage("interface 'nosuch0' doesn't exist in the system");
        assertThatThrownBy(() -> Dhcp6Sockets.open(new Dhcp6SocketSettings(List.of("lo/2001:db8::1"), 1547, 546, 16)))
                .hasMessage("interface 'lo' doesn't have address '2001:db8::1' assigned");
        assertThatThrownBy(() -> Dhcp6Sockets.open(new Dhcp6SocketSettings(List.of("lo/fe80::1"), 1547, 546, 16)))
                .hasMessage("interface 'lo' doesn't have address 'fe80::1' assigned");
        assertThatThrownBy(() -> Dhcp6Sockets.open(new Dhcp6SocketSettings(List.of("lo/192.0.2.1"), 1547, 546, 16)))
                .hasMessage("address '192.0.2.1' is not a valid IPv6 unicast address");
    }

    @Test
    void readersAnswerOnTheirOwnThreadOnceToldTo() throws Exception {
        int serverPort = freeUdp6Port();
        sockets = Dhcp6Sockets.open(new Dhcp6SocketSettings(List.of("lo/::1"), serverPort, 546, 16));
        java.util.concurrent.CompletableFuture<String> answeredOn = new java.util.concurrent.CompletableFuture<>();
        sockets.runInline(new PacketSockets.Inline<>() {
            @Override
            public boolean active() {
                return true;
            }

            @Override
            public void handle(Received6 rx) {
                answeredOn.complete(Thread.currentThread().getName());
                try {
                    // held back for the batch's sendmmsg: the one that cannot go (port 0) is skipped, the next leaves
                    sockets.send(new Reply6(rx.iface(), rx.local(), rx.source(), 0, new byte[] {7, 0, 0, 1}));
                    sockets.send(new Reply6(rx.iface(), rx.local(), rx.source(), rx.sourcePort(), new byte[] {7, 0, 0, 2}));
                } catch (IOException e) {
                    answeredOn.completeExceptionally(e);
                }
            }
        });
        try (DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            client.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), new InetSocketAddress("::1", serverPort));
            ByteBuffer in = ByteBuffer.allocate(64);
            pool.submit(() -> client.receive(in)).get(10, TimeUnit.SECONDS);
            assertThat(in.flip().get(3)).isEqualTo((byte) 2);
            assertThat(answeredOn.get(10, TimeUnit.SECONDS)).startsWith("ruru-dhcp6-rx-lo");
            assertThat(sockets.queueDepth()).isZero();
        }
    }
}
