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
import ruru.wire.WireFormatException;

/**
 * Kea's {@code interfaces-config.interfaces} for DHCPv6 (CfgIface::use, IfaceMgr::openSockets6):
 * <ul>
 * <li>"eth0": the interface's link-local address and ff02::1:2; "eth0/2001:db8::1" adds that
 *     global unicast address (one per interface); "*": every interface except loopback.</li>
 * <li>Errors with Kea's texts: an unknown interface, an address that is not IPv6, is link-local,
 *     or is not on that interface, a second unicast address, "*" twice or with an address.</li>
 * <li>An interface that is down, cannot do multicast or has no link-local address is skipped with a
 *     warning, as Kea does; loopback only answers on a unicast address given for it.</li>
 * </ul>
 */
final class InterfaceSelection6 {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp6.dhcpsrv");
    static final String WILDCARD = "*";

    private InterfaceSelection6() {
    }

    static List<NetInterface6> select(List<String> spec, List<NetInterface6> detected) throws IOException {
        boolean wildcard = false;
        Set<String> named = new LinkedHashSet<>();
        Map<String, Ipv6Address> unicast = new LinkedHashMap<>();
        for (String raw : spec) {
            int slash = raw.indexOf('/');
            String name = (slash < 0 ? raw : raw.substring(0, slash)).trim();
            if (name.isEmpty()) {
                throw new IOException("empty interface name used in configuration");
            }
            if (slash < 0) {
                if (name.equals(WILDCARD)) {
                    if (wildcard) {
                        throw new IOException("the wildcard interface '*' can only be specified once");
                    }
                    wildcard = true;
                    continue;
                }
                find(detected, name);
                if (named.contains(name)) {
                    throw new IOException("interface '" + name + "' has already been selected");
                }
                named.add(name);
                continue;
            }
            String addrText = raw.substring(slash + 1).trim();
            if (addrText.isEmpty()) {
                throw new IOException("empty address specified in the interface configuration");
            }
            if (name.equals(WILDCARD)) {
                throw new IOException("wildcard interface name '*' must not be used in conjunction with an address");
            }
            NetInterface6 iface = find(detected, name);
            Ipv6Address addr;
            try {
                addr = Ipv6Address.parse(addrText);
            } catch (WireFormatException e) {
                throw new IOException("address '" + addrText + "' is not a valid IPv6 address");
            }
            if (addr.isLinkLocal()) {
                throw new IOException("user specified unicast address '" + addr + "' is link-local");
            }
            if (!iface.unicast().contains(addr)) {
                throw new IOException("interface '" + name + "' doesn't have address '" + addr + "' assigned");
            }
            if (unicast.containsKey(name)) {
                throw new IOException("must not specify unicast address '" + addr + "' for interface '" + name
                        + "' because other unicast address has already been specified for this interface");
            }
            unicast.put(name, addr);
            named.add(name);
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

    private static NetInterface6 find(List<NetInterface6> detected, String name) throws IOException {
        return InterfaceSelection.find(detected, NetInterface6::name, name);
    }
}
