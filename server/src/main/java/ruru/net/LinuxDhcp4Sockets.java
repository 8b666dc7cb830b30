package ruru.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ruru.wire.Ipv4Address;

/**
 * The Linux implementation, with kea-dhcp4's sockets. Per selected interface: in UDP mode one UDP
 * socket per selected address, bound to that address (so, as in Kea, only unicast and relayed
 * queries are heard); in RAW mode an AF_PACKET socket that receives, plus a UDP socket per selected
 * address on the same port that is never read (Kea's "fallback" socket): it exists so the kernel
 * does not answer our clients with ICMP port unreachable, and it sends the replies that go back
 * through a relay.
 *
 * <p>Each receiving socket (the packet socket, or each UDP socket) has its reader thread in the
 * shared {@link SocketReaders}, reading recvmmsg batches into the packet queue the workers take from.
 */
final class LinuxDhcp4Sockets implements Dhcp4Sockets {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.packets");
    private static final int READ_BUFFER = 4 << 20;
    /** The kernel rounds this up to its minimum: the RAW-mode fallback socket only needs to exist. */
    private static final int FALLBACK_BUFFER = 1;

    private record Entry(NetInterface iface, List<UdpSocket> udp, PacketSocket packet) {

        /** The socket bound to {@code source}, else the interface's first. */
        UdpSocket from(Ipv4Address source) {
            for (UdpSocket u : udp) {
                if (u.address != null && u.address.equals(source)) {
                    return u;
                }
            }
            return udp.getFirst();
        }

        void close() {
            udp.forEach(UdpSocket::close);
            if (packet != null) {
                packet.close();
            }
        }
    }

    private final Dhcp4SocketSettings settings;
    private final List<NetInterface> interfaces;
    private final Map<Integer, Entry> byIndex;
    private final UdpSocket routing;
    private final SocketReaders<Received4> readers;

    private LinuxDhcp4Sockets(Dhcp4SocketSettings settings, List<NetInterface> interfaces, Map<Integer, Entry> byIndex,
                              UdpSocket routing) {
        this.settings = settings;
        this.readers = new SocketReaders<>("DHCPv4", settings.queueSize(), (source, error) ->
                LOG.warn("DHCP4_BUFFER_RECEIVE_FAIL error on receive socket for {}: {}", source, error),
                (reply, error) -> LOG.error("DHCP4_PACKET_SEND_FAIL reply {}: failed to send DHCPv4 packet: {}", reply, error),
                (source, dropped, total) -> LOG.warn("DHCP4_RECEIVE_BUFFER_OVERFLOW the kernel dropped {} DHCPv4 packets"
                        + " received on {}: the socket's receive buffer was full ({} in all; counted in pkt4-receive-drop)",
                        dropped, source, total));
        this.interfaces = interfaces;
        this.byIndex = byIndex;
        this.routing = routing;
    }

    static LinuxDhcp4Sockets open(Dhcp4SocketSettings settings, List<NetInterface> selected) throws IOException {
        Map<Integer, Entry> entries = new HashMap<>();
        UdpSocket routing = null;
        try {
            for (NetInterface iface : selected) {
                boolean raw = settings.mode() == SocketMode.RAW;
                List<UdpSocket> udp = new ArrayList<>();
                entries.put(iface.index(), new Entry(iface, udp, null));
                for (InterfaceAddress4 a : iface.addresses()) {
                    udp.add(UdpSocket.open(iface, a.address(), settings.serverPort(), raw ? FALLBACK_BUFFER : READ_BUFFER));
                }
                if (raw) {
                    entries.put(iface.index(), new Entry(iface, udp, PacketSocket.open(iface, settings.serverPort())));
                }
            }
            if (settings.outboundUseRouting() && settings.mode() == SocketMode.UDP) {
                routing = UdpSocket.open(null, null, settings.serverPort(), FALLBACK_BUFFER);
            }
        } catch (IOException | RuntimeException e) {
            entries.values().forEach(Entry::close);
            throw e;
        }
        LinuxDhcp4Sockets s = new LinuxDhcp4Sockets(settings, selected, entries, routing);
        for (NetInterface iface : selected) {
            Entry e = entries.get(iface.index());
            String name = "ruru-dhcp4-rx-" + iface.name();
            if (e.packet() != null) {
                PacketSocket packet = e.packet();
                byte[] scratch = new byte[RxBuffers.DATA_SIZE];
                s.readers.start(name, iface.name(), packet.fd, RxBuffers.SLOTS, false,
                        (b, sink, wait) -> packet.read(b, scratch, sink));
            } else {
                for (UdpSocket u : e.udp()) {
                    s.readers.start(name + "-" + u.address, iface.name(), u.fd, RxBuffers.SLOTS, true, u::read);
                }
            }
        }
        return s;
    }

    @Override
    public Received4 receive() throws IOException {
        return readers.take();
    }

    @Override
    public void runInline(Inline<Received4> inline) {
        readers.runInline(inline);
    }

    @Override
    public void send(Reply4 reply) throws IOException {
        readers.whileOpen(() -> {
            Entry e = byIndex.get(reply.iface().index());
            if (e == null) {
                throw new IOException("no socket open on interface " + reply.iface().name());
            }
            if (reply.destinationMac() != null) {
                sendFrame(e, reply);
            } else if (routing != null && reply.destination().bits() != -1
                    && reply.destinationPort() != settings.clientPort()) {
                // outbound-interface use-routing: a reply to a relay follows the routing table (Kea: relayed + UDP).
                routing.send(reply.payload(), reply.destination(), reply.destinationPort(), 0, Ipv4Address.ANY);
            } else {
                e.from(reply.source()).send(reply.payload(), reply.destination(), reply.destinationPort(),
                        e.iface().index(), reply.source());
            }
        });
    }

    private void sendFrame(Entry e, Reply4 reply) throws IOException {
        if (e.packet() == null) {
            throw new IOException("a unicast frame to a hardware address needs dhcp-socket-type raw");
        }
        byte[] dst = reply.destinationMac().bytes();
        if (dst.length != 6) {
            throw new IOException("cannot frame a reply to hardware address " + reply.destinationMac()
                    + ": not a 6-byte Ethernet address");
        }
        byte[] src = e.iface().mac() != null && e.iface().mac().length() == 6 ? e.iface().mac().bytes() : new byte[6];
        if (!TxBatch.mayLeaveNow()) {
            return; // its lease rows did not reach the file: the exchange failed, no reply
        }
        byte[] frame = Frames.build(src, dst, reply.source(), reply.destination(), settings.serverPort(),
                reply.destinationPort(), reply.payload());
        e.packet().send(frame, dst);
    }

    @Override
    public List<NetInterface> interfaces() {
        return interfaces;
    }

    @Override
    public long dropped() {
        return readers.dropped();
    }

    @Override
    public int queueDepth() {
        return readers.queueDepth();
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
        readers.close(() -> {
            byIndex.values().forEach(Entry::close);
            if (routing != null) {
                routing.close();
            }
        });
    }
}
