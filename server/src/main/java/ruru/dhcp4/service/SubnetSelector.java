package ruru.dhcp4.service;

import java.util.List;
import java.util.Optional;

import ruru.dhcp4.config.Subnet4;
import ruru.net.InterfaceAddress4;
import ruru.net.Received4;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * Chooses the subnet for a query, in Kea's order (CfgSubnets4::selectSubnet):
 * <ol>
 * <li>a link address from the Subnet Selection option (RFC 3011, option 118) or the Link Selection
 * sub-option 5 of Relay Agent Information (RFC 3527);</li>
 * <li>for a relayed query, a subnet (or its shared network) whose {@code relay.ip-addresses} lists
 * giaddr;</li>
 * <li>the subnet containing giaddr, else ciaddr, else the query's source address;</li>
 * <li>for a directly connected client, a subnet whose {@code interface} names the receiving
 * interface, else the subnet containing one of that interface's addresses.</li>
 * </ol>
 */
final class SubnetSelector {

    private static final int RAI_LINK_SELECTION = 5;

    private SubnetSelector() {
    }

    static Optional<Subnet4> select(List<Subnet4> subnets, Dhcp4Packet query, Received4 received) {
        return select(subnets, query, received, s -> true);
    }

    /**
     * As Kea's selectSubnet with the query's classes: a subnet (or its shared network) whose class
     * guard the client does not pass is skipped and the search goes on to the next candidate.
     */
    static Optional<Subnet4> select(List<Subnet4> all, Dhcp4Packet query, Received4 received,
            java.util.function.Predicate<Subnet4> admitted) {
        List<Subnet4> subnets = all;
        for (Subnet4 s : all) {
            if (!admitted.test(s)) {
                subnets = all.stream().filter(admitted).toList();
                break;
            }
        }
        Optional<Ipv4Address> link = linkAddress(query);
        if (link.isPresent()) {
            return containing(subnets, link.get());
        }
        Ipv4Address giaddr = query.giaddr();
        if (!giaddr.isZero()) {
            for (Subnet4 s : subnets) {
                if (s.relayAddresses().contains(giaddr)) {
                    return Optional.of(s);
                }
            }
            return containing(subnets, giaddr);
        }
        if (!query.ciaddr().isZero()) {
            return containing(subnets, query.ciaddr());
        }
        if (received.source() != null && !received.source().isZero()) {
            Optional<Subnet4> bySource = containing(subnets, received.source());
            if (bySource.isPresent()) {
                return bySource;
            }
        }
        String iface = received.iface().name();
        for (Subnet4 s : subnets) {
            if (s.interfaceName().filter(iface::equals).isPresent()) {
                return Optional.of(s);
            }
        }
        if (received.local() != null && !received.local().isZero()) {
            Optional<Subnet4> byLocal = containing(subnets, received.local());
            if (byLocal.isPresent()) {
                return byLocal;
            }
        }
        for (InterfaceAddress4 a : received.iface().addresses()) {
            Optional<Subnet4> s = containing(subnets, a.address());
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    static Optional<Subnet4> containing(List<Subnet4> subnets, Ipv4Address address) {
        for (Subnet4 s : subnets) {
            if (s.contains(address)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Option 118, else RAI sub-option 5; both carry a 4-byte address. */
    static Optional<Ipv4Address> linkAddress(Dhcp4Packet query) {
        Optional<Ipv4Address> selection = query.options().address(OptionCodes.SUBNET_SELECTION);
        if (selection.isPresent()) {
            return selection;
        }
        byte[] rai = query.options().get(OptionCodes.AGENT_INFO).orElse(null);
        if (rai == null) {
            return Optional.empty();
        }
        for (int i = 0; i + 1 < rai.length; ) {
            int code = rai[i] & 0xff;
            int len = rai[i + 1] & 0xff;
            if (i + 2 + len > rai.length) {
                break;
            }
            if (code == RAI_LINK_SELECTION && len == 4) {
                return Optional.of(Ipv4Address.of(rai, i + 2));
            }
            i += 2 + len;
        }
        return Optional.empty();
    }
}
