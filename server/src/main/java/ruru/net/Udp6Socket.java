package ruru.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import ruru.wire.Ipv6Address;

/**
 * A UDP socket on [::]:port bound (SO_BINDTODEVICE) to one interface, member of ff02::1:2 on it:
 * it gets the interface's multicast queries and the unicasts to its addresses. IPV6_RECVPKTINFO
 * tells each datagram's destination, so the server knows a multicast from a unicast (Kea's
 * unicast rule) and answers from the address the query was sent to; only datagrams to
 * ff02::1:2, to a link-local address of the interface or to its selected unicast address are
 * taken, which are exactly those Kea's three sockets would receive. Sends carry an IPV6_PKTINFO
 * with the interface and the source address. As dhcp4's sockets: datagrams are read up to 16 per
 * recvmmsg(2) into the reader's {@link RxBuffers}, replies sent from the sending thread's
 * {@link TxBuffers}, so neither direction builds native memory per packet.
 */
final class Udp6Socket {

    private static final ValueLayout.OfShort BE_SHORT = Libc.BE_SHORT;
    private static final org.slf4j.Logger SEND_LOG = org.slf4j.LoggerFactory.getLogger("kea-dhcp6.packets");
    private static final ValueLayout.OfLong BE_LONG = Libc.BE_LONG;
    /** struct in6_pktinfo: in6_addr (16) + ifindex (4). */
    private static final long PKTINFO6 = 20;
    private static final long PKTINFO6_SPACE = Libc.CMSG_HEADER + 24;
    private static final int HOP_LIMIT = 64;

    final int fd;
    /** Names a held-back reply in a failure text (made once: no lambda per reply). */
    private final TxBatch.Target target = this::describe;
    /** Whether this socket's held replies may go segmented (until the kernel refuses). */
    private final Segmentation segmentation = new Segmentation(error -> SEND_LOG.warn(
            "DHCP6_SEGMENTATION_OFF the kernel refused to segment replies on the socket of {}: {}; each reply is sent as its own message from now on", describe(), error));
    final NetInterface6 iface;

    private Udp6Socket(int fd, NetInterface6 iface) {
        this.fd = fd;
        this.iface = iface;
    }

