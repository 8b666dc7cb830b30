package ruru.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;
import ruru.wire.Ipv4Address;

/**
 * A UDP socket on one of the interface's addresses (address:port, as kea-dhcp4 binds its UDP and
 * fallback sockets: another program can still bind the port on the host's other addresses), or,
 * with no address, on 0.0.0.0:port without a device (the routing socket of outbound-interface
 * use-routing). IP_PKTINFO tells each datagram's destination address. Sends carry an IP_PKTINFO
 * with the interface index and the source address, so a reply leaves from the address the client
 * talked to, out of the interface it came in on. Bound to a unicast address it receives unicasts
 * only: in UDP mode, as in Kea, directly connected clients that broadcast are not heard.
 */
final class UdpSocket {

    private static final ValueLayout.OfInt BE_INT = Libc.BE_INT;
    private static final ValueLayout.OfShort BE_SHORT = Libc.BE_SHORT;
    private static final org.slf4j.Logger SEND_LOG = org.slf4j.LoggerFactory.getLogger("kea-dhcp4.packets");
    private static final long PKTINFO_SPACE = Libc.CMSG_HEADER + 16;

    final int fd;
    /** Names a held-back reply in a failure text (made once: no lambda per reply). */
    private final TxBatch.Target target = this::describe;
    /** Whether this socket's held replies may go segmented (until the kernel refuses). */
    private final Segmentation segmentation = new Segmentation(error -> SEND_LOG.warn(
            "DHCP4_SEGMENTATION_OFF the kernel refused to segment replies on the socket of {}: {}; each reply is sent as its own message from now on", describe(), error));
    final NetInterface iface;
    /** The bound address; null for 0.0.0.0. */
    final Ipv4Address address;

    private UdpSocket(int fd, NetInterface iface, Ipv4Address address) {
        this.fd = fd;
        this.iface = iface;
        this.address = address;
    }

