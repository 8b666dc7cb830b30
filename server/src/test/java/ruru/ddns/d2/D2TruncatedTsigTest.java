package ruru.ddns.d2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.TSIGRecord;

import ruru.ddns.ncr.ChangeType;
import ruru.testing.BindServer;
import ruru.testing.Closer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * {@code digest-bits} against BIND 9 with truncated-MAC keys ({@code hmac-sha256-128},
 * {@code hmac-sha512-256} as named.conf spells them): ruru signs with the truncated MAC, BIND takes
 * the update and answers with a truncated MAC that ruru verifies. A UDP relay between the two
 * records the MAC lengths on the wire. A key BIND holds untruncated refuses ruru's truncated MAC
 * (BADTRUNC), as RFC 8945 5.2.2.1 wants.
 */
class D2TruncatedTsigTest {

    private static final String SECRET_256 = "LSWXnfkKZjdPJI5QxlpnfQ==";
    private static final String SECRET_512 = "y3Wb8Tq5xN0rD2mJ7fKpLw8vZ6hS1aQeR4tU9iO0pAs=";
    private static final String SECRET_FULL = "c2VjcmV0IGZvciB0aGUgZnVsbCBrZXk=";
    private static BindServer bind;
    private static DaemonDirs dirs;
    private static DaemonProcess d2;
    private static Path socket;
    private static int ncrPort;
    private static Relay relay;

    /** Forwards each datagram to BIND and back, keeping the TSIG records seen each way. */
    static final class Relay implements AutoCloseable {
        final DatagramSocket front;
        final List<TSIGRecord> requests = new CopyOnWriteArrayList<>();
        final List<TSIGRecord> answers = new CopyOnWriteArrayList<>();

        Relay(int upstream) throws Exception {
            front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[65535];
                while (!front.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        front.receive(p);
                        byte[] query = Arrays.copyOf(buf, p.getLength());
                        InetSocketAddress client = (InetSocketAddress) p.getSocketAddress();
                        Thread.ofVirtual().start(() -> forward(query, client, upstream));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        private void forward(byte[] query, InetSocketAddress client, int upstream) {
            try (DatagramSocket up = new DatagramSocket()) {
                requests.add(new Message(query).getTSIG());
                up.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), upstream));
                up.setSoTimeout(5000);
                byte[] buf = new byte[65535];
                DatagramPacket a = new DatagramPacket(buf, buf.length);
                up.receive(a);
                byte[] answer = Arrays.copyOf(buf, a.getLength());
                answers.add(new Message(answer).getTSIG());
                front.send(new DatagramPacket(answer, answer.length, client));
            } catch (Exception e) {
                // a lost exchange shows up as a timeout in D2
            }
        }

        int port() {
            return front.getLocalPort();
        }

        @Override
        public void close() {
            front.close();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        dirs = DaemonDirs.create();
        bind = BindServer.start(null, dirs.root().resolve("bind"), List.of(
                new BindServer.Key("cut256", "hmac-sha256-128", SECRET_256),
                new BindServer.Key("cut512", "hmac-sha512-256", SECRET_512),
                new BindServer.Key("full256", "hmac-sha256", SECRET_FULL)),
                List.of("example.org", "example.com", "example.net", "2.0.192.in-addr.arpa"));
        relay = new Relay(bind.port());
        ncrPort = BindServer.freePort();
        Path cfg = dirs.writeConfig("d2.json", """
                { "DhcpDdns": {
                    "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 1000,
                    "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                    "tsig-keys": [
                      { "name": "cut256", "algorithm": "HMAC-SHA256", "digest-bits": 128, "secret": "%s" },
                      { "name": "cut512", "algorithm": "HMAC-SHA512", "digest-bits": 256, "secret": "%s" },
                      { "name": "full256", "algorithm": "HMAC-SHA256", "digest-bits": 128, "secret": "%s" } ],
                    "forward-ddns": { "ddns-domains": [
                      { "name": "example.org.", "key-name": "cut256",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] },
                      { "name": "example.com.", "key-name": "cut512",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] },
                      { "name": "example.net.", "key-name": "full256",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                    "reverse-ddns": { "ddns-domains": [
                      { "name": "2.0.192.in-addr.arpa.", "key-name": "cut256",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] }
                } }
                """.formatted(ncrPort, SECRET_256, SECRET_512, SECRET_FULL, relay.port(), bind.port(), bind.port(),
                bind.port()));
        socket = dirs.socket("d2.sock");
        d2 = DaemonProcess.start(dirs, "ddns", "-c", cfg.toString());
        d2.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(d2, relay, bind, dirs);
    }

