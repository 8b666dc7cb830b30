package ruru.dhcp.text;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;

/**
 * How Kea's host reservation traces (kea-dhcp4.hosts, kea-dhcp6.hosts) print a host: its
 * identifier as {@code Host::getIdentifierAsText} ({@code hwaddr=02550000000B},
 * {@code circuit-id=706F727437}: upper-case hex) and the whole host as {@code Host::toText}: the
 * identifier, the subnet of its family, hostname, IPv4 reservation, siaddr, sname, file, key, the
 * IPv6 reservations, then the classes of each family.
 */
public final class HostText {

    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private HostText() {
    }

    /** Kea's {@code Host::getIdentifierAsText}. */
    public static String identifier(HostIdentifierType t, byte[] id) {
        String name = t == HostIdentifierType.HW_ADDRESS ? "hwaddr" : t.keaName();
        return name + "=" + UPPER.formatHex(id);
    }

    /**
     * Kea's {@code Host::toText} of a DHCPv4 host ({@code ipv6Subnet} false) or a DHCPv6 one.
     *
     * @param ipv6 the IPv6 reservations as Kea prints them, addresses before prefixes
     */
    public static String host(HostIdentifierType t, byte[] id, boolean ipv6Subnet, long subnetId, String hostname,
                              Optional<?> ipv4, Optional<?> siaddr, String sname, String file, List<String> ipv6,
                              List<String> classes) {
        StringBuilder b = new StringBuilder(160).append(identifier(t, id));
        b.append(ipv6Subnet ? " ipv6_subnet_id=" : " ipv4_subnet_id=").append(subnetId);
        b.append(" hostname=").append(orEmpty(hostname));
        b.append(" ipv4_reservation=").append(ipv4.map(Object::toString).orElse("(no)"));
        b.append(" siaddr=").append(siaddr.map(Object::toString).orElse("(no)"));
        b.append(" sname=").append(orEmpty(sname));
        b.append(" file=").append(orEmpty(file));
        b.append(" key=(empty)");
        if (ipv6.isEmpty()) {
            b.append(" ipv6_reservations=(none)");
        }
        for (int i = 0; i < ipv6.size(); i++) {
            b.append(" ipv6_reservation").append(i).append('=').append(ipv6.get(i));
        }
        String family = ipv6Subnet ? " dhcp6_class" : " dhcp4_class";
        for (int i = 0; i < classes.size(); i++) {
            b.append(family).append(i).append('=').append(classes.get(i));
        }
        return b.toString();
    }

    private static String orEmpty(String s) {
        return s == null || s.isEmpty() ? "(empty)" : s;
    }
}
