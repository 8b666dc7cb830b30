package ruru.hooks;

import java.util.Optional;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * A DHCPv6 lease as a callout sees it (one row of Kea's lease file). Immutable; a callout that may
 * change the lease sets a new value on its arguments.
 *
 * @param address       the address, or the delegated prefix's first address
 * @param prefixLength  128 for an address
 * @param duid          the client's DUID (a copy is kept)
 * @param cltt          client last transmission time, epoch seconds
 * @param state         Kea's state number: 0 default, 1 declined, 2 expired-reclaimed, 3 released
 * @param userContext   the user context as compact JSON text, or empty
 */
public record Lease6Info(Ipv6Address address, IaType type, int prefixLength, long iaid, byte[] duid,
                         long preferredLifetime, long validLifetime, long cltt, long subnetId, boolean fqdnFwd,
                         boolean fqdnRev, String hostname, Optional<HardwareAddress> hwAddress, int state,
                         Optional<String> userContext) {

    public Lease6Info {
        duid = duid.clone();
        hostname = hostname == null ? "" : hostname;
    }

    @Override
    public byte[] duid() {
        return duid.clone();
    }

    /** When the lease expires, epoch seconds. */
    public long expire() {
        return cltt + validLifetime;
    }
}
