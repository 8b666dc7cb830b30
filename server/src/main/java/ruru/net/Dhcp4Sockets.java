package ruru.net;

import java.io.IOException;
import java.util.List;

/** The DHCPv4 server's sockets on the selected interfaces. */
public interface Dhcp4Sockets extends AutoCloseable {

    /** Detects the interfaces, selects them per Kea's rules and opens the sockets. */
    static Dhcp4Sockets open(Dhcp4SocketSettings settings) throws IOException {
        List<NetInterface> selected = InterfaceSelection.select(settings.interfaces(), Interfaces.detect(), settings.mode());
        return LinuxDhcp4Sockets.open(settings, selected);
    }

    /** Blocks for the next datagram; null once closed. Safe from several threads. */
    Received4 receive() throws IOException;

    /** Safe from several threads. */
    void send(Reply4 reply) throws IOException;

    /** Datagrams dropped so far because the queue was full (the oldest go first). */
    long dropped();

    /**
     * Average queue length over roughly the last 10, 100 and 1000 packets taken (exponentially
     * weighted, as top's load averages), for status-get's packet-queue-statistics.
     */
    double[] queueStatistics();

    /** Datagrams received and waiting for a worker now. */
    default int queueDepth() {
        return 0;
    }

    /** The interfaces actually opened, each with its selected addresses only. */
    List<NetInterface> interfaces();

    @Override
    void close();
}