    /**
     * Bound to {@code address}:{@code port}; {@code address} null binds 0.0.0.0 ({@code iface} is
     * then the interface the socket answers for, or null for the routing socket).
     */
    static UdpSocket open(NetInterface iface, Ipv4Address address, int port, int rcvBuf) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.errnoState(arena);
            // blocking, with a receive timeout: a reader waits in recvmmsg itself, no poll(2) first
            int fd = Libc.socket(st, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Libc.failure("socket(AF_INET, SOCK_DGRAM)", st);
            }
            try {
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1, "SO_REUSEADDR");
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_BROADCAST, 1, "SO_BROADCAST");
                Libc.setIntOption(st, arena, fd, Libc.IPPROTO_IP, Libc.IP_PKTINFO, 1, "IP_PKTINFO");
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, rcvBuf, "SO_RCVBUF");
                // each datagram tells the socket's kernel drop count (a full receive buffer): counted and logged
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_RXQ_OVFL, 1, "SO_RXQ_OVFL");
                Libc.setReceiveTimeout(st, arena, fd, SocketReaders.POLL_MILLIS);
                String where = (address == null ? "0.0.0.0" : address.toString()) + ":" + port
                        + (iface == null ? "" : " on " + iface.name());
                MemorySegment sa = Libc.sockaddrIn(arena, address == null ? 0 : address.bits(), port);
                if (Libc.bind(st, fd, sa, (int) Libc.SOCKADDR_IN_SIZE) < 0) {
                    throw Libc.failure("bind UDP " + where, st);
                }
                return new UdpSocket(fd, iface, address);
            } catch (IOException e) {
                Libc.close(fd);
                throw e;
            }
        }
    }

    /**
     * Reads the datagrams waiting, up to {@link RxBuffers#SLOTS}, with one recvmmsg(2), first
     * waiting up to the receive timeout for one with {@code wait}; returns how many were read (0
     * when none came). Drops what is not for us.
     */
    int read(RxBuffers b, Consumer<Received4> sink, boolean wait) throws IOException {
        String where = iface == null ? "0.0.0.0" : iface.name();
        return b.receive(fd, Libc.SOCKADDR_IN_SIZE, where, wait, i -> deliver(b, i, sink));
    }

    private void deliver(RxBuffers b, int i, Consumer<Received4> sink) {
        MemorySegment name = b.name(i);
        Ipv4Address source = new Ipv4Address(name.get(BE_INT, 4));
        int sourcePort = name.get(BE_SHORT, 2) & 0xffff;
        Ipv4Address local = pktinfoDestination(b.control(i), b.controlLength(i));
        if (local == null) {
            local = iface.addresses().getFirst().address();
        }
        boolean bcast = iface.isBroadcast(local);
        // "eth0/192.0.2.1" selects one address: unicasts to the interface's other addresses are not ours.
        if (!bcast && !iface.hasAddress(local)) {
            return;
        }
        int length = b.length(i);
        sink.accept(new Received4(b.copy(i, length), length, iface, source, sourcePort, local, bcast));
    }

    /** ipi_addr of the IP_PKTINFO control message: the destination in the datagram's IP header. */
    static Ipv4Address pktinfoDestination(MemorySegment control, long controlLen) {
        long off = 0;
        long limit = Math.min(controlLen, control.byteSize());
        while (off + Libc.CMSG_HEADER <= limit) {
            long len = control.get(ValueLayout.JAVA_LONG, off);
            int level = control.get(ValueLayout.JAVA_INT, off + 8);
            int type = control.get(ValueLayout.JAVA_INT, off + 12);
            if (len < Libc.CMSG_HEADER || off + len > limit) {
                return null;
            }
            if (level == Libc.IPPROTO_IP && type == Libc.IP_PKTINFO && len >= Libc.CMSG_HEADER + 12) {
                return new Ipv4Address(control.get(BE_INT, off + Libc.CMSG_HEADER + 8));
            }
            off += (len + 7) & ~7L;
        }
        return null;
    }

    /** sendmsg with IP_PKTINFO(ifindex, spec_dst = source); ifindex 0 and source 0.0.0.0 let routing decide. */
    void send(byte[] payload, Ipv4Address destination, int port, int ifindex, Ipv4Address source) throws IOException {
        // a reader answering its batch holds the reply for one sendmmsg at the batch's end
        TxBatch batch = TxBatch.deferring();
        TxBatch.Slot slot = batch == null ? null : batch.add(fd, payload, segmentation, target, destination, port);
        if (slot != null) {
            fill(slot.msghdr, slot.name, slot.control, destination, port, ifindex, source);
            return;
        }
        if (!TxBatch.mayLeaveNow()) {
            return; // its lease rows did not reach the file: the exchange failed, no reply
        }
        TxBuffers t = TxBuffers.current();
        MemorySegment msg = t.prepare(payload, payload.length);
        fill(msg, t.name, t.control, destination, port, ifindex, source);
        long n = Libc.sendmsg(t.errno, fd, msg, Libc.MSG_DONTWAIT);
        if (n < 0) {
            throw Libc.failure("sendmsg " + describe(destination, port), t.errno);
        }
    }

    private static void fill(MemorySegment msg, MemorySegment name, MemorySegment control, Ipv4Address destination,
                             int port, int ifindex, Ipv4Address source) {
        control.set(ValueLayout.JAVA_LONG, 0, Libc.CMSG_HEADER + 12);
        control.set(ValueLayout.JAVA_INT, 8, Libc.IPPROTO_IP);
        control.set(ValueLayout.JAVA_INT, 12, Libc.IP_PKTINFO);
        control.set(ValueLayout.JAVA_INT, Libc.CMSG_HEADER, ifindex);
        control.set(BE_INT, Libc.CMSG_HEADER + 4, source == null ? 0 : source.bits());
        control.set(BE_INT, Libc.CMSG_HEADER + 8, 0);
        Libc.putSockaddrIn(name, destination.bits(), port);
        msg.set(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN, (int) Libc.SOCKADDR_IN_SIZE);
        msg.set(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN, PKTINFO_SPACE);
    }

    /** "192.0.2.1 on eth0": the socket, in texts. */
    private String describe() {
        return (address == null ? "0.0.0.0" : address.toString()) + (iface == null ? "" : " on " + iface.name());
    }

    /** "to 192.0.2.1:68 on eth0", in failure texts. */
    private String describe(Object destination, int port) {
        return "to " + destination + ":" + port + (iface == null ? "" : " on " + iface.name());
    }

    void close() {
        Libc.close(fd);
    }
}
