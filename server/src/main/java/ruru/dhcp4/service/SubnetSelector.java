package ruru.dhcp4.service;

import java.util.List;
import java.util.Optional;

import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.net.InterfaceAddress4;
import ruru.net.Received4;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * Chooses the subnet for a query in Kea's order (CfgSubnets4::initSelector and selectSubnet):
 * <ol>
 * <li>the link-selection sub-option 5 of Relay Agent Information (RFC 3527; not with
 *     {@code compatibility.ignore-rai-link-selection}), else the Subnet Selection option 118
 *     (RFC 3011): the subnet containing that address, or none;</li>
 * <li>for a relayed query, the first subnet whose {@code relay} addresses (or, when it has none,
 *     its shared network's) list giaddr;</li>
 * <li>the subnet containing giaddr; else, for a query not sent to 255.255.255.255, the one
 *     containing ciaddr, else its source address; else (a broadcast from a directly connected
 *     client) the subnet whose {@code interface} (or its shared network's) names the receiving
 *     interface, else the one containing that interface's first address.</li>
 * </ol>
 * A bogus ciaddr in a broadcast query is therefore not used for selection, as in Kea.
 */
final class SubnetSelector {

    static final int RAI_LINK_SELECTION = 5;

    private SubnetSelector() {
    }

    static Optional<Subnet4> select(List<Subnet4> subnets, Dhcp4Packet query, Received4 received) {
        return select(subnets, query, received, s -> true, false);
    }

    /**
     * As Kea's selectSubnet with the query's classes: a subnet (or its shared network) whose class
     * guard the client does not pass is skipped and the search goes on to the next candidate.
     */
    static Optional<Subnet4> select(List<Subnet4> all, Dhcp4Packet query, Received4 received,
            java.util.function.Predicate<Subnet4> admitted, boolean ignoreRaiLinkSelection) {
        List<Subnet4> subnets = all;
        for (Subnet4 s : all) {
            if (!admitted.test(s)) {
                subnets = all.stream().filter(admitted).toList();
                break;
            }
        }
        // Kea's kea-dhcp4.dhcpsrv traces of each step (CfgSubnets4::selectSubnet), one level check
        boolean trace = Dhcp4Messages.DHCPSRV_SUBNET4_SELECT_NO_RAI_OPTIONS.enabled();
        Optional<Ipv4Address> link = linkAddress(query, ignoreRaiLinkSelection);
        if (link.isPresent()) {
            return containing(subnets, link.get(), trace);
        }
        if (trace) {
            Dhcp4Messages.DHCPSRV_SUBNET4_SELECT_NO_RAI_OPTIONS.log();
        }
        Ipv4Address giaddr = query.giaddr();
        if (!giaddr.isZero()) {
            for (Subnet4 s : subnets) {
                if (s.relayAddresses().contains(giaddr)) {
                    if (trace) {
                        Dhcp4Messages.DHCPSRV_CFGMGR_SUBNET4_RELAY.log(s.prefixText(), giaddr);
                    }
                    return Optional.of(s);
                }
            }
            if (trace) {
                Dhcp4Messages.DHCPSRV_SUBNET4_SELECT_BY_RELAY_ADDRESS_NO_MATCH.log(giaddr);
            }
            return containing(subnets, giaddr, trace);
        }
        if (trace) {
            Dhcp4Messages.DHCPSRV_SUBNET4_SELECT_NO_RELAY_ADDRESS.log();
        }
        boolean limitedBroadcast = received.local() == null || received.local().bits() == -1;
        if (!limitedBroadcast && !query.ciaddr().isZero()) {
            return containing(subnets, query.ciaddr(), trace);
        }
        if (!limitedBroadcast && received.source() != null && !received.source().isZero()) {
            return containing(subnets, received.source(), trace);
        }
        String iface = received.iface().name();
        for (Subnet4 s : subnets) {
            if (s.interfaceName().filter(iface::equals).isPresent()) {
                if (trace) {
                    Dhcp4Messages.DHCPSRV_CFGMGR_SUBNET4_IFACE.log(s.prefixText(), iface);
                }
                return Optional.of(s);
            }
        }
        if (trace) {
            Dhcp4Messages.DHCPSRV_SUBNET4_SELECT_BY_INTERFACE_NO_MATCH.log(iface);
        }
        List<InterfaceAddress4> addresses = received.iface().addresses();
        return addresses.isEmpty() ? Optional.empty() : containing(subnets, addresses.getFirst().address(), trace);
    }

    private static Optional<Subnet4> containing(List<Subnet4> subnets, Ipv4Address address, boolean trace) {
        Optional<Subnet4> found = containing(subnets, address);
        if (trace) {
            if (found.isPresent()) {
                Dhcp4Messages.DHCPSRV_CFGMGR_SUBNET4_ADDR.log(found.get().prefixText(), address);
            } else {
                Dhcp4Messages.DHCPSRV_SUBNET4_SELECT_BY_ADDRESS_NO_MATCH.log(address);
            }
        }
        return found;
    }

    static Optional<Subnet4> containing(List<Subnet4> subnets, Ipv4Address address) {
        for (Subnet4 s : subnets) {
            if (s.contains(address)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * RAI sub-option 5 (unless ignored), else option 118; both carry a 4-byte address. (kea-dhcp4
     * 2.2 observed: option 118 counts beside an RAI that has no link-selection.)
     */
    static Optional<Ipv4Address> linkAddress(Dhcp4Packet query, boolean ignoreRaiLinkSelection) {
        byte[] rai = query.options().get(OptionCodes.AGENT_INFO).orElse(null);
        if (rai != null && !ignoreRaiLinkSelection) {
            byte[] link = Hosts.subOption(rai, RAI_LINK_SELECTION);
            if (link != null && link.length == 4) {
                return Optional.of(Ipv4Address.of(link, 0));
            }
        }
        return query.options().address(OptionCodes.SUBNET_SELECTION);
    }
}
