package ruru.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * Kea's {@code interfaces-config.interfaces} for DHCPv4 (CfgIface::use and openSockets, IfaceMgr::openSockets4):
 * <ul>
 * <li>"eth0": the interface with all its IPv4 addresses; "eth0/192.0.2.1": that address only;
 *     "*": every interface except loopback.</li>
 * <li>Errors, as Kea's configuration errors: an empty name, an unknown interface ("interface 'x'
 *     doesn't exist in the system"), an address that is not IPv4 or not on that interface, "*"
 *     twice or with an address, an interface selected twice or both whole and by address.</li>
 * <li>Loopback is opened only when named explicitly and only in UDP mode: with raw sockets Kea
 *     logs "must not open socket on the loopback interface" and skips it.</li>
 * <li>Interfaces that are down or have no IPv4 address are skipped with a warning (Kea logs and
 *     goes on; the server then has fewer sockets, possibly none).</li>
 * </ul>
 */
final class InterfaceSelection {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcpsrv");
    static final String WILDCARD = "*";

    private InterfaceSelection() {
    }

    static List<NetInterface> select(List<String> spec, List<NetInterface> detected, SocketMode mode) throws IOException {
        boolean wildcard = false;
        Set<String> whole = new LinkedHashSet<>();
        Map<String, List<Ipv4Address>> explicit = new LinkedHashMap<>();
        for (String raw : spec) {
            int slash = raw.indexOf('/');
            if (slash < 0) {
                String name = raw.trim();
                if (name.isEmpty()) {
                    throw new IOException("empty interface name used in configuration");
                }
                if (name.equals(WILDCARD)) {
                    if (wildcard) {
                        throw new IOException("the wildcard interface '*' can only be specified once");
                    }
                    wildcard = true;
                    continue;
                }
                find(detected, name);
                if (whole.contains(name) || explicit.containsKey(name)) {
                    throw new IOException("interface '" + name + "' has already been selected");
                }
                whole.add(name);
                continue;
            }
            String name = raw.substring(0, slash).trim();
            String addrText = raw.substring(slash + 1).trim();
            if (name.isEmpty()) {
                throw new IOException("empty interface name specified in the interface configuration");
            }
            if (addrText.isEmpty()) {
                throw new IOException("empty address specified in the interface configuration");
            }
            if (name.equals(WILDCARD)) {
                throw new IOException("wildcard interface name '*' must not be used in conjunction with an address");
            }
            NetInterface iface = find(detected, name);
            Ipv4Address addr;
            try {
                addr = Ipv4Address.parse(addrText);
            } catch (WireFormatException e) {
                throw new IOException("address '" + addrText + "' is not a valid IPv4 address");
            }
            if (!iface.hasAddress(addr)) {
                throw new IOException("interface '" + name + "' doesn't have address '" + addr + "' assigned");
            }
            if (whole.contains(name)) {
                throw new IOException("interface '" + name + "' has already been selected");
            }
            List<Ipv4Address> list = explicit.computeIfAbsent(name, k -> new ArrayList<>());
            if (list.contains(addr)) {
                throw new IOException("must not select address '" + addr + "' for interface '" + name
                        + "' because this address is already selected");
            }
            list.add(addr);
        }

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

    /** The detected interface named {@code name} (both families), or Kea's error. */
    static <I> I find(List<I> detected, java.util.function.Function<I, String> names, String name) throws IOException {
        Optional<I> found = detected.stream().filter(i -> names.apply(i).equals(name)).findFirst();
        if (found.isEmpty()) {
            throw new IOException("interface '" + name + "' doesn't exist in the system");
        }
        return found.get();
    }

    private static NetInterface find(List<NetInterface> detected, String name) throws IOException {
        return find(detected, NetInterface::name, name);
    }
}
