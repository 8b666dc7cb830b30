package ruru.net;

import java.io.IOException;
import java.util.List;

/** The DHCPv4 server's sockets on the selected interfaces. */
public interface Dhcp4Sockets extends PacketSockets<Received4, Reply4> {

    /** Detects the interfaces, selects them per Kea's rules and opens the sockets. */
    static Dhcp4Sockets open(Dhcp4SocketSettings settings) throws IOException {
        List<NetInterface> selected = InterfaceSelection.select(settings.interfaces(), Interfaces.detect(), settings.mode());
        return LinuxDhcp4Sockets.open(settings, selected);
    }

    /** The interfaces actually opened, each with its selected addresses only. */
    List<NetInterface> interfaces();
}
