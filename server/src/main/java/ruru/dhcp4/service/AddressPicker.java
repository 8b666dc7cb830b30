package ruru.dhcp4.service;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import ruru.dhcp.config.Allocator;
import ruru.dhcp4.config.Pool4;
import ruru.wire.Ipv4Address;

/**
 * Picks a free address in a pool. The iterative allocator walks each pool from a cursor, so
 * addresses are handed out in order and recently freed ones are reused last; a reconfiguration
 * starts every pool from its first address again (Kea builds new subnets, whose allocators start
 * afresh). The random allocator starts at a random offset. Both try every address at most once
 * per call.
 */
final class AddressPicker {

    private record PoolKey(long subnetId, int first, int last) {
    }

    private final ConcurrentHashMap<PoolKey, AtomicLong> cursors = new ConcurrentHashMap<>();

    /** A new configuration: every pool starts from its first address again, as in Kea. */
    void reset() {
        cursors.clear();
    }

    Optional<Ipv4Address> pick(long subnetId, Pool4 pool, Allocator allocator, Predicate<Ipv4Address> free) {
        long size = pool.size();
        long first = pool.first().toLong();
        if (allocator == Allocator.RANDOM) {
            long start = ThreadLocalRandom.current().nextLong(size);
            for (long i = 0; i < size; i++) {
                Ipv4Address a = Ipv4Address.ofLong(first + (start + i) % size);
                if (free.test(a)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
        AtomicLong cursor = cursors.computeIfAbsent(new PoolKey(subnetId, pool.first().bits(), pool.last().bits()),
                k -> new AtomicLong());
        for (long i = 0; i < size; i++) {
            long offset = Math.floorMod(cursor.getAndIncrement(), size);
            Ipv4Address a = Ipv4Address.ofLong(first + offset);
            if (free.test(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
