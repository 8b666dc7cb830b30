package ruru.net;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

import ruru.wire.Ipv4Address;

/**
 * A benchmark, not a test (bench/net-send-micro.sh): the sending thread's CPU time per reply when
 * a batch of held replies leaves as a reader's batch does ({@link TxBatch}), 271-byte replies (a
 * DHCPv4 OFFER/ACK to perfdhcp) to one loopback receiver that another thread drains. On loopback
 * the sender's system call also delivers each datagram to the receiving socket, so this is what
 * a server pays per reply in the kernel. Run it with and without -Druru.noGso=true to compare
 * segmented sends with one message per reply; {@code -Druru.replyBurst} must be at least the batch.
 */
public final class SendPathBench {

    private SendPathBench() {
    }

    public static void main(String[] args) throws Exception {
        int per = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        NetInterface lo = Interfaces.detect().stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
        Ipv4Address local = new Ipv4Address(0x7f000001);
        UdpSocket s = UdpSocket.open(lo, local, 0, 1 << 20);
        DatagramChannel rx = DatagramChannel.open();
        rx.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        rx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) rx.getLocalAddress()).getPort();
        AtomicLong got = new AtomicLong();
        Thread.ofPlatform().daemon().start(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(2048);
            try {
                while (true) {
                    b.clear();
                    rx.receive(b);
                    got.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                // closed at exit
            }
        });
        byte[] reply = new byte[271];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        PacketSockets.Inline<Object> none = new PacketSockets.Inline<>() {
            @Override
            public boolean active() {
                return true;
            }

            @Override
            public void handle(Object datagram) {
            }
        };
        try (TxBatch t = new TxBatch((r, e) -> System.err.println(r + ": " + e))) {
            for (int r = 0; r < rounds; r++) {
                long g0 = got.get();
                long c0 = mx.getCurrentThreadCpuTime();
                long u0 = mx.getCurrentThreadUserTime();
                for (int k = 0; k < batches; k++) {
                    t.begin(none);
                    for (int i = 0; i < per; i++) {
                        t.next();
                        s.send(reply, local, port, lo.index(), local);
                    }
                    t.end();
                    if ((k & 7) == 7) {
                        Thread.sleep(0, 200_000); // the receiver keeps up
                    }
                }
                long cpu = mx.getCurrentThreadCpuTime() - c0;
                long user = mx.getCurrentThreadUserTime() - u0;
                Thread.sleep(200);
                long n = (long) per * batches;
                System.out.printf("%s batch %d: %.2f us per reply (system %.2f, user %.2f), received %.1f %%%n",
                        Segmentation.ENABLED ? "segmented" : "one each ", per, cpu / 1e3 / n, (cpu - user) / 1e3 / n,
                        user / 1e3 / n, (got.get() - g0) * 100.0 / n);
            }
        } finally {
            s.close();
            rx.close();
        }
    }
}
