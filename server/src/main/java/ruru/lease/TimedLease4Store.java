package ruru.lease;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * A lease store whose changes (insert, replace, delete, put) are timed: each one's duration in
 * nanoseconds goes to {@code observer} (the lease-write latency histogram), failed ones included.
 * Reads pass straight through. Works over any backend.
 */
public final class TimedLease4Store implements Lease4Store {

    private final Lease4Store store;
    private final LongConsumer observer;

    public TimedLease4Store(Lease4Store store, LongConsumer observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** The store underneath. */
    public Lease4Store unwrap() {
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
    public boolean insert(Lease4 lease) throws LeaseStoreException {
        return timed(() -> store.insert(lease));
    }

    @Override
    public boolean replace(Lease4 expected, Lease4 updated) throws LeaseStoreException {
        return timed(() -> store.replace(expected, updated));
    }

    @Override
    public boolean delete(Lease4 expected) throws LeaseStoreException {
        return timed(() -> store.delete(expected));
    }

    @Override
    public void put(Lease4 lease) throws LeaseStoreException {
        timed(() -> {
            store.put(lease);
            return null;
        });
    }

    @Override
    public Optional<Lease4> get(Ipv4Address address) {
        return store.get(address);
    }

    @Override
    public List<Lease4> byHwAddress(HardwareAddress hw) {
        return store.byHwAddress(hw);
    }

    @Override
    public List<Lease4> byClientId(byte[] clientId) {
        return store.byClientId(clientId);
    }

    @Override
    public List<Lease4> byHostname(String hostname) {
        return store.byHostname(hostname);
    }

    @Override
    public List<Lease4> bySubnet(long subnetId) {
        return store.bySubnet(subnetId);
    }

    @Override
    public List<Lease4> all() {
        return store.all();
    }

    @Override
    public List<Lease4> page(Ipv4Address after, int limit) {
        return store.page(after, limit);
    }

    @Override
    public List<Lease4> expired(long nowEpoch, int max) {
        return store.expired(nowEpoch, max);
    }

    @Override
    public List<Lease4> expiredDeclined(long nowEpoch, int max) {
        return store.expiredDeclined(nowEpoch, max);
    }

    @Override
    public List<Lease4> reclaimedBefore(long epoch, int max) {
        return store.reclaimedBefore(epoch, max);
    }

    @Override
    public boolean writesLeaseFiles() {
        return store.writesLeaseFiles();
    }

    @Override
    public java.util.List<LeaseCount> counts() {
        return store.counts();
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
