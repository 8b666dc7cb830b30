package ruru.ddns.d2.update;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.ddns.d2.config.D2Config;
import ruru.ddns.d2.config.DdnsDomain;
import ruru.ddns.ncr.Dhcid;
import ruru.ddns.ncr.NameChangeRequest;

/**
 * D2's request queue and transaction runner (Kea's D2QueueMgr and D2UpdateMgr): received NCRs wait
 * in a bounded queue (1024, as Kea's); a dispatcher matches each to its domains and runs it as a
 * transaction on a virtual thread, at most {@link #MAX_TRANSACTIONS} at once, and never two for the
 * same DHCID at the same time (a client's remove waits for its add to finish, in arrival order).
 *
 * <p>A full queue is Kea's {@code STOPPED_QUEUE_FULL}: the request that found it full is dropped,
 * {@code queue-mgr-queue-full} counts the event once and the listener stops taking requests
 * ({@link #awaitRoom}) until the queue is down to {@link #RESUME_PERCENT}% of its capacity.
 */
public final class UpdateManager {

    public static final int QUEUE_CAPACITY = 1024;
    /** Kea's {@code D2UpdateMgr::MAX_TRANSACTIONS_DEFAULT}. */
    public static final int MAX_TRANSACTIONS = 32;
    /** Kea's {@code D2Process::QUEUE_RESTART_PERCENT}: listening resumes at 80% of the capacity. */
    public static final int RESUME_PERCENT = 80;

    /** What became of a received request. */
    public enum Admission {
        QUEUED,
        /** Dropped: the queue is full and the listener must pause ({@link #awaitRoom}). */
        FULL,
        /** Dropped: D2 is shutting down. */
        CLOSED
    }

    private final Logger queueLog = LoggerFactory.getLogger("kea-dhcp-ddns.dhcp-to-d2");
    private final Logger dnsLog = LoggerFactory.getLogger("kea-dhcp-ddns.d2-to-dns");
    private final Logger log = LoggerFactory.getLogger("kea-dhcp-ddns.dhcpddns");
    private final D2Statistics stats;
    private final BlockingQueue<NameChangeRequest> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Semaphore slots = new Semaphore(MAX_TRANSACTIONS);
    private final ConcurrentHashMap<Dhcid, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    /** Requests queued or in progress: what drain_first waits for. */
    private final AtomicInteger outstanding = new AtomicInteger();
    private final ExecutorService transactions = Executors.newVirtualThreadPerTaskExecutor();
    private final Object idle = new Object();
    private final Thread dispatcher;
    private volatile Runtime runtime;
    private volatile boolean accepting = true;
    private volatile boolean stopped;

    /** What a transaction needs from the configuration in force when it starts. */
    public record Runtime(D2Config config, ServerChoice choice) {
    }

    public UpdateManager(D2Statistics stats) {
        this.stats = stats;
        this.dispatcher = Thread.ofPlatform().daemon().name("d2-dispatcher").unstarted(this::dispatch);
    }

    public void configure(D2Config config, ServerChoice choice) {
        this.runtime = new Runtime(config, choice);
        if (!dispatcher.isAlive() && !stopped) {
            dispatcher.start();
        }
    }

    /**
     * Queues a received request. When the queue is full the request is dropped and the event is
     * counted and logged once (Kea's DHCP_DDNS_QUEUE_MGR_QUEUE_FULL); the caller then pauses in
     * {@link #awaitRoom}.
     */
    public Admission enqueue(NameChangeRequest ncr) {
        if (!accepting) {
            return Admission.CLOSED;
        }
        outstanding.incrementAndGet();
        if (!queue.offer(ncr)) {
            outstanding.decrementAndGet();
            stats.add(D2Statistics.QUEUE_FULL);
            queueLog.error("DHCP_DDNS_QUEUE_MGR_QUEUE_FULL application request queue has reached maximum number of"
                    + " entries {}", QUEUE_CAPACITY);
            return Admission.FULL;
        }
        queueLog.debug("DHCP_DDNS_QUEUE_MGR_QUEUE_RECEIVE Request ID {}: received and queued a request.",
                ncr.dhcid().toHex());
        return Admission.QUEUED;
    }

    /**
     * Blocks the listener after a full queue until the queue has shrunk to {@link #RESUME_PERCENT}%
     * of its capacity (Kea's DHCP_DDNS_QUEUE_MGR_RESUMING), or D2 stops. Requests sent meanwhile
     * wait in the socket's receive buffer.
     */
    public void awaitRoom() throws InterruptedException {
        int threshold = QUEUE_CAPACITY * RESUME_PERCENT / 100;
        synchronized (idle) {
            while (queue.size() > threshold && accepting) {
                idle.wait(100);
            }
        }
        if (accepting) {
            log.info("DHCP_DDNS_QUEUE_MGR_RESUMING application is resuming listening for requests now that the"
                    + " request queue size has reached {} of a maximum {} allowed", threshold, QUEUE_CAPACITY);
        }
    }

    public int queued() {
        return queue.size();
    }

    public int inProgress() {
        return active.get();
    }

