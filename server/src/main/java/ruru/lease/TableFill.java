package ruru.lease;

import java.util.AbstractMap;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * What the CSV loader fills when the leases go into a {@link LeaseTable}: each row put or removed
 * in the table at once (later rows win, as in Kea), encoded as the table's compact record, so no
 * map of lease objects is built on the way. Only {@code put} and {@code remove} are used by the
 * loader; the rest of {@link java.util.Map} is not offered.
 */
final class TableFill<A extends Comparable<A>, L extends Lease<A>> extends AbstractMap<A, L> {

    private final LeaseTable<A, L> table;
    private final LeaseCodec<A, L> codec;

    TableFill(LeaseTable<A, L> table, LeaseCodec<A, L> codec) {
        this.table = table;
        this.codec = codec;
    }

    @Override
    public L put(A address, L lease) {
        swap(address, codec.encode(lease));
        return null;
    }

    @Override
    public L remove(Object address) {
        @SuppressWarnings("unchecked")
        A a = (A) address;
        swap(a, null);
        return null;
    }

    private void swap(A address, byte[] record) {
        Lock lock = table.writeLock();
        lock.lock();
        try {
            table.apply(table.current(codec.addressKey(address)), record);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public Set<Entry<A, L>> entrySet() {
        throw new UnsupportedOperationException("the lease table is filled, not read, through this map");
    }
}
