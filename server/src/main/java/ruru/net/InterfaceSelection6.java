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

import ruru.wire.Ipv6Address;

/**
 * Kea's {@code interfaces-config.interfaces} for DHCPv6 (CfgIface::use, IfaceMgr::openSockets6):
 * <ul>
 * <li>"eth0": the interface's link-local address and ff02::1:2; "eth0/2001:db8::1" adds that
 *     global unicast address (one per interface); "*": every interface except loopback.</li>
 * <li>The entries are checked by {@link InterfaceSpec} (Kea's CfgIface::use, also run when the
 *     configuration is parsed). Two things Kea 2.2 accepts are refused here when sockets are
 *     opened: a link-local unicast address, and a second unicast address on one interface.</li>
 * <li>An interface that is down, cannot do multicast or has no link-local address is skipped with a
 *     warning, as Kea does; loopback only answers on a unicast address given for it.</li>
 * </ul>
 */
final class InterfaceSelection6 {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp6.dhcpsrv");

    private InterfaceSelection6() {
    }

    static List<NetInterface6> select(List<String> spec, List<NetInterface6> detected) throws IOException {
        Map<String, Set<Ipv6Address>> known = new LinkedHashMap<>();
        for (String name : SystemInterfaces.lastDetected().names()) {
            known.put(name, Set.of());
        }
        for (NetInterface6 i : detected) {
            Set<Ipv6Address> addrs = new LinkedHashSet<>(i.linkLocal());
            addrs.addAll(i.unicast());
            known.put(i.name(), addrs);
        }
        InterfaceSpec.Selection<Ipv6Address> s;
        try {
            s = InterfaceSpec.check(spec, InterfaceSpec.V6, new SystemInterfaces(Map.of(), known));
        } catch (InterfaceSpec.Invalid e) {
            throw new IOException(e.getMessage());
        }
        boolean wildcard = s.wildcard();
        Set<String> named = new LinkedHashSet<>(s.whole());
        Map<String, Ipv6Address> unicast = new LinkedHashMap<>();
        for (Map.Entry<String, List<Ipv6Address>> e : s.explicit().entrySet()) {
            // What Kea accepts and ruru's sockets do not do yet: a link-local unicast address, and more
            // than one unicast address on an interface.
            for (Ipv6Address addr : e.getValue()) {
                if (addr.isLinkLocal()) {
                    throw new IOException("user specified unicast address '" + addr + "' is link-local");
                }
            }
            if (e.getValue().size() > 1) {
                throw new IOException("must not specify unicast address '" + e.getValue().get(1) + "' for interface '"
                        + e.getKey() + "' because other unicast address has already been specified for this"
                        + " interface");
            }
            unicast.put(e.getKey(), e.getValue().getFirst());
            named.add(e.getKey());
        }
        List<NetInterface6> result = new ArrayList<>();
        for (NetInterface6 iface : detected) {
            Ipv6Address addr = unicast.get(iface.name());
            boolean selected = named.contains(iface.name()) || wildcard && !iface.loopback();
            if (!selected) {
                continue;
            }
            if (!iface.up()) {
                LOG.warn("DHCPSRV_OPEN_SOCKET_FAIL failed to open socket: the interface {} is down", iface.name());
                continue;
            }
            if (!iface.loopback() && (!iface.multicast() || iface.linkLocal().isEmpty())) {
                LOG.warn("DHCPSRV_OPEN_SOCKET_FAIL failed to open socket: the interface {} has no link-local address"
                        + " or no multicast", iface.name());
                if (addr == null) {
                    continue;
                }
            }
            if (iface.loopback() && addr == null) {
                LOG.warn("DHCPSRV_OPEN_SOCKET_FAIL failed to open socket: the loopback interface {} answers only on a"
                        + " unicast address given for it (e.g. \"{}/::1\")", iface.name(), iface.name());
                continue;
            }
            result.add(iface.withUnicast(addr == null ? List.of() : List.of(addr)));
        }
        if (result.isEmpty() && !spec.isEmpty()) {
            LOG.warn("DHCPSRV_NO_SOCKETS_OPEN no interface configured to listen to DHCP traffic");
        }
        return List.copyOf(result);
    }
}