    private static void send(ChangeType type, String fqdn, String address, String clientId) throws Exception {
        D2BindTest.sendTo(ncrPort, D2BindTest.ncr(type, fqdn, address, clientId));
    }

    private static long stat(String name) throws Exception {
        return DaemonProcess.statistic(socket, name);
    }

    @Test
    void bindTakesA128BitMacAndRuruVerifiesItsTruncatedAnswer() throws Exception {
        send(ChangeType.ADD, "alpha.example.org.", "192.0.2.36", "01020304050607");
        await().atMost(Duration.ofSeconds(15)).until(() -> !bind.dig("alpha.example.org", "A").isEmpty());
        assertThat(bind.dig("alpha.example.org", "A")).containsExactly("192.0.2.36");
        await().atMost(Duration.ofSeconds(15)).until(() -> !bind.digReverse("192.0.2.36").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> (d2.stdout() + d2.stderr())
                .contains("DHCP_DDNS_ADD_SUCCEEDED"));
        // Through the relay (forward only): 16-octet MACs both ways under the plain algorithm name.
        assertThat(relay.requests).isNotEmpty().allSatisfy(t -> {
            assertThat(t.getSignature()).hasSize(16);
            assertThat(t.getAlgorithm().toString()).isEqualTo("hmac-sha256.");
        });
        assertThat(relay.answers).hasSameSizeAs(relay.requests).allSatisfy(t -> {
            assertThat(t.getSignature()).hasSize(16);
            assertThat(t.getError()).isZero();
        });
        // Every update was answered and verified the first time: no retry, no corrupt answer.
        assertThat(stat("key[cut256.].update-success")).isEqualTo(stat("key[cut256.].update-sent"));
        assertThat(stat("key[cut256.].update-error")).isZero();
        assertThat(d2.stdout() + d2.stderr()).doesNotContain("RESP_CORRUPT");

        send(ChangeType.REMOVE, "alpha.example.org.", "192.0.2.36", "01020304050607");
        await().atMost(Duration.ofSeconds(15)).until(() -> bind.digReverse("192.0.2.36").isEmpty()
                && bind.dig("alpha.example.org", "ANY").isEmpty());
    }

    @Test
    void hmacSha512Truncated256Works() throws Exception {
        send(ChangeType.ADD, "beta.example.com.", "192.0.2.40", "0100aabbccddee");
        await().atMost(Duration.ofSeconds(15)).until(() -> !bind.dig("beta.example.com", "A").isEmpty());
        assertThat(bind.dig("beta.example.com", "DHCID")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> stat("key[cut512.].update-success") >= 1);
        assertThat(stat("key[cut512.].update-error")).isZero();
    }

    @Test
    void aKeyBindHoldsUntruncatedRefusesTheTruncatedMac() throws Exception {
        send(ChangeType.ADD, "gamma.example.net.", "192.0.2.50", "0100121212121212");
        await().atMost(Duration.ofSeconds(15)).until(() -> (d2.stdout() + d2.stderr())
                .contains("DHCP_DDNS_ADD_FAILED"));
        assertThat(bind.dig("gamma.example.net", "A")).isEmpty();
        assertThat(bind.log()).contains("request has invalid signature: TSIG full256: tsig verify failure (BADTRUNC)");
        // As kea-dhcp-ddns 2.2 with the same keys: BIND's signed NOTAUTH answer verifies, the update is rejected.
        assertThat(d2.stdout() + d2.stderr()).contains("rejected a DNS update request to add the address mapping for"
                + " FQDN, gamma.example.net., with an RCODE: 9");
        assertThat(stat("key[full256.].update-error")).isPositive();
    }
}
