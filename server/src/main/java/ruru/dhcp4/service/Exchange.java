package ruru.dhcp4.service;

import ruru.net.Received4;
import ruru.wire.v4.Dhcp4Packet;

/**
 * One query being answered: what arrived, where, the configuration it is answered under, who sent
 * it, the time it is answered at (epoch seconds, as leases count time) and its client classes.
 */
record Exchange(Dhcp4Packet query, Received4 received, Snapshot snap, ClientIdentity client, long now,
        Classification4 classes) {
}
