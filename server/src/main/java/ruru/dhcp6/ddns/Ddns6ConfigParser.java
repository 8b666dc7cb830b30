package ruru.dhcp6.ddns;

import java.util.List;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.ddns.client.DdnsServerConfig;
import ruru.ddns.client.DdnsServerConfigParser;
import ruru.ddns.client.DdnsServerConfigParser.ParsedSubnet;
import ruru.ddns.client.DdnsServerConfigParser.PoolRange;
import ruru.dhcp6.config.Subnet6;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;

/**
 * Reads the DDNS parts of a schema-checked {@code Dhcp6} map with the family-neutral
 * {@link DdnsServerConfigParser}: a subnet's map is matched to its parsed subnet by prefix (unique
 * in a valid DHCPv6 configuration).
 */
public final class Ddns6ConfigParser {

    private Ddns6ConfigParser() {
    }

    public static DdnsServerConfig<Ipv6Address> parse(MapElement dhcp6, List<Subnet6> parsed)
            throws ConfigException {
        return DdnsServerConfigParser.parse(dhcp6, "subnet6", m -> find(m, parsed));
    }

    private static Optional<ParsedSubnet<Ipv6Address>> find(MapElement subnet, List<Subnet6> parsed) {
        if (!(subnet.get("subnet") instanceof StringElement text)) {
            return Optional.empty();
        }
        try {
            Ipv6Prefix prefix = Ipv6Prefix.parse(text.value().trim());
            return parsed.stream().filter(s -> s.prefix().length() == prefix.length()
                    && s.prefix().network().equals(prefix.network())).findFirst()
                    .map(s -> new ParsedSubnet<>(s.id(), s.pools().stream()
                            .map(p -> new PoolRange<>(p.first(), p.last())).toList()));
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }
}
