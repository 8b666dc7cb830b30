package ruru.dhcp6.service;

import java.util.List;

import ruru.dhcp6.config.Subnet6;
import ruru.lease.Lease6;
import ruru.wire.v6.Dhcp6Packet;

/**
 * A flow's answer: the reply, the subnet it came from (null for none), and what it changed in the
 * store ({@code committed} and {@code deleted} leases, for leases6_committed). {@code committing}:
 * the flow wrote (REQUEST, RENEW, REBIND, RELEASE, DECLINE, a rapid-commit SOLICIT), so the
 * leases6_committed callouts run.
 */
record Answer6(Dhcp6Packet reply, Subnet6 subnet, List<Lease6> committed, List<Lease6> deleted, boolean committing) {

    Answer6 {
        committed = List.copyOf(committed);
        deleted = List.copyOf(deleted);
    }

    Answer6 withReply(Dhcp6Packet newReply) {
        return new Answer6(newReply, subnet, committed, deleted, committing);
    }
}
