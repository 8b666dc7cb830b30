package ruru.ddns.d2.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Update;

/**
 * The DNS transport against scripted servers on loopback: an answer with TC set is fetched again
 * over TCP; silence is a timeout; an answer whose TSIG does not verify is a corrupt response.
 */
class DnsClientTest {

    private static byte[] answer(byte[] query, int rcode, boolean truncated, TSIG sign) throws Exception {
        Message q = new Message(query);
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setOpcode(Opcode.UPDATE);
        if (truncated) {
            r.getHeader().setFlag(Flags.TC);
        }
        r.getHeader().setRcode(rcode);
        r.addRecord(q.getQuestion(), Section.ZONE);
        if (sign != null) {
            sign.apply(r, q.getTSIG());
        }
        return r.toWire();
    }

    private static Update update() throws Exception {
        return new Update(Name.fromString("example.org."));
    }

    @Test
    void truncatedAnswerIsRetriedOverTcp() throws Exception {
        AtomicInteger tcpQueries = new AtomicInteger();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort()));
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] buf = new byte[65535];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    udp.receive(p);
                    byte[] q = java.util.Arrays.copyOf(buf, p.getLength());
                    byte[] a = answer(q, Rcode.NOERROR, true, null);
                    udp.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
                    try (Socket s = tcp.accept()) {
                        DataInputStream in = new DataInputStream(s.getInputStream());
                        byte[] tq = new byte[in.readUnsignedShort()];
                        in.readFully(tq);
                        tcpQueries.incrementAndGet();
                        byte[] ta = answer(tq, Rcode.YXDOMAIN, false, null);
                        DataOutputStream out = new DataOutputStream(s.getOutputStream());
                        out.writeShort(ta.length);
                        out.write(ta);
                        out.flush();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            DnsClient.Outcome o = DnsClient.send(update(), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    udp.getLocalPort()), Optional.empty(), Duration.ofSeconds(5));
            assertThat(o.status()).isEqualTo(DnsClient.Status.SUCCESS);
            assertThat(o.rcode()).isEqualTo(Rcode.YXDOMAIN);
            assertThat(tcpQueries).hasValue(1);
        }
    }

    @Test
    void silenceIsATimeout() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DnsClient.Outcome o = DnsClient.send(update(), (InetSocketAddress) udp.getLocalSocketAddress(),
                    Optional.empty(), Duration.ofMillis(200));
            assertThat(o.status()).isEqualTo(DnsClient.Status.TIMEOUT);
        }
    }

    @Test
    void answerSignedWithAnotherKeyIsCorrupt() throws Exception {
        TSIG ours = new TSIG(TSIG.HMAC_SHA256, Name.fromString("k."), "LSWXnfkKZjdPJI5QxlpnfQ==".getBytes());
        TSIG theirs = new TSIG(TSIG.HMAC_SHA256, Name.fromString("k."), "AAAAAAAAAAAAAAAAAAAAAA==".getBytes());
        for (TSIG signer : new TSIG[] {ours, theirs}) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                Thread.ofVirtual().start(() -> {
                    try {
                        byte[] buf = new byte[65535];
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        udp.receive(p);
                        byte[] a = answer(java.util.Arrays.copyOf(buf, p.getLength()), Rcode.NOERROR, false, signer);
                        udp.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                DnsClient.Outcome o = DnsClient.send(update(), (InetSocketAddress) udp.getLocalSocketAddress(),
                        Optional.of(ours), Duration.ofSeconds(5));
                assertThat(o.status()).isEqualTo(signer == ours ? DnsClient.Status.SUCCESS
                        : DnsClient.Status.INVALID_RESPONSE);
            }
        }
    }
}
