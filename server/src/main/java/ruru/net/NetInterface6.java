package ruru.net;

import java.util.List;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;

/**
 * A network interface as the DHCPv6 server sees it: its link-local addresses (where multicast
 * queries are answered from) and its other unicast addresses. When it comes from
 * {@link Dhcp6Sockets#interfaces()}, {@code unicast} holds only the address selected by
 * {@code interfaces-config} ("eth0/2001:db8::1"), as Kea opens a unicast socket only for that one.
 */
public record NetInterface6(String name, int index, HardwareAddress mac, List<Ipv6Address> linkLocal,
                            List<Ipv6Address> unicast, boolean up, boolean loopback, boolean multicast) {

    public NetInterface6 {
        linkLocal = List.copyOf(linkLocal);
        unicast = List.copyOf(unicast);
    }

    public boolean hasAddress(Ipv6Address a) {
        return linkLocal.contains(a) || unicast.contains(a);
    }

    NetInterface6 withUnicast(List<Ipv6Address> selected) {
        return new NetInterface6(name, index, mac, linkLocal, selected, up, loopback, multicast);
    }
}
