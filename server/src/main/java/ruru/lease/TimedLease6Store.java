package ruru.lease;

import java.util.List;
import java.util.function.LongConsumer;

import ruru.wire.Ipv6Address;

/** A DHCPv6 lease store with its changes timed ({@link TimedLeaseStore}). */
public final class TimedLease6Store extends TimedLeaseStore<Ipv6Address, Lease6, Lease6Store> implements Lease6Store {

    public TimedLease6Store(Lease6Store store, LongConsumer observer) {
        super(store, observer);
    }

    @Override
    public List<Lease6> byDuid(byte[] duid) {
        return store.byDuid(duid);
    }
}
