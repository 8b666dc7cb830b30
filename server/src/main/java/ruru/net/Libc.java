package ruru.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import ruru.io.Syscalls;

/**
 * The libc calls ruru needs for what NIO cannot do (IP_PKTINFO, SO_BINDTODEVICE, AF_PACKET, BPF):
 * Linux x86_64/aarch64 LP64 only. Every call takes an errno capture segment ({@link #errnoState})
 * because errno must be read from the call's own captured state: the JVM may itself touch errno
 * between the downcall and a later read. All of them are system calls made through the one
 * downcall of {@link Syscalls} (one shape for every call keeps the JVM's generated downcall
 * classes, which the start-up cache cannot hold, to one set).
 */
final class Libc {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_BROADCAST = 6;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_ATTACH_FILTER = 26;
    /** A datagram's control data carries the socket's drop count (u32) when it is not 0. */
    static final int SO_RXQ_OVFL = 40;
    static final int SOL_UDP = 17;
    /** UDP generic segmentation offload: a cmsg (u16) giving the size each segment is cut to. */
    static final int UDP_SEGMENT = 103;
    static final int IPPROTO_IP = 0;
    static final int IP_PKTINFO = 8;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_JOIN_GROUP = 20;
    static final int IPV6_V6ONLY = 26;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int ETH_P_IP = 0x0800;
    static final int POLLIN = 1;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    /** recvmmsg: wait for the first datagram only, then take what is waiting. */
    static final int MSG_WAITFORONE = 0x10000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EIO = 5;
    static final int EINVAL = 22;
    /** sockaddr_ll.sll_pkttype of a frame this host sent (packet sockets see outgoing frames too). */
    static final int PACKET_OUTGOING = 4;
    /** sll_pkttype of this host's own broadcasts, looped back to local listeners. */
    static final int PACKET_LOOPBACK = 5;

    /** struct msghdr (56 bytes on LP64). */
    static final long MSG_NAME = 0, MSG_NAMELEN = 8, MSG_IOV = 16, MSG_IOVLEN = 24, MSG_CONTROL = 32,
            MSG_CONTROLLEN = 40, MSG_FLAGS = 48, MSGHDR_SIZE = 56;
    static final long IOVEC_SIZE = 16;
    static final long SOCKADDR_IN_SIZE = 16;
    static final long SOCKADDR_IN6_SIZE = 28;
    static final long SOCKADDR_LL_SIZE = 20;
    /** struct cmsghdr header: len (size_t), level (int), type (int); data aligned to 8. */
    static final long CMSG_HEADER = 16;

    /** Network byte order fields (made once: a layout made per call costs a new VarHandle each time). */
    static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    /** The pollfd segment {@link #pollIn} takes: a struct pollfd (8 bytes) and ppoll's struct timespec (16). */
    static final long POLL_SEGMENT_SIZE = 24;

    private Libc() {
    }

    /** A capture segment for one thread's calls. */
    static MemorySegment errnoState(Arena arena) {
        return arena.allocate(Syscalls.errnoStateLayout());
    }

    static int errno(MemorySegment state) {
        return Syscalls.errno(state);
    }

    static String strerror(int errno) {
        return Syscalls.strerror(errno);
    }

    static IOException failure(String what, MemorySegment state) {
        int e = errno(state);
        return new IOException(what + ": " + strerror(e) + " (errno " + e + ")");
    }

    static int socket(MemorySegment st, int domain, int type, int protocol) {
        return (int) Syscalls.call(st, Syscalls.SOCKET, domain, type, protocol);
    }

    static int setsockopt(MemorySegment st, int fd, int level, int name, MemorySegment value, int len) {
        return (int) Syscalls.call(st, Syscalls.SETSOCKOPT, fd, level, name, Syscalls.pointer(value), len, 0L);
    }

    static int bind(MemorySegment st, int fd, MemorySegment addr, int len) {
        return (int) Syscalls.call(st, Syscalls.BIND, fd, Syscalls.pointer(addr), len);
    }

    static long recvmsg(MemorySegment st, int fd, MemorySegment msghdr, int flags) {
        return Syscalls.call(st, Syscalls.RECVMSG, fd, Syscalls.pointer(msghdr), flags);
    }

    /** recvmmsg(2) without a timeout: up to {@code vlen} datagrams; -1 with errno (EAGAIN: none waiting). */
    static int recvmmsg(MemorySegment st, int fd, MemorySegment vector, int vlen, int flags) {
        return (int) Syscalls.call(st, Syscalls.RECVMMSG, fd, Syscalls.pointer(vector), vlen, flags, 0L, 0L);
    }

    static long sendmsg(MemorySegment st, int fd, MemorySegment msghdr, int flags) {
        return Syscalls.call(st, Syscalls.SENDMSG, fd, Syscalls.pointer(msghdr), flags);
    }

