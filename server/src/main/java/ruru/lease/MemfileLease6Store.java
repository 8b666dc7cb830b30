package ruru.lease;

import java.util.List;

import org.slf4j.LoggerFactory;

import ruru.wire.Ipv6Address;

/** Kea's memfile backend for DHCPv6 leases ({@code kea-leases6.csv}, schema 5.0; 2.2's 4.0 loads in place). */
public final class MemfileLease6Store extends MemfileLeaseStore<Ipv6Address, Lease6> implements Lease6Store {

    private static final Family<Ipv6Address, Lease6> FAMILY = new Family<>(Lease6Csv.INSTANCE,
            LoggerFactory.getLogger("kea-dhcp6.dhcpsrv"), Lease6Codec.INSTANCE);

    private MemfileLease6Store(MemfileSettings settings, java.time.Clock clock) throws LeaseStoreException {
        super(FAMILY, settings, clock);
    }

    public static MemfileLease6Store open(MemfileSettings settings) throws LeaseStoreException {
        return open(settings, java.time.Clock.systemUTC());
    }

    /** @param clock dates write-failure episodes (status-get) */
    public static MemfileLease6Store open(MemfileSettings settings, java.time.Clock clock) throws LeaseStoreException {
        return new MemfileLease6Store(settings, clock);
    }

    @Override
    public List<Lease6> byDuid(byte[] duid) {
        return byIdentity(0, duid.clone());
    }
}
