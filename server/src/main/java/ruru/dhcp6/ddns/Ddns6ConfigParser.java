package ruru.dhcp6.ddns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.ddns.client.D2ClientConfig;
import ruru.ddns.client.D2ClientConfigParser;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.DdnsParamsParser;
import ruru.dhcp.config.Fields;
import ruru.dhcp6.config.Pool6;
import ruru.dhcp6.config.Subnet6;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;

/**
 * Reads the DDNS parts of a schema-checked {@code Dhcp6} map: {@code dhcp-ddns} and the DDNS keys
 * of each level (global, shared network, subnet, pool), beside the already parsed subnets: a
 * subnet's map is matched to its parsed subnet by prefix (unique in a valid configuration), a
 * pool's by its place in the subnet's list.
 */
public final class Ddns6ConfigParser {

    private Ddns6ConfigParser() {
    }

    public static Ddns6Config parse(MapElement dhcp6, List<Subnet6> parsed) throws ConfigException {
        D2ClientConfig client = D2ClientConfigParser.parse(dhcp6.get("dhcp-ddns"));
        boolean enabled = client.enableUpdates();
        DdnsParams global = DdnsParamsParser.parse(List.of(dhcp6), enabled);
        Map<Long, Ddns6Config.SubnetDdns> subnets = new HashMap<>();
        for (MapElement network : Fields.maps(dhcp6, "shared-networks")) {
            for (MapElement subnet : Fields.maps(network, "subnet6")) {
                add(subnets, subnet, List.of(subnet, network, dhcp6), enabled, parsed);
            }
        }
        for (MapElement subnet : Fields.maps(dhcp6, "subnet6")) {
            add(subnets, subnet, List.of(subnet, dhcp6), enabled, parsed);
        }
        return new Ddns6Config(client, global, subnets);
    }

    private static void add(Map<Long, Ddns6Config.SubnetDdns> out, MapElement subnet, List<MapElement> chain,
                            boolean enabled, List<Subnet6> parsed) throws ConfigException {
        Optional<Subnet6> match = find(subnet, parsed);
        if (match.isEmpty()) {
            return;
        }
        Subnet6 s = match.get();
        DdnsParams params = DdnsParamsParser.parse(chain, enabled);
        List<Ddns6Config.PoolDdns> pools = new ArrayList<>();
        List<MapElement> poolMaps = Fields.maps(subnet, "pools");
        for (int i = 0; i < poolMaps.size() && i < s.pools().size(); i++) {
            MapElement pool = poolMaps.get(i);
            if (!DdnsParamsParser.setsAny(pool)) {
                continue;
            }
            List<MapElement> poolChain = new ArrayList<>();
            poolChain.add(pool);
            poolChain.addAll(chain);
            Pool6 p = s.pools().get(i);
            pools.add(new Ddns6Config.PoolDdns(p.first(), p.last(), DdnsParamsParser.parse(poolChain, enabled)));
        }
        out.putIfAbsent(s.id(), new Ddns6Config.SubnetDdns(params, pools));
    }

    private static Optional<Subnet6> find(MapElement subnet, List<Subnet6> parsed) {
        if (!(subnet.get("subnet") instanceof StringElement text)) {
            return Optional.empty();
        }
        try {
            Ipv6Prefix prefix = Ipv6Prefix.parse(text.value().trim());
            return parsed.stream().filter(s -> s.prefix().length() == prefix.length()
                    && s.prefix().network().equals(prefix.network())).findFirst();
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }
}
