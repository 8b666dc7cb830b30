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
