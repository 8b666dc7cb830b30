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
    /** Per subnet (and lease type): the index of the pool the last candidate came from, -1 for none yet. */
    private final ConcurrentHashMap<Object, int[]> lastPools = new ConcurrentHashMap<>();
    /** Per subnet: when its iterative walk last tried a candidate (a sequence number; Kea's last allocated time). */
    private final ConcurrentHashMap<Object, Long> lastUse = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();

    /** A pool as a subnet-wide walk sees it: its cursor key, its span, whether the client may use it. */
    public record Span(Object key, long span, boolean admitted) {
    }

    /** A candidate found by a subnet-wide walk: the pool's index in the list given, and the offset in it. */
    public record Pick(int pool, long offset) {
    }

    /** Whether the candidate at {@code offset} of pool {@code pool} may be given. */
    @FunctionalInterface
    public interface PoolOffsetPredicate {
        boolean test(int pool, long offset);
    }

    /**
     * A new configuration: every pool's walk starts from its first candidate again (Kea builds new
     * pools, whose iterative allocators start afresh).
     */
    public void reset() {
        cursors.clear();
        lastPools.clear();
        lastUse.clear();
    }

    /**
     * When the subnet's iterative walk last tried a candidate, as an ordering only (0: never since
     * the configuration): Kea's subnet "last allocated time", which its shared networks use to
     * prefer the subnet that allocated most recently (SharedNetwork4/6::getPreferredSubnet).
     */
    public long lastUse(Object subnetKey) {
        return lastUse.getOrDefault(subnetKey, 0L);
    }

    /**
     * Marks the subnet's walk as used now, for a walk made outside {@link #pickAcross} (its
     * {@link #lastUse} ordering).
     */
    public void used(Object subnetKey) {
        lastUse.put(subnetKey, clock.incrementAndGet());
    }

    /**
     * Kea's SharedNetwork4/6::getPreferredSubnet (Kea 3's comparison): of the candidates with the
     * same class guard as the first, the one whose walk was used last ({@link #lastUse}); the first
     * when none was used after it.
     */
    public <S> S preferred(java.util.List<S> candidates, java.util.function.Function<S, Object> walkKey,
                           java.util.function.Function<S, Object> guard) {
        S pref = candidates.get(0);
        Object first = guard.apply(pref);
        for (S s : candidates) {
            if (s != pref && guard.apply(s).equals(first) && lastUse(walkKey.apply(s)) > lastUse(walkKey.apply(pref))) {
                pref = s;
            }
        }
        return pref;
    }

    /**
     * A shared network's subnets in the order Kea tries them from {@code first} (one of the
     * candidates): by subnet id from {@code first} on, wrapping round (SharedNetwork4/6::
     * getNextSubnet steps through the network's id index; kea-dhcp4 2.2 and kea-dhcp6 2.2 live,
     * with subnets whose configuration, id, numeric and prefix-text orders all differ). The
     * candidates unchanged when {@code first} is not among them.
     */
    public static <S> java.util.List<S> fromById(java.util.List<S> candidates, S first,
                                                 java.util.function.ToLongFunction<S> id) {
        if (candidates.size() < 2) {
            return candidates;
        }
        java.util.List<S> byId = new java.util.ArrayList<>(candidates);
        byId.sort(java.util.Comparator.comparingLong(id));
        int at = byId.indexOf(first);
        if (at < 0) {
            return candidates;
        }
        java.util.List<S> out = new java.util.ArrayList<>(byId.subList(at, byId.size()));
        out.addAll(byId.subList(0, at));
        return out;
    }

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

    /**
     * A free candidate among a subnet's pools, as Kea's iterative allocator walks them (Kea 2.2's
     * AllocEngine::IterativeAllocator, Kea 3's IterativeAllocator::pickAddressInternal): the walk
     * goes on in the pool the subnet's last candidate came from when the client may use it (else in
     * the first pool it may use), from that pool's cursor to its end, then through the following
     * pools the client may use, each from its own cursor; a pool walked to its end is passed over
     * until, past the last pool, every pool the client may use starts again from its first
     * candidate and the walk goes on from the first of them. At most {@code bound} candidates are
     * tried (Kea: the capacity of the pools the client may use). The random allocator tries the
     * pools the client may use in a random order (Kea 3 picks a pool at random), each from a
     * random offset. Null when none is free.
     */
    public Pick pickAcross(Object subnetKey, java.util.List<Span> pools, long bound, Allocator allocator,
                           PoolOffsetPredicate free) {
        int first = -1;
        for (int i = 0; i < pools.size() && first < 0; i++) {
            if (pools.get(i).admitted()) {
                first = i;
            }
        }
        if (first < 0 || bound <= 0) {
            return null;
        }
        if (allocator == Allocator.RANDOM) {
            // Kea 3's RandomAllocator (pickAddressInternal / pickPrefixInternal): a pool picked at
            // random among those the client may use (for a prefix, those of the pass: the caller's
            // admitted flag), not the first in the configuration; here the admitted pools in a
            // random order, each from a random offset
            int[] order = new int[pools.size()];
            int n = 0;
            for (int i = first; i < pools.size(); i++) {
                if (pools.get(i).admitted()) {
                    order[n++] = i;
                }
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            for (int k = 0; k < n; k++) {
                int pool = order[k];
                Span p = pools.get(pool);
                OptionalLong o = pick(p.key(), p.span(), bound, allocator, x -> free.test(pool, x));
                if (o.isPresent()) {
                    return new Pick(pool, o.getAsLong());
                }
            }
            return null;
        }
        int[] last = lastPools.computeIfAbsent(subnetKey, k -> new int[] {-1});
        synchronized (last) {
            int i = last[0] >= 0 && last[0] < pools.size() && pools.get(last[0]).admitted() ? last[0] : first;
            long tries = 0;
            while (tries < bound) {
                if (i >= pools.size()) {
                    for (Span p : pools) {
                        if (p.admitted()) {
                            cursor(p.key()).set(0);
                        }
                    }
                    i = first;
                }
                Span p = pools.get(i);
                if (p.admitted()) {
                    AtomicLong cursor = cursor(p.key());
                    long span = Math.min(p.span(), MAX_SPAN);
                    while (tries < bound && cursor.get() < span) {
                        long offset = cursor.getAndIncrement();
                        tries++;
                        last[0] = i;
                        lastUse.put(subnetKey, clock.incrementAndGet());
                        if (free.test(i, offset)) {
                            return new Pick(i, offset);
                        }
                    }
                }
                i++;
            }
            return null;
        }
    }

    private AtomicLong cursor(Object key) {
        return cursors.computeIfAbsent(key, k -> new AtomicLong());
    }
}
