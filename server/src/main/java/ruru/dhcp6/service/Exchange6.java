package ruru.dhcp6.service;

import ruru.net.Received6;
import ruru.wire.v6.Dhcp6Packet;

/**
 * One DHCPv6 query being answered: what arrived and where, the configuration it is answered under,
 * who sent it, the time it is answered at (epoch seconds, as leases count time), its classes, and
 * its client name once decided (DDNS).
 */
record Exchange6(Dhcp6Packet query, Received6 received, Snapshot6 snap, Client6 client, long now,
                 Classification6 classes, Names6 names) {

    Exchange6(Dhcp6Packet query, Received6 received, Snapshot6 snap, Client6 client, long now) {
        this(query, received, snap, client, now, Classification6.none(), new Names6());
    }

    Exchange6(Dhcp6Packet query, Received6 received, Snapshot6 snap, Client6 client, long now,
              Classification6 classes) {
        this(query, received, snap, client, now, classes, new Names6());
    }

    /** Kea's log prefix for a query: {@code duid=[...], tid=0x...}. */
    String label() {
        return ruru.dhcp6.log.Labels6.label(query);
    }
}
