package ruru.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux implementation: one {@link Udp6Socket} per selected interface, each with one platform
 * reader thread (a blocking native call pins a virtual thread's carrier, so readers poll(2) with a
 * short timeout, which is also how close() stops them) feeding one bounded queue that the worker
 * threads take from.
 */
final class LinuxDhcp6Sockets implements Dhcp6Sockets {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp6.packets");
    private static final int POLL_MILLIS = 100;
    private static final int READ_BUFFER = 4 << 20;

    private final List<NetInterface6> interfaces;
    private final Map<Integer, Udp6Socket> byIndex;
    private final ReceiveQueue<Received6> queue;

    @Override
    public int queueDepth() {
        return queue.size();
    }
    private final List<Thread> readers = new ArrayList<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private LinuxDhcp6Sockets(List<NetInterface6> interfaces, Map<Integer, Udp6Socket> byIndex, int queueSize) {
        this.interfaces = interfaces;
        this.byIndex = byIndex;
        this.queue = new ReceiveQueue<>(queueSize);
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
            s.startReader(sockets.get(iface.index()));
        }
        return s;
    }

    private void startReader(Udp6Socket socket) {
        Thread t = Thread.ofPlatform().daemon().name("ruru-dhcp6-rx-" + socket.iface.name())
                .unstarted(() -> readLoop(socket));
        readers.add(t);
        t.start();
    }

    private void readLoop(Udp6Socket socket) {
        Consumer<Received6> sink = queue::offer;
        try (RxBuffers b = new RxBuffers()) {
            while (!closed) {
                try {
                    if (Libc.pollIn(b.errno, b.pollfd, socket.fd, POLL_MILLIS) <= 0) {
                        continue;
                    }
                    // Take what is queued, a batch per call, before polling again (a batch that is
                    // not full means the socket is drained); bounded so close() is never starved.
                    for (int i = 0; i < 16 && !closed; i++) {
                        if (socket.read(b, sink) < RxBuffers.SLOTS) {
                            break;
                        }
                    }
                } catch (IOException | RuntimeException ex) {
                    LOG.error("DHCP6_PACKET_RECEIVE_FAIL error on attempt to receive packet: {}: {}",
                            socket.iface.name(), ex.getMessage());
                    try {
                        Thread.sleep(POLL_MILLIS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public Received6 receive() throws IOException {
        return queue.take(POLL_MILLIS, () -> closed, "DHCPv6");
    }

    @Override
    public void send(Reply6 reply) throws IOException {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IOException("DHCPv6 sockets are closed");
            }
            Udp6Socket s = byIndex.get(reply.iface().index());
            if (s == null) {
                throw new IOException("no socket open on interface " + reply.iface().name());
            }
            s.send(reply.payload(), reply.destination(), reply.port(), reply.source());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public List<NetInterface6> interfaces() {
        return interfaces;
    }

    @Override
    public long dropped() {
        return queue.dropped();
    }

    @Override
    public double[] queueStatistics() {
        return queue.statistics();
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
        byIndex.values().forEach(Udp6Socket::close);
        queue.clear();
    }
}
