package ruru.dhcp4.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.log.ConfigTrace;
import ruru.dhcp.log.ReservationsTrace;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.wire.Ipv4Address;

/**
 * What kea-dhcp4 writes while it adds a configuration's host reservations (Kea's CfgHosts::add4),
 * host by host as the subnets are parsed, the global ones last: the host, then the duplicate checks
 * it runs against the hosts added before it (by hardware address or DUID when it has one, by its
 * reserved address, by its identifier), each with the lookup traces of the packet path.
 */
public final class ConfigHosts4 extends ReservationsTrace<Reservation4> implements Hosts.HostSource {

    private final List<Reservation4> added = new ArrayList<>();

    /** The reservations of {@code config}, or nothing when the level of these lines is off. */
    public static ConfigTrace.HostsTrace of(Dhcp4ServiceConfig config) {
        return config == null || !Dhcp4Messages.HOSTS_CFG_ADD_HOST.enabled() ? ConfigTrace.HostsTrace.NONE
                : new ConfigHosts4(config);
    }

    private ConfigHosts4(Dhcp4ServiceConfig config) {
        super(prefix -> config.subnets().stream().filter(s -> s.prefixText().equals(prefix)).findFirst()
                .map(Subnet4::reservations).orElse(List.of()), config.globalReservations());
    }

    @Override
    protected void add(Reservation4 h) {
        Dhcp4Messages.HOSTS_CFG_ADD_HOST.log(Hosts.text(h));
        long subnet = h.subnetId();
        HostIdentifierType type = h.identifierType();
        if (type == HostIdentifierType.HW_ADDRESS || type == HostIdentifierType.DUID) {
            Hosts.lookup(this, subnet, type, h.identifier());
        }
        h.address().ifPresent(a -> Hosts.lookup(this, subnet, a));
        Hosts.lookup(this, subnet, type, h.identifier());
        added.add(h);
    }

    @Override
    public List<Reservation4> allWith(HostIdentifierType type, byte[] id) {
        return added.stream().filter(h -> h.identifierType() == type && Arrays.equals(h.identifier(), id)).toList();
    }

    @Override
    public List<Reservation4> allHolding(Ipv4Address a) {
        return added.stream().filter(h -> h.address().filter(a::equals).isPresent()).toList();
    }
}
