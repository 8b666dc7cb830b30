package ruru.dhcp4.service;

import java.util.Optional;
import java.util.function.Supplier;

import ruru.ddns.names.NameDecision;
import ruru.wire.Ipv4Address;

/**
 * The client's name decided once per exchange, as Kea's processClientName runs once per query (and
 * again when allocation moves the client to another subnet): the flows ask for it several times
 * (the lease, the reuse check, the reply), the {@code ddns4_update} callouts must see it once.
 * One exchange is handled by one thread.
 */
final class ClientNames {

    private long subnetId = -1;
    private Ipv4Address address;
    private Optional<String> reserved;
    private NameDecision decided;

    /** The decision for this subnet, address and reserved name: {@code decide}'s, made once. */
    NameDecision get(long subnet, Ipv4Address at, Optional<String> reservedName, Supplier<NameDecision> decide) {
        if (decided == null || subnet != subnetId || !at.equals(address) || !reservedName.equals(reserved)) {
            decided = decide.get();
            subnetId = subnet;
            address = at;
            reserved = reservedName;
        }
        return decided;
    }
}
