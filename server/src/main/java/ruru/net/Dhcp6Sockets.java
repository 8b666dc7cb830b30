package ruru.net;

import java.io.IOException;
import java.util.List;

/** The DHCPv6 server's sockets on the selected interfaces. */
public interface Dhcp6Sockets extends PacketSockets<Received6, Reply6> {

    /** Detects the interfaces, selects them per Kea's rules and opens the sockets. */
    static Dhcp6Sockets open(Dhcp6SocketSettings settings) throws IOException {
        return LinuxDhcp6Sockets.open(settings, InterfaceSelection6.select(settings.interfaces(), Interfaces6.detect()));
    }

    /** The interfaces actually opened, each with its selected unicast address only. */
    List<NetInterface6> interfaces();

}
