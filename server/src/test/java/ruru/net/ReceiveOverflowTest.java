package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The kernel's drops on a full socket receive buffer are seen (SO_RXQ_OVFL on every datagram read),
 * counted with the packet queue's drops (what becomes pktN-receive-drop) and logged: real sockets
 * on loopback, both families; the reader is held in its first datagram while a client sends far
 * more than the socket's buffer holds. Every datagram sent is then either answered or counted.
 */
class ReceiveOverflowTest {

    private static final int FLOOD = 30_000;
    private PacketSockets<?, ?> sockets;

    @AfterEach
    void tearDown() {
        if (sockets != null) {
            sockets.close();
        }
    }

    /** Answers nothing, counts what it is given; the first datagram holds the reader until {@code release}. */
    private static <R> PacketSockets.Inline<R> holding(CountDownLatch release, AtomicInteger handled) {
        return new PacketSockets.Inline<>() {
            @Override
            public boolean active() {
                return true;
            }

            @Override
            public void handle(R datagram) {
                if (handled.getAndIncrement() == 0) {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }

    private static void flood(DatagramChannel client, InetSocketAddress server, byte[] query, AtomicInteger handled)
            throws Exception {
        client.send(ByteBuffer.wrap(query), server);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> handled.get() == 1); // the reader is held
        for (int i = 1; i < FLOOD; i++) {
            client.send(ByteBuffer.wrap(query), server);
        }
    }

    /**
     * A datagram tells the drop count as it was when it was queued: drops at the end of the flood
     * are known with the next datagram. So once the reader has emptied the buffer a probe tells the
     * rest; probes until every datagram sent is answered or counted.
     */
    private static void settle(DatagramChannel client, InetSocketAddress server, byte[] query, AtomicInteger handled,
                               java.util.function.LongSupplier dropped) {
        AtomicInteger sent = new AtomicInteger(FLOOD);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
            if (handled.get() + dropped.getAsLong() == sent.get()) {
                return true;
            }
            client.send(ByteBuffer.wrap(query), server);
            sent.incrementAndGet();
            return false;
        });
        assertThat(sent.get() - FLOOD).as("probes").isLessThan(100);
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(log);
        return log;
    }

    @Test
    void dhcp4KernelDropsAreCountedAndLogged() throws Exception {
        int serverPort = Dhcp4SocketsLoopbackTest.freeUdpPort();
        LinuxDhcp4Sockets s = (LinuxDhcp4Sockets) Dhcp4Sockets.open(
                new Dhcp4SocketSettings(List.of("lo"), SocketMode.UDP, serverPort, 68, false));
        sockets = s;
        ListAppender<ILoggingEvent> log = capture("kea-dhcp4.packets");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        s.runInline(holding(release, handled));
        try (DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET)) {
            client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
            byte[] query = Dhcp4SocketsLoopbackTest.bootRequest(1, new ruru.wire.Ipv4Address(0x7f000001), new byte[6]);
            flood(client, server, query, handled);
            release.countDown();
            settle(client, server, query, handled, s::dropped);
        }
        assertThat(s.kernelDropped()).as("the kernel dropped some").isPositive().isEqualTo(s.dropped());
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .startsWith("DHCP4_RECEIVE_BUFFER_OVERFLOW the kernel dropped ")
                .contains("received on lo: the socket's receive buffer was full"));
    }

    @Test
    void dhcp6KernelDropsAreCountedAndLogged() throws Exception {
        int serverPort = Dhcp4SocketsLoopbackTest.freeUdpPort();
        LinuxDhcp6Sockets s = (LinuxDhcp6Sockets) Dhcp6Sockets.open(
                new Dhcp6SocketSettings(List.of("lo/::1"), serverPort, 546, 64));
        sockets = s;
        ListAppender<ILoggingEvent> log = capture("kea-dhcp6.packets");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        s.runInline(holding(release, handled));
        try (DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            client.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            byte[] solicit = new byte[120];
            solicit[0] = 1;
            InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("::1"), serverPort);
            flood(client, server, solicit, handled);
            release.countDown();
            settle(client, server, solicit, handled, s::dropped);
        }
        assertThat(s.kernelDropped()).as("the kernel dropped some").isPositive().isEqualTo(s.dropped());
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .startsWith("DHCP6_RECEIVE_BUFFER_OVERFLOW the kernel dropped ")
                .contains("the socket's receive buffer was full"));
    }
}
