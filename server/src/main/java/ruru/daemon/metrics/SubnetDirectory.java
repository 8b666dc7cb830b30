package ruru.daemon.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import ruru.daemon.config.PoolText;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;

/**
 * The subnets of a configuration as the labels need them: id, prefix text and pool texts, read
 * from the configuration element as {@code config-get} returns it (kea-exporter reads {@code
 * subnet} and {@code pools[i].pool} from there; pool texts in Kea's form, {@link PoolText}). Subnets of shared networks are included,
 * which kea-exporter skips. Works for {@code subnet4} and {@code subnet6} alike.
 *
 * @param subnets by id
 */
public record SubnetDirectory(Map<Long, Subnet> subnets) {

    public static final SubnetDirectory EMPTY = new SubnetDirectory(Map.of());

    /**
     * @param pools   the {@code pool} texts in configuration order (kea-exporter labels
     *                {@code subnet[id].pool[i].*} with the i-th)
     * @param pdPools {@code prefix/prefix-len} of each pd-pool (DHCPv6)
     */
    public record Subnet(long id, String subnet, List<String> pools, List<Long> poolIds, List<String> pdPools,
            List<Long> pdPoolIds) {
        public Subnet {
            pools = List.copyOf(pools);
            poolIds = List.copyOf(poolIds);
            pdPools = List.copyOf(pdPools);
            pdPoolIds = List.copyOf(pdPoolIds);
        }

        /** The texts of the pools with this {@code pool-id}, joined (Kea aggregates their statistics). */
        public String poolsWithId(long poolId, boolean prefixDelegation) {
            List<String> texts = prefixDelegation ? pdPools : pools;
            List<Long> ids = prefixDelegation ? pdPoolIds : poolIds;
            List<String> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (ids.get(i) == poolId) {
                    out.add(texts.get(i));
                }
            }
            return String.join(", ", out);
        }

        /** The i-th pool's text, if there is one. */
        public Optional<String> pool(long index) {
            return index >= 0 && index < pools.size() ? Optional.of(pools.get((int) index)) : Optional.empty();
        }
    }

    public SubnetDirectory {
        subnets = Map.copyOf(subnets);
    }

    public Optional<Subnet> get(long id) {
        return Optional.ofNullable(subnets.get(id));
    }

    /**
     * Reads {@code subnet4}/{@code subnet6} at the top of a daemon's element and inside its
     * {@code shared-networks}.
     *
     * @param assignedIds ids the daemon assigned to subnets written without one, by subnet text
     */
    public static SubnetDirectory fromConfig(MapElement daemon, Map<String, Long> assignedIds) {
        Map<Long, Subnet> out = new TreeMap<>();
        List<MapElement> scopes = new ArrayList<>();
        scopes.add(daemon);
        if (daemon.get("shared-networks") instanceof ListElement networks) {
            networks.items().stream().filter(MapElement.class::isInstance).map(MapElement.class::cast).forEach(scopes::add);
        }
        for (MapElement scope : scopes) {
            for (String key : List.of("subnet4", "subnet6")) {
                if (scope.get(key) instanceof ListElement list) {
                    for (Element e : list.items()) {
                        if (e instanceof MapElement m) {
                            read(m, assignedIds).ifPresent(s -> out.putIfAbsent(s.id(), s));
                        }
                    }
                }
            }
        }
        return new SubnetDirectory(out);
    }

    private static Optional<Subnet> read(MapElement m, Map<String, Long> assignedIds) {
        String subnet = m.get("subnet") instanceof ruru.json.StringElement s ? s.value() : null;
        if (subnet == null) {
            return Optional.empty();
        }
        long id = m.get("id") instanceof ruru.json.IntElement i ? i.value() : assignedIds.getOrDefault(subnet, 0L);
        if (id <= 0) {
            return Optional.empty();
        }
        List<String> pools = new ArrayList<>();
        List<Long> poolIds = new ArrayList<>();
        if (m.get("pools") instanceof ListElement list) {
            for (Element p : list.items()) {
                pools.add(p instanceof MapElement pm && pm.get("pool") instanceof ruru.json.StringElement s
                        ? PoolText.canonical(s.value()).orElse(s.value()) : "");
                poolIds.add(poolId(p));
            }
        }
        List<String> pdPools = new ArrayList<>();
        List<Long> pdPoolIds = new ArrayList<>();
        if (m.get("pd-pools") instanceof ListElement list) {
            for (Element p : list.items()) {
                if (p instanceof MapElement pm && pm.get("prefix") instanceof ruru.json.StringElement s
                        && pm.get("prefix-len") instanceof ruru.json.IntElement len) {
                    pdPools.add(s.value() + "/" + len.value());
                } else {
                    pdPools.add("");
                }
                pdPoolIds.add(poolId(p));
            }
        }
        return Optional.of(new Subnet(id, subnet, pools, poolIds, pdPools, pdPoolIds));
    }

    /** A pool's {@code pool-id}, 0 when absent (Kea's default). */
    private static long poolId(Element pool) {
        return pool instanceof MapElement pm && pm.get("pool-id") instanceof ruru.json.IntElement i ? i.value() : 0L;
    }
}