    private void dispatch() {
        while (!stopped) {
            NameChangeRequest ncr;
            try {
                // A transaction slot first: a request waiting for one stays in the queue (and counts), as in Kea.
                slots.acquire();
                ncr = queue.poll(200, TimeUnit.MILLISECONDS);
                if (ncr == null) {
                    slots.release();
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                start(ncr);
            } catch (RuntimeException e) {
                slots.release();
                done();
                log.error("DHCP_DDNS_STATE_MODEL_UNEXPECTED_ERROR Request ID {}: application encountered an unexpected"
                        + " error while carrying out a NameChangeRequest: {}", ncr.dhcid().toHex(), e.toString());
            }
        }
    }

    /** Matches the request to its domains (Kea's {@code makeTransaction}) and starts it, or drops it. */
    private void start(NameChangeRequest request) {
        Runtime rt = runtime;
        String id = request.dhcid().toHex();
        NameChangeRequest ncr = request;
        DdnsDomain forward = null;
        DdnsDomain reverse = null;
        if (ncr.forward()) {
            if (rt.config().forward().isEmpty()) {
                queueLog.debug("DHCP_DDNS_FWD_REQUEST_IGNORED Request ID {}: Forward updates are disabled, the forward"
                        + " portion of request will be ignored: {}", id, ncr.toText());
                ncr = ncr.withDirections(false, ncr.reverse());
            } else {
                Optional<DdnsDomain> match = rt.config().forward().match(ncr.fqdn());
                if (match.isEmpty()) {
                    noMatch(id, "FWD", "forward", ncr.fqdn());
                    slots.release();
                    done();
                    return;
                }
                forward = match.get();
            }
        }
        if (ncr.reverse()) {
            if (rt.config().reverse().isEmpty()) {
                queueLog.debug("DHCP_DDNS_REV_REQUEST_IGNORED Request ID {}: Reverse updates are disabled, the reverse"
                        + " portion of request will be ignored: {}", id, ncr.toText());
                ncr = ncr.withDirections(ncr.forward(), false);
            } else {
                String name = UpdateMessages.reverseName(ncr);
                Optional<DdnsDomain> match = rt.config().reverse().match(name);
                if (match.isEmpty()) {
                    noMatch(id, "REV", "reverse", name);
                    slots.release();
                    done();
                    return;
                }
                reverse = match.get();
            }
        }
        if (!ncr.forward() && !ncr.reverse()) {
            queueLog.debug("DHCP_DDNS_REQUEST_DROPPED Request ID {}: Request contains no enabled update requests and"
                    + " will be dropped: {}", id, ncr.toText());
            slots.release();
            done();
            return;
        }
        Duration timeout = rt.config().params().dnsServerTimeout();
        Transaction t = new Transaction(ncr, forward, reverse, timeout, stats, rt.choice(), dnsLog);
        active.incrementAndGet();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> before = tails.put(ncr.dhcid(), mine);
        CompletableFuture<Void> gate = before == null ? CompletableFuture.completedFuture(null) : before;
        gate.whenComplete((v, e) -> transactions.execute(() -> {
            try {
                t.run();
            } catch (RuntimeException ex) {
                dnsLog.error("DHCP_DDNS_STATE_MODEL_UNEXPECTED_ERROR Request ID {}: application encountered an"
                        + " unexpected error while carrying out a NameChangeRequest: {}", id, ex.toString());
            } finally {
                tails.remove(request.dhcid(), mine);
                mine.complete(null);
                slots.release();
                active.decrementAndGet();
                done();
            }
        }));
    }

    private void done() {
        outstanding.decrementAndGet();
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void noMatch(String id, String dir, String words, String name) {
        queueLog.warn("DHCP_DDNS_NO_MATCH No DNS servers match FQDN {}", name);
        queueLog.error("DHCP_DDNS_NO_{}_MATCH_ERROR Request ID {}: the configured list of {} DDNS domains does not"
                + " contain a match for: {}  The request has been discarded.", dir, id, words, name);
    }

    /** Stops taking new requests (shutdown of any type). */
    public void stopAccepting() {
        accepting = false;
    }

    /** {@code drain_first}: waits until every queued request has been carried out. */
    public void drain(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                idle.wait(50);
            }
        }
    }

    /** {@code normal}: drops what is queued and lets the transactions in progress finish. */
    public void dropQueuedAndFinish(Duration limit) throws InterruptedException {
        java.util.List<NameChangeRequest> drained = new java.util.ArrayList<>();
        queue.drainTo(drained);
        int dropped = drained.size();
        outstanding.addAndGet(-dropped);
        if (dropped > 0) {
            log.info("DHCP_DDNS_QUEUE_MGR_STOPPING application is stopping the queue manager for shutdown,"
                    + " dropping {} queued requests", dropped);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idle) {
            while (active.get() > 0 && System.nanoTime() < deadline) {
                idle.wait(50);
            }
        }
    }

    public void close() {
        stopped = true;
        accepting = false;
        dispatcher.interrupt();
        transactions.shutdownNow();
    }
}
