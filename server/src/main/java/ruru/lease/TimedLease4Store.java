package ruru.lease;

import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/** A DHCPv4 lease store with its changes timed ({@link TimedLeaseStore}). */
public final class TimedLease4Store extends TimedLeaseStore<Ipv4Address, Lease4, Lease4Store> implements Lease4Store {

    public TimedLease4Store(Lease4Store store, LongConsumer observer) {
        super(store, observer);
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
    public Optional<Lease4> byHwAddress(HardwareAddress hw, long subnetId) {
        return store.byHwAddress(hw, subnetId);
    }

    @Override
    public Optional<Lease4> byClientId(byte[] clientId, long subnetId) {
        return store.byClientId(clientId, subnetId);
    }

    @Override
    public List<LeaseCount> counts() {
        return store.counts();
    }
}
