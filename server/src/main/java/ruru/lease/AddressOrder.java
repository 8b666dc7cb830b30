package ruru.lease;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Slots in address order, for paging and for writing files as Kea orders them: sorted chunks of
 * at most {@link #CHUNK} slot numbers (a two-level B-tree of int arrays, a few bytes per lease
 * instead of a skip-list node). Addresses are compared as the records' leading bytes. Not
 * thread-safe: {@link LeaseTable} guards it.
 */
final class AddressOrder {

    /** Compares an address (a record's leading bytes) with the address of a slot. */
    interface KeyOrder {
        int compare(byte[] key, int slot);
    }

    static final int CHUNK = 512;

    private final KeyOrder order;
    private int[][] chunks = new int[16][];
    private int[] sizes = new int[16];
    private int count;

    AddressOrder(KeyOrder order) {
        this.order = order;
    }

    /** The last chunk whose first address is at most {@code key} (0 when none is). */
    private int chunkFor(byte[] key) {
        int lo = 0;
        int hi = count - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(key, chunks[mid][0]) >= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** In chunk {@code c}: the index of the first slot whose address is above {@code key} (strictly or not). */
    private int indexIn(int c, byte[] key, boolean strictlyAbove) {
        int[] chunk = chunks[c];
        int lo = 0;
        int hi = sizes[c];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = order.compare(key, chunk[mid]);
            if (cmp > 0 || (strictlyAbove && cmp == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Adds {@code slot}, whose address is {@code key} and not yet present. */
    void insert(byte[] key, int slot) {
        if (count == 0) {
            // the first slot starts the first chunk: an empty chunk has no first address to compare with
            insertChunk(0, new int[CHUNK]);
            chunks[0][0] = slot;
            sizes[0] = 1;
            return;
        }
        int c = chunkFor(key);
        int i = indexIn(c, key, true);
        if (sizes[c] == CHUNK) {
            if (c == count - 1 && i == CHUNK) {
                // appending past the end (loading in address order): start a new chunk, keep this one full
                insertChunk(count, new int[CHUNK]);
                c = count - 1;
                i = 0;
            } else {
                int[] right = new int[CHUNK];
                int half = CHUNK / 2;
                System.arraycopy(chunks[c], half, right, 0, CHUNK - half);
                sizes[c] = half;
                insertChunk(c + 1, right);
                sizes[c + 1] = CHUNK - half;
                if (i > half) {
                    c++;
                    i -= half;
                }
            }
        }
        int[] chunk = chunks[c];
        System.arraycopy(chunk, i, chunk, i + 1, sizes[c] - i);
        chunk[i] = slot;
        sizes[c]++;
    }

    private void insertChunk(int at, int[] chunk) {
        if (count == chunks.length) {
            chunks = Arrays.copyOf(chunks, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        System.arraycopy(chunks, at, chunks, at + 1, count - at);
        System.arraycopy(sizes, at, sizes, at + 1, count - at);
        chunks[at] = chunk;
        sizes[at] = 0;
        count++;
    }

    private void removeChunk(int at) {
        System.arraycopy(chunks, at + 1, chunks, at, count - at - 1);
        System.arraycopy(sizes, at + 1, sizes, at, count - at - 1);
        count--;
        chunks[count] = null;
        sizes[count] = 0;
    }

    /** Removes the slot whose address is {@code key}; false when none has it. */
    boolean remove(byte[] key) {
        if (count == 0) {
            return false;
        }
        int c = chunkFor(key);
        int i = indexIn(c, key, false);
        if (i >= sizes[c] || order.compare(key, chunks[c][i]) != 0) {
            return false;
        }
        int[] chunk = chunks[c];
        System.arraycopy(chunk, i + 1, chunk, i, sizes[c] - i - 1);
        sizes[c]--;
        if (sizes[c] == 0) {
            removeChunk(c);
        } else if (c + 1 < count && sizes[c] + sizes[c + 1] <= CHUNK / 2) {
            System.arraycopy(chunks[c + 1], 0, chunk, sizes[c], sizes[c + 1]);
            sizes[c] += sizes[c + 1];
            removeChunk(c + 1);
        }
        return true;
    }

    /**
     * Visits slots in address order, starting above {@code after} (null: from the first), until
     * {@code visit} returns false.
     */
    void from(byte[] after, IntPredicate visit) {
        int c = 0;
        int i = 0;
        if (after != null && count > 0) {
            c = chunkFor(after);
            i = indexIn(c, after, true);
        }
        for (; c < count; c++, i = 0) {
            int[] chunk = chunks[c];
            for (; i < sizes[c]; i++) {
                if (!visit.test(chunk[i])) {
                    return;
                }
            }
        }
    }

    /** Chunks in use (tests: splits and merges). */
    int chunks() {
        return count;
    }
}
