package ruru.net;

import java.io.IOException;

/**
 * A DHCP server's open sockets, of either family, as the packet workers use them: datagrams in
 * ({@code R}), replies out ({@code P}), and the receive queue's figures.
 */
public interface PacketSockets<R, P> extends AutoCloseable {

    /** Blocks for the next datagram; null once closed. Safe from several threads. */
    R receive() throws IOException;

    /** Safe from several threads. */
    void send(P reply) throws IOException;

    /** Answers datagrams on the thread that read them (run to completion), while {@link #active}. */
    interface Inline<R> {
        /** Checked per batch read: false hands every datagram to the workers ({@link #receive}). */
        boolean active();

        /** Answers one datagram; must not throw. */
        void handle(R datagram);

        /** A batch read on this thread is about to be answered ({@link #handle} per datagram, in order). */
        default void begin() {
        }

        /**
         * Before any reply of the batch leaves (the held ones at its end, or one that leaves at
         * once): makes what the batch's exchanges wrote final, and marks in {@code failed} (by their
         * number in the batch, from 0) the exchanges whose replies must not leave.
         */
        default void settle(java.util.BitSet failed) {
        }

        /** The batch is answered and its replies sent. */
        default void end() {
        }
    }

    /**
     * From now on the readers answer what they read themselves with {@code inline} (the workers
     * help only with a backlog); by default the sockets hand every datagram to {@link #receive}.
     */
    default void runInline(Inline<R> inline) {
    }

    /** Datagrams waiting to be taken now (the /metrics queue-depth gauge). */
    default int queueDepth() {
        return 0;
    }

    /** Datagrams dropped so far because the queue was full (the oldest go first). */
    long dropped();

    /** Average queue length over roughly the last 10, 100 and 1000 packets taken (status-get). */
    double[] queueStatistics();

    @Override
    void close();
}
