package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;

import ruru.ddns.names.NameDecision;
import ruru.lease.Lease6;

/**
 * The client's name decided once per query, as Kea's processClientFqdn runs once per query (the
 * {@code ddns6_update} callouts see it once), then completed with a generated name from the first
 * address leased; and the address leases the query wrote, for the DNS updates Kea makes once the
 * reply is built (createNameChangeRequests). One exchange is handled by one thread.
 */
final class Names6 {

    /**
     * An address lease written (or, {@code reused}, handed out again from the cache) for the query;
     * {@code before}: the client's own lease of the same IA it replaced, else null.
     */
    record Written(Lease6 lease, Lease6 before, boolean reused) {
    }

    private final List<Written> written = new ArrayList<>(2);

    private long subnetId = -1;
    private NameDecision decided;

    /** The decision made for {@code subnet}, or null. */
    NameDecision get(long subnet) {
        return subnet == subnetId ? decided : null;
    }

    /** The decision made for whichever subnet the query ended in, or null. */
    NameDecision any() {
        return decided;
    }

    void set(long subnet, NameDecision d) {
        subnetId = subnet;
        decided = d;
    }

    void wrote(Lease6 lease, Lease6 before, boolean reused) {
        written.add(new Written(lease, before, reused));
    }

    /** The address leases written for the query, in the order the IAs were answered. */
    List<Written> written() {
        return written;
    }
}
