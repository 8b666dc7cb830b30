package ruru.ddns.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.DdnsParamsParser;
import ruru.dhcp.config.Fields;
import ruru.json.MapElement;

/**
 * Reads the DDNS parts of a schema-checked {@code Dhcp4} or {@code Dhcp6} map: {@code dhcp-ddns}
 * and the DDNS keys of each level (global, shared network, subnet, pool), beside the subnets the
 * family has already parsed. The family finds the parsed subnet of a subnet's map (its id and its
 * address pools in configuration order); a pool's map is matched to its parsed pool by its place.
 */
public final class DdnsServerConfigParser {

    /** What the reader needs of a parsed subnet: its id and its address pools in configuration order. */
    public record ParsedSubnet<A>(long id, List<PoolRange<A>> pools) {
        public ParsedSubnet {
            pools = List.copyOf(pools);
        }
    }

    /** A parsed address pool's first and last address. */
    public record PoolRange<A>(A first, A last) {
    }

    /** The family's lookup of the parsed subnet a subnet's map became. */
    @FunctionalInterface
    public interface SubnetFinder<A> {
        Optional<ParsedSubnet<A>> find(MapElement subnet);
    }

    private DdnsServerConfigParser() {
    }

    /** @param subnetKey {@code subnet4} or {@code subnet6} */
    public static <A extends Comparable<A>> DdnsServerConfig<A> parse(MapElement root, String subnetKey,
            SubnetFinder<A> parsed) throws ConfigException {
        D2ClientConfig client = D2ClientConfigParser.parse(root.get("dhcp-ddns"));
        boolean enabled = client.enableUpdates();
        DdnsParams global = DdnsParamsParser.parse(List.of(root), enabled);
        Map<Long, DdnsServerConfig.SubnetDdns<A>> subnets = new HashMap<>();
        for (MapElement network : Fields.maps(root, "shared-networks")) {
            for (MapElement subnet : Fields.maps(network, subnetKey)) {
                add(subnets, subnet, List.of(subnet, network, root), enabled, parsed);
            }
        }
        for (MapElement subnet : Fields.maps(root, subnetKey)) {
            add(subnets, subnet, List.of(subnet, root), enabled, parsed);
        }
        return new DdnsServerConfig<>(client, global, subnets);
    }

    private static <A extends Comparable<A>> void add(Map<Long, DdnsServerConfig.SubnetDdns<A>> out,
            MapElement subnet, List<MapElement> chain, boolean enabled, SubnetFinder<A> parsed)
            throws ConfigException {
        Optional<ParsedSubnet<A>> match = parsed.find(subnet);
        if (match.isEmpty()) {
            return;
        }
        ParsedSubnet<A> s = match.get();
        DdnsParams params = DdnsParamsParser.parse(chain, enabled);
        List<DdnsServerConfig.PoolDdns<A>> pools = new ArrayList<>();
        List<MapElement> poolMaps = Fields.maps(subnet, "pools");
        for (int i = 0; i < poolMaps.size() && i < s.pools().size(); i++) {
            MapElement pool = poolMaps.get(i);
            if (!DdnsParamsParser.setsAny(pool)) {
                continue;
            }
            List<MapElement> poolChain = new ArrayList<>();
            poolChain.add(pool);
            poolChain.addAll(chain);
            PoolRange<A> p = s.pools().get(i);
            pools.add(new DdnsServerConfig.PoolDdns<>(p.first(), p.last(), DdnsParamsParser.parse(poolChain, enabled)));
        }
        out.putIfAbsent(s.id(), new DdnsServerConfig.SubnetDdns<>(params, pools));
    }
}
