package ruru.dhcp4.service;

import ruru.net.Received4;
import ruru.wire.v4.Dhcp4Packet;

/**
 * One query being answered: what arrived, where, the configuration it is answered under, who sent
 * it, the time it is answered at (epoch seconds, as leases count time), its client classes and
 * its client name once decided.
 */
record Exchange(Dhcp4Packet query, Received4 received, Snapshot snap, ClientIdentity client, long now,
        Classification4 classes, ClientNames names) {

    Exchange(Dhcp4Packet query, Received4 received, Snapshot snap, ClientIdentity client, long now,
             Classification4 classes) {
        this(query, received, snap, client, now, classes, new ClientNames());
    }
}
