package ruru.net;

import java.util.List;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * A network interface as ruru sees it. When it comes from {@link Dhcp4Sockets#interfaces()},
 * {@code addresses} holds only the addresses selected by {@code interfaces-config}.
 */
public record NetInterface(String name, int index, HardwareAddress mac, List<InterfaceAddress4> addresses,
                           boolean up, boolean loopback) {

    public NetInterface {
        addresses = List.copyOf(addresses);
    }

    /** True when {@code a} is the limited broadcast or the directed broadcast of one of the addresses. */
    public boolean isBroadcast(Ipv4Address a) {
        if (a.bits() == -1) {
            return true;
        }
        for (InterfaceAddress4 ia : addresses) {
            if (ia.broadcast() != null && ia.broadcast().equals(a)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasAddress(Ipv4Address a) {
        for (InterfaceAddress4 ia : addresses) {
            if (ia.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    NetInterface withAddresses(List<InterfaceAddress4> selected) {
        return new NetInterface(name, index, mac, selected, up, loopback);
    }
}
