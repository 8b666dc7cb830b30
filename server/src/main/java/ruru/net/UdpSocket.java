package ruru.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
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

    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long PKTINFO_SPACE = Libc.CMSG_HEADER + 16;

    final int fd;
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
            int fd = Libc.socket(st, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Libc.failure("socket(AF_INET, SOCK_DGRAM)", st);
            }
            try {
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1, "SO_REUSEADDR");
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_BROADCAST, 1, "SO_BROADCAST");
                Libc.setIntOption(st, arena, fd, Libc.IPPROTO_IP, Libc.IP_PKTINFO, 1, "IP_PKTINFO");
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, rcvBuf, "SO_RCVBUF");
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

    /** Reads one datagram without blocking; false when none is waiting. Drops what is not for us. */
    boolean readOne(RxBuffers b, Consumer<Received4> sink) throws IOException {
        long n = Libc.recvmsg(b.errno, fd, b.prepare(Libc.SOCKADDR_IN_SIZE), Libc.MSG_DONTWAIT);
        if (n < 0) {
            int e = Libc.errno(b.errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return false;
            }
            throw Libc.failure("recvmsg on " + iface.name(), b.errno);
        }
        if ((b.msghdr.get(ValueLayout.JAVA_INT, Libc.MSG_FLAGS) & Libc.MSG_TRUNC) != 0) {
            return true;
        }
        Ipv4Address source = new Ipv4Address(b.name.get(BE_INT, 4));
        int sourcePort = b.name.get(BE_SHORT, 2) & 0xffff;
        Ipv4Address local = pktinfoDestination(b.control, b.msghdr.get(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN));
        if (local == null) {
            local = iface.addresses().getFirst().address();
        }
        boolean bcast = iface.isBroadcast(local);
        // "eth0/192.0.2.1" selects one address: unicasts to the interface's other addresses are not ours.
        if (!bcast && !iface.hasAddress(local)) {
            return true;
        }
        byte[] data = b.data.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        sink.accept(new Received4(data, (int) n, iface, source, sourcePort, local, bcast));
        return true;
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.errnoState(arena);
            MemorySegment buf = arena.allocate(Math.max(1, payload.length));
            MemorySegment.copy(payload, 0, buf, ValueLayout.JAVA_BYTE, 0, payload.length);
            MemorySegment iov = arena.allocate(Libc.IOVEC_SIZE, 8);
            iov.set(ValueLayout.ADDRESS, 0, buf);
            iov.set(ValueLayout.JAVA_LONG, 8, payload.length);
            MemorySegment control = arena.allocate(PKTINFO_SPACE, 8);
            control.set(ValueLayout.JAVA_LONG, 0, Libc.CMSG_HEADER + 12);
            control.set(ValueLayout.JAVA_INT, 8, Libc.IPPROTO_IP);
            control.set(ValueLayout.JAVA_INT, 12, Libc.IP_PKTINFO);
            control.set(ValueLayout.JAVA_INT, Libc.CMSG_HEADER, ifindex);
            control.set(BE_INT, Libc.CMSG_HEADER + 4, source == null ? 0 : source.bits());
            MemorySegment sa = Libc.sockaddrIn(arena, destination.bits(), port);
            MemorySegment msg = arena.allocate(Libc.MSGHDR_SIZE, 8);
            msg.set(ValueLayout.ADDRESS, Libc.MSG_NAME, sa);
            msg.set(ValueLayout.JAVA_INT, Libc.MSG_NAMELEN, (int) Libc.SOCKADDR_IN_SIZE);
            msg.set(ValueLayout.ADDRESS, Libc.MSG_IOV, iov);
            msg.set(ValueLayout.JAVA_LONG, Libc.MSG_IOVLEN, 1);
            msg.set(ValueLayout.ADDRESS, Libc.MSG_CONTROL, control);
            msg.set(ValueLayout.JAVA_LONG, Libc.MSG_CONTROLLEN, PKTINFO_SPACE);
            long n = Libc.sendmsg(st, fd, msg, 0);
            if (n < 0) {
                throw Libc.failure("sendmsg to " + destination + ":" + port
                        + (iface == null ? "" : " on " + iface.name()), st);
            }
        }
    }

    void close() {
        Libc.close(fd);
    }
}
