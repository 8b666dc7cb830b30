package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import ruru.dhcp.config.Allocator;

/**
 * Kea's iterative allocator keeps one "last allocated" per subnet and lease type, not per pool: a
 * pick goes on in the pool that holds it (then the pools after it, wrapping round) when the client
 * may use that pool, else it starts at the first pool the client may use. Where class guards let a
 * client use several pools this decides which one it gets, so ruru orders its pools the same way.
 */
final class PoolCursor6 {

    private final Map<Long, Integer> addresses = new ConcurrentHashMap<>();
    private final Map<Long, Integer> prefixes = new ConcurrentHashMap<>();

    /** The pools in the order the iterative allocator tries them (the configuration's for random). */
    <P> List<P> order(long subnetId, boolean pd, List<P> pools, Allocator allocator, Predicate<P> admitted) {
        Integer last = (pd ? prefixes : addresses).get(subnetId);
        if (allocator != Allocator.ITERATIVE || last == null || last <= 0 || last >= pools.size()
                || !admitted.test(pools.get(last))) {
            return pools;
        }
        List<P> out = new ArrayList<>(pools.size());
        out.addAll(pools.subList(last, pools.size()));
        out.addAll(pools.subList(0, last));
        return out;
    }

    /** A new configuration: Kea's new subnets start without a last allocation. */
    void reset() {
        addresses.clear();
        prefixes.clear();
    }

    /** The pool at {@code index} of the subnet's list gave the last pick. */
    void used(long subnetId, boolean pd, int index) {
        (pd ? prefixes : addresses).put(subnetId, index);
    }
}
