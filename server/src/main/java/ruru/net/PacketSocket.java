package ruru.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;
import ruru.wire.HardwareAddress;

/**
 * An AF_PACKET socket on one interface for IPv4 frames, with {@link Bpf#udpToPort} attached: how
 * RAW mode sees a DISCOVER from a client with no address and sends it a unicast frame to its MAC.
 */
final class PacketSocket {

    final int fd;
    final NetInterface iface;
    private final int port;

    private PacketSocket(int fd, NetInterface iface, int port) {
        this.fd = fd;
        this.iface = iface;
        this.port = port;
    }

    static PacketSocket open(NetInterface iface, int port) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.errnoState(arena);
            int protocolBe = Short.toUnsignedInt(Short.reverseBytes((short) Libc.ETH_P_IP));
            int fd = Libc.socket(st, Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocolBe);
            if (fd < 0) {
                throw Libc.failure("socket(AF_PACKET, SOCK_RAW) for " + iface.name()
                        + " (raw sockets need CAP_NET_RAW)", st);
            }
            try {
                attachFilter(st, arena, fd, Bpf.udpToPort(port));
                Libc.setIntOption(st, arena, fd, Libc.SOL_SOCKET, Libc.SO_RXQ_OVFL, 1, "SO_RXQ_OVFL");
                MemorySegment sll = Libc.sockaddrLl(arena, iface.index(), null);
                if (Libc.bind(st, fd, sll, (int) Libc.SOCKADDR_LL_SIZE) < 0) {
                    throw Libc.failure("bind AF_PACKET to " + iface.name(), st);
                }
                return new PacketSocket(fd, iface, port);
            } catch (IOException e) {
                Libc.close(fd);
                throw e;
            }
        }
    }

    private static void attachFilter(MemorySegment st, Arena arena, int fd, Bpf.Insn[] prog) throws IOException {
        MemorySegment insns = arena.allocate(8L * prog.length, 8);
        for (int i = 0; i < prog.length; i++) {
            long o = 8L * i;
            insns.set(ValueLayout.JAVA_SHORT, o, (short) prog[i].code());
            insns.set(ValueLayout.JAVA_BYTE, o + 2, (byte) prog[i].jt());
            insns.set(ValueLayout.JAVA_BYTE, o + 3, (byte) prog[i].jf());
            insns.set(ValueLayout.JAVA_INT, o + 4, prog[i].k());
        }
        MemorySegment fprog = arena.allocate(16, 8);   // struct sock_fprog { u16 len; sock_filter *filter; }
        fprog.set(ValueLayout.JAVA_SHORT, 0, (short) prog.length);
        fprog.set(ValueLayout.ADDRESS, 8, insns);
        if (Libc.setsockopt(st, fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, fprog, 16) < 0) {
            throw Libc.failure("SO_ATTACH_FILTER", st);
        }
    }

    /**
     * Reads the frames waiting, up to {@link RxBuffers#SLOTS}, with one recvmmsg(2) and without
     * blocking; returns how many were read (0 when none was waiting). Bad or foreign frames are dropped.
     */
    int read(RxBuffers b, byte[] scratch, Consumer<Received4> sink) throws IOException {
        int n = Libc.recvmmsg(b.errno, fd, b.prepare(Libc.SOCKADDR_LL_SIZE), RxBuffers.SLOTS, Libc.MSG_DONTWAIT);
        if (n < 0) {
            int e = Libc.errno(b.errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return 0;
            }
            throw Libc.failure("recvmmsg on packet socket " + iface.name(), b.errno);
        }
        b.countDrops(n);
        for (int i = 0; i < n; i++) {
            // Defence in depth: a socket bound to ETH_P_IP gets neither our outgoing frames (only ETH_P_ALL
            // taps do) nor usable looped-back broadcasts (no Ethernet header, the filter drops them), but
            // a change to ETH_P_ALL must not make the server answer itself.
            int pkttype = b.name(i).get(ValueLayout.JAVA_BYTE, 10) & 0xff;
            if (b.truncated(i) || pkttype == Libc.PACKET_OUTGOING || pkttype == Libc.PACKET_LOOPBACK) {
                continue;
            }
            int len = b.length(i);
            MemorySegment.copy(b.data(i), ValueLayout.JAVA_BYTE, 0, scratch, 0, len);
            Received4 r = toReceived(scratch, len, iface, port);
            if (r != null) {
                sink.accept(r);
            }
        }
        return n;
    }

    /** The frame as a {@link Received4}, or null when it is not a datagram for one of this interface's selected addresses. */
    static Received4 toReceived(byte[] frame, int len, NetInterface iface, int port) {
        Frames.Datagram d = Frames.parse(frame, len, port);
        if (d == null) {
            return null;
        }
        boolean bcast = iface.isBroadcast(d.destination());
        if (!bcast && !iface.hasAddress(d.destination())) {
            return null;
        }
        byte[] payload = new byte[d.payloadLength()];
        System.arraycopy(frame, d.payloadOffset(), payload, 0, payload.length);
        HardwareAddress mac = new HardwareAddress(HardwareAddress.ETHERNET, java.util.Arrays.copyOfRange(frame, 6, 12));
        return new Received4(payload, payload.length, iface, d.source(), d.sourcePort(), d.destination(), bcast, mac);
    }

    void send(byte[] frame, byte[] dstMac) throws IOException {
        TxBuffers t = TxBuffers.current();
        t.prepare(frame, frame.length);
        Libc.putSockaddrLl(t.name, iface.index(), dstMac);
        if (Libc.sendto(t.errno, fd, t.data, frame.length, 0, t.name, (int) Libc.SOCKADDR_LL_SIZE) < 0) {
            throw Libc.failure("sendto on packet socket " + iface.name(), t.errno);
        }
    }

    void close() {
        Libc.close(fd);
    }
}
