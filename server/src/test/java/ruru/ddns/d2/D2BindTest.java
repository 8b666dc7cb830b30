package ruru.ddns.d2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.ConflictResolutionMode;
import ruru.ddns.ncr.Dhcid;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrJson;
import ruru.json.MapElement;
import ruru.testing.BindServer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * ruru ddns against a real BIND 9 on loopback (an ephemeral port) with TSIG-protected forward and
 * reverse zones, driven by NCR datagrams as the DHCP servers send them, checked with dig.
 */
class D2BindTest {

    static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";
    private static BindServer bind;
    private static DaemonProcess d2;
    private static DaemonDirs dirs;
    private static Path socket;
    private static int ncrPort;
    private static DatagramSocket silent;

    @BeforeAll
    static void start() throws Exception {
        dirs = DaemonDirs.create();
        bind = BindServer.start(dirs.root().resolve("bind"), "ddns-key", "hmac-sha256", SECRET,
                List.of("example.org", "example.net", "example.com", "2.0.192.in-addr.arpa"));
        // A DNS server that never answers: the first server of example.com, to force fail-over.
        silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ncrPort = BindServer.freePort();
        Path cfg = dirs.writeConfig("d2.json", """
                { "DhcpDdns": {
                    "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 300,
                    "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                    "tsig-keys": [
                      { "name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%s" },
                      { "name": "bad-key", "algorithm": "hmac-sha256", "secret": "AAAAAAAAAAAAAAAAAAAAAA==" } ],
                    "forward-ddns": { "ddns-domains": [
                      { "name": "example.org.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] },
                      { "name": "example.net.", "key-name": "bad-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] },
                      { "name": "example.com.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d },
                                         { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                    "reverse-ddns": { "ddns-domains": [
                      { "name": "2.0.192.in-addr.arpa.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] }
                } }
                """.formatted(ncrPort, SECRET, bind.port(), bind.port(), silent.getLocalPort(), bind.port(),
                bind.port()));
        socket = dirs.socket("d2.sock");
        d2 = DaemonProcess.start(dirs, "ddns", "-c", cfg.toString());
        d2.awaitSocket(socket);
    }

    @AfterAll
    static void stop() {
        if (d2 != null) {
            d2.close();
        }
        if (bind != null) {
            bind.close();
        }
        if (silent != null) {
            silent.close();
        }
        if (dirs != null) {
            dirs.close();
        }
    }

    static NameChangeRequest ncr(ChangeType type, String fqdn, String address, String clientId) throws Exception {
        return new NameChangeRequest(type, true, true, fqdn, InetAddress.ofLiteral(address),
                Dhcid.fromClientId(HexFormat.of().parseHex(clientId), fqdn), 1_800_000_000L, 1333,
                ConflictResolutionMode.CHECK_WITH_DHCID);
    }

    static void send(NameChangeRequest ncr) throws IOException {
        send(NcrJson.toDatagram(ncr));
    }

    static void send(byte[] datagram) throws IOException {
        sendTo(ncrPort, datagram);
    }

    /** One NCR datagram to the D2 listening on loopback {@code port}. */
    static void sendTo(int port, NameChangeRequest ncr) throws IOException {
        sendTo(port, NcrJson.toDatagram(ncr));
    }

    private static void sendTo(int port, byte[] datagram) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    static long stat(String name) throws IOException {
        return DaemonProcess.statistic(socket, name);
    }

