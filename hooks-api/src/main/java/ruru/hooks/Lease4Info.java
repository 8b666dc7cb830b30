package ruru.hooks;

import java.util.Optional;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * A DHCPv4 lease as a callout sees it (one row of Kea's lease file). Immutable; a callout that may
 * change the lease sets a new value on its arguments.
 *
 * @param hwAddress     empty when the lease has none
 * @param clientId      empty when the client sent none (a copy is kept)
 * @param validLifetime seconds
 * @param cltt          client last transmission time, epoch seconds
 * @param state         Kea's state number: 0 default, 1 declined, 2 expired-reclaimed, 3 released
 * @param userContext   the user context as compact JSON text, or empty
 */
public record Lease4Info(Ipv4Address address, Optional<HardwareAddress> hwAddress, Optional<byte[]> clientId,
                         long validLifetime, long cltt, long subnetId, boolean fqdnFwd, boolean fqdnRev,
                         String hostname, int state, Optional<String> userContext) {

    public Lease4Info {
        clientId = clientId.map(byte[]::clone);
        hostname = hostname == null ? "" : hostname;
    }

    @Override
    public Optional<byte[]> clientId() {
        return clientId.map(byte[]::clone);
    }

    /** When the lease expires, epoch seconds. */
    public long expire() {
        return cltt + validLifetime;
    }
}
