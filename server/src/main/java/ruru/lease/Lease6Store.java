package ruru.lease;

import java.util.List;

import ruru.wire.Ipv6Address;

/** The DHCPv6 lease store: the shared operations plus lookups by the client's DUID. */
public interface Lease6Store extends LeaseStore<Ipv6Address, Lease6> {

    /** Every lease (address or prefix, any IAID) whose DUID has these bytes. */
    List<Lease6> byDuid(byte[] duid);
}
