package ruru.ddns.d2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.ddns.d2.update.D2Statistics;
import ruru.ddns.d2.update.UpdateManager;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrException;
import ruru.ddns.ncr.NcrJson;

/**
 * D2's NCR receiver (Kea's NameChangeUDPListener): one UDP socket, one datagram per request. A bad
 * datagram is logged with Kea's text and counted in {@code ncr-invalid}; the listener keeps going.
 * When a request finds the queue full the listener stops reading until the queue has room again
 * (the socket stays open: what arrives meanwhile waits in its receive buffer).
 */
final class NcrListener implements AutoCloseable {

    private final Logger log = LoggerFactory.getLogger("kea-dhcp-ddns.dhcp-to-d2");
    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final D2Statistics stats;
    private final UpdateManager sink;
    private final Thread thread;

    private NcrListener(DatagramChannel channel, InetSocketAddress address, D2Statistics stats,
                        UpdateManager sink) {
        this.channel = channel;
        this.address = address;
        this.stats = stats;
        this.sink = sink;
        this.thread = Thread.ofPlatform().daemon().name("d2-ncr-listener").unstarted(this::receive);
    }

    static NcrListener open(InetSocketAddress address, D2Statistics stats, UpdateManager sink)
            throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        NcrListener l = new NcrListener(ch, address, stats, sink);
        l.thread.start();
        return l;
    }

    InetSocketAddress address() {
        return address;
    }

    /** The port actually bound (tests bind port 0). */
    int boundPort() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void receive() {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (channel.isOpen()) {
            buf.clear();
            SocketAddress from;
            try {
                from = channel.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                stats.add(D2Statistics.NCR_ERROR);
                log.error("DHCP_DDNS_NCR_UDP_RECV_ERROR UDP socket receive error while listening for DNS Update"
                        + " requests: {}", e.getMessage());
                continue;
            }
            if (from == null) {
                continue;
            }
            buf.flip();
            try {
                NameChangeRequest ncr = NcrJson.fromDatagram(buf.array(), buf.limit());
                stats.add(D2Statistics.NCR_RECEIVED);
                if (sink.enqueue(ncr) == UpdateManager.Admission.FULL) {
                    sink.awaitRoom();
                }
            } catch (InterruptedException e) {
                return;
            } catch (NcrException e) {
                stats.add(D2Statistics.NCR_INVALID);
                log.error("DHCP_DDNS_INVALID_NCR application received an invalid DNS update request: {}",
                        e.getMessage());
            } catch (RuntimeException e) {
                stats.add(D2Statistics.NCR_ERROR);
                log.error("DHCP_DDNS_UNCAUGHT_NCR_RECV_HANDLER_ERROR unexpected exception thrown from the application"
                        + " receive completion handler: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel does not fail in practice
        }
        thread.interrupt();
    }
}
