package ruru.lease;

import java.util.List;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/** The DHCPv4 lease store: the shared operations plus lookups by hardware address and client id. */
public interface Lease4Store extends LeaseStore<Ipv4Address, Lease4> {

    /** Leases whose hardware address has these bytes (Kea indexes the bytes, not the type). */
    List<Lease4> byHwAddress(HardwareAddress hw);

    List<Lease4> byClientId(byte[] clientId);
}
