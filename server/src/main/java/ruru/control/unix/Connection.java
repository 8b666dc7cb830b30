package ruru.control.unix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import ruru.control.Answer;
import ruru.control.CommandTextProcessor;

/**
 * One client of the UNIX control socket, served on its own virtual thread: read until the feed
 * holds one complete JSON value, answer it, shut the connection down both ways and close (FACTS
 * section 2). Blocking reads on a virtual thread cost no carrier thread, so a silent or flooding
 * client delays nobody else.
 *
 * <p>The inactivity timer is a watchdog task on a shared scheduler. It never touches the feed or
 * writes: on expiry it marks the connection timed out and shuts its input down, which makes the
 * blocked read return, and the connection's own thread sends the timeout answer. The phase and
 * the feed are guarded by one lock, so the byte count in the timeout text is exactly what the
 * feed held when the timer fired.
 */
final class Connection implements Runnable {


    /** Kea's read and write chunk ({@code BUF_SIZE} in unix_command_mgr.cc). */
    static final int CHUNK = 32768;

    /** HELD: the answer to a shutdown was sent; the socket stays open until the channel closes. */
    private enum Phase { READING, PROCESSING, TIMED_OUT, WRITING, HELD, DONE }

    private final long id;
    private final SocketChannel channel;
    private final CommandTextProcessor processor;
    private final CommandLog log;
    private final long timeoutNanos;
    private final Consumer<Connection> onDone;
    private final JsonFeed feed = new JsonFeed();
    private final ReentrantLock lock = new ReentrantLock();
    private Phase phase = Phase.READING;
    private long lastActivity;
    private ScheduledFuture<?> watchdog;
    /** COMMAND_SOCKET_CONNECTION_CLOSED was written (as the answer ended the conversation). */
    private boolean closedLogged;
    /** Counted down when the channel's close releases a HELD connection (which then says nothing more). */
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    Connection(long id, SocketChannel channel, CommandTextProcessor processor, CommandLog log, Duration timeout,
            Consumer<Connection> onDone) {
        this.id = id;
        this.channel = channel;
        this.processor = processor;
        this.log = log;
        this.timeoutNanos = timeout.toNanos();
        this.onDone = onDone;
    }

