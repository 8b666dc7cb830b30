package ruru.dhcp6.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import ruru.dhcp6.config.SharedNetwork6;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.dhcp6.log.PacketText6;
import ruru.net.Received6;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;
import ruru.wire.v6.StandardV6Definitions;

/**
 * Chooses the subnet for a DHCPv6 query in Kea's order ({@code CfgSubnets6::selectSubnet}), over
 * the subnets in ascending id order:
 * <ol>
 * <li>the link-address of the relay closest to the client that is neither :: nor link-local, and
 * the interface-id (option 18) of the relay closest to the client;</li>
 * <li>without such a link-address (a direct client, or a relay that gave none): the subnet whose
 * {@code interface} is the receiving interface, else the one containing the query's source address
 * (the interface-id is not looked at then);</li>
 * <li>with one: the subnet whose {@code interface-id} matches, else the one (or whose shared network)
 * lists the link-address in {@code relay.ip-addresses}, else the one containing the link-address.</li>
 * </ol>
 */
final class SubnetSelector6 {

    private SubnetSelector6() {
    }

    static Optional<Subnet6> select(List<Subnet6> subnets, List<SharedNetwork6> networks, Dhcp6Packet query,
                                    Received6 received) {
        List<RelayInfo> relays = query.relays();
        Ipv6Address link = null;
        for (int i = relays.size() - 1; i >= 0 && link == null; i--) {
            Ipv6Address a = relays.get(i).linkAddress();
            if (!a.isUnspecified() && !a.isLinkLocal()) {
                link = a;
            }
        }
        if (link == null) {
            String iface = received.iface().name();
            for (Subnet6 s : subnets) {
                if (s.interfaceName().filter(iface::equals).isPresent()) {
                    if (Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6_IFACE.enabled()) {
                        Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6_IFACE.log(s.prefix(), iface);
                    }
                    return Optional.of(s);
                }
            }
            Dhcp6Messages.DHCPSRV_SUBNET6_SELECT_BY_INTERFACE_NO_MATCH.log(iface);
            return byAddress(subnets, received.source());
        }
        byte[] interfaceId = null;
        for (int i = relays.size() - 1; i >= 0 && interfaceId == null; i--) {
            interfaceId = relays.get(i).options().get(Option6Codes.INTERFACE_ID).orElse(null);
        }
        if (interfaceId != null) {
            for (Subnet6 s : subnets) {
                if (s.interfaceId().isPresent() && Arrays.equals(s.interfaceId().get(), interfaceId)) {
                    if (Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6_IFACE_ID.enabled()) {
                        Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6_IFACE_ID.log(s.prefix());
                    }
                    return Optional.of(s);
                }
            }
            if (Dhcp6Messages.DHCPSRV_SUBNET6_SELECT_BY_INTERFACE_ID_NO_MATCH.enabled()) {
                Dhcp6Messages.DHCPSRV_SUBNET6_SELECT_BY_INTERFACE_ID_NO_MATCH.log(PacketText6.option(
                        new Option6(Option6Codes.INTERFACE_ID, interfaceId), StandardV6Definitions.registry()));
            }
        }
        for (Subnet6 s : subnets) {
            if (s.relayAddresses().contains(link) || networkRelays(s, networks).contains(link)) {
                if (Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6_RELAY.enabled()) {
                    Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6_RELAY.log(s.prefix(), link);
                }
                return Optional.of(s);
            }
        }
        return byAddress(subnets, link);
    }

    /** The subnet containing {@code address}, with Kea's trace of the outcome. */
    private static Optional<Subnet6> byAddress(List<Subnet6> subnets, Ipv6Address address) {
        Optional<Subnet6> s = containing(subnets, address);
        if (s.isPresent() && Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6.enabled()) {
            Dhcp6Messages.DHCPSRV_CFGMGR_SUBNET6.log(s.get().prefix(), address);
        } else if (s.isEmpty() && Dhcp6Messages.DHCPSRV_SUBNET6_SELECT_BY_ADDRESS_NO_MATCH.enabled()) {
            Dhcp6Messages.DHCPSRV_SUBNET6_SELECT_BY_ADDRESS_NO_MATCH.log(address);
        }
        return s;
    }

    private static List<Ipv6Address> networkRelays(Subnet6 s, List<SharedNetwork6> networks) {
        if (s.sharedNetworkName().isEmpty()) {
            return List.of();
        }
        for (SharedNetwork6 n : networks) {
            if (n.name().equals(s.sharedNetworkName().get())) {
                return n.relayAddresses();
            }
        }
        return List.of();
    }

    static Optional<Subnet6> containing(List<Subnet6> subnets, Ipv6Address address) {
        for (Subnet6 s : subnets) {
            if (s.contains(address)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
