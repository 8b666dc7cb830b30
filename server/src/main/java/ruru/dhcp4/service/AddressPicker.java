package ruru.dhcp4.service;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

import ruru.dhcp.config.Allocator;
import ruru.dhcp.engine.CandidatePicker;
import ruru.dhcp4.config.Pool4;
import ruru.wire.Ipv4Address;

/**
 * Picks a free address in a DHCPv4 pool with the shared engine's {@link CandidatePicker}: the
 * iterative allocator walks each pool from a cursor, so addresses are handed out in order and
 * recently freed ones are reused last; a reconfiguration starts every pool from its first address
 * again (Kea builds new subnets, whose allocators start afresh). The random allocator starts at a
 * random offset. Both try every address at most once per call.
 */
final class AddressPicker {

    private record PoolKey(long subnetId, int first, int last) {
        // Written out: a record's generated equals/hashCode cost the first DISCOVER a bootstrap.
        @Override
        public boolean equals(Object o) {
            return o instanceof PoolKey k && subnetId == k.subnetId && first == k.first && last == k.last;
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(subnetId) * 31 + first) * 31 + last;
        }
    }

    private final CandidatePicker picker = new CandidatePicker();

    /** A new configuration: every pool starts from its first address again, as in Kea. */
    void reset() {
        picker.reset();
    }

    Optional<Ipv4Address> pick(long subnetId, Pool4 pool, Allocator allocator, Predicate<Ipv4Address> free) {
        long size = pool.size();
        long first = pool.first().toLong();
        OptionalLong offset = picker.pick(new PoolKey(subnetId, pool.first().bits(), pool.last().bits()), size, size,
                allocator, o -> free.test(Ipv4Address.ofLong(first + o)));
        return offset.isPresent() ? Optional.of(Ipv4Address.ofLong(first + offset.getAsLong())) : Optional.empty();
    }
}
