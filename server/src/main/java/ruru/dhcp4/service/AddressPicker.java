package ruru.dhcp4.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import ruru.classify.ClassSet;
import ruru.dhcp.engine.CandidatePicker;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Subnet4;
import ruru.wire.Ipv4Address;

/**
 * Picks a free address among a DHCPv4 subnet's pools with the shared engine's {@link CandidatePicker}:
 * the iterative allocator walks the pools the client may use as Kea's does (on from the subnet's last
 * candidate, pool after pool, back to the first pool only past the last), so addresses are handed out
 * in order and recently freed ones are reused last; a reconfiguration starts every pool from its first
 * address again (Kea builds new subnets, whose allocators start afresh). The random allocator starts
 * each pool at a random offset. Both try every address at most once per call.
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

    /** Kea's preferred subnet of a shared network among the candidates (see {@link CandidatePicker#preferred}). */
    Subnet4 preferred(List<Subnet4> candidates, java.util.function.Function<Subnet4, Object> guard) {
        return picker.preferred(candidates, Subnet4::id, guard);
    }

    /** An address picked and the pool it is in. */
    record Picked(Pool4 pool, Ipv4Address address) {
    }

    /**
     * A free address among the subnet's pools the client's classes admit, walked as Kea's allocator
     * walks them (see {@link CandidatePicker#pickAcross}); empty when none is free.
     */
    Optional<Picked> pick(Subnet4 subnet, ClassSet classes, Predicate<Ipv4Address> free) {
        return pick(subnet, classes, free, null);
    }

    /** As above; {@code tally}, when given, learns the subnet and the capacity walked. */
    Optional<Picked> pick(Subnet4 subnet, ClassSet classes, Predicate<Ipv4Address> free,
                          ruru.dhcp.engine.AllocationFailure tally) {
        List<Pool4> pools = subnet.pools();
        List<CandidatePicker.Span> spans = new ArrayList<>(pools.size());
        long capacity = 0;
        for (Pool4 p : pools) {
            boolean admitted = p.classes().admits(classes);
            spans.add(new CandidatePicker.Span(new PoolKey(subnet.id(), p.first().bits(), p.last().bits()), p.size(),
                    admitted));
            capacity += admitted ? p.size() : 0;
        }
        if (tally != null) {
            tally.walked(subnet.id(), capacity);
        }
        CandidatePicker.Pick pick = picker.pickAcross(subnet.id(), spans, capacity, subnet.allocator(),
                (i, o) -> free.test(Ipv4Address.ofLong(pools.get(i).first().toLong() + o)));
        if (pick == null) {
            return Optional.empty();
        }
        Pool4 pool = pools.get(pick.pool());
        return Optional.of(new Picked(pool, Ipv4Address.ofLong(pool.first().toLong() + pick.offset())));
    }
}