    static Udp6Socket open(NetInterface6 iface, int port, int rcvBuf) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.errnoState(arena);
            // blocking, with a receive timeout: a reader waits in recvmmsg itself, no poll(2) first
            int fd = Libc.socket(st, Libc.AF_INET6, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Libc.failure("socket(AF_INET6, SOCK_DGRAM)", st);
            }
            try {
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1, "SO_REUSEADDR");
                Libc.setIntOption(st, arena, fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 1, "IPV6_V6ONLY");
                Libc.setIntOption(st, arena, fd, Libc.IPPROTO_IPV6, Libc.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
                Libc.setIntOption(st, arena, fd, Libc.IPPROTO_IPV6, Libc.IPV6_UNICAST_HOPS, HOP_LIMIT,
                        "IPV6_UNICAST_HOPS");
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, rcvBuf, "SO_RCVBUF");
                // each datagram tells the socket's kernel drop count (a full receive buffer): counted and logged
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_RXQ_OVFL, 1, "SO_RXQ_OVFL");
                Libc.setReceiveTimeout(st, arena, fd, SocketReaders.POLL_MILLIS);
                MemorySegment dev = arena.allocateFrom(iface.name(), StandardCharsets.US_ASCII);
                if (Libc.setsockopt(st, fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, dev, (int) dev.byteSize()) < 0) {
                    throw Libc.failure("SO_BINDTODEVICE " + iface.name(), st);
                }
                MemorySegment sa = Libc.sockaddrIn6(arena, Ipv6Address.ANY, port, 0);
                if (Libc.bind(st, fd, sa, (int) Libc.SOCKADDR_IN6_SIZE) < 0) {
                    throw Libc.failure("bind UDP [::]:" + port + " on " + iface.name(), st);
                }
                if (!iface.loopback()) {
                    MemorySegment mreq = arena.allocate(20, 4);
                    MemorySegment.copy(Ipv6Address.ALL_DHCP_RELAY_AGENTS_AND_SERVERS.toBytes(), 0, mreq,
                            ValueLayout.JAVA_BYTE, 0, 16);
                    mreq.set(ValueLayout.JAVA_INT, 16, iface.index());
                    if (Libc.setsockopt(st, fd, Libc.IPPROTO_IPV6, Libc.IPV6_JOIN_GROUP, mreq, 20) < 0) {
                        throw Libc.failure("joining ff02::1:2 on " + iface.name(), st);
                    }
                }
                return new Udp6Socket(fd, iface);
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
    int read(RxBuffers b, Consumer<Received6> sink, boolean wait) throws IOException {
        return b.receive(fd, Libc.SOCKADDR_IN6_SIZE, iface.name(), wait, i -> deliver(b, i, sink));
    }

    private void deliver(RxBuffers b, int i, Consumer<Received6> sink) {
        Ipv6Address local = pktinfoDestination(b.control(i), b.controlLength(i));
        if (local == null || !forUs(local)) {
            return;
        }
        MemorySegment name = b.name(i);
        Ipv6Address source = new Ipv6Address(name.get(BE_LONG, 8), name.get(BE_LONG, 16));
        int sourcePort = name.get(BE_SHORT, 2) & 0xffff;
        int length = b.length(i);
        sink.accept(new Received6(b.copy(i, length), length, iface, source, sourcePort, local));
    }

    private boolean forUs(Ipv6Address local) {
        return local.equals(Ipv6Address.ALL_DHCP_RELAY_AGENTS_AND_SERVERS) || iface.hasAddress(local);
    }

    /** ipi6_addr of the IPV6_PKTINFO control message: the destination in the datagram's header. */
    static Ipv6Address pktinfoDestination(MemorySegment control, long controlLen) {
        long off = 0;
        long limit = Math.min(controlLen, control.byteSize());
        while (off + Libc.CMSG_HEADER <= limit) {
            long len = control.get(ValueLayout.JAVA_LONG, off);
            int level = control.get(ValueLayout.JAVA_INT, off + 8);
            int type = control.get(ValueLayout.JAVA_INT, off + 12);
            if (len < Libc.CMSG_HEADER || off + len > limit) {
                return null;
            }
            if (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_PKTINFO && len >= Libc.CMSG_HEADER + PKTINFO6) {
                return new Ipv6Address(control.get(BE_LONG, off + Libc.CMSG_HEADER),
                        control.get(BE_LONG, off + Libc.CMSG_HEADER + 8));
            }
            off += (len + 7) & ~7L;
        }
        return null;
    }

    /**
     * sendmsg with IPV6_PKTINFO(source, ifindex); a link-local destination is scoped to the interface.
     * From the sending thread's native buffers ({@link TxBuffers}): no arena per reply.
     */
    void send(byte[] payload, Ipv6Address destination, int port, Ipv6Address source) throws IOException {
        // a reader answering its batch holds the reply for one sendmmsg at the batch's end
        TxBatch batch = TxBatch.deferring();
        TxBatch.Slot slot = batch == null ? null : batch.add(fd, payload, segmentation, target, destination, port);
        if (slot != null) {
            fill(slot.msghdr, slot.name, slot.control, destination, port, source);
            return;
        }
        if (!TxBatch.mayLeaveNow()) {
            return; // its lease rows did not reach the file: the exchange failed, no reply
        }
        TxBuffers t = TxBuffers.current();
        MemorySegment msg = t.prepare(payload, payload.length);
        fill(msg, t.name, t.control, destination, port, source);
        long n = Libc.sendmsg(t.errno, fd, msg, Libc.MSG_DONTWAIT);
        if (n < 0) {
            throw Libc.failure("sendmsg " + describe(destination, port), t.errno);
        }
    }

    /** "[::] on eth0": the socket, in texts. */
    private String describe() {
        return "[::] on " + iface.name();
    }

    /** "to [2001:db8::1]:547 on eth0", in failure texts. */
    private String describe(Object destination, int port) {
        return "to [" + destination + "]:" + port + " on " + iface.name();
    }

    private void fill(MemorySegment msg, MemorySegment name, MemorySegment control, Ipv6Address destination,
                      int port, Ipv6Address source) {
        control.set(ValueLayout.JAVA_LONG, 0, Libc.CMSG_HEADER + PKTINFO6);
        control.set(ValueLayout.JAVA_INT, 8, Libc.IPPROTO_IPV6);
        control.set(ValueLayout.JAVA_INT, 12, Libc.IPV6_PKTINFO);
        Ipv6Address from = source == null ? Ipv6Address.ANY : source;
        control.set(BE_LONG, Libc.CMSG_HEADER, from.hi());
        control.set(BE_LONG, Libc.CMSG_HEADER + 8, from.lo());
        control.set(ValueLayout.JAVA_INT, Libc.CMSG_HEADER + 16, iface.index());
        control.set(ValueLayout.JAVA_INT, Libc.CMSG_HEADER + 20, 0);
        int scope = destination.isLinkLocal() || destination.isMulticast() ? iface.index() : 0;
        Libc.putSockaddrIn6(name, destination, port, scope);
        msg.set(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN, (int) Libc.SOCKADDR_IN6_SIZE);
        msg.set(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN, PKTINFO6_SPACE);
    }

    void close() {
        Libc.close(fd);
    }
}
