package ruru.dhcp6.service;

import ruru.dhcp6.log.Dhcp6Messages;
import ruru.dhcp6.log.Labels6;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * Kea's kea-dhcp6.dhcpsrv traces of its memfile lease store, written where kea-dhcp6 2.2 queries
 * and changes it in the same flows (so their number and order match Kea's, not ruru's own store
 * calls): a client's leases per IA, a lease by address, a lease added, updated or deleted. Only
 * with the memfile backend (Kea's PostgreSQL backend writes other messages).
 */
final class StoreTraces6 {

    private StoreTraces6() {
    }

    private static boolean on(Exchange6 ex, Dhcp6Messages m) {
        return m.enabled() && "memfile".equals(ex.snap().config().leaseDatabase().type());
    }

    /** getLeases6(type, duid, iaid): SOLICIT and REQUEST, per IA. */
    static void byIaid(Exchange6 ex, long iaid, IaType type) {
        if (on(ex, Dhcp6Messages.DHCPSRV_MEMFILE_GET_IAID_DUID) && ex.client().duid() != null) {
            Dhcp6Messages.DHCPSRV_MEMFILE_GET_IAID_DUID.log(iaid, Labels6.duid(ex.client().duid()), type.keaName());
        }
    }

    /** getLeases6(type, duid, iaid, subnet-id): RENEW and REBIND, per IA and subnet. */
    static void byIaidInSubnet(Exchange6 ex, long iaid, long subnetId, IaType type) {
        if (on(ex, Dhcp6Messages.DHCPSRV_MEMFILE_GET_IAID_SUBID_DUID) && ex.client().duid() != null) {
            Dhcp6Messages.DHCPSRV_MEMFILE_GET_IAID_SUBID_DUID.log(iaid, subnetId, Labels6.duid(ex.client().duid()),
                    type.keaName());
        }
    }

    /** getLease6(type, address). */
    static void get(Exchange6 ex, Ipv6Address a, IaType type) {
        if (on(ex, Dhcp6Messages.DHCPSRV_MEMFILE_GET_ADDR6)) {
            Dhcp6Messages.DHCPSRV_MEMFILE_GET_ADDR6.log(a, type.keaName());
        }
    }

    static void add(Exchange6 ex, Ipv6Address a) {
        if (on(ex, Dhcp6Messages.DHCPSRV_MEMFILE_ADD_ADDR6)) {
            Dhcp6Messages.DHCPSRV_MEMFILE_ADD_ADDR6.log(a);
        }
    }

    static void update(Exchange6 ex, Ipv6Address a) {
        if (on(ex, Dhcp6Messages.DHCPSRV_MEMFILE_UPDATE_ADDR6)) {
            Dhcp6Messages.DHCPSRV_MEMFILE_UPDATE_ADDR6.log(a);
        }
    }

    static void delete(Exchange6 ex, Ipv6Address a) {
        if (on(ex, Dhcp6Messages.DHCPSRV_MEMFILE_DELETE_ADDR)) {
            Dhcp6Messages.DHCPSRV_MEMFILE_DELETE_ADDR.log(a);
        }
    }
}
