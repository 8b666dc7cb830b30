package ruru.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ruru.wire.Ipv4Address;

/**
 * Kea's {@code interfaces-config.interfaces} for DHCPv4 (CfgIface::use and openSockets, IfaceMgr::openSockets4):
 * <ul>
 * <li>"eth0": the interface with all its IPv4 addresses; "eth0/192.0.2.1": that address only;
 *     "*": every interface except loopback.</li>
 * <li>The entries are checked by {@link InterfaceSpec} (Kea's CfgIface::use, also run when the
 *     configuration is parsed), against the interfaces detected now.</li>
 * <li>Loopback is opened only when named explicitly and only in UDP mode: with raw sockets Kea
 *     logs "must not open socket on the loopback interface" and skips it.</li>
 * <li>Interfaces that are down or have no IPv4 address are skipped with a warning (Kea logs and
 *     goes on; the server then has fewer sockets, possibly none).</li>
 * </ul>
 */
final class InterfaceSelection {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcpsrv");

    private InterfaceSelection() {
    }

    static List<NetInterface> select(List<String> spec, List<NetInterface> detected, SocketMode mode) throws IOException {
        Map<String, Set<Ipv4Address>> known = new LinkedHashMap<>();
        for (String name : SystemInterfaces.lastDetected().names()) {
            known.put(name, Set.of());
        }
        for (NetInterface i : detected) {
            Set<Ipv4Address> addrs = new LinkedHashSet<>();
            i.addresses().forEach(a -> addrs.add(a.address()));
            known.put(i.name(), addrs);
        }
        InterfaceSpec.Selection<Ipv4Address> s;
        try {
            s = InterfaceSpec.check(spec, InterfaceSpec.V4, new SystemInterfaces(known, Map.of()));
        } catch (InterfaceSpec.Invalid e) {
            throw new IOException(e.getMessage());
        }
        boolean wildcard = s.wildcard();
        Set<String> whole = s.whole();
        Map<String, List<Ipv4Address>> explicit = s.explicit();

        List<NetInterface> result = new ArrayList<>();
        for (NetInterface iface : detected) {
            boolean named = whole.contains(iface.name());
            List<Ipv4Address> addrs = explicit.get(iface.name());
            boolean active = iface.loopback() ? (named || addrs != null) && mode == SocketMode.UDP
                    : wildcard || named || addrs != null;
            if (!active) {
                if (iface.loopback() && (named || addrs != null)) {
                    LOG.warn("DHCPSRV_OPEN_SOCKET_FAIL failed to open socket: must not open socket on the loopback"
                            + " interface {} (raw sockets; loopback needs dhcp-socket-type udp)", iface.name());
                }
                continue;
            }
            List<InterfaceAddress4> chosen = new ArrayList<>();
            for (InterfaceAddress4 ia : iface.addresses()) {
                if (addrs == null || wildcard && !iface.loopback() || addrs.contains(ia.address())) {
                    chosen.add(ia);
                }
            }
            if (!iface.up()) {
                LOG.warn("DHCPSRV_OPEN_SOCKET_FAIL failed to open socket: the interface {} is down", iface.name());
                continue;
            }
            if (chosen.isEmpty()) {
                LOG.warn("DHCPSRV_OPEN_SOCKET_FAIL failed to open socket: the interface {} has no usable IPv4"
                        + " addresses configured", iface.name());
                continue;
            }
            result.add(iface.withAddresses(chosen));
        }
        if (result.isEmpty() && !spec.isEmpty()) {
            LOG.warn("DHCPSRV_NO_SOCKETS_OPEN no interface configured to listen to DHCP traffic");
        }
        return List.copyOf(result);
    }
}
