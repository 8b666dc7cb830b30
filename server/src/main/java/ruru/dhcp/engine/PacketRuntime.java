package ruru.dhcp.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.slf4j.Logger;

import ruru.daemon.config.ConfigException;
import ruru.daemon.metrics.LatencyHistogram;
import ruru.net.PacketSockets;

/**
 * The packet threads of a DHCP server of either family: the sockets and the worker threads that
 * take datagrams from them. A new configuration reopens the sockets only when their settings or the
 * worker count change; when the new ones cannot be opened the old ones are restored before the
 * error is reported, so a failed reconfiguration leaves the server answering as before.
 *
 * @param <T> the socket settings (a record: compared with equals)
 * @param <R> a received datagram
 * @param <S> the sockets
 */
public final class PacketRuntime<T, R, S extends PacketSockets<R, ?>> {

    /** Opens sockets for settings. */
    @FunctionalInterface
    public interface Opener<T, S> {
        S open(T settings) throws IOException;
    }

    private final Opener<T, S> opener;
    private final BiConsumer<S, R> handler;
    private final Logger log;
    private final String name;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong countedDrops = new AtomicLong();
    private volatile S sockets;
    private volatile T settings;
    /** Where packet-processing times go (the daemon's /metrics); none until instrumented. */
    private volatile LatencyHistogram packetTimes;

    /**
     * @param handler answers one datagram (called on a worker thread; must not throw)
     * @param name    the family's thread name prefix ("dhcp6")
     */
    public PacketRuntime(Opener<T, S> opener, BiConsumer<S, R> handler, Logger log, String name) {
        this.opener = opener;
        this.handler = handler;
        this.log = log;
        this.name = name;
    }

    /** Feeds the daemon's packet-processing histogram from now on. */
    public void instrument(LatencyHistogram packets) {
        this.packetTimes = packets;
    }

    /** Datagrams waiting in the receive queue now. */
    public int queueDepth() {
        S s = sockets;
        return s == null ? 0 : s.queueDepth();
    }

    /** The sockets in force; null before the first configuration or after close. */
    public S sockets() {
        return sockets;
    }

    /** The settings the sockets in force were opened with (read per packet: no lock). */
    public T settings() {
        return settings;
    }

    /** Whether {@link #reconfigure} would reopen the sockets for these settings and worker count. */
    public synchronized boolean wouldReopen(T next, int threads) {
        return !Objects.equals(next, settings) || workers.size() != threads;
    }

    /**
     * Opens the sockets for {@code next} with {@code threads} workers, unless nothing changed.
     *
     * @throws ConfigException with {@code what}'s wording when the sockets cannot be opened
     */
    public synchronized void reconfigure(T next, int threads, String what) throws ConfigException {
        if (!wouldReopen(next, threads)) {
            return;
        }
        T previous = settings;
        int previousThreads = workers.size();
        stop();
        try {
            sockets = opener.open(next);
            settings = next;
            countedDrops.set(0);
            start(threads);
        } catch (IOException e) {
            sockets = null;
            settings = null;
            if (previous != null) {
                try {
                    sockets = opener.open(previous);
                    settings = previous;
                    countedDrops.set(0);
                    start(previousThreads);
                } catch (IOException again) {
                    log.error("{}_OPEN_SOCKET_FAIL the previous sockets could not be reopened either: {}",
                            name.toUpperCase(), again.getMessage());
                }
            }
            throw new ConfigException("unable to open " + what + " sockets: " + e.getMessage());
        }
    }

    private void start(int threads) {
        S s = sockets;
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().name(name + "-worker-" + i).daemon().start(() -> serve(s)));
        }
    }

    private void serve(S s) {
        while (true) {
            R rx;
            try {
                rx = s.receive();
            } catch (IOException e) {
                log.error("{}_PACKET_RECEIVE_FAIL {}", name.toUpperCase(), e.getMessage());
                continue;
            }
            if (rx == null) {
                return;
            }
            long start = System.nanoTime();
            handler.accept(s, rx);
            LatencyHistogram h = packetTimes;
            if (h != null) {
                h.observeNanos(System.nanoTime() - start);
            }
        }
    }

    /** Closing the sockets is what wakes the workers blocked in receive(). */
    private void stop() {
        if (sockets != null) {
            sockets.close();
            sockets = null;
        }
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    /**
     * Drops by the socket layer's full queue not counted yet: the caller adds them to its
     * {@code pktN-received} and {@code pktN-receive-drop}, as Kea counts its queue's drops.
     */
    public long newQueueDrops(S s) {
        long total = s.dropped();
        long counted = countedDrops.get();
        return total > counted && countedDrops.compareAndSet(counted, total) ? total - counted : 0;
    }

    public int workerCount() {
        synchronized (this) {
            return workers.size();
        }
    }

    /** status-get's packet-queue-statistics. */
    public double[] queueStatistics() {
        S s = sockets;
        return s == null ? new double[3] : s.queueStatistics();
    }

    public synchronized void close() {
        stop();
        settings = null;
    }
}
