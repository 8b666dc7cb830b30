package ruru.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
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
 * <p>Each receiving socket has one platform reader thread: a blocking native call pins a virtual
 * thread's carrier, so the readers poll(2) with a short timeout (which is also how close()
 * stops them) and feed one bounded queue that the worker threads take from.
 */
final class LinuxDhcp4Sockets implements Dhcp4Sockets {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.packets");
    private static final int POLL_MILLIS = 100;
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
    private final BlockingQueue<Received4> queue;
    /** Weighted queue lengths seen by receive(); racy updates only blur an approximate figure. */
    private final double[] queueAverages = new double[3];
    private final List<Thread> readers = new ArrayList<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private LinuxDhcp4Sockets(Dhcp4SocketSettings settings, List<NetInterface> interfaces, Map<Integer, Entry> byIndex,
                              UdpSocket routing) {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueSize());
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
            if (e.packet() != null) {
                s.startReader(e, e.packet().fd, null);
            } else {
                for (UdpSocket u : e.udp()) {
                    s.startReader(e, u.fd, u);
                }
            }
        }
        return s;
    }

    /** One reader per receiving descriptor: the interface's packet socket, or one of its UDP sockets. */
    private void startReader(Entry e, int fd, UdpSocket udp) {
        Thread t = Thread.ofPlatform().daemon().name("ruru-dhcp4-rx-" + e.iface().name()
                + (udp == null ? "" : "-" + udp.address)).unstarted(() -> readLoop(e, fd, udp));
        readers.add(t);
        t.start();
    }

    private void readLoop(Entry e, int fd, UdpSocket udp) {
        // When the workers fall behind, the oldest queued query goes: its client has most likely
        // retransmitted or given up already (Kea's packet queue drops the same way).
        Consumer<Received4> sink = r -> {
            while (!queue.offer(r)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        };
        byte[] scratch = new byte[RxBuffers.DATA_SIZE];
        try (RxBuffers b = new RxBuffers()) {
            while (!closed) {
                try {
                    int ready = Libc.pollIn(b.errno, b.pollfd, fd, POLL_MILLIS);
                    if (ready <= 0) {
                        continue;
                    }
                    // Take what is queued, a batch per call, before polling again (a batch that is
                    // not full means the socket is drained); bounded so close() is never starved.
                    for (int i = 0; i < 16 && !closed; i++) {
                        int read = udp == null ? e.packet().read(b, scratch, sink) : udp.read(b, sink);
                        if (read < RxBuffers.SLOTS) {
                            break;
                        }
                    }
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("DHCP4_BUFFER_RECEIVE_FAIL error on receive socket for {}: {}", e.iface().name(), ex.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Received4 receive() throws IOException {
        try {
            while (!closed) {
                Received4 r = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (r != null) {
                    observeQueue(queue.size());
                    return closed ? null : r;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DHCPv4 packet");
        }
    }

    @Override
    public void send(Reply4 reply) throws IOException {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IOException("DHCPv4 sockets are closed");
            }
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
        } finally {
            lifecycle.readLock().unlock();
        }
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
        return dropped.get();
    }

    private static final double[] WEIGHTS = {1.0 / 10, 1.0 / 100, 1.0 / 1000};

    private void observeQueue(int length) {
        for (int i = 0; i < WEIGHTS.length; i++) {
            queueAverages[i] += (length - queueAverages[i]) * WEIGHTS[i];
        }
    }

    @Override
    public int queueDepth() {
        return queue.size();
    }

    @Override
    public double[] queueStatistics() {
        return queueAverages.clone();
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        for (Thread t : readers) {
            try {
                t.join(5L * POLL_MILLIS + 1000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Only now: a descriptor closed under a reader's poll could be reused by another open.
        byIndex.values().forEach(Entry::close);
        if (routing != null) {
            routing.close();
        }
        queue.clear();
    }
}
