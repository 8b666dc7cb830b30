package ruru.lease;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

import ruru.wire.v6.IaType;

/**
 * The leases of a {@link MemfileLeaseStore} in compact form, for either family. Each lease is one
 * packed record ({@link LeaseRecord}) in a numbered slot; the indexes hold slot numbers in int
 * arrays: by address, subnet, hostname and the family's identity keys ({@link SlotChains}), by
 * expiry per state ({@link ExpiryHeaps}) and in address order ({@link AddressOrder}). Leases are
 * built from their records when asked for.
 *
 * <p>Concurrency: readers share a read lock and copy out the records they need (records are never
 * changed in place, so they are decoded after the lock is released); a change holds the write lock
 * from reading the current record to updating every index ({@link #writeLock()}).
 */
final class LeaseTable<A extends Comparable<A>, L extends Lease<A>> {

    private static final int MIN_CAPACITY = 1024;
    private static final int ITERATION_PAGE = 4096;
    private static final int ADDRESS = 0;
    private static final int SUBNET = 1;
    /** Chains from here on index variable fields: the hostname, then the identity keys. */
    private static final int FIELDS = 2;
    private static final int HOSTNAME = FIELDS;

    private final LeaseCodec<A, L> codec;
    private final int al;
    private final int fixed;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final SlotChains[] chains;
    /** Null in a merging table ({@link #forMerging}). */
    private final ExpiryHeaps expiry;
    private final AddressOrder order;
    private final Pages.Records records;
    /** Slots freed by deletions, reused first. */
    private final Pages.Ints free = new Pages.Ints(16, -1);
    private int freeCount;
    /** Slots ever handed out: [0, used). */
    private int used;
    private int size;

    LeaseTable(LeaseCodec<A, L> codec, int expected) {
        this(codec, expected, true);
    }

    /**
     * A table that only merges rows by address and gives them back in address order (a lease
     * file cleanup, a schema conversion): no subnet, hostname, identity or expiry index, so a
     * million leases cost their records and some 24 bytes each instead of about 100. Only
     * {@link #current}, {@link #apply}, {@link #size} and the address-order reads may be used.
     */
    static <A extends Comparable<A>, L extends Lease<A>> LeaseTable<A, L> forMerging(LeaseCodec<A, L> codec) {
        return new LeaseTable<>(codec, 0, false);
    }

    private LeaseTable(LeaseCodec<A, L> codec, int expected, boolean indexed) {
        this.codec = codec;
        this.al = codec.addressLength();
        this.fixed = codec.fixedLength();
        int capacity = capacityFor(expected);
        records = new Pages.Records(capacity);
        chains = new SlotChains[indexed ? FIELDS + 1 + codec.identityKeys() : 1];
        for (int i = 0; i < chains.length; i++) {
            // hashes kept where the packet path looks up (address, identity keys): 4 bytes a slot
            // each; the subnet and hostname chains serve commands and recounts only
            chains[i] = new SlotChains(capacity, i != SUBNET && i != HOSTNAME);
        }
        expiry = indexed ? new ExpiryHeaps(LeaseState.values().length, capacity,
                (a, b) -> compareAddresses(records.get(a), records.get(b))) : null;
        order = new AddressOrder((key, slot) -> compareAddresses(key, records.get(slot)));
    }

