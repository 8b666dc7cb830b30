package ruru.net;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One UDP socket's use of generic segmentation offload (Linux UDP_SEGMENT): replies of a held batch
 * that go to one destination with the same control data and one size (the last may be shorter) leave
 * as one datagram the kernel cuts into segments, one pass through the IP stack instead of one per
 * reply ({@link TxBatch}). On until the kernel refuses it on this socket (EIO or EINVAL: a kernel or
 * route without it); then the socket sends each reply as its own message for the rest of its life,
 * and the refusal is counted ({@link #refusals}). {@code -Druru.noGso=true} turns it off (a measuring knob).
 */
final class Segmentation {

    static final boolean ENABLED = !Boolean.getBoolean("ruru.noGso");
    /** The largest reply grouped: a segment plus its headers must fit the path's MTU (IPv6's minimum is 1,280). */
    static final int MAX_SEGMENT = 1200;
    /** Segments per send: the kernel's UDP_MAX_SEGMENTS (64 before Linux 6.9, 128 since). */
    static final int MAX_SEGMENTS = 64;
    /** Bytes per send: one UDP datagram's payload before it is cut. */
    static final int MAX_BYTES = 60_000;
    private static final AtomicLong REFUSALS = new AtomicLong();
    private static final AtomicLong SEGMENTED = new AtomicLong();
    private static final AtomicLong SEGMENTS = new AtomicLong();

    private final java.util.function.Consumer<String> refusedLog;
    private volatile boolean refused;

    /** @param refusedLog logs the first refusal (the family's message), given the kernel's error */
    Segmentation(java.util.function.Consumer<String> refusedLog) {
        this.refusedLog = refusedLog;
    }

    boolean on() {
        return ENABLED && !refused;
    }

    /** The kernel refused a segmented send: off from now on, logged the first time. */
    void refuse(String error) {
        REFUSALS.incrementAndGet();
        boolean first = !refused;
        refused = true;
        if (first) {
            refusedLog.accept(error);
        }
    }

    /** A segmented send of {@code replies} replies went out. */
    static void sent(int replies) {
        SEGMENTED.incrementAndGet();
        SEGMENTS.addAndGet(replies);
    }

    /** Segmented sends made, over every socket of the process. */
    static long segmentedSends() {
        return SEGMENTED.get();
    }

    /** Replies that left in segmented sends, over every socket of the process. */
    static long segmentedReplies() {
        return SEGMENTS.get();
    }

    /** Segmented sends the kernel refused, over every socket of the process. */
    static long refusals() {
        return REFUSALS.get();
    }
}
