package ruru.dhcp.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import ruru.control.CommandRegistry;
import ruru.daemon.config.ConfigException;
import ruru.daemon.metrics.LatencyHistogram;
import ruru.io.IoErrors;
import ruru.net.PacketSockets;

/**
 * The packet runtime of a DHCP server of either family: its sockets (whose readers fill Kea's
 * packet queue, {@code packet-queue-size}, dropping the oldest when full), the worker threads that
 * take datagrams from them ({@code thread-pool-size}), the drops counted into the family's
 * statistics, the packet-processing histogram, and the lock that keeps a reconfiguration or a hook
 * library swap from running beside a packet.
 *
 * <p>A new configuration reopens the sockets only when their settings or the worker count change;
 * when the new ones cannot be opened the old ones are restored before the error is reported, so a
 * failed reconfiguration leaves the server answering as before. Workers of new sockets start only
 * after the configuration that goes with them is in force: what arrives meanwhile waits in the
 * queue. A family gives only its socket opener and its handler.
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

    /** The family's Kea messages for what goes wrong in the runtime itself. */
    public interface Messages {
        /** Taking a datagram failed (kea-dhcp4 DHCP4_BUFFER_RECEIVE_FAIL, kea-dhcp6 DHCP6_PACKET_RECEIVE_FAIL). */
        void receiveFailed(String error);

        /** A handler let an error escape (DHCPn_PACKET_PROCESS_STD_EXCEPTION); the worker goes on. */
        void processingFailed(String error);

        /** Neither the new sockets nor, after that, the previous ones could be opened (DHCPn_OPEN_SOCKET_FAIL). */
        void reopenFailed(String error);
    }

    /** What a reconfiguration does once the sockets are open and before their workers start. */
    @FunctionalInterface
    public interface Swap {
        void run() throws ConfigException;
    }

    private final String name;
    private final String family;
    private final Opener<T, S> opener;
    private final BiConsumer<S, R> handler;
    private final LongConsumer queueDrops;
    private final Messages messages;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong countedDrops = new AtomicLong();
    private final ReentrantReadWriteLock quiesce = new ReentrantReadWriteLock();
    private volatile S sockets;
    private volatile T settings;
    /** Whether the readers answer on their own threads now (see {@link #runInlineWhen}). */
    private volatile java.util.function.BooleanSupplier inlineAllowed = () -> true;
    /**
     * Whether an exchange answered inline may leave its lease rows to its batch's one write
     * ({@link ruru.lease.CommitGroup}); asked per exchange. Off until the family says when.
     */
    private volatile java.util.function.BooleanSupplier groupCommit = () -> false;
    /** Where packet-processing times go (the daemon's /metrics); none until instrumented. */
    private volatile LatencyHistogram packetTimes;

    /**
     * @param name       the thread name prefix ("dhcp4")
     * @param family     "DHCPv4" or "DHCPv6", in error texts
     * @param handler    answers one datagram, on a worker thread, while no reconfiguration runs
     * @param queueDrops told how many datagrams the full queue dropped since it was last told
     *                   (Kea counts them in {@code pktN-received} and {@code pktN-receive-drop})
     */
    public PacketRuntime(String name, String family, Opener<T, S> opener, BiConsumer<S, R> handler,
                         LongConsumer queueDrops, Messages messages) {
        this.name = name;
        this.family = family;
        this.opener = opener;
        this.handler = handler;
        this.queueDrops = queueDrops;
        this.messages = messages;
    }

    /** Feeds the daemon's packet-processing histogram from now on. */
    public void instrument(LatencyHistogram packets) {
        this.packetTimes = packets;
    }

    /**
     * Run to completion: while {@code allowed} says so (checked per batch read), a socket's reader
     * answers what it reads on its own thread, and the workers help only with a backlog; otherwise
     * (leases in a database, where a packet waits on the database) every datagram goes to the
     * workers. On by default.
     */
    public void runInlineWhen(java.util.function.BooleanSupplier allowed) {
        this.inlineAllowed = java.util.Objects.requireNonNull(allowed);
    }

    /**
     * Group commit: while {@code allowed} says so (asked per exchange, on the reader's thread), an
     * exchange answered inline queues its lease rows without waiting; the batch's rows are written
     * with one write(2) before any of its replies leaves, and an exchange whose rows failed is undone
     * and gets no reply ({@link ruru.lease.CommitGroup}). A family allows it only for exchanges whose
     * flow has no effect outside the server after a write (no hook callouts, no DNS updates).
     */
    public void groupCommitWhen(java.util.function.BooleanSupplier allowed) {
        this.groupCommit = java.util.Objects.requireNonNull(allowed);
    }

    /** Datagrams waiting in the packet queue now. */
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
        // null first: a record's generated equals costs its first call a bootstrap on every start
        return settings == null || !next.equals(settings) || workers.size() != threads;
    }

    /**
     * Opens the sockets for {@code next} with {@code threads} workers, unless nothing changed, then
     * runs {@code then} (the family makes its new configuration current), then starts the workers.
     *
     * @throws ConfigException when the sockets cannot be opened ({@code then} has not run; the old
     *                         sockets serve again), or what {@code then} throws (the workers start all the same)
     */
    public synchronized void reconfigure(T next, int threads, Swap then) throws ConfigException {
        boolean reopen = wouldReopen(next, threads);
        if (reopen) {
            reopen(next, threads);
        }
        try {
            then.run();
        } finally {
            if (reopen) {
                start(threads);
            }
        }
    }

    /** Stops the workers, closes the old sockets (they hold the ports) and opens the new ones. */
    private void reopen(T next, int threads) throws ConfigException {
        T previous = settings;
        int previousThreads = workers.size();
        stop();
        try {
            sockets = opener.open(next);
            settings = next;
            countedDrops.set(0);
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
                    messages.reopenFailed(IoErrors.describe(again));
                }
            }
            throw new ConfigException("unable to open " + family + " sockets: " + IoErrors.describe(e));
        }
    }

    private void start(int threads) {
        S s = sockets;
        if (s == null) {
            return;
        }
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().name(name + "-worker-" + i).daemon().start(() -> serve(s)));
        }
        s.runInline(new PacketSockets.Inline<>() {
            @Override
            public boolean active() {
                return inlineAllowed.getAsBoolean();
            }

            @Override
            public void begin() {
                // no reconfiguration between an exchange and the settling of its rows
                quiesce.readLock().lock();
                ruru.lease.CommitGroup.begin();
            }

            @Override
            public void handle(R rx) {
                ruru.lease.CommitGroup g = ruru.lease.CommitGroup.current();
                if (g != null) {
                    g.next(groupCommit.getAsBoolean());
                }
                process(s, rx, g == null); // a batch holds the read lock from begin() to end()
            }

            @Override
            public void settle(java.util.BitSet failed) {
                ruru.lease.CommitGroup g = ruru.lease.CommitGroup.current();
                if (g != null) {
                    g.settle(failed);
                }
            }

            @Override
            public void end() {
                ruru.lease.CommitGroup g = ruru.lease.CommitGroup.current();
                if (g == null) {
                    return;
                }
                try {
                    g.end();
                } finally {
                    quiesce.readLock().unlock();
                }
            }
        });
    }

    private void serve(S s) {
        while (true) {
            R rx;
            try {
                rx = s.receive();
            } catch (IOException e) {
                messages.receiveFailed(e.getMessage());
                continue;
            }
            if (rx == null) {
                return;
            }
            process(s, rx);
        }
    }

    private void process(S s, R rx) {
        process(s, rx, true);
    }

    /** One datagram, on a worker or (run to completion) on the reader that read it; {@code lock}: take the read lock (not held yet). */
    private void process(S s, R rx, boolean lock) {
        long drops = newQueueDrops(s);
        if (drops > 0) {
            queueDrops.accept(drops);
        }
        long start = System.nanoTime();
        if (lock) {
            quiesce.readLock().lock();
        }
        try {
            handler.accept(s, rx);
        } catch (RuntimeException e) {
            messages.processingFailed(String.valueOf(e));
        } finally {
            if (lock) {
                quiesce.readLock().unlock();
            }
            LatencyHistogram h = packetTimes;
            if (h != null) {
                h.observeNanos(System.nanoTime() - start);
            }
        }
    }

    /** Drops by the full queue not passed on yet (several workers: each drop is passed on once). */
    private long newQueueDrops(S s) {
        long total = s.dropped();
        long counted = countedDrops.get();
        return total > counted && countedDrops.compareAndSet(counted, total) ? total - counted : 0;
    }

    /**
     * Runs {@code work} while no packet is being processed (a new configuration is swapped in
     * this way, so no packet mixes two; hook libraries too, so no callout of an unloaded library
     * runs after its unload).
     */
    public <E extends Exception> void quiesced(CommandRegistry.Work<Void, E> work) throws E {
        quiesce.writeLock().lock();
        try {
            work.run();
        } finally {
            quiesce.writeLock().unlock();
        }
    }

    /**
     * Runs {@code work} on the sockets in force as a packet is handled (beside the workers, not
     * beside a reconfiguration): a parked exchange a hook library resumes is sent this way, from
     * the library's thread. Nothing runs when there are no sockets.
     */
    public void withSockets(Consumer<S> work) {
        quiesce.readLock().lock();
        try {
            S s = sockets;
            if (s != null) {
                work.accept(s);
            }
        } finally {
            quiesce.readLock().unlock();
        }
    }

    /** Packet workers running now. */
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

    /** Closing the sockets is what wakes the workers blocked in receive(). */
    private void stop() {
        S old = sockets;
        if (old != null) {
            old.close();
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
        if (old != null) {
            // drops after the workers' last take are final now: counted before new sockets reset the count
            long drops = newQueueDrops(old);
            if (drops > 0) {
                queueDrops.accept(drops);
            }
        }
    }

    public synchronized void close() {
        stop();
        settings = null;
    }
}
