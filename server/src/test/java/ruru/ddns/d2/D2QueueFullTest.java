package ruru.ddns.d2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.ConflictResolutionMode;
import ruru.ddns.ncr.Dhcid;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrJson;
import ruru.testing.BindServer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;

/**
 * A full request queue as kea-dhcp-ddns handles it (observed with 2.2: 32 transactions in progress
 * and 1024 queued, the 1057th request dropped, one DHCP_DDNS_QUEUE_MGR_QUEUE_FULL, receiving resumed
 * at 819 with DHCP_DDNS_QUEUE_MGR_RESUMING): the DNS server here holds every answer until the test
 * opens its gate, so the queue fills; {@code queue-mgr-queue-full} counts the event once (Kea 3).
 */
class D2QueueFullTest {

    /** Answers DNS UPDATEs with NOERROR, but only once opened; what came before waits. */
    static final class GatedDns implements AutoCloseable {
        final DatagramSocket socket;
        private final List<Object[]> held = new ArrayList<>();
        private boolean open;

        GatedDns() throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[65535];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        byte[] q = Arrays.copyOf(buf, p.getLength());
                        synchronized (this) {
                            if (!open) {
                                held.add(new Object[] {q, p.getSocketAddress()});
                                continue;
                            }
                        }
                        answer(q, p.getSocketAddress());
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        private void answer(byte[] query, SocketAddress to) throws Exception {
            Message q = new Message(query);
            Message r = new Message(q.getHeader().getID());
            r.getHeader().setFlag(Flags.QR);
            r.getHeader().setOpcode(Opcode.UPDATE);
            r.getHeader().setRcode(Rcode.NOERROR);
            r.addRecord(q.getQuestion(), Section.ZONE);
            byte[] a = r.toWire();
            socket.send(new DatagramPacket(a, a.length, to));
        }

        void open() throws Exception {
            List<Object[]> waiting;
            synchronized (this) {
                open = true;
                waiting = List.copyOf(held);
                held.clear();
            }
            for (Object[] w : waiting) {
                answer((byte[]) w[0], (SocketAddress) w[1]);
            }
        }

        synchronized int held() {
            return held.size();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static void send(DatagramSocket out, int port, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            String fqdn = "h" + i + ".example.org.";
            byte[] id = {0, (byte) (i >> 16), (byte) (i >> 8), (byte) i, 1, 2, 3};
            NameChangeRequest ncr = new NameChangeRequest(ChangeType.ADD, true, false, fqdn,
                    InetAddress.ofLiteral("192.0.2.1"), Dhcid.fromClientId(id, fqdn), 1_800_000_000L, 1333,
                    ConflictResolutionMode.CHECK_WITH_DHCID);
            byte[] d = NcrJson.toDatagram(ncr);
            out.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    /** Sends in batches small enough for the socket buffer, each read by D2 before the next. */
    private static void sendRead(DatagramSocket out, int port, int count, Path socket) throws Exception {
        for (int from = 0; from < count; from += 32) {
            int to = Math.min(count, from + 32);
            send(out, port, from, to);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> DaemonProcess.statistic(socket, "ncr-received") == to);
        }
    }

    @Test
    void aFullQueueDropsOneRequestCountsOnceAndPausesUntil80Percent() throws Exception {
        try (DaemonDirs dirs = DaemonDirs.create(); GatedDns dns = new GatedDns();
             DatagramSocket out = new DatagramSocket()) {
            int ncrPort = BindServer.freePort();
            Path cfg = dirs.writeConfig("d2.json", """
                    { "DhcpDdns": {
                        "ip-address": "127.0.0.1", "port": %d, "dns-server-timeout": 60000,
                        "control-socket": { "socket-type": "unix", "socket-name": "d2.sock" },
                        "forward-ddns": { "ddns-domains": [ { "name": "example.org.",
                          "dns-servers": [ { "ip-address": "127.0.0.1", "port": %d } ] } ] } } }
                    """.formatted(ncrPort, dns.socket.getLocalPort()));
            Path socket = dirs.socket("d2.sock");
            try (DaemonProcess d2 = DaemonProcess.start(dirs, "ddns", "-c", cfg.toString())) {
                d2.awaitSocket(socket);
                // 32 transactions wait on the gate, 1024 requests wait in the queue, the next one finds it full.
                sendRead(out, ncrPort, 1057, socket);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        DaemonProcess.statistic(socket, "queue-mgr-queue-full") == 1 && dns.held() == 32);
                // Paused: these wait in the socket buffer, unread.
                send(out, ncrPort, 1057, 1100);
                assertThat(DaemonProcess.statistic(socket, "ncr-received")).isEqualTo(1057);

                dns.open();
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        DaemonProcess.statistic(socket, "update-success") == 1099);
                assertThat(DaemonProcess.statistic(socket, "ncr-received")).isEqualTo(1100);
                assertThat(DaemonProcess.statistic(socket, "queue-mgr-queue-full")).isEqualTo(1);
                String log = d2.stdout() + d2.stderr();
                assertThat(log.split("DHCP_DDNS_QUEUE_MGR_QUEUE_FULL", -1)).hasSize(2);
                assertThat(log).contains("DHCP_DDNS_QUEUE_MGR_QUEUE_FULL application request queue has reached"
                        + " maximum number of entries 1024");
                assertThat(log).contains("DHCP_DDNS_QUEUE_MGR_RESUMING application is resuming listening for"
                        + " requests now that the request queue size has reached 819 of a maximum 1024 allowed");
            }
        }
    }
}
