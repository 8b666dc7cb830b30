package ruru.lease;

import java.util.List;
import java.util.Optional;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/** The DHCPv4 lease store: the shared operations plus lookups by hardware address and client id. */
public interface Lease4Store extends LeaseStore<Ipv4Address, Lease4> {

    /** Leases whose hardware address has these bytes (Kea indexes the bytes, not the type). */
    List<Lease4> byHwAddress(HardwareAddress hw);

    List<Lease4> byClientId(byte[] clientId);

    /**
     * The one lease of these hardware address bytes in a subnet that Kea's getLease4(hwaddr,
     * subnet_id) finds (lease4-get/-del by identifier); here the lowest address, the memfile
     * store gives Kea memfile's.
     */
    default Optional<Lease4> byHwAddress(HardwareAddress hw, long subnetId) {
        return byHwAddress(hw).stream().filter(l -> l.subnetId() == subnetId).findFirst();
    }

    /** As {@link #byHwAddress(HardwareAddress, long)} for a client identifier. */
    default Optional<Lease4> byClientId(byte[] clientId, long subnetId) {
        return byClientId(clientId).stream().filter(l -> l.subnetId() == subnetId).findFirst();
    }
}
