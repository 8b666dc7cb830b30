package ruru.ddns.d2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.NcrJson;
import ruru.json.MapElement;
import ruru.testing.BindServer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * {@code shutdown} with {@code drain_first}: every request queued when the command arrives is still
 * carried out against BIND before D2 exits. The zone's first server never answers, so each request
 * takes three timeouts before it fails over, and the queue is long when shutdown is asked for.
 */
class D2ShutdownTest {

    private static BindServer bind;
    private static DatagramSocket silent;
    private static DaemonDirs dirs;

    @BeforeAll
    static void start() throws Exception {
        dirs = DaemonDirs.create();
        bind = BindServer.start(dirs.root().resolve("bind"), "ddns-key", "hmac-sha256", D2BindTest.SECRET,
                List.of("example.com"));
        silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
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

    @Test
    void drainFirstFinishesTheQueue() throws Exception {
        int ncrPort = BindServer.freePort();
        Path cfg = dirs.writeConfig("d2.json", """
                { "DhcpDdns": {
                    "port": %d, "dns-server-timeout": 150,
                    "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                    "tsig-keys": [ { "name": "ddns-key", "algorithm": "HMAC-SHA256", "secret": "%s" } ],
                    "forward-ddns": { "ddns-domains": [ { "name": "example.com.", "key-name": "ddns-key",
                        "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d },
                                         { "ip-address": "127.0.0.1", "port": %d } ] } ] }
                } }
                """.formatted(ncrPort, D2BindTest.SECRET, silent.getLocalPort(), bind.port()));
        Path socket = dirs.socket("d2.sock");
        try (DaemonProcess d2 = DaemonProcess.start(dirs, "ddns", "-c", cfg.toString());
             DatagramSocket out = new DatagramSocket()) {
            d2.awaitSocket(socket);
            int count = 48;
            for (int i = 0; i < count; i++) {
                byte[] d = NcrJson.toDatagram(D2BindTest.ncr(ChangeType.ADD, "host" + i + ".example.com.",
                        "192.0.2." + (i + 10), String.format("0100aabbcc%04x", i)).withDirections(true, false));
                out.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), ncrPort));
            }
            // Wait until D2 has the whole batch, then ask it to drain and stop.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (DaemonProcess.statistic(socket, "ncr-received") < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(bind.dig("host" + (count - 1) + ".example.com", "A")).isEmpty();
            MapElement answer = DaemonProcess.call(socket,
                    "{ \"command\": \"shutdown\", \"arguments\": { \"type\": \"drain_first\" } }");
            assertThat(answer.get("text").asString()).contains("Shutdown initiated, type is: drain_first");
            assertThat(d2.waitForExit(Duration.ofSeconds(60))).isZero();
            for (int i = 0; i < count; i++) {
                assertThat(bind.dig("host" + i + ".example.com", "A")).as("host" + i)
                        .containsExactly("192.0.2." + (i + 10));
            }
            assertThat(d2.stdout() + d2.stderr())
                    .contains("DHCP_DDNS_CLEARED_FOR_SHUTDOWN application has met shutdown criteria for shutdown type:"
                            + " drain_first");
        }
    }
}
