package ruru.ddns.d2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.ddns.ncr.ChangeType;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.testing.BindServer;
import ruru.testing.Closer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.TestJars;

/**
 * D2's hook points with a real library: the example examples/hook-d2-keys, its jar in the hooks
 * directory, named in {@code hooks-libraries}, against BIND 9. Its {@code select_key} callout
 * skips one server (D2 goes on to the next without sending to it) and signs the updates to BIND
 * with a key only the library knows (the configured one is unknown to BIND); its
 * {@code d2_srv_configured} callout refuses a configuration with an unsigned server, which
 * config-set answers with the callout's text (as Kea) while the configuration in force stays.
 */
class D2HookLibraryTest {

    private static final String BIND_KEY = "LSWXnfkKZjdPJI5QxlpnfQ==";
    private static final String HOOK_KEY = "y3Wb8Tq5xN0rD2mJ7fKpLw8vZ6hS1aQeR4tU9iO0pAs=";
    private static BindServer bind;
    private static DaemonDirs dirs;
    private static DaemonProcess d2;
    private static Path socket;
    private static int ncrPort;
    private static DatagramSocket skipped;
    private static final AtomicInteger reachedSkipped = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        dirs = DaemonDirs.create();
        bind = BindServer.start(null, dirs.root().resolve("bind"), List.of(
                new BindServer.Key("bind-key", "hmac-sha256", BIND_KEY),
                new BindServer.Key("hook-key", "hmac-sha512", HOOK_KEY)),
                List.of("example.org", "2.0.192.in-addr.arpa"));
        // The first server of example.org: the library skips it, so nothing may ever arrive here.
        skipped = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[4096];
            while (!skipped.isClosed()) {
                try {
                    skipped.receive(new DatagramPacket(buf, buf.length));
                    reachedSkipped.incrementAndGet();
                } catch (Exception e) {
                    return;
                }
            }
        });
        TestJars.exampleJar("example.d2keys.D2KeysLibrary", dirs.hooks(), "d2-keys.jar");
        ncrPort = BindServer.freePort();
        socket = dirs.socket("d2.sock");
        d2 = DaemonProcess.start(dirs, "ddns", "-c", dirs.writeConfig("d2.json", config(bind.port())).toString());
        d2.awaitSocket(socket);
    }

    /** D2's configuration: the configured key ("d2-key") is one BIND does not know. */
    private static String config(int reverseServerPort) {
        return """
                { "DhcpDdns": {
                    "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 1000,
                    "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                    "hooks-libraries": [ { "library": "d2-keys.jar", "parameters": {
                        "require-keys": true,
                        "keys": [ { "ip-address": "127.0.0.1", "port": %d,
                                    "name": "hook-key", "algorithm": "HMAC-SHA512", "secret": "%s" } ],
                        "skip": [ { "ip-address": "127.0.0.1", "port": %d } ] } } ],
                    "tsig-keys": [ { "name": "d2-key", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
                    "forward-ddns": { "ddns-domains": [ { "name": "example.org.", "key-name": "d2-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d },
                                         { "ip-address": "127.0.0.1", "port": %d } ] } ] },
                    "reverse-ddns": { "ddns-domains": [ { "name": "2.0.192.in-addr.arpa.",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] } } }
                """.formatted(ncrPort, bind.port(), HOOK_KEY, skipped.getLocalPort(), BIND_KEY,
                skipped.getLocalPort(), bind.port(), reverseServerPort);
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(d2, bind, skipped, dirs);
    }

    private static long stat(String name) throws Exception {
        return DaemonProcess.statistic(socket, name);
    }

    private static void add(String fqdn, String address, String clientId) throws Exception {
        D2BindTest.sendTo(ncrPort, D2BindTest.ncr(ChangeType.ADD, fqdn, address, clientId));
    }

    @Test
    void selectKeySkipsOneServerAndSignsWithTheLibrarysKey() throws Exception {
        add("alpha.example.org.", "192.0.2.36", "01020304050607");
        await().atMost(Duration.ofSeconds(15)).until(() -> !bind.dig("alpha.example.org", "A").isEmpty()
                && !bind.digReverse("192.0.2.36").isEmpty());
        assertThat(bind.dig("alpha.example.org", "A")).containsExactly("192.0.2.36");
        assertThat(bind.digReverse("192.0.2.36")).containsExactly("alpha.example.org.");
        // Both directions went to BIND signed with the library's key, nothing to the skipped server.
        assertThat(bind.log()).contains("/key hook-key: updating zone 'example.org/IN'")
                .contains("/key hook-key: updating zone '2.0.192.in-addr.arpa/IN'");
        assertThat(reachedSkipped).hasValue(0);
        assertThat(stat("update-timeout")).isZero();
        assertThat(stat("key[hook-key.].update-success")).isGreaterThanOrEqualTo(2);
        assertThat(stat("key[d2-key.].update-sent")).isZero();
        assertThat(d2.stdout() + d2.stderr()).contains("D2_KEYS_LOADED 1 replaced key(s) [hook-key], 1 skipped"
                + " server(s), unsigned updates refused").doesNotContain(HOOK_KEY);
    }

    @Test
    void d2SrvConfiguredDropRejectsTheConfigurationWithTheCalloutsText() throws Exception {
        String hashBefore = DaemonProcess.call(socket, "{ \"command\": \"config-hash-get\" }").get("arguments")
                .asMap().orElseThrow().get("hash").asString().orElseThrow();
        String unsigned = config(9); // the reverse server 127.0.0.1 port 9 would get unsigned updates
        String expected = "unsigned updates are not allowed: DNS server 127.0.0.1 port 9 of domain"
                + " 2.0.192.in-addr.arpa. has no TSIG key";
        // config-test runs no callout (Kea's check_only): it passes.
        MapElement test = DaemonProcess.call(socket,
                "{ \"command\": \"config-test\", \"arguments\": " + unsigned + " }");
        assertThat(test.get("result").asLong()).as(Json.toCompact(test)).contains(0L);

        MapElement set = DaemonProcess.call(socket, "{ \"command\": \"config-set\", \"arguments\": " + unsigned + " }");
        assertThat(set.get("result").asLong()).contains(1L);
        assertThat(set.get("text").asString()).contains(expected);
        assertThat(d2.stdout() + d2.stderr()).contains("DHCP_DDNS_CONFIGURED_CALLOUT_DROP configuration was rejected"
                + " because a callout set the next step to 'drop': " + expected);
        // The configuration in force stays, library and all.
        assertThat(DaemonProcess.call(socket, "{ \"command\": \"config-hash-get\" }").get("arguments").asMap()
                .orElseThrow().get("hash").asString()).contains(hashBefore);
        add("beta.example.org.", "192.0.2.37", "0102030405060a");
        await().atMost(Duration.ofSeconds(15)).until(() -> !bind.digReverse("192.0.2.37").isEmpty());
        assertThat(bind.dig("beta.example.org", "A")).containsExactly("192.0.2.37");

        // At start-up the same refusal is fatal, with the callout's text.
        try (DaemonDirs other = DaemonDirs.create()) {
            TestJars.exampleJar("example.d2keys.D2KeysLibrary", other.hooks(), "d2-keys.jar");
            String text = unsigned.replace("\"port\": " + ncrPort + ",", "\"port\": " + BindServer.freePort() + ",");
            DaemonProcess.Result r = DaemonProcess.runToEnd(other, "ddns", "-c",
                    other.writeConfig("d2.json", text).toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains(expected);
            assertThat(r.out() + r.err()).contains("DHCP_DDNS_CONFIGURED_CALLOUT_DROP");
        }
    }
}
