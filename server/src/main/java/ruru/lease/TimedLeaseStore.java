package ruru.lease;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A lease store whose changes (insert, replace, delete, put) are timed: each one's duration in
 * nanoseconds goes to {@code observer} (the lease-write latency histogram of /metrics), failed ones
 * included. Reads pass straight through. Works over any backend of either family; the family's
 * own lookups are added by {@link TimedLease4Store} and {@link TimedLease6Store}.
 *
 * @param <S> the family's store interface
 */
public abstract class TimedLeaseStore<A extends Comparable<A>, L extends Lease<A>, S extends LeaseStore<A, L>>
        implements LeaseStore<A, L> {

    protected final S store;
    private final LongConsumer observer;

    protected TimedLeaseStore(S store, LongConsumer observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** The store underneath. */
    public S unwrap() {
        return store;
    }

    @Override
    public Optional<WriteHealth> writeHealth() {
        return store.writeHealth();
    }

    @FunctionalInterface
    private interface Change<T> {
        T run() throws LeaseStoreException;
    }

    private <T> T timed(Change<T> change) throws LeaseStoreException {
        long start = System.nanoTime();
        try {
            return change.run();
        } finally {
            observer.accept(System.nanoTime() - start);
        }
    }

    @Override
    public boolean insert(L lease) throws LeaseStoreException {
        return timed(() -> store.insert(lease));
    }

    @Override
    public boolean replace(L expected, L updated) throws LeaseStoreException {
        return timed(() -> store.replace(expected, updated));
    }

    @Override
    public boolean delete(L expected) throws LeaseStoreException {
        return timed(() -> store.delete(expected));
    }

    @Override
    public void put(L lease) throws LeaseStoreException {
        timed(() -> {
            store.put(lease);
            return null;
        });
    }

    @Override
    public Optional<L> get(A address) {
        return store.get(address);
    }

    @Override
    public List<L> byHostname(String hostname) {
        return store.byHostname(hostname);
    }

    @Override
    public List<L> bySubnet(long subnetId) {
        return store.bySubnet(subnetId);
    }

    @Override
    public List<L> all() {
        return store.all();
    }

    @Override
    public List<L> page(A after, int limit) {
        return store.page(after, limit);
    }

    @Override
    public List<L> expired(long nowEpoch, int max) {
        return store.expired(nowEpoch, max);
    }

    @Override
    public List<L> expiredDeclined(long nowEpoch, int max) {
        return store.expiredDeclined(nowEpoch, max);
    }

    @Override
    public List<L> reclaimedBefore(long epoch, int max) {
        return store.reclaimedBefore(epoch, max);
    }

    @Override
    public boolean writesLeaseFiles() {
        return store.writesLeaseFiles();
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public void writeTo(Path file) throws IOException {
        store.writeTo(file);
    }

    @Override
    public void close() {
        store.close();
    }
}
