package ruru.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import ruru.wire.Ipv4Address;

/**
 * A test client's wire: an AF_PACKET socket on one interface of a network namespace the test made,
 * opened from a short-lived platform thread that first joins that namespace (setns(2) moves only
 * the calling thread; the socket stays in the namespace it was made in). It sends whole Ethernet
 * frames the test builds (any source MAC, any source address) and sees every IPv4/UDP frame on the
 * link, including unicasts to other MACs (the interface is put in promiscuous mode by the lab). It
 * runs no IP stack, so it never answers ARP: a server that cannot send a raw frame to a client that
 * has no address yet never reaches it, exactly as with a PXE ROM.
 */
public final class NetnsRawPort implements AutoCloseable {

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int ETH_P_ALL = 0x0003;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = LINKER.downcallHandle(LIBC.find("setns").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle NAMETOINDEX = LINKER.downcallHandle(LIBC.find("if_nametoindex").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    /** One captured IPv4/UDP frame: link and network addresses and the UDP payload. */
    public record Frame(byte[] dstMac, byte[] srcMac, Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort,
                        byte[] payload, long nanos) {
    }

    private final int fd;
    private final int ifindex;
    private final String iface;
    private final List<Frame> frames = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    private NetnsRawPort(int fd, int ifindex, String iface) {
        this.fd = fd;
        this.ifindex = ifindex;
        this.iface = iface;
        this.reader = Thread.ofPlatform().daemon().name("raw-port-" + iface).start(this::readLoop);
    }

    /** Opens the port on {@code iface} inside the namespace {@code netns} (a name under /run/netns). */
    public static NetnsRawPort open(String netns, String iface) throws IOException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("setns-" + netns).start(() -> {
            try {
                result.set(openHere(netns, iface));
            } catch (IOException | RuntimeException e) {
                result.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted opening a raw port", e);
        }
        return switch (result.get()) {
            case int[] fdAndIndex -> new NetnsRawPort(fdAndIndex[0], fdAndIndex[1], iface);
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IOException("raw port not opened");
        };
    }

    /** Runs on a throwaway thread: this thread joins the namespace and never leaves it. */
    private static int[] openHere(String netns, String iface) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int nsfd = (int) OPEN.invokeExact(arena.allocateFrom("/run/netns/" + netns, StandardCharsets.US_ASCII), 0);
            if (nsfd < 0) {
                throw new IOException("cannot open /run/netns/" + netns);
            }
            int rc = (int) SETNS.invokeExact(nsfd, CLONE_NEWNET);
            Libc.close(nsfd);
            if (rc != 0) {
                throw new IOException("setns into " + netns + " failed");
            }
            int index = (int) NAMETOINDEX.invokeExact(arena.allocateFrom(iface, StandardCharsets.US_ASCII));
            if (index == 0) {
                throw new IOException("no interface " + iface + " in " + netns);
            }
            MemorySegment st = Libc.errnoState(arena);
            int protocolBe = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL));
            int fd = Libc.socket(st, Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocolBe);
            if (fd < 0) {
                throw Libc.failure("socket(AF_PACKET)", st);
            }
            MemorySegment sll = arena.allocate(Libc.SOCKADDR_LL_SIZE, 8);
            sll.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_PACKET);
            sll.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 2, (short) ETH_P_ALL);
            sll.set(ValueLayout.JAVA_INT, 4, index);
            if (Libc.bind(st, fd, sll, (int) Libc.SOCKADDR_LL_SIZE) < 0) {
                Libc.close(fd);
                throw Libc.failure("bind AF_PACKET " + iface, st);
            }
            return new int[] {fd, index};
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private void readLoop() {
        try (RxBuffers b = new RxBuffers()) {
            byte[] scratch = new byte[RxBuffers.DATA_SIZE];
            while (!closed) {
                if (Libc.pollIn(b.errno, b.pollfd, fd, 50) <= 0) {
                    continue;
                }
                while (true) {
                    int n = Libc.recvmmsg(b.errno, fd, b.prepare(Libc.SOCKADDR_LL_SIZE), RxBuffers.SLOTS, Libc.MSG_DONTWAIT);
                    if (n <= 0) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        int pkttype = b.name(i).get(ValueLayout.JAVA_BYTE, 10) & 0xff;
                        if (pkttype == Libc.PACKET_OUTGOING) {
                            continue;
                        }
                        int len = b.length(i);
                        MemorySegment.copy(b.data(i), ValueLayout.JAVA_BYTE, 0, scratch, 0, len);
                        Frame f = parse(scratch, len);
                        if (f != null) {
                            synchronized (frames) {
                                frames.add(f);
                                frames.notifyAll();
                            }
                        }
                    }
                }
            }
        }
    }

    private static Frame parse(byte[] frame, int len) {
        if (len < Frames.ETH_HEADER) {
            return null;
        }
        int port = len >= 38 ? Frames.get16(frame, 36) : -1;
        Frames.Datagram d = Frames.parse(frame, len, port);
        if (d == null) {
            return null;
        }
        byte[] payload = java.util.Arrays.copyOfRange(frame, d.payloadOffset(), d.payloadOffset() + d.payloadLength());
        return new Frame(java.util.Arrays.copyOfRange(frame, 0, 6), java.util.Arrays.copyOfRange(frame, 6, 12),
                d.source(), d.destination(), d.sourcePort(), d.destinationPort(), payload, System.nanoTime());
    }

    /** Builds and sends one Ethernet/IPv4/UDP frame. */
    public void send(byte[] srcMac, byte[] dstMac, Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort,
                     byte[] payload) throws IOException {
        byte[] frame = Frames.build(srcMac, dstMac, src, dst, srcPort, dstPort, payload);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = Libc.errnoState(arena);
            MemorySegment buf = arena.allocate(frame.length);
            MemorySegment.copy(frame, 0, buf, ValueLayout.JAVA_BYTE, 0, frame.length);
            MemorySegment sll = Libc.sockaddrLl(arena, ifindex, dstMac);
            if (Libc.sendto(st, fd, buf, frame.length, 0, sll, (int) Libc.SOCKADDR_LL_SIZE) < 0) {
                throw Libc.failure("sendto on raw port " + iface, st);
            }
        }
    }

    /** Forgets every frame captured so far. */
    public void clear() {
        synchronized (frames) {
            frames.clear();
        }
    }

    /**
     * The first captured frame (in arrival order) that {@code match} accepts, removed from the
     * capture; null when none arrives within {@code wait}.
     */
    public Frame await(Predicate<Frame> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (frames) {
            while (true) {
                for (int i = 0; i < frames.size(); i++) {
                    if (match.test(frames.get(i))) {
                        return frames.remove(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                frames.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Libc.close(fd);
    }
}