    /** sendmmsg(2): how many of the {@code vlen} messages were sent; -1 with errno when the first failed. */
    static int sendmmsg(MemorySegment st, int fd, MemorySegment vector, int vlen, int flags) {
        return (int) Syscalls.call(st, Syscalls.SENDMMSG, fd, Syscalls.pointer(vector), vlen, flags, 0L, 0L);
    }

    static long sendto(MemorySegment st, int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        return Syscalls.call(st, Syscalls.SENDTO, fd, Syscalls.pointer(buf), len, flags, Syscalls.pointer(addr), addrLen);
    }

    /**
     * ppoll(2) on one descriptor ({@code pollfd}: {@link #POLL_SEGMENT_SIZE} bytes): positive when
     * readable, 0 on timeout, -1 with errno.
     */
    static int pollIn(MemorySegment st, MemorySegment pollfd, int fd, int timeoutMillis) {
        pollfd.set(ValueLayout.JAVA_INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        pollfd.set(ValueLayout.JAVA_LONG, 8, timeoutMillis / 1000);
        pollfd.set(ValueLayout.JAVA_LONG, 16, (timeoutMillis % 1000) * 1_000_000L);
        return (int) Syscalls.call(st, Syscalls.PPOLL, Syscalls.pointer(pollfd), 1L, Syscalls.pointer(pollfd) + 8, 0L, 8L, 0L);
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            Syscalls.call(errnoState(arena), Syscalls.CLOSE, fd, 0L, 0L);
        }
    }

    static void setIntOption(MemorySegment st, Arena arena, int fd, int level, int name, int value, String what)
            throws IOException {
        MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
        v.set(ValueLayout.JAVA_INT, 0, value);
        if (setsockopt(st, fd, level, name, v, 4) < 0) {
            throw failure(what, st);
        }
    }

    /** SO_RCVTIMEO: a blocking receive on {@code fd} returns EAGAIN after {@code millis}. */
    static void setReceiveTimeout(MemorySegment st, Arena arena, int fd, int millis) throws IOException {
        MemorySegment tv = arena.allocate(16, 8);
        tv.set(ValueLayout.JAVA_LONG, 0, millis / 1000);
        tv.set(ValueLayout.JAVA_LONG, 8, (millis % 1000) * 1000L);
        if (setsockopt(st, fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16) < 0) {
            throw failure("SO_RCVTIMEO", st);
        }
    }

    /** struct sockaddr_in: family, port and address in network byte order. */
    static MemorySegment sockaddrIn(Arena arena, int address, int port) {
        return putSockaddrIn(arena.allocate(SOCKADDR_IN_SIZE, 8), address, port);
    }

    /** Fills {@code sa} (16 bytes) as a struct sockaddr_in. */
    static MemorySegment putSockaddrIn(MemorySegment sa, int address, int port) {
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        sa.set(BE_SHORT, 2, (short) port);
        sa.set(BE_INT, 4, address);
        sa.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 0L);
        return sa;
    }

    /** struct sockaddr_in6: family, port, flow info, address (network order), scope id (the interface index). */
    static MemorySegment sockaddrIn6(Arena arena, ruru.wire.Ipv6Address address, int port, int scopeId) {
        return putSockaddrIn6(arena.allocate(SOCKADDR_IN6_SIZE, 8), address, port, scopeId);
    }

    /** Fills {@code sa} (28 bytes) as a struct sockaddr_in6 (flow info 0). */
    static MemorySegment putSockaddrIn6(MemorySegment sa, ruru.wire.Ipv6Address address, int port, int scopeId) {
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
        sa.set(BE_SHORT, 2, (short) port);
        sa.set(ValueLayout.JAVA_INT, 4, 0);
        sa.set(BE_LONG, 8, address.hi());
        sa.set(BE_LONG, 16, address.lo());
        sa.set(ValueLayout.JAVA_INT, 24, scopeId);
        return sa;
    }

    /** struct sockaddr_ll for a packet socket bound to (or sending out of) one interface. */
    static MemorySegment sockaddrLl(Arena arena, int ifindex, byte[] mac) {
        return putSockaddrLl(arena.allocate(SOCKADDR_LL_SIZE, 8), ifindex, mac);
    }

    /** Fills {@code sa} (20 bytes) as a struct sockaddr_ll. */
    static MemorySegment putSockaddrLl(MemorySegment sa, int ifindex, byte[] mac) {
        sa.asSlice(0, SOCKADDR_LL_SIZE).fill((byte) 0);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
        sa.set(BE_SHORT, 2, (short) ETH_P_IP);
        sa.set(ValueLayout.JAVA_INT, 4, ifindex);
        if (mac != null) {
            sa.set(ValueLayout.JAVA_BYTE, 11, (byte) mac.length);
            MemorySegment.copy(mac, 0, sa, ValueLayout.JAVA_BYTE, 12, Math.min(8, mac.length));
        }
        return sa;
    }
}
