package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.wire.Ipv4Address;

/**
 * A reader answering a batch on its own thread holds the replies back, asks the runtime to settle
 * the batch (its lease rows' one write) before any leaves, and drops the replies of the exchanges
 * the runtime marks failed: real UDP sockets on loopback, three queries answered in one batch, the
 * middle one's write "failed".
 */
class HeldRepliesSettleTest {

    private static final Ipv4Address LOCALHOST = new Ipv4Address(0x7f000001);
    private Dhcp4Sockets sockets;

    @AfterEach
    void tearDown() {
        if (sockets != null) {
            sockets.close();
        }
    }

    @Test
    void repliesOfExchangesWhoseWriteFailedNeverLeaveAndTheOthersDo() throws Exception {
        int serverPort = Dhcp4SocketsLoopbackTest.freeUdpPort();
        int clientPort = Dhcp4SocketsLoopbackTest.freeUdpPort();
        sockets = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of("lo"), SocketMode.UDP, serverPort, clientPort, false));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort));
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
            // two queries wait in the packet queue (nobody answers inline yet) ...
            for (int xid = 1; xid <= 2; xid++) {
                client.send(ByteBuffer.wrap(Dhcp4SocketsLoopbackTest.bootRequest(xid, LOCALHOST, new byte[6])), server);
            }
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> sockets.queueDepth() == 2);
            List<String> calls = new CopyOnWriteArrayList<>();
            sockets.runInline(new PacketSockets.Inline<>() {
                private int handled;

                @Override
                public boolean active() {
                    return true;
                }

                @Override
                public void begin() {
                    handled = 0;
                    calls.add("begin");
                }

                @Override
                public void handle(Received4 rx) {
                    byte[] answer = java.util.Arrays.copyOf(rx.data(), rx.length());
                    answer[0] = 2;
                    calls.add("handle " + answer[7]);
                    try {
                        sockets.send(ReplyRouting.route(rx, Ipv4Address.ANY, LOCALHOST, false, LOCALHOST, null, false,
                                answer, SocketMode.UDP, serverPort, clientPort));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    handled++;
                }

                @Override
                public void settle(BitSet failed) {
                    calls.add("settle " + handled);
                    if (handled >= 2) {
                        failed.set(1); // the second exchange's lease rows did not reach the file
                    }
                }

                @Override
                public void end() {
                    calls.add("end");
                }
            });
            // ... and a third one wakes the reader: all three are answered in one batch
            client.send(ByteBuffer.wrap(Dhcp4SocketsLoopbackTest.bootRequest(3, LOCALHOST, new byte[6])), server);

            client.socket().setSoTimeout(2000);
            List<Integer> got = new ArrayList<>();
            try {
                while (got.size() < 3) {
                    DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
                    client.socket().receive(p);
                    got.add((int) p.getData()[7]);
                }
            } catch (SocketTimeoutException done) {
                // no more replies
            }
            assertThat(got).containsExactly(1, 3);
            assertThat(calls).containsSubsequence("begin", "handle 1", "handle 2", "handle 3", "settle 3", "end");
            assertThat(calls.indexOf("settle 3")).as("settled before the held replies left, once they were all made")
                    .isGreaterThan(calls.indexOf("handle 3"));
        }
    }
}
