package ruru.dhcp4.service;

import java.util.HexFormat;

import ruru.dhcp4.log.Dhcp4Messages;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * Kea's kea-dhcp4.dhcpsrv traces of its memfile lease store, written where kea-dhcp4 2.2 queries
 * and changes it in the same flows (so their number and order match Kea's, not ruru's own store
 * calls): a client's leases by client identifier and by hardware address (findClientLease, also
 * for INIT-REBOOT's check), a lease by address, a lease added, updated or deleted. Only
 * with the memfile backend (Kea's PostgreSQL backend writes other messages). The dhcp6 twins are
 * {@code ruru.dhcp6.service.StoreTraces6}. Each call costs one cached level check when off.
 */
final class StoreTraces4 {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private StoreTraces4() {
    }

    private static boolean on(Exchange ex, Dhcp4Messages m) {
        return m.enabled() && "memfile".equals(ex.snap().config().leaseDatabase().type());
    }

    /** Kea's HWAddr::toText(): "hwtype=1 02:00:00:00:00:71". */
    static String hw(HardwareAddress a) {
        return "hwtype=" + a.type() + " " + COLONS.formatHex(a.bytes());
    }

    /** getLease4(client-id): all the client's leases by identifier. */
    static void byClientId(Exchange ex, byte[] clientId) {
        if (on(ex, Dhcp4Messages.DHCPSRV_MEMFILE_GET_CLIENTID)) {
            Dhcp4Messages.DHCPSRV_MEMFILE_GET_CLIENTID.log(COLONS.formatHex(clientId));
        }
    }

    /** getLease4(hwaddr): all the client's leases by hardware address. */
    static void byHwAddress(Exchange ex, HardwareAddress a) {
        if (on(ex, Dhcp4Messages.DHCPSRV_MEMFILE_GET_HWADDR)) {
            Dhcp4Messages.DHCPSRV_MEMFILE_GET_HWADDR.log(hw(a));
        }
    }

    /** getLease4(address). */
    static void get(Exchange ex, Ipv4Address a) {
        if (on(ex, Dhcp4Messages.DHCPSRV_MEMFILE_GET_ADDR4)) {
            Dhcp4Messages.DHCPSRV_MEMFILE_GET_ADDR4.log(a);
        }
    }

    static void add(Exchange ex, Ipv4Address a) {
        if (on(ex, Dhcp4Messages.DHCPSRV_MEMFILE_ADD_ADDR4)) {
            Dhcp4Messages.DHCPSRV_MEMFILE_ADD_ADDR4.log(a);
        }
    }

    static void update(Exchange ex, Ipv4Address a) {
        if (on(ex, Dhcp4Messages.DHCPSRV_MEMFILE_UPDATE_ADDR4)) {
            Dhcp4Messages.DHCPSRV_MEMFILE_UPDATE_ADDR4.log(a);
        }
    }

    static void delete(Exchange ex, Ipv4Address a) {
        if (on(ex, Dhcp4Messages.DHCPSRV_MEMFILE_DELETE_ADDR)) {
            Dhcp4Messages.DHCPSRV_MEMFILE_DELETE_ADDR.log(a);
        }
    }
}
