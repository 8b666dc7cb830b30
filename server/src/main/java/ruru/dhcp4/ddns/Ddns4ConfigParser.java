package ruru.dhcp4.ddns;

import java.util.List;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.ddns.client.DdnsServerConfig;
import ruru.ddns.client.DdnsServerConfigParser;
import ruru.ddns.client.DdnsServerConfigParser.ParsedSubnet;
import ruru.ddns.client.DdnsServerConfigParser.PoolRange;
import ruru.dhcp.config.SubnetText;
import ruru.dhcp4.config.Subnet4;
import ruru.json.MapElement;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * Reads the DDNS parts of a schema-checked {@code Dhcp4} map with the family-neutral
 * {@link DdnsServerConfigParser}: a subnet's map is matched to its parsed subnet by its prefix as
 * written (unique in a valid DHCPv4 configuration).
 */
public final class Ddns4ConfigParser {

    private Ddns4ConfigParser() {
    }

    public static DdnsServerConfig<Ipv4Address> parse(MapElement dhcp4, List<Subnet4> parsed)
            throws ConfigException {
        return DdnsServerConfigParser.parse(dhcp4, "subnet4", m -> find(m, parsed));
    }

    private static Optional<ParsedSubnet<Ipv4Address>> find(MapElement subnet, List<Subnet4> parsed) {
        try {
            SubnetText t = SubnetText.of(subnet);
            Ipv4Address address = Ipv4Address.parse(t.address().trim());
            return parsed.stream().filter(s -> s.prefixLength() == t.length() && s.prefix().equals(address))
                    .findFirst().map(s -> new ParsedSubnet<>(s.id(), s.pools().stream()
                            .map(p -> new PoolRange<>(p.first(), p.last())).toList()));
        } catch (ConfigException | WireFormatException e) {
            return Optional.empty();
        }
    }
}
