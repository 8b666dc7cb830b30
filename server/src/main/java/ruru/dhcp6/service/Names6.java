package ruru.dhcp6.service;

import ruru.ddns.names.NameDecision;

/**
 * The client's name decided once per query, as Kea's processClientFqdn runs once per query (the
 * {@code ddns6_update} callouts see it once), then completed with a generated name from the first
 * address leased. One exchange is handled by one thread.
 */
final class Names6 {

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
}
