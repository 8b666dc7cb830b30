package ruru.lease;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.LoggerFactory;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/** Kea's memfile backend for DHCPv4 leases ({@code kea-leases4.csv}, schema 3.0; 1.0 to 2.1 load in place). */
public final class MemfileLease4Store extends MemfileLeaseStore<Ipv4Address, Lease4> implements Lease4Store {

    private static final Family<Ipv4Address, Lease4> FAMILY = new Family<>(Lease4Csv.INSTANCE,
            LoggerFactory.getLogger("kea-dhcp4.dhcpsrv"), Lease4Codec.INSTANCE);

    private MemfileLease4Store(MemfileSettings settings, Clock clock) throws LeaseStoreException {
        super(FAMILY, settings, clock);
    }

    /**
     * Loads the lease files and opens the file for appending (see {@link MemfileLeaseStore}).
     *
     * @param clock dates write-failure episodes; loading keeps leases whatever their expiry, as Kea does
     */
    public static MemfileLease4Store open(MemfileSettings settings, Clock clock) throws LeaseStoreException {
        return new MemfileLease4Store(settings, clock);
    }

    @Override
    public List<Lease4> byHwAddress(HardwareAddress hw) {
        return byIdentity(0, hw.bytes());
    }

    @Override
    public List<Lease4> byClientId(byte[] clientId) {
        return byIdentity(1, clientId.clone());
    }

    /**
     * Kea memfile's answer: the first lease of its (hw-address, subnet-id) index, the one that
     * took that key first (lease4-add order; a lease moved to it goes last; after a restart, the
     * order of the lease file's rows). kea-dhcp4 2.2 observed, LeaseCommandsConformanceTest.
     */
    @Override
    public Optional<Lease4> byHwAddress(HardwareAddress hw, long subnetId) {
        return byIdentityInKeyOrder(0, hw.bytes(), subnetId).stream().findFirst();
    }

    @Override
    public Optional<Lease4> byClientId(byte[] clientId, long subnetId) {
        return byIdentityInKeyOrder(1, clientId.clone(), subnetId).stream().findFirst();
    }
}
