package ruru.dhcp.engine;

import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

import ruru.dhcp.config.Allocator;

/**
 * Picks a free candidate (an address, a delegated prefix) by its offset in a pool, for either
 * family and either allocator. The iterative allocator walks each pool from a cursor that survives
 * reconfiguration as long as the pool is unchanged, so candidates are handed out in order and freed
 * ones are reused last; the random allocator starts at a random offset. Neither ever walks a whole
 * IPv6 pool: a pool is walked over at most 2^62 offsets, and a call tries at most {@code bound}
 * candidates, which the caller sets just above the number that can be taken (leases plus
 * reservations), so a free one, if any, is always among them.
 */
public final class CandidatePicker {

    /** Offsets beyond this are never used: nobody leases 2^62 addresses from one pool. */
    static final long MAX_SPAN = 1L << 62;

    private final ConcurrentHashMap<Object, AtomicLong> cursors = new ConcurrentHashMap<>();

    /** The pool size as the walk sees it. */
    public static long span(BigInteger size) {
        return size.bitLength() > 62 ? MAX_SPAN : size.longValueExact();
    }

    /** The number of addresses from {@code first} to {@code last} as the walk sees it, without BigInteger. */
    public static long span(ruru.wire.Ipv6Address first, ruru.wire.Ipv6Address last) {
        long lo = last.lo() - first.lo();
        long hi = last.hi() - first.hi() - (Long.compareUnsigned(last.lo(), first.lo()) < 0 ? 1 : 0);
        if (hi != 0 || Long.compareUnsigned(lo, MAX_SPAN - 1) >= 0) {
            return MAX_SPAN;
        }
        return lo + 1;
    }

    /**
     * @param poolKey identifies the pool (its cursor); equal keys share a cursor
     * @param span    offsets 0 .. span-1 are the candidates
     * @param bound   how many candidates to try at most
     * @param free    whether the candidate at an offset may be given
     */
    public OptionalLong pick(Object poolKey, long span, long bound, Allocator allocator, LongPredicate free) {
        long tries = Math.min(span, Math.max(1, bound));
        if (allocator == Allocator.RANDOM) {
            long start = ThreadLocalRandom.current().nextLong(span);
            for (long i = 0; i < tries; i++) {
                long offset = (start + i) % span;
                if (free.test(offset)) {
                    return OptionalLong.of(offset);
                }
            }
            return OptionalLong.empty();
        }
        AtomicLong cursor = cursors.computeIfAbsent(poolKey, k -> new AtomicLong());
        for (long i = 0; i < tries; i++) {
            long offset = Math.floorMod(cursor.getAndIncrement(), span);
            if (free.test(offset)) {
                return OptionalLong.of(offset);
            }
        }
        return OptionalLong.empty();
    }
}