    @Test
    void addThenRemoveWritesAndDeletesAPtrAndDhcid() throws Exception {
        NameChangeRequest add = ncr(ChangeType.ADD, "alpha.example.org.", "192.0.2.36", "01020304050607");
        send(add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bind.dig("alpha.example.org", "A").isEmpty());
        assertThat(bind.dig("alpha.example.org", "A")).containsExactly("192.0.2.36");
        assertThat(bind.dig("alpha.example.org", "DHCID")).containsExactly(add.dhcid().toBase64());
        await().atMost(Duration.ofSeconds(10)).until(() -> !bind.digReverse("192.0.2.36").isEmpty());
        assertThat(bind.digReverse("192.0.2.36")).containsExactly("alpha.example.org.");
        assertThat(d2.stdout() + d2.stderr()).contains("DHCP_DDNS_ADD_SUCCEEDED DHCP_DDNS Request ID "
                + add.dhcid().toHex() + ": successfully added the DNS mapping addition for this request: Type: 0 (CHG_ADD)");

        send(ncr(ChangeType.REMOVE, "alpha.example.org.", "192.0.2.36", "01020304050607"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.digReverse("192.0.2.36").isEmpty()
                && bind.dig("alpha.example.org", "ANY").isEmpty());
        assertThat(d2.stdout() + d2.stderr()).contains("DHCP_DDNS_REMOVE_SUCCEEDED");
    }

    @Test
    void anotherClientCannotTakeTheNameButTheOwnerCanMove() throws Exception {
        send(ncr(ChangeType.ADD, "owned.example.org.", "192.0.2.40", "0100aabbccddee"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !bind.digReverse("192.0.2.40").isEmpty());
        send(ncr(ChangeType.ADD, "owned.example.org.", "192.0.2.41", "0100ffffffffff"));
        await().atMost(Duration.ofSeconds(10)).until(() -> (d2.stdout() + d2.stderr())
                .contains("DHCP_DDNS_FORWARD_REPLACE_REJECTED"));
        assertThat(d2.stdout() + d2.stderr()).contains("rejected a DNS update request to replace the address mapping"
                + " for FQDN, owned.example.org., with an RCODE: 8");
        assertThat(bind.dig("owned.example.org", "A")).containsExactly("192.0.2.40");
        assertThat(bind.digReverse("192.0.2.41")).isEmpty();
        // The owner (same DHCID) moving to another address goes through the replace path.
        send(ncr(ChangeType.ADD, "owned.example.org.", "192.0.2.42", "0100aabbccddee"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.dig("owned.example.org", "A").equals(List.of("192.0.2.42")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !bind.digReverse("192.0.2.42").isEmpty());
    }

    @Test
    void wrongKeyIsRefusedAndTheNextUpdateStillWorks() throws Exception {
        long errors = stat("key[bad-key.].update-error");
        send(ncr(ChangeType.ADD, "beta.example.net.", "192.0.2.50", "0100121212121212"));
        await().atMost(Duration.ofSeconds(15)).until(() -> stat("key[bad-key.].update-error") >= errors + 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> (d2.stdout() + d2.stderr())
                .contains("Event: NO_MORE_SERVERS_EVT"));
        assertThat(d2.stdout() + d2.stderr()).contains("DHCP_DDNS_FORWARD_ADD_RESP_CORRUPT DHCP_DDNS Request ID")
                .contains("received a corrupt response from the DNS server, 127.0.0.1 port:" + bind.port()
                        + ", while adding forward address mapping for FQDN, beta.example.net.");
        assertThat(bind.dig("beta.example.net", "A")).isEmpty();
        assertThat(stat("key[bad-key.].update-sent")).isGreaterThanOrEqualTo(3);
        send(ncr(ChangeType.ADD, "gamma.example.org.", "192.0.2.51", "0100343434343434"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !bind.dig("gamma.example.org", "A").isEmpty());
    }

    @Test
    void deadFirstServerFailsOverToTheSecond() throws Exception {
        long timeouts = stat("update-timeout");
        send(ncr(ChangeType.ADD, "delta.example.com.", "192.0.2.60", "0100565656565656"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !bind.dig("delta.example.com", "A").isEmpty());
        assertThat(stat("update-timeout")).isGreaterThanOrEqualTo(timeouts + 3);
        assertThat(d2.stdout() + d2.stderr()).contains("DHCP_DDNS_FORWARD_ADD_IO_ERROR DHCP_DDNS Request ID")
                .contains("encountered an IO error sending a forward mapping add for FQDN delta.example.com. to DNS"
                        + " server 127.0.0.1 port:" + silent.getLocalPort());
    }

    @Test
    void badDatagramsAreCountedAndTheListenerGoesOn() throws Exception {
        long invalid = stat("ncr-invalid");
        send("hello".getBytes(StandardCharsets.UTF_8));
        send(new byte[] {0});
        send(NcrJson.toDatagram(ncr(ChangeType.ADD, "x.example.org.", "192.0.2.70", "01aa"))
                .clone().length > 0 ? "{\"change-type\":0}".getBytes(StandardCharsets.UTF_8) : new byte[0]);
        await().atMost(Duration.ofSeconds(10)).until(() -> stat("ncr-invalid") >= invalid + 3);
        assertThat(d2.stdout() + d2.stderr())
                .contains("DHCP_DDNS_INVALID_NCR application received an invalid DNS update request: "
                        + "fromFormat: buffer read error: read beyond end of buffer");
        send(ncr(ChangeType.ADD, "epsilon.example.org.", "192.0.2.71", "0100787878787878"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !bind.dig("epsilon.example.org", "A").isEmpty());
    }

    @Test
    void noMatchingDomainIsDiscarded() throws Exception {
        send(ncr(ChangeType.ADD, "gamma.nozone.test.", "192.0.2.80", "0100909090909090"));
        await().atMost(Duration.ofSeconds(10)).until(() -> (d2.stdout() + d2.stderr())
                .contains("DHCP_DDNS_NO_FWD_MATCH_ERROR"));
        assertThat(d2.stdout() + d2.stderr()).contains("the configured list of forward DDNS domains does not contain a"
                + " match for: gamma.nozone.test.  The request has been discarded.");
    }

    @Test
    void controlChannelSpeaksD2() throws Exception {
        MapElement list = DaemonProcess.call(socket, "{ \"command\": \"list-commands\" }");
        assertThat(ruru.json.Json.toCompact(list.get("arguments"))).contains("\"shutdown\"", "\"statistic-get-all\"",
                "\"config-set\"", "\"status-get\"", "\"build-report\"");
        assertThat(ruru.json.Json.toCompact(list.get("arguments"))).doesNotContain("statistic-remove");
        MapElement bad = DaemonProcess.call(socket, "{ \"command\": \"shutdown\", \"arguments\": { \"type\": \"bogus\" } }");
        assertThat(bad.get("result").asLong()).contains(1L);
        assertThat(bad.get("text").asString()).contains("Invalid Shutdown type: bogus");
        MapElement got = DaemonProcess.call(socket, "{ \"command\": \"config-get\" }");
        String config = ruru.json.Json.toCompact(got.get("arguments")).replace(" ", "");
        assertThat(config).contains("\"digest-bits\":0", "\"ncr-protocol\":\"UDP\"");
        assertThat(config.indexOf("\"name\":\"bad-key\"")).isPositive().isLessThan(config.indexOf("\"name\":\"ddns-key\""));
        MapElement test = DaemonProcess.call(socket, "{ \"command\": \"config-test\", \"arguments\": "
                + ruru.json.Json.toCompact(got.get("arguments").asMap().orElseThrow().without("hash")) + " }");
        assertThat(test.get("text").asString()).contains("Configuration check successful");
        // Kea's D2 ignores unknown keys sent over its control channel (2.2 observed) but refuses them in its
        // file; ruru refuses them in both, with the file's text.
        MapElement unknown = DaemonProcess.call(socket, "{ \"command\": \"config-test\", \"arguments\": "
                + "{ \"DhcpDdns\": { \"bogus\": 1 } } }");
        assertThat(unknown.get("result").asLong()).contains(1L);
        assertThat(unknown.get("text").asString().orElseThrow())
                .startsWith("got unexpected keyword \"bogus\" in DhcpDdns map.");
    }
}
