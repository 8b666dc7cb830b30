package ruru.dhcp6.service;

import ruru.net.Received6;
import ruru.wire.v6.Dhcp6Packet;

/**
 * One DHCPv6 query being answered: what arrived and where, the configuration it is answered under,
 * who sent it, and the time it is answered at (epoch seconds, as leases count time).
 */
record Exchange6(Dhcp6Packet query, Received6 received, Snapshot6 snap, Client6 client, long now) {

    /** Kea's log prefix for a query: {@code duid=[...], tid=0x...}. */
    String label() {
        return client + ", tid=0x" + Integer.toHexString(query.transactionId());
    }
}