    @Override
    public void run() {
        processor.registry().awaitIdle();
        log.opened().log(id);
        touch();
        watchAfter(timeoutNanos);
        boolean held = false;
        try {
            String response = receive();
            if (response != null) {
                held = send(response);
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            // The socket is closing (shutdown), or the watchdog gave up on a stalled write: nobody to answer.
        } catch (IOException e) {
            log.readFail().log(ruru.io.IoErrors.describe(e), id);
        } finally {
            if (held) {
                awaitRelease();
            } else {
                finish();
                closeChannel();
                if (!closedLogged) {
                    log.closed().log(id);
                }
            }
            onDone.accept(this);
        }
    }

    /**
     * Kea sends the answer to a shutdown but never runs the write's completion (its I/O loop has
     * stopped): no COMMAND_SOCKET_WRITE, and the connection is closed with the command socket, after
     * the server's shutdown lines (COMMAND_SOCKET_CONNECTION_CLOSED there, by {@link #abort}).
     */
    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish();
            closeChannel();
        }
    }

    /** Returns the text to send, or null when the connection ends without an answer. */
    private String receive() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            JsonFeed.Status status;
            lock.lock();
            try {
                if (phase == Phase.TIMED_OUT) {
                    return timeoutResponse();
                }
                if (phase != Phase.READING) {
                    return null;
                }
                if (n < 0) {
                    log.closedByPeer().log(id, feed.keptBytes() == 0 ? "no input data to discard"
                            : "discarding partial command of " + feed.keptBytes() + " bytes");
                    return null;
                }
                lastActivity = System.nanoTime();
                status = feed.feed(buffer.array(), 0, n);
                if (status != JsonFeed.Status.NEED_MORE) {
                    // A command being processed is never timed out (Kea cancels its timer).
                    phase = Phase.PROCESSING;
                }
            } finally {
                lock.unlock();
            }
            log.read().log(n, id);
            switch (status) {
                case NEED_MORE -> { }
                case FAILED -> {
                    return CommandTextProcessor.render(processor.processError(feed.error()));
                }
                case COMPLETE -> {
                    return process(feed.text());
                }
            }
        }
    }

    private String process(String text) {
        try {
            return processor.respond(text);
        } catch (RuntimeException | StackOverflowError e) {
            // The registry already turns handler failures into answers; this catches faults in
            // parsing or rendering, so one bad command cannot end the connection without a reply.
            log.processError().log(e);
            return CommandTextProcessor.render(Answer.error("internal server error (see the server's log)"));
        }
    }

    private String timeoutResponse() {
        log.timeout().log(id);
        int kept = feed.keptBytes();
        String text = "Connection over control channel timed out"
                + (kept == 0 ? "" : ", discarded partial command of " + kept + " bytes");
        return CommandTextProcessor.render(Answer.error(text));
    }

    /** Writes the answer; true when it answered a shutdown and the connection is now HELD. */
    private boolean send(String response) throws IOException {
        setPhase(Phase.WRITING);
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        int position = 0;
        boolean closing = processor.registry().closing();
        try {
            while (position < bytes.length) {
                int length = Math.min(CHUNK, bytes.length - position);
                int written = channel.write(ByteBuffer.wrap(bytes, position, length));
                position += written;
                touch();
                if (!closing) {
                    log.write().log(written, bytes.length - position, id);
                }
            }
            if (closing && hold()) {
                return true;
            }
            // Kea closes the connection once the answer is out, so the line comes before the client's
            // EOF (and before its next connection); socat and Stork read until that EOF (FACTS section 9).
            log.closed().log(id);
            closedLogged = true;
            channel.shutdownOutput();
            channel.shutdownInput();
        } catch (AsynchronousCloseException e) {
            throw e;
        } catch (IOException e) {
            log.writeFail().log(id, ruru.io.IoErrors.describe(e));
        }
        return false;
    }

    /** WRITING to HELD, unless the channel already closed meanwhile. */
    private boolean hold() {
        lock.lock();
        try {
            if (phase != Phase.WRITING) {
                return false;
            }
            phase = Phase.HELD;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the connection because the socket is closing. A command already being processed or
     * answered is left to finish, as Kea defers the shutdown of such a connection: a config-set
     * that moves the socket must still get its answer.
     */
    void abort() {
        boolean held;
        lock.lock();
        try {
            held = phase == Phase.HELD;
            if (phase != Phase.READING && phase != Phase.TIMED_OUT && !held) {
                return;
            }
            phase = Phase.DONE;
        } finally {
            lock.unlock();
        }
        closeChannel();
        if (held) {
            log.closed().log(id);
            released.countDown();
        }
    }

    private void watch() {
        long next;
        boolean expired = false;
        boolean stalled = false;
        lock.lock();
        try {
            long idle = System.nanoTime() - lastActivity;
            switch (phase) {
                case READING -> {
                    expired = idle >= timeoutNanos;
                    if (expired) {
                        phase = Phase.TIMED_OUT;
                    }
                    next = expired ? timeoutNanos : timeoutNanos - idle;
                }
                case PROCESSING -> next = timeoutNanos;
                case TIMED_OUT, WRITING -> {
                    // Kea re-arms the same timer for sending the answer.
                    stalled = idle >= timeoutNanos;
                    next = Math.max(timeoutNanos - idle, 1);
                }
                default -> {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
        if (stalled) {
            // A client that never reads its answer must not hold a thread forever.
            log.timeout().log(id);
            setPhase(Phase.DONE);
            closeChannel();
            return;
        }
        if (expired) {
            try {
                channel.shutdownInput();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                closeChannel();
                return;
            }
        }
        watchAfter(next);
    }

    private void watchAfter(long nanos) {
        lock.lock();
        try {
            if (phase != Phase.DONE) {
                watchdog = Watchdog.SCHEDULER.schedule(this::watch, nanos, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the watch too, so a finished connection (and its feed) is not held by the timer queue. */
    private void finish() {
        lock.lock();
        try {
            phase = Phase.DONE;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }

    private void touch() {
        lock.lock();
        try {
            lastActivity = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    private void setPhase(Phase next) {
        lock.lock();
        try {
            phase = next;
            lastActivity = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            log.closeFail().log(ruru.io.IoErrors.describe(e));
        }
    }

    /** One timer thread for every connection's watchdog: the tasks only flip state, never block. */
    private static final class Watchdog {
        static final ScheduledExecutorService SCHEDULER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().daemon().name("ruru-ctl-timer").factory());
            executor.setRemoveOnCancelPolicy(true);
            return Executors.unconfigurableScheduledExecutorService(executor);
        }
    }
}
