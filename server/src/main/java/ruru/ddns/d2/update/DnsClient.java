package ruru.ddns.d2.update;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIGRecord;

/**
 * Sends one DNS UPDATE to one server and waits for its answer (Kea's {@code DNSClient}): UDP first,
 * TCP when the answer comes back truncated, each attempt with a fresh random message ID and, when a
 * key applies, a TSIG signature (RFC 8945, truncated as the key's {@code digest-bits} say) whose answer
 * must verify. dnsjava does the wire format and the signatures ({@link TsigSigner}); this class only
 * moves bytes and classifies what came back.
 */
public final class DnsClient {

    /** How one exchange ended, as Kea's {@code DNSClient::Status}. */
    public enum Status {
        SUCCESS, TIMEOUT, IO_ERROR, INVALID_RESPONSE
    }

    /** The outcome: for SUCCESS the answer's RCODE; otherwise what went wrong. */
    public record Outcome(Status status, int rcode, String detail) {

        public String rcodeName() {
            return Rcode.string(rcode);
        }
    }

    private static final SecureRandom IDS = new SecureRandom();
    private static final int MAX_UDP = 65535;

    private DnsClient() {
    }

    /**
     * Sends {@code update} (its ID is replaced) to {@code server}, signed with {@code key} if present.
     *
     * @param timeout the whole exchange's budget ({@code dns-server-timeout})
     */
    public static Outcome send(Message update, InetSocketAddress server, Optional<TsigSigner> key, Duration timeout) {
        Message query = update.clone();
        query.getHeader().setID(IDS.nextInt(0x10000));
        TSIGRecord sent = key.map(k -> k.sign(query)).orElse(null);
        byte[] wire = query.toWire(MAX_UDP);
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] answer;
        try {
            answer = udp(wire, query.getHeader().getID(), server, deadline);
            Message parsed = parse(answer);
            if (parsed != null && parsed.getHeader().getFlag(Flags.TC)) {
                answer = tcp(wire, server, deadline);
            }
        } catch (SocketTimeoutException e) {
            return new Outcome(Status.TIMEOUT, -1, "timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Outcome(Status.IO_ERROR, -1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Message response = parse(answer);
        if (response == null) {
            return new Outcome(Status.INVALID_RESPONSE, -1, "response is not a DNS message");
        }
        if (!response.getHeader().getFlag(Flags.QR) || response.getHeader().getOpcode() != Opcode.UPDATE) {
            return new Outcome(Status.INVALID_RESPONSE, -1, "received message is not a DDNS update response");
        }
        if (key.isPresent()) {
            int verified = key.get().verify(response, answer, sent);
            if (verified != Rcode.NOERROR) {
                return new Outcome(Status.INVALID_RESPONSE, response.getRcode(),
                        "TSIG verification failed: " + Rcode.TSIGstring(verified));
            }
        }
        return new Outcome(Status.SUCCESS, response.getRcode(), "");
    }

    private static Message parse(byte[] data) {
        try {
            return new Message(data);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Waits for the answer carrying our ID; stray datagrams are ignored until the deadline. */
    private static byte[] udp(byte[] wire, int id, InetSocketAddress server, long deadline) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(wire, wire.length));
            byte[] buf = new byte[MAX_UDP];
            while (true) {
                int left = remainingMillis(deadline);
                socket.setSoTimeout(left);
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                if (packet.getLength() >= 2 && (((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF)) == id) {
                    byte[] out = new byte[packet.getLength()];
                    System.arraycopy(buf, 0, out, 0, out.length);
                    return out;
                }
            }
        }
    }

    /** RFC 1035 4.2.2: a 2-byte length before each message. */
    private static byte[] tcp(byte[] wire, InetSocketAddress server, long deadline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, remainingMillis(deadline));
            socket.setSoTimeout(remainingMillis(deadline));
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[wire.length + 2];
            framed[0] = (byte) (wire.length >> 8);
            framed[1] = (byte) wire.length;
            System.arraycopy(wire, 0, framed, 2, wire.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readUnsignedShort();
            byte[] answer = new byte[length];
            in.readFully(answer);
            return answer;
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
