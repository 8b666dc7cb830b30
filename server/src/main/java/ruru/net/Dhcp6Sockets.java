package ruru.net;

import java.io.IOException;
import java.util.List;

/** The DHCPv6 server's sockets on the selected interfaces. */
public interface Dhcp6Sockets extends AutoCloseable {

    /** Detects the interfaces, selects them per Kea's rules and opens the sockets. */
    static Dhcp6Sockets open(Dhcp6SocketSettings settings) throws IOException {
        return LinuxDhcp6Sockets.open(settings, InterfaceSelection6.select(settings.interfaces(), Interfaces6.detect()));
    }

    /** Blocks for the next datagram; null once closed. Safe from several threads. */
    Received6 receive() throws IOException;

    /** Safe from several threads. */
    void send(Reply6 reply) throws IOException;

    /** Datagrams dropped so far because the queue was full (the oldest go first). */
    long dropped();

    /** Average queue length over roughly the last 10, 100 and 1000 packets taken (status-get). */
    double[] queueStatistics();

    /** The interfaces actually opened, each with its selected unicast address only. */
    List<NetInterface6> interfaces();

    @Override
    void close();
}