    private static int capacityFor(int leases) {
        return Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, leases - 1)) << 1);
    }

    private int compareAddresses(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, al, b, 0, al);
    }

    /** Held by a change from reading the current record ({@link #current}) to {@link #apply}. */
    Lock writeLock() {
        return lock.writeLock();
    }

    /** Makes room for {@code leases} leases at once (loading), instead of growing step by step. */
    void reserve(int leases) {
        lock.writeLock().lock();
        try {
            int capacity = capacityFor(leases);
            if (capacity > records.capacity()) {
                grow(capacity);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- hashing of each index's key, from a record

    private int hashOf(int chain, byte[] r) {
        return switch (chain) {
            case ADDRESS -> LeaseRecord.hash(r, 0, al);
            case SUBNET -> LeaseRecord.mix(LeaseRecord.subnetId(r, al));
            default -> {
                long f = LeaseRecord.field(r, fixed, chain - FIELDS);
                yield LeaseRecord.hash(r, (int) (f >>> 32), (int) f - 1);
            }
        };
    }

    /** Whether {@code r} is indexed in chain {@code chain}: a variable field only when present and not empty. */
    private boolean indexed(int chain, byte[] r) {
        return chain < FIELDS || (int) LeaseRecord.field(r, fixed, chain - FIELDS) > 1;
    }

    private boolean sameKey(int chain, byte[] a, byte[] b) {
        return switch (chain) {
            case ADDRESS -> compareAddresses(a, b) == 0;
            case SUBNET -> LeaseRecord.subnetId(a, al) == LeaseRecord.subnetId(b, al);
            case HOSTNAME -> sameField(chain, a, b);
            // identity keys: Kea's indexes key them with the subnet-id, a lease moved to another
            // subnet takes its place anew (byFieldInKeyOrder)
            default -> sameField(chain, a, b) && LeaseRecord.subnetId(a, al) == LeaseRecord.subnetId(b, al);
        };
    }

    private boolean sameField(int chain, byte[] a, byte[] b) {
        long fa = LeaseRecord.field(a, fixed, chain - FIELDS);
        long fb = LeaseRecord.field(b, fixed, chain - FIELDS);
        int oa = (int) (fa >>> 32);
        int ob = (int) (fb >>> 32);
        return (int) fa == (int) fb && Arrays.equals(a, oa, oa + (int) fa - 1, b, ob, ob + (int) fb - 1);
    }

    private void grow(int capacity) {
        records.grow(capacity);
        for (int c = 0; c < chains.length; c++) {
            int chain = c;
            chains[c].grow(capacity, s -> hashOf(chain, records.get(s)));
        }
        if (expiry != null) {
            expiry.grow(capacity);
        }
    }

    // ---- changes (write lock held)

    /** The slot holding {@code address} (a record's leading bytes), or -1. */
    private int slotOf(byte[] address) {
        int h = LeaseRecord.hash(address, 0, al);
        SlotChains chain = chains[ADDRESS];
        for (int s = chain.first(h); s >= 0; s = chain.next(s)) {
            if (chain.mayMatch(s, h) && sameAddress(address, records.get(s))) {
                return s;
            }
        }
        return -1;
    }

    /** Equality of two records' address keys (4 or 16 bytes): a plain loop, cheaper than a mismatch call. */
    private boolean sameAddress(byte[] a, byte[] b) {
        for (int i = 0; i < al; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** The record of {@code address}, or null; with the write lock held (or the read lock). */
    byte[] current(byte[] address) {
        int s = slotOf(address);
        return s < 0 ? null : records.get(s);
    }

    /**
     * Replaces {@code previous} (the current record of an address, or null) with {@code updated}
     * (a record of the same address, or null to delete), index by index. Write lock held.
     */
    void apply(byte[] previous, byte[] updated) {
        if (previous == null && updated == null) {
            return;
        }
        if (previous == null) {
            int s = allocate();
            records.set(s, updated);
            for (int c = 0; c < chains.length; c++) {
                if (indexed(c, updated)) {
                    chains[c].link(s, hashOf(c, updated));
                }
            }
            order.insert(updated, s);
            addExpiry(s, updated);
            size++;
            return;
        }
        int s = slotOf(previous);
        if (s < 0 || records.get(s) != previous) {
            throw new IllegalStateException("lease table out of step with its changes");
        }
        removeExpiry(s, previous);
        if (updated == null) {
            for (int c = 0; c < chains.length; c++) {
                chains[c].unlink(s, hashOf(c, previous));
            }
            order.remove(previous);
            records.set(s, null);
            release(s);
            size--;
            return;
        }
        for (int c = FIELDS - 1; c < chains.length; c++) {
            boolean was = indexed(c, previous);
            boolean is = indexed(c, updated);
            if (was && is && sameKey(c, previous, updated)) {
                continue;
            }
            if (was) {
                chains[c].unlink(s, hashOf(c, previous));
            }
            if (is) {
                chains[c].link(s, hashOf(c, updated));
            }
        }
        records.set(s, updated);
        addExpiry(s, updated);
    }

    private void addExpiry(int s, byte[] r) {
        long valid = LeaseRecord.validLifetime(r, al);
        if (expiry != null && valid != Lease.INFINITE_LIFETIME) {
            expiry.add(LeaseRecord.state(r, al), s, LeaseRecord.cltt(r, al) + valid);
        }
    }

    private void removeExpiry(int s, byte[] r) {
        if (expiry != null) {
            expiry.remove(LeaseRecord.state(r, al), s);
        }
    }

    private int allocate() {
        if (freeCount > 0) {
            return free.get(--freeCount);
        }
        if (used == records.capacity()) {
            grow(records.capacity() * 2);
        }
        return used++;
    }

    private void release(int s) {
        if (freeCount == free.capacity()) {
            free.grow(free.capacity() * 2);
        }
        free.set(freeCount++, s);
    }

    // ---- reads (read lock held while records are collected, decoded after)

    L get(A address) {
        byte[] key = codec.addressKey(address);
        byte[] r;
        lock.readLock().lock();
        try {
            r = current(key);
        } finally {
            lock.readLock().unlock();
        }
        return r == null ? null : codec.decode(r);
    }

    /** Leases whose variable field {@code field} (0 hostname, 1.. identity keys) is exactly {@code key}, by address. */
    List<L> byField(int field, byte[] key) {
        if (key.length == 0) {
            return List.of();
        }
        int c = FIELDS + field;
        int h = LeaseRecord.hash(key, 0, key.length);
        return collect(c, h, r -> LeaseRecord.fieldEquals(r, fixed, field, key));
    }

    /**
     * Leases whose identity field {@code field} (1..) is {@code key}, in subnet {@code subnetId},
     * in the order they took that key: added, or changed to it (or to this subnet); a change that
     * keeps both keeps the place. This is the order of Kea memfile's (identifier, subnet-id)
     * indexes, whose first lease lease4-get/-del by identifier find (kea-dhcp4 2.2 observed;
     * Kea's index keeps a lease in place when its new key still sorts between its neighbours, here
     * it always goes last). No per-lease cost: the order is the chain's, walked backwards.
     */
    List<L> byFieldInKeyOrder(int field, byte[] key, long subnetId) {
        if (key.length == 0) {
            return List.of();
        }
        int c = FIELDS + field;
        int h = LeaseRecord.hash(key, 0, key.length);
        return collect(c, h, r -> LeaseRecord.subnetId(r, al) == subnetId && LeaseRecord.fieldEquals(r, fixed, field, key),
                false);
    }

    List<L> bySubnet(long subnetId) {
        return collect(SUBNET, LeaseRecord.mix(subnetId), r -> LeaseRecord.subnetId(r, al) == subnetId);
    }

    private List<L> collect(int c, int hash, java.util.function.Predicate<byte[]> match) {
        return collect(c, hash, match, true);
    }

    /** The matching records of chain {@code c}, by address or else in the order they were linked. */
    private List<L> collect(int c, int hash, java.util.function.Predicate<byte[]> match, boolean byAddress) {
        List<byte[]> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            SlotChains chain = chains[c];
            for (int s = chain.first(hash); s >= 0; s = chain.next(s)) {
                if (!chain.mayMatch(s, hash)) {
                    continue;
                }
                byte[] r = records.get(s);
                if (match.test(r)) {
                    found.add(r);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        if (found.isEmpty()) {
            return List.of(); // a new client: the usual case under load
        }
        if (byAddress) {
            found.sort(this::compareAddresses);
        } else {
            java.util.Collections.reverse(found);
        }
        return decodeAll(found);
    }

    private List<L> decodeAll(List<byte[]> found) {
        List<L> out = new ArrayList<>(found.size());
        for (byte[] r : found) {
            out.add(codec.decode(r));
        }
        return out;
    }

    /** Up to {@code limit} leases above {@code after} (null: from the first), by address. */
    List<L> page(A after, int limit) {
        List<byte[]> found = new ArrayList<>(Math.min(limit, Math.max(16, size())));
        byte[] key = after == null ? null : codec.addressKey(after);
        lock.readLock().lock();
        try {
            order.from(key, s -> {
                if (found.size() >= limit) {
                    return false;
                }
                found.add(records.get(s));
                return true;
            });
        } finally {
            lock.readLock().unlock();
        }
        return decodeAll(found);
    }

    /**
     * Every lease in address order, built a page at a time as it is iterated (writing a file of a
     * million leases does not hold a million lease objects); changes made meanwhile may or may not
     * be seen, each lease at most once.
     */
    java.util.Collection<L> inOrder() {
        int count = size();
        return new java.util.AbstractCollection<>() {
            @Override
            public java.util.Iterator<L> iterator() {
                return new java.util.Iterator<>() {
                    private List<L> page = page(null, ITERATION_PAGE);
                    private int i;

                    @Override
                    public boolean hasNext() {
                        if (i == page.size() && page.size() == ITERATION_PAGE) {
                            page = page(page.get(i - 1).address(), ITERATION_PAGE);
                            i = 0;
                        }
                        return i < page.size();
                    }

                    @Override
                    public L next() {
                        if (!hasNext()) {
                            throw new java.util.NoSuchElementException();
                        }
                        return page.get(i++);
                    }
                };
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /**
     * The leases as they are now, in address order: the records are captured (a reference each;
     * records never change), the leases built from them as the collection is iterated.
     */
    java.util.Collection<L> snapshot() {
        List<byte[]> found = new ArrayList<>(size());
        lock.readLock().lock();
        try {
            order.from(null, s -> found.add(records.get(s)));
        } finally {
            lock.readLock().unlock();
        }
        return new java.util.AbstractCollection<>() {
            @Override
            public java.util.Iterator<L> iterator() {
                java.util.Iterator<byte[]> it = found.iterator();
                return new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public L next() {
                        return codec.decode(it.next());
                    }
                };
            }

            @Override
            public int size() {
                return found.size();
            }
        };
    }

    /**
     * Up to {@code limit} leases in one of {@code states} expiring before {@code before}, soonest
     * first (equal expiries by address); reads only what qualifies.
     */
    List<L> expiring(List<LeaseState> states, long before, int limit) {
        record Due(long expire, byte[] record) {
        }
        List<Due> due = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (LeaseState state : states) {
                expiry.expiring(state.code(), before, limit, s -> due.add(new Due(expiry.expire(s), records.get(s))));
            }
        } finally {
            lock.readLock().unlock();
        }
        if (states.size() > 1) {
            due.sort((x, y) -> x.expire != y.expire ? Long.compare(x.expire, y.expire)
                    : compareAddresses(x.record, y.record));
        }
        List<L> out = new ArrayList<>(Math.min(limit, due.size()));
        for (Due d : due) {
            if (out.size() >= limit) {
                break;
            }
            out.add(codec.decode(d.record));
        }
        return out;
    }

    /** Leases per subnet, pool, type and state (default and declined), counted from the records. */
    List<LeaseCount> counts() {
        record Key(long subnet, long pool, int state, IaType type) {
        }
        Map<Key, Long> counts = new HashMap<>();
        lock.readLock().lock();
        try {
            for (int s = 0; s < used; s++) {
                byte[] r = records.get(s);
                if (r == null) {
                    continue;
                }
                int state = LeaseRecord.state(r, al);
                if (state == LeaseState.DEFAULT.code() || state == LeaseState.DECLINED.code()) {
                    counts.merge(new Key(LeaseRecord.subnetId(r, al), LeaseRecord.poolId(r, al), state, codec.type(r)),
                            1L, Long::sum);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        List<LeaseCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new LeaseCount(k.subnet(), k.pool(), LeaseState.of(k.state()), v, k.type())));
        return out;
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Slot capacity (tests: growth). */
    int capacity() {
        lock.readLock().lock();
        try {
            return records.capacity();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Visits every record in address order with the read lock held (tests: index consistency). */
    void forEachInOrder(IntPredicate visit) {
        lock.readLock().lock();
        try {
            order.from(null, visit);
        } finally {
            lock.readLock().unlock();
        }
    }
}
