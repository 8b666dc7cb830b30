package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** Kea's packet queue between the readers and the workers: drop-oldest, counted, woken on demand. */
class ReceiveQueueTest {

    @Test
    void aFullQueueDropsTheOldestAndCountsIt() {
        ReceiveQueue<String> q = new ReceiveQueue<>(3);
        for (String s : new String[] {"a", "b", "c", "d", "e"}) {
            q.offer(s);
        }
        assertThat(q.dropped()).isEqualTo(2);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.poll()).isEqualTo("c");
        q.offer("f");
        assertThat(q.poll()).isEqualTo("d");
        assertThat(q.poll()).isEqualTo("e");
        assertThat(q.poll()).isEqualTo("f");
        assertThat(q.poll()).isNull();
        assertThat(q.dropped()).isEqualTo(2);
    }

    @Test
    void aWakeHandsWaitingDatagramsToAWaitingWorker() throws Exception {
        ReceiveQueue<String> q = new ReceiveQueue<>(8);
        AtomicBoolean closed = new AtomicBoolean();
        // a wait slice far longer than the test: only wake() can end it
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> first.complete(take(q, closed)));
        Thread.ofPlatform().daemon().start(() -> second.complete(take(q, closed)));
        while (!waiting(q, 2)) {
            Thread.sleep(5);
        }
        q.offer("x");
        q.offer("y");
        q.wake();
        // the first woken worker wakes the next for the datagram it left
        assertThat(java.util.List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("x", "y");
        assertThat(q.statistics()[0]).isGreaterThanOrEqualTo(0);
    }

    @Test
    void takeReturnsNullOnceClosed() throws Exception {
        ReceiveQueue<String> q = new ReceiveQueue<>(2);
        q.offer("left");
        assertThat(q.take(10, () -> true, "test")).isNull();
        q.clear();
        assertThat(q.size()).isZero();
    }

    private static String take(ReceiveQueue<String> q, AtomicBoolean closed) {
        try {
            return q.take(600_000, closed::get, "test");
        } catch (java.io.InterruptedIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean waiting(ReceiveQueue<String> q, int n) {
        return q.waiting() >= n;
    }
}
