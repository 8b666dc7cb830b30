package ruru.dhcp4.ddns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ruru.daemon.config.ConfigException;
import ruru.ddns.client.D2ClientConfig;
import ruru.ddns.client.D2ClientConfigParser;
import ruru.ddns.names.DdnsParams;
import ruru.ddns.names.DdnsParamsParser;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * Reads the DDNS parts of a schema-checked {@code Dhcp4} map: {@code dhcp-ddns} and the DDNS keys
 * of each level. Subnet ids are found as the subnet parser assigns them (explicit ids, else Kea
 * 2.2's counter over shared-network subnets first, then top-level ones).
 */
public final class Ddns4ConfigParser {

    private Ddns4ConfigParser() {
    }

    public static Ddns4Config parse(MapElement dhcp4) throws ConfigException {
        D2ClientConfig client = D2ClientConfigParser.parse(dhcp4.get("dhcp-ddns"));
        boolean enabled = client.enableUpdates();
        DdnsParams global = DdnsParamsParser.parse(List.of(dhcp4), enabled);
        Map<Long, Ddns4Config.SubnetDdns> subnets = new HashMap<>();
        long[] nextAuto = {1};
        for (MapElement network : maps(dhcp4, "shared-networks")) {
            for (MapElement subnet : maps(network, "subnet4")) {
                add(subnets, subnet, List.of(subnet, network, dhcp4), enabled, nextAuto);
            }
        }
        for (MapElement subnet : maps(dhcp4, "subnet4")) {
            add(subnets, subnet, List.of(subnet, dhcp4), enabled, nextAuto);
        }
        return new Ddns4Config(client, global, subnets);
    }

    private static void add(Map<Long, Ddns4Config.SubnetDdns> out, MapElement subnet, List<MapElement> chain,
                            boolean enabled, long[] nextAuto) throws ConfigException {
        long id = subnet.get("id") instanceof IntElement i && i.value() != 0 ? i.value() : nextAuto[0]++;
        DdnsParams params = DdnsParamsParser.parse(chain, enabled);
        List<Ddns4Config.PoolDdns> pools = new ArrayList<>();
        for (MapElement pool : maps(subnet, "pools")) {
            if (!DdnsParamsParser.setsAny(pool) || !(pool.get("pool") instanceof StringElement text)) {
                continue;
            }
            long[] range = range(text.value());
            if (range == null) {
                continue;
            }
            List<MapElement> poolChain = new ArrayList<>();
            poolChain.add(pool);
            poolChain.addAll(chain);
            pools.add(new Ddns4Config.PoolDdns(range[0], range[1], DdnsParamsParser.parse(poolChain, enabled)));
        }
        out.putIfAbsent(id, new Ddns4Config.SubnetDdns(params, pools));
    }

    /** {@code a - b} or {@code a/len}; null when unreadable (the pool parser reports that). */
    static long[] range(String text) {
        try {
            String t = text.replace(" ", "");
            if (t.contains("-")) {
                String[] parts = t.split("-");
                return new long[] {Ipv4Address.parse(parts[0]).toLong(), Ipv4Address.parse(parts[1]).toLong()};
            }
            String[] parts = t.split("/");
            long base = Ipv4Address.parse(parts[0]).toLong();
            int len = Integer.parseInt(parts[1]);
            long size = 1L << (32 - len);
            long first = base & ~(size - 1) & 0xFFFF_FFFFL;
            return new long[] {first, first + size - 1};
        } catch (WireFormatException | RuntimeException e) {
            return null;
        }
    }

    private static List<MapElement> maps(MapElement m, String key) {
        List<MapElement> out = new ArrayList<>();
        if (m.get(key) instanceof ListElement l) {
            for (Element e : l.items()) {
                if (e instanceof MapElement x) {
                    out.add(x);
                }
            }
        }
        return out;
    }
}
