package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.engine.HostIndex;
import ruru.dhcp.log.ConfigTrace;
import ruru.dhcp.log.ReservationsTrace;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Reservation6;
import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;

/**
 * What kea-dhcp6 writes while it adds a configuration's host reservations (Kea's CfgHosts::add6),
 * host by host as the subnets are parsed, the global ones last: the host, then the duplicate checks
 * it runs against the hosts added before it in the same subnet (by hardware address, by DUID, then
 * by each reserved address and prefix), each with the lookup traces of the packet path.
 */
public final class ConfigHosts6 extends ReservationsTrace<Reservation6> {

    private final List<Reservation6> added = new ArrayList<>();

    /** The reservations of {@code config}, or nothing when the level of these lines is off. */
    public static ConfigTrace.HostsTrace of(Dhcp6ServiceConfig config) {
        return config == null || !Dhcp6Messages.HOSTS_CFG_ADD_HOST.enabled() ? ConfigTrace.HostsTrace.NONE
                : new ConfigHosts6(config);
    }

    private ConfigHosts6(Dhcp6ServiceConfig config) {
        super(prefix -> config.subnets().stream().filter(s -> s.prefixText().equals(prefix)).findFirst()
                .map(Subnet6::reservations).orElse(List.of()), config.globalReservations());
    }

    @Override
    protected void add(Reservation6 h) {
        Dhcp6Messages.HOSTS_CFG_ADD_HOST.log(Hosts6.text(h));
        HostIndex<Reservation6> before = new HostIndex<>(added);
        long subnet = h.subnetId();
        HostIdentifierType type = h.identifierType();
        if (type == HostIdentifierType.HW_ADDRESS || type == HostIdentifierType.DUID) {
            Hosts6.identifierLookup(before, subnet, type, h.identifier());
        }
        for (Ipv6Address a : h.addresses()) {
            Hosts6.addressLookup(before, subnet, a, 128);
        }
        for (Ipv6Prefix p : h.prefixes()) {
            Hosts6.addressLookup(before, subnet, p.network(), p.length());
        }
        added.add(h);
    }
}
