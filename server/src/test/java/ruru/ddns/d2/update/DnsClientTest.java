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
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Update;

import ruru.ddns.d2.config.TsigAlgorithm;
import ruru.ddns.d2.config.TsigKeySpec;

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

    private static final byte[] SECRET = java.util.Base64.getDecoder().decode("LSWXnfkKZjdPJI5QxlpnfQ==");

    private static TsigKeySpec key(TsigAlgorithm algorithm, int digestBits, byte[] secret) {
        return new TsigKeySpec("k", algorithm, digestBits, secret);
    }

    /** What a scripted server saw and how it answered. */
    private record Exchange(DnsClient.Outcome outcome, TSIGRecord received) {
    }

    /**
     * Sends a signed update to a server that answers once, signing its answer with {@code theirs}
     * (dnsjava's full MAC) cut to {@code answerMac} octets (0: as generated).
     */
    private static Exchange exchange(TsigKeySpec ours, TsigKeySpec theirs, int answerMac) throws Exception {
        TSIG signer = new TSIG(theirs.algorithm().dnsName(), Name.fromString(theirs.absoluteName()), theirs.secret());
        TSIGRecord[] received = new TSIGRecord[1];
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread.ofVirtual().start(() -> {
                try {
                    byte[] buf = new byte[65535];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    udp.receive(p);
                    Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    received[0] = q.getTSIG();
                    Message r = new Message(q.getHeader().getID());
                    r.getHeader().setFlag(Flags.QR);
                    r.getHeader().setOpcode(Opcode.UPDATE);
                    r.addRecord(q.getQuestion(), Section.ZONE);
                    TSIGRecord t = signer.generate(r, r.toWire(), Rcode.NOERROR, q.getTSIG());
                    byte[] mac = answerMac == 0 ? t.getSignature() : java.util.Arrays.copyOf(t.getSignature(), answerMac);
                    r.addRecord(new TSIGRecord(t.getName(), t.getDClass(), t.getTTL(), t.getAlgorithm(),
                            t.getTimeSigned(), t.getFudge(), mac, t.getOriginalID(), t.getError(), t.getOther()),
                            Section.ADDITIONAL);
                    byte[] a = r.toWire();
                    udp.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            DnsClient.Outcome o = DnsClient.send(update(), (InetSocketAddress) udp.getLocalSocketAddress(),
                    Optional.of(TsigSigner.of(ours)), Duration.ofSeconds(5));
            return new Exchange(o, received[0]);
        }
    }

    @Test
    void answerSignedWithAnotherKeyIsCorrupt() throws Exception {
        TsigKeySpec ours = key(TsigAlgorithm.HMAC_SHA256, 0, SECRET);
        assertThat(exchange(ours, ours, 0).outcome().status()).isEqualTo(DnsClient.Status.SUCCESS);
        Exchange other = exchange(ours, key(TsigAlgorithm.HMAC_SHA256, 0, new byte[16]), 0);
        assertThat(other.outcome().status()).isEqualTo(DnsClient.Status.INVALID_RESPONSE);
        assertThat(other.outcome().detail()).isEqualTo("TSIG verification failed: BADSIG");
    }

    @Test
    void digestBitsCutTheRequestMacAndATruncatedAnswerVerifies() throws Exception {
        TsigKeySpec ours = key(TsigAlgorithm.HMAC_SHA256, 128, SECRET);
        Exchange e = exchange(ours, ours, 16);
        assertThat(e.received().getSignature()).hasSize(16);
        assertThat(e.received().getAlgorithm()).isEqualTo(TSIG.HMAC_SHA256);
        assertThat(e.outcome().status()).isEqualTo(DnsClient.Status.SUCCESS);
        // A longer answer MAC than ours is fine (RFC 8945 5.3.1: at least the request's length).
        assertThat(exchange(ours, ours, 0).outcome().status()).isEqualTo(DnsClient.Status.SUCCESS);
        TsigKeySpec sha512 = key(TsigAlgorithm.HMAC_SHA512, 256, SECRET);
        Exchange longer = exchange(sha512, sha512, 32);
        assertThat(longer.received().getSignature()).hasSize(32);
        assertThat(longer.outcome().status()).isEqualTo(DnsClient.Status.SUCCESS);
    }

    @Test
    void answerMacShorterThanTheKeysIsBadTruncAndAnIllSizedOneFormErr() throws Exception {
        TsigKeySpec full = key(TsigAlgorithm.HMAC_SHA256, 0, SECRET);
        Exchange e = exchange(full, full, 16);
        assertThat(e.received().getSignature()).hasSize(32);
        assertThat(e.outcome().status()).isEqualTo(DnsClient.Status.INVALID_RESPONSE);
        assertThat(e.outcome().detail()).isEqualTo("TSIG verification failed: BADTRUNC");
        TsigKeySpec cut = key(TsigAlgorithm.HMAC_SHA256, 160, SECRET);
        assertThat(exchange(cut, cut, 16).outcome().detail()).isEqualTo("TSIG verification failed: BADTRUNC");
        assertThat(exchange(cut, cut, 20).outcome().status()).isEqualTo(DnsClient.Status.SUCCESS);
        Exchange tooShort = exchange(cut, cut, 15);
        assertThat(tooShort.outcome().status()).isEqualTo(DnsClient.Status.INVALID_RESPONSE);
        assertThat(tooShort.outcome().detail()).isEqualTo("TSIG verification failed: FORMERR");
    }

    @Test
    void macLengthFollowsKeaSanityRules() {
        assertThat(TsigSigner.macLength(32, 0)).isEqualTo(32);
        assertThat(TsigSigner.macLength(32, 128)).isEqualTo(16);
        assertThat(TsigSigner.macLength(32, 120)).isEqualTo(32);   // under half the hash
        assertThat(TsigSigner.macLength(20, 80)).isEqualTo(10);
        assertThat(TsigSigner.macLength(16, 72)).isEqualTo(16);    // under 10 octets
        assertThat(TsigSigner.macLength(32, 264)).isEqualTo(32);   // over the hash
        assertThat(TsigSigner.macLength(64, 260)).isEqualTo(33);   // rounded up to whole octets
    }
}
