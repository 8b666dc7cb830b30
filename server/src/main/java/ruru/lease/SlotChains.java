package ruru.lease;

import java.util.function.IntUnaryOperator;

/**
 * A hash index over slot numbers without a node per entry: a bucket array of chain heads and, per
 * slot, the next and previous slot in its chain (doubly linked, so a slot leaves in O(1) however
 * many share its key: a subnet, a common hostname). Slots with equal keys share one chain; a
 * lookup walks the chain of the key's hash and checks each slot against the key itself. Not
 * thread-safe: {@link LeaseTable} guards it.
 */
final class SlotChains {

    /** {@code prev} of a slot that is not in the index. */
    private static final int OUT = -2;
    /** {@code prev} of a chain's first slot, {@code next} of its last. */
    private static final int END = -1;

    private Pages.Ints head;
    private final Pages.Ints next;
    private final Pages.Ints prev;
    /**
     * Per slot, the full hash it was linked under (null when not kept): a lookup skips the slots
     * whose hash differs without touching their records, which on a large table are cache misses
     * (a new client's identity or a free address usually matches nothing in its chain).
     */
    private final Pages.Ints hashes;
    private int mask;

    SlotChains(int capacity) {
        this(capacity, false);
    }

    SlotChains(int capacity, boolean keepHashes) {
        head = new Pages.Ints(capacity, END);
        next = new Pages.Ints(capacity, END);
        prev = new Pages.Ints(capacity, OUT);
        hashes = keepHashes ? new Pages.Ints(capacity, 0) : null;
        mask = capacity - 1;
    }

    /**
     * Whether {@code slot} may hold a key of {@code hash}: false only when its kept hash differs
     * (always true without kept hashes), so the caller compares the record itself only then.
     */
    boolean mayMatch(int slot, int hash) {
        return hashes == null || hashes.get(slot) == hash;
    }

    /**
     * Grows to {@code capacity} slots (a power of two) and rebuckets every member by {@code hashOf}.
     * Each chain keeps its members' relative order (latest linked first): a chain walked backwards
     * gives the slots of one key in the order they were linked, which the identity lookups of
     * lease commands use (Kea memfile's first inserted lease).
     */
    void grow(int capacity, IntUnaryOperator hashOf) {
        int buckets = mask + 1;
        next.grow(capacity);
        prev.grow(capacity);
        if (hashes != null) {
            hashes.grow(capacity);
        }
        Pages.Ints old = head;
        head = new Pages.Ints(capacity, END);
        mask = capacity - 1;
        for (int b = 0; b < buckets; b++) {
            int last = -1;
            for (int s = old.get(b); s >= 0; s = next.get(s)) {
                last = s;
            }
            // the old chain's last member first: the new chains keep the old order
            for (int s = last; s >= 0; ) {
                int before = prev.get(s);
                link(s, hashOf.applyAsInt(s));
                s = before;
            }
        }
    }

    void link(int slot, int hash) {
        int b = hash & mask;
        int h = head.get(b);
        if (hashes != null) {
            hashes.set(slot, hash);
        }
        next.set(slot, h);
        prev.set(slot, END);
        if (h >= 0) {
            prev.set(h, slot);
        }
        head.set(b, slot);
    }

    /** Removes {@code slot}, linked under {@code hash}. */
    void unlink(int slot, int hash) {
        int p = prev.get(slot);
        int n = next.get(slot);
        if (p == OUT) {
            return;
        }
        if (p == END) {
            head.set(hash & mask, n);
        } else {
            next.set(p, n);
        }
        if (n >= 0) {
            prev.set(n, p);
        }
        prev.set(slot, OUT);
        next.set(slot, END);
    }

    /** The first slot of the chain {@code hash} falls in, or a negative number. */
    int first(int hash) {
        return head.get(hash & mask);
    }

    /** The slot after {@code slot} in its chain, or a negative number. */
    int next(int slot) {
        return next.get(slot);
    }

    boolean contains(int slot) {
        return prev.get(slot) != OUT;
    }
}
