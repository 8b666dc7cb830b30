package ruru.net;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux implementation: one {@link Udp6Socket} per selected interface, each with its reader
 * thread in the shared {@link SocketReaders} feeding the packet queue the workers take from.
 */
final class LinuxDhcp6Sockets implements Dhcp6Sockets {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp6.packets");
    private static final int READ_BUFFER = 4 << 20;

    private final List<NetInterface6> interfaces;
    private final Map<Integer, Udp6Socket> byIndex;
    private final SocketReaders<Received6> readers;

    private LinuxDhcp6Sockets(List<NetInterface6> interfaces, Map<Integer, Udp6Socket> byIndex, int queueSize) {
        this.interfaces = interfaces;
        this.byIndex = byIndex;
        this.readers = new SocketReaders<>("DHCPv6", queueSize, (source, error) ->
                LOG.error("DHCP6_PACKET_RECEIVE_FAIL error on attempt to receive packet: {}: {}", source, error),
                (reply, error) -> LOG.error("DHCP6_PACKET_SEND_FAIL failed to send DHCPv6 packet: reply {}: {}", reply, error),
                (source, dropped, total) -> LOG.warn("DHCP6_RECEIVE_BUFFER_OVERFLOW the kernel dropped {} DHCPv6 packets"
                        + " received on {}: the socket's receive buffer was full ({} in all; counted in pkt6-receive-drop)",
                        dropped, source, total));
    }

    static LinuxDhcp6Sockets open(Dhcp6SocketSettings settings, List<NetInterface6> selected) throws IOException {
        Map<Integer, Udp6Socket> sockets = new HashMap<>();
        try {
            for (NetInterface6 iface : selected) {
                sockets.put(iface.index(), Udp6Socket.open(iface, settings.serverPort(), READ_BUFFER));
            }
        } catch (IOException | RuntimeException e) {
            sockets.values().forEach(Udp6Socket::close);
            throw e;
        }
        LinuxDhcp6Sockets s = new LinuxDhcp6Sockets(selected, sockets, settings.queueSize());
        for (NetInterface6 iface : selected) {
            Udp6Socket socket = sockets.get(iface.index());
            s.readers.start("ruru-dhcp6-rx-" + iface.name(), iface.name(), socket.fd, RxBuffers.SLOTS, true, socket::read);
        }
        return s;
    }

    @Override
    public Received6 receive() throws IOException {
        return readers.take();
    }

    @Override
    public void runInline(Inline<Received6> inline) {
        readers.runInline(inline);
    }

    @Override
    public void send(Reply6 reply) throws IOException {
        readers.whileOpen(() -> {
            Udp6Socket s = byIndex.get(reply.iface().index());
            if (s == null) {
                throw new IOException("no socket open on interface " + reply.iface().name());
            }
            s.send(reply.payload(), reply.destination(), reply.port(), reply.source());
        });
    }

    @Override
    public List<NetInterface6> interfaces() {
        return interfaces;
    }

    @Override
    public int queueDepth() {
        return readers.queueDepth();
    }

    @Override
    public long dropped() {
        return readers.dropped();
    }

    /** Datagrams the kernel dropped on the receiving sockets (full receive buffers): part of {@link #dropped}. */
    long kernelDropped() {
        return readers.kernelDropped();
    }

    @Override
    public double[] queueStatistics() {
        return readers.queueStatistics();
    }

    @Override
    public void close() {
        readers.close(() -> byIndex.values().forEach(Udp6Socket::close));
    }
}
