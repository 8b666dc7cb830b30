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

    /** The interfaces actually opened, each with its selected addresses only. */
    List<NetInterface> interfaces();

    @Override
    void close();
}
