package ruru.dhcp4.service;

import java.util.List;
import java.util.Optional;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.engine.ParkingLot;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.Subnet4;
import ruru.hooks.Lease4Info;
import ruru.hooks.Subnet4Info;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;

/**
 * The DHCPv4 side of the hooks: the callouts in force, the parking lot's bound and occupancy, and
 * the conversions between the server's values and the API's views (made only when a callout runs).
 */
public final class Dhcp4Hooks {

    /** Kea's default {@code parked-packet-limit}. */
    public static final int DEFAULT_PARKED_PACKET_LIMIT = ParkingLot.DEFAULT_LIMIT;

    private final CalloutRegistry callouts;
    private final ParkingLot parking = new ParkingLot();
    /** lease4_offer's lot: Kea keeps one per hook point, each bounded by parked-packet-limit. */
    private final ParkingLot offerParking = new ParkingLot();
    private volatile Dhcp4ServiceConfig subnetsOf;
    private volatile List<Subnet4Info> subnetViews = List.of();
    private volatile java.util.function.Function<ruru.wire.v4.Dhcp4Packet, List<String>> queryClasses =
            q -> List.of();

    public Dhcp4Hooks(CalloutRegistry callouts) {
        this.callouts = callouts;
    }

    /** No callouts ever (tests, tools). */
    static final Dhcp4Hooks NONE = new Dhcp4Hooks(new CalloutRegistry());

    private volatile ruru.dhcp.leasecmds.BindingVariables bindingVariables =
            ruru.dhcp.leasecmds.BindingVariables.NONE;

    /** Kea 3's lease_cmds {@code binding-variables} in force (none unless the library has some). */
    public void bindingVariables(ruru.dhcp.leasecmds.BindingVariables variables) {
        this.bindingVariables = variables;
    }

    ruru.dhcp.leasecmds.BindingVariables bindingVariables() {
        return bindingVariables;
    }

    public CalloutRegistry callouts() {
        return callouts;
    }

    /** The {@code parked-packet-limit} in force. */
    public int parkedPacketLimit() {
        return parking.limit();
    }

    /** The parking lot of leases4_committed (shared with DHCPv6's engine). */
    public ParkingLot parking() {
        return parking;
    }

    private volatile boolean bootp;

    /** Whether libdhcp_bootp.so is configured: BOOTP queries are then answered, as Kea's library does. */
    public void bootp(boolean enabled) {
        this.bootp = enabled;
    }

    boolean bootp() {
        return bootp;
    }

    /** {@code parked-packet-limit}: 0 means no limit, as in Kea. */
    public void parkedPacketLimit(int limit) {
        parking.limit(limit);
        offerParking.limit(limit);
    }

    /** The parking lot of lease4_offer. */
    public ParkingLot offerParking() {
        return offerParking;
    }

    /**
     * Classes a built-in library gives every query before classification starts, as Kea's HA
     * library adds {@code HA_<server>} in buffer4_receive.
     */
    public void queryClasses(java.util.function.Function<ruru.wire.v4.Dhcp4Packet, List<String>> source) {
        this.queryClasses = source;
    }

    List<String> queryClasses(ruru.wire.v4.Dhcp4Packet query) {
        return queryClasses.apply(query);
    }

    /** How many exchanges are parked now (leases4_committed's and lease4_offer's). */
    public int parked() {
        return parking.parked() + offerParking.parked();
    }

    /** A reservation as lease4_offer's {@code host} argument. */
    static ruru.hooks.Host4Info view(ruru.dhcp4.config.Reservation4 r) {
        return new ruru.hooks.Host4Info(r.identifierType().keaName(), r.identifier(), r.subnetId(), r.address(),
                r.hostname(), r.clientClasses());
    }

    public static Subnet4Info view(Subnet4 s) {
        return new Subnet4Info(s.id(), s.prefix() + "/" + s.prefixLength(), s.sharedNetworkName(), Optional.empty());
    }

    /** The subnets of {@code config} as views, built once per configuration. */
    List<Subnet4Info> subnetViews(Dhcp4ServiceConfig config) {
        if (subnetsOf != config) {
            List<Subnet4Info> views = config.subnets().stream().map(Dhcp4Hooks::view).toList();
            subnetViews = views;
            subnetsOf = config;
            return views;
        }
        return subnetViews;
    }

    public static Lease4Info view(Lease4 l) {
        return new Lease4Info(l.address(), Optional.ofNullable(l.hwAddress()), Optional.ofNullable(l.clientId()),
                l.validLifetime(), l.cltt(), l.subnetId(), l.fqdnFwd(), l.fqdnRev(), l.hostname(), l.state().code(),
                Optional.ofNullable(l.userContext()));
    }

    /**
     * A lease a callout changed, back into the server's form. The address and the pool stay the
     * server's: a callout may change what is recorded, not which address was allocated.
     */
    static Lease4 fromView(Lease4Info v, Lease4 original) {
        return lease(v, original.address(), original.poolId());
    }

    /** A callout's view of a lease as a lease of the server's own form (the pool id is not in the view). */
    public static Lease4 fromView(Lease4Info v) {
        return lease(v, v.address(), 0);
    }

    private static Lease4 lease(Lease4Info v, ruru.wire.Ipv4Address address, long poolId) {
        return new Lease4(address, v.hwAddress().orElse(null), v.clientId().orElse(null), v.validLifetime(),
                v.cltt(), v.subnetId(), v.fqdnFwd(), v.fqdnRev(), v.hostname(), LeaseState.of(v.state()),
                v.userContext().orElse(null), poolId);
    }
}
