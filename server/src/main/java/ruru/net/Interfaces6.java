package ruru.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ruru.wire.Ipv6Address;

/** Interface detection for DHCPv6: what Kea's IfaceMgr::detectIfaces finds, IPv6 addresses only. */
public final class Interfaces6 {

    private Interfaces6() {
    }

    /** Every interface of this network namespace, sorted by index. */
    public static List<NetInterface6> detect() throws IOException {
        List<NetInterface6> result = new ArrayList<>();
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            List<Ipv6Address> linkLocal = new ArrayList<>();
            List<Ipv6Address> unicast = new ArrayList<>();
            for (InetAddress ia : ni.inetAddresses().toList()) {
                if (ia instanceof Inet6Address a) {
                    Ipv6Address addr = Ipv6Address.of(a.getAddress());
                    (addr.isLinkLocal() ? linkLocal : unicast).add(addr);
                }
            }
            linkLocal.sort(Comparator.naturalOrder());
            unicast.sort(Comparator.naturalOrder());
            result.add(new NetInterface6(ni.getName(), ni.getIndex(), Interfaces.mac(ni), linkLocal, unicast, ni.isUp(),
                    ni.isLoopback(), ni.supportsMulticast()));
        }
        result.sort(Comparator.comparingInt(NetInterface6::index));
        return List.copyOf(result);
    }
}
