package ruru.lease;

import java.util.PriorityQueue;
import java.util.function.IntConsumer;

/**
 * Slots ordered by expiry, one binary min-heap per lease state, with each slot's position kept so
 * that a renewed or deleted lease leaves its heap in O(log n) (no node per lease). Ties on the
 * expiry are broken by {@code tie} (address order), so reclamation reads leases in the order the
 * sorted maps gave before. Not thread-safe: {@link LeaseTable} guards it.
 */
final class ExpiryHeaps {

    /** Orders two slots of equal expiry. */
    interface Tie {
        int compare(int a, int b);
    }

    private final Pages.Ints[] heaps;
    private final int[] sizes;
    private final Tie tie;
    private final Pages.Longs expire;
    /** Each slot's index in its heap, -1 when in none. */
    private final Pages.Ints pos;

    ExpiryHeaps(int states, int capacity, Tie tie) {
        heaps = new Pages.Ints[states];
        for (int i = 0; i < states; i++) {
            heaps[i] = new Pages.Ints(16, -1);
        }
        sizes = new int[states];
        this.tie = tie;
        expire = new Pages.Longs(capacity);
        pos = new Pages.Ints(capacity, -1);
    }

    void grow(int capacity) {
        expire.grow(capacity);
        pos.grow(capacity);
    }

    private int compare(int a, int b) {
        int c = Long.compare(expire.get(a), expire.get(b));
        return c != 0 ? c : tie.compare(a, b);
    }

    void add(int state, int slot, long expiry) {
        Pages.Ints h = heaps[state];
        if (sizes[state] == h.capacity()) {
            h.grow(h.capacity() * 2);
        }
        expire.set(slot, expiry);
        int i = sizes[state]++;
        h.set(i, slot);
        pos.set(slot, i);
        up(h, i);
    }

    /** Removes {@code slot} from heap {@code state} if it is there. */
    void remove(int state, int slot) {
        int i = pos.get(slot);
        if (i < 0) {
            return;
        }
        Pages.Ints h = heaps[state];
        int last = --sizes[state];
        pos.set(slot, -1);
        if (i != last) {
            h.set(i, h.get(last));
            pos.set(h.get(i), i);
            if (!up(h, i)) {
                down(h, i, last);
            }
        }
    }

    private boolean up(Pages.Ints h, int i) {
        int s = h.get(i);
        int start = i;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = h.get(parent);
            if (compare(s, p) >= 0) {
                break;
            }
            h.set(i, p);
            pos.set(p, i);
            i = parent;
        }
        h.set(i, s);
        pos.set(s, i);
        return i != start;
    }

    private void down(Pages.Ints h, int i, int size) {
        int s = h.get(i);
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && compare(h.get(c + 1), h.get(c)) < 0) {
                c++;
            }
            int child = h.get(c);
            if (compare(child, s) >= 0) {
                break;
            }
            h.set(i, child);
            pos.set(child, i);
            i = c;
        }
        h.set(i, s);
        pos.set(s, i);
    }

    /**
     * Hands {@code out} up to {@code limit} slots of heap {@code state} that expire before
     * {@code before}, soonest first, reading only those (best-first walk of the heap).
     */
    void expiring(int state, long before, int limit, IntConsumer out) {
        Pages.Ints h = heaps[state];
        int size = sizes[state];
        if (size == 0 || expire.get(h.get(0)) >= before) {
            return;
        }
        PriorityQueue<Integer> frontier = new PriorityQueue<>((a, b) -> compare(h.get(a), h.get(b)));
        frontier.add(0);
        int taken = 0;
        while (!frontier.isEmpty() && taken < limit) {
            int i = frontier.poll();
            out.accept(h.get(i));
            taken++;
            for (int c = 2 * i + 1; c <= 2 * i + 2 && c < size; c++) {
                if (expire.get(h.get(c)) < before) {
                    frontier.add(c);
                }
            }
        }
    }

    long expire(int slot) {
        return expire.get(slot);
    }
}
