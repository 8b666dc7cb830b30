package ruru.lease;

import java.util.Arrays;

/**
 * Growable arrays of ints, longs and records kept in pages of {@link #SIZE} entries (128 KB of
 * ints): no array is ever large enough to be a G1 humongous object, which takes whole heap
 * regions (a 4 MB array of a million ints would take two 4 MB regions), and growing copies only
 * the page table. Index {@code i} is in page {@code i >>> SHIFT}; below {@link #SIZE} entries
 * there is one smaller page.
 */
abstract class Pages<P> {

    static final int SHIFT = 15;
    static final int SIZE = 1 << SHIFT;
    static final int MASK = SIZE - 1;

    P[] pages;
    private int capacity;

    Pages(P[] none, int capacity) {
        pages = none;
        grow(capacity);
    }

    /** A page of {@code length} entries, filled with the initial value. */
    abstract P page(int length);

    /** {@code page} grown to {@code length} entries, the new ones filled with the initial value. */
    abstract P widen(P page, int length);

    abstract int length(P page);

    final int capacity() {
        return capacity;
    }

    final void grow(int to) {
        if (to <= capacity) {
            return;
        }
        int n = (to + SIZE - 1) >>> SHIFT;
        int old = pages.length;
        int first = Math.min(to, SIZE);
        pages = Arrays.copyOf(pages, n);
        if (old > 0 && length(pages[0]) < first) {
            pages[0] = widen(pages[0], first);
        }
        for (int p = old; p < n; p++) {
            pages[p] = page(p == 0 ? first : SIZE);
        }
        capacity = n == 1 ? length(pages[0]) : n * SIZE;
    }

    /** Ints, new entries set to a fill value. */
    static final class Ints extends Pages<int[]> {
        private final int fill;

        Ints(int capacity, int fill) {
            super(new int[0][], 0);
            this.fill = fill;
            grow(capacity);
        }

        int get(int i) {
            return pages[i >>> SHIFT][i & MASK];
        }

        void set(int i, int v) {
            pages[i >>> SHIFT][i & MASK] = v;
        }

        @Override
        int[] page(int length) {
            int[] p = new int[length];
            Arrays.fill(p, fill);
            return p;
        }

        @Override
        int[] widen(int[] page, int length) {
            int[] p = Arrays.copyOf(page, length);
            Arrays.fill(p, page.length, length, fill);
            return p;
        }

        @Override
        int length(int[] page) {
            return page.length;
        }
    }

    /** Longs, new entries 0. */
    static final class Longs extends Pages<long[]> {

        Longs(int capacity) {
            super(new long[0][], capacity);
        }

        long get(int i) {
            return pages[i >>> SHIFT][i & MASK];
        }

        void set(int i, long v) {
            pages[i >>> SHIFT][i & MASK] = v;
        }

        @Override
        long[] page(int length) {
            return new long[length];
        }

        @Override
        long[] widen(long[] page, int length) {
            return Arrays.copyOf(page, length);
        }

        @Override
        int length(long[] page) {
            return page.length;
        }
    }

    /** Records (byte arrays), new entries null. */
    static final class Records extends Pages<byte[][]> {

        Records(int capacity) {
            super(new byte[0][][], capacity);
        }

        byte[] get(int i) {
            return pages[i >>> SHIFT][i & MASK];
        }

        void set(int i, byte[] v) {
            pages[i >>> SHIFT][i & MASK] = v;
        }

        @Override
        byte[][] page(int length) {
            return new byte[length][];
        }

        @Override
        byte[][] widen(byte[][] page, int length) {
            return Arrays.copyOf(page, length);
        }

        @Override
        int length(byte[][] page) {
            return page.length;
        }
    }
}
