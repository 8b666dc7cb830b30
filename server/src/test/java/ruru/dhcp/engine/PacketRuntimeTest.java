package ruru.dhcp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.daemon.config.ConfigException;
import ruru.net.PacketSockets;
import ruru.net.PacketSockets.Inline;

/**
 * The shared packet runtime with in-memory sockets: what both families rely on when a
 * configuration arrives (sockets reopened only on change, the old ones back when the new ones
 * fail, workers only after the swap), per packet (drops passed on once, a handler's error not
 * killing its worker) and around hook swaps (quiesced excludes packets).
 */
class PacketRuntimeTest {

    /** Sockets whose datagrams are strings the test puts in. */
    static final class FakeSockets implements PacketSockets<String, String> {
        final String settings;
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final AtomicLong dropped = new AtomicLong();
        final CountDownLatch taken = new CountDownLatch(1);
        volatile boolean closed;
        /** What the runtime told these sockets' readers to answer with (run to completion). */
        volatile Inline<String> inline;

        FakeSockets(String settings) {
            this.settings = settings;
        }

        @Override
        public String receive() throws IOException {
            try {
                while (!closed) {
                    String s = queue.poll(20, TimeUnit.MILLISECONDS);
                    if (s != null) {
                        taken.countDown();
                        if (s.equals("io-error")) {
                            throw new IOException("receive broke");
                        }
                        return s;
                    }
                }
                return null;
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void send(String reply) {
        }

        @Override
        public void runInline(Inline<String> handler) {
            inline = handler;
        }

        @Override
        public long dropped() {
            return dropped.get();
        }

        @Override
        public double[] queueStatistics() {
            return new double[] {1, 2, 3};
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<FakeSockets> opened = Collections.synchronizedList(new ArrayList<>());
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong drops = new AtomicLong();
    private final BlockingQueue<String> answered = new LinkedBlockingQueue<>();
    private volatile String failOpening = "";
    private volatile boolean swapped;
    private volatile boolean inQuiesce;

    private final PacketRuntime<String, String, FakeSockets> runtime = new PacketRuntime<>("test", "DHCPvT",
            settings -> {
                if (settings.equals(failOpening)) {
                    throw new IOException("Address already in use");
                }
                FakeSockets s = new FakeSockets(settings);
                opened.add(s);
                return s;
            },
            (sockets, rx) -> {
                if (rx.equals("boom")) {
                    throw new IllegalStateException("handler broke");
                }
                handled.add(rx);
                answered.add(sockets.settings + ":" + rx + ":" + (swapped ? "after-swap" : "before-swap")
                        + (inQuiesce ? ":in-quiesce" : ""));
            },
            drops::addAndGet,
            new PacketRuntime.Messages() {
                @Override
                public void receiveFailed(String error) {
                    logged.add("RECEIVE_FAIL " + error);
                }

                @Override
                public void processingFailed(String error) {
                    logged.add("PROCESS_STD_EXCEPTION " + error);
                }

                @Override
                public void reopenFailed(String error) {
                    logged.add("OPEN_SOCKET_FAIL " + error);
                }
            });

    @AfterEach
    void close() {
        runtime.close();
    }

    private String next() throws InterruptedException {
        String a = answered.poll(10, TimeUnit.SECONDS);
        assertTrue(a != null, "no datagram was handled");
        return a;
    }

    private void awaitLogged(String line) throws InterruptedException {
        for (int i = 0; i < 500 && !logged.contains(line); i++) {
            Thread.sleep(20);
        }
        assertTrue(logged.contains(line), logged.toString());
    }

    @Test
    void workersStartOnlyAfterTheNewConfigurationIsInForce() throws Exception {
        runtime.reconfigure("a", 2, () -> {
            // a datagram arriving while the configuration is swapped in waits for it
            runtime.sockets().queue.add("q1");
            swapped = true;
        });
        assertEquals("a:q1:after-swap", next());
        assertEquals(2, runtime.workerCount());
        assertEquals("a", runtime.settings());
    }

    @Test
    void theSameSettingsAndWorkerCountKeepTheSockets() throws Exception {
        runtime.reconfigure("a", 2, () -> swapped = true);
        FakeSockets first = runtime.sockets();
        assertFalse(runtime.wouldReopen("a", 2));
        AtomicBoolean ran = new AtomicBoolean();
        runtime.reconfigure("a", 2, () -> ran.set(true));
        assertTrue(ran.get(), "the configuration is swapped in even when the sockets stay");
        assertSame(first, runtime.sockets());
        assertEquals(1, opened.size());
        assertTrue(runtime.wouldReopen("a", 3));
        runtime.reconfigure("a", 3, () -> { });
        assertEquals(2, opened.size());
        assertTrue(first.closed);
        assertEquals(3, runtime.workerCount());
        runtime.sockets().queue.add("q");
        assertEquals("a:q:after-swap", next());
    }

    @Test
    void socketsThatCannotBeOpenedLeaveTheOldOnesServing() throws Exception {
        runtime.reconfigure("a", 1, () -> swapped = true);
        failOpening = "b";
        AtomicBoolean ran = new AtomicBoolean();
        ConfigException e = assertThrows(ConfigException.class, () -> runtime.reconfigure("b", 1, () -> ran.set(true)));
        assertEquals("unable to open DHCPvT sockets: Address already in use", e.getMessage());
        assertFalse(ran.get(), "a configuration whose sockets failed is not swapped in");
        assertEquals("a", runtime.settings());
        assertEquals(1, runtime.workerCount());
        FakeSockets restored = runtime.sockets();
        assertFalse(restored.closed);
        restored.queue.add("q");
        assertEquals("a:q:after-swap", next());
    }

    @Test
    void whenTheOldSocketsCannotBeReopenedEitherThatIsLoggedAndNothingServes()
            throws Exception {
        // only the first open succeeds: neither "b" nor "a" again can be opened afterwards
        java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
        PacketRuntime<String, String, FakeSockets> both = new PacketRuntime<>("test2", "DHCPvT",
                s -> {
                    if (opens.incrementAndGet() > 1) {
                        throw new IOException("no such device");
                    }
                    return new FakeSockets(s);
                }, (s, rx) -> answered.add(rx), n -> { }, new PacketRuntime.Messages() {
                    @Override
                    public void receiveFailed(String error) {
                    }

                    @Override
                    public void processingFailed(String error) {
                    }

                    @Override
                    public void reopenFailed(String error) {
                        logged.add("OPEN_SOCKET_FAIL " + error);
                    }
                });
        try {
            both.reconfigure("a", 1, () -> { });
            assertThrows(ConfigException.class, () -> both.reconfigure("b", 1, () -> { }));
            assertEquals(List.of("OPEN_SOCKET_FAIL no such device"), logged);
            assertNull(both.sockets());
            assertEquals(0, both.workerCount());
            assertTrue(both.wouldReopen("a", 1));
        } finally {
            both.close();
        }
    }

    @Test
    void queueDropsArePassedOnOnceAndHandlerErrorsDoNotStopTheWorker() throws Exception {
        runtime.reconfigure("a", 3, () -> swapped = true);
        FakeSockets s = runtime.sockets();
        s.dropped.set(5);
        s.queue.add("boom");
        s.queue.add("io-error");
        for (int i = 0; i < 30; i++) {
            s.queue.add("q" + i);
        }
        for (int i = 0; i < 30; i++) {
            next();
        }
        assertEquals(5, drops.get());
        s.dropped.set(12);
        s.queue.add("last");
        next();
        assertEquals(12, drops.get());
        // the worker that took "boom" may log after the others have handled everything
        awaitLogged("PROCESS_STD_EXCEPTION java.lang.IllegalStateException: handler broke");
        awaitLogged("RECEIVE_FAIL receive broke");
        assertEquals(3, runtime.workerCount());
    }

    @Test
    void noPacketIsHandledWhileQuiesced() throws Exception {
        runtime.reconfigure("a", 2, () -> swapped = true);
        FakeSockets s = runtime.sockets();
        runtime.quiesced(() -> {
            inQuiesce = true;
            s.queue.add("q");
            // a worker has taken it and now waits for the swap to end
            assertTrue(s.taken.await(10, TimeUnit.SECONDS));
            Thread.sleep(50);
            inQuiesce = false;
            return null;
        });
        assertEquals("a:q:after-swap", next());
    }

    @Test
    void resumedWorkRunsOnTheSocketsInForceAndNotWithout() throws Exception {
        List<FakeSockets> seen = new ArrayList<>();
        runtime.withSockets(seen::add);
        assertTrue(seen.isEmpty());
        runtime.reconfigure("a", 1, () -> { });
        runtime.withSockets(seen::add);
        assertEquals(List.of(runtime.sockets()), seen);
        assertEquals(3.0, runtime.queueStatistics()[2]);
        runtime.close();
        assertNull(runtime.sockets());
        assertEquals(0, runtime.workerCount());
        assertEquals(0, runtime.queueStatistics()[0]);
    }

    @Test
    void readersAnswerInlineOnlyAfterTheSwapAndOnlyWhileAllowed() throws Exception {
        AtomicBoolean database = new AtomicBoolean();
        runtime.runInlineWhen(() -> !database.get());
        runtime.reconfigure("a", 1, () -> {
            assertNull(runtime.sockets().inline, "readers answer nothing before the configuration is in force");
            swapped = true;
        });
        Inline<String> inline = runtime.sockets().inline;
        assertTrue(inline.active());
        runtime.sockets().dropped.set(3);
        inline.handle("r1");
        assertEquals("a:r1:after-swap", answered.poll());
        assertEquals(3, drops.get(), "queue drops are passed on by inline answers too");
        inline.handle("boom");
        assertEquals(List.of("PROCESS_STD_EXCEPTION java.lang.IllegalStateException: handler broke"), logged);
        database.set(true);
        assertFalse(inline.active(), "with leases in a database the workers answer");
        runtime.sockets().queue.add("q");
        assertEquals("a:q:after-swap", next());
    }

    @Test
    void inlineAnswersWaitForAQuiescedSwap() throws Exception {
        runtime.reconfigure("a", 1, () -> swapped = true);
        Inline<String> inline = runtime.sockets().inline;
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            started.countDown();
            inline.handle("r");
        });
        runtime.quiesced(() -> {
            inQuiesce = true;
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(50);
            inQuiesce = false;
            return null;
        });
        reader.join(10_000);
        assertEquals("a:r:after-swap", next());
    }
}
