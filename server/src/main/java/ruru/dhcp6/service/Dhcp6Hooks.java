package ruru.dhcp6.service;

import java.util.List;
import java.util.Optional;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.engine.ParkingLot;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.dhcp6.config.Subnet6;
import ruru.hooks.Lease6Info;
import ruru.hooks.Subnet6Info;
import ruru.lease.Lease6;
import ruru.lease.LeaseState;

/**
 * The DHCPv6 side of the hooks: the callouts in force, the parking lot, and the conversions between
 * the server's values and the API's views (made only when a callout runs).
 */
public final class Dhcp6Hooks {

    private final CalloutRegistry callouts;
    private final ParkingLot parking = new ParkingLot();
    private volatile Dhcp6ServiceConfig subnetsOf;
    private volatile List<Subnet6Info> subnetViews = List.of();
    public Dhcp6Hooks(CalloutRegistry callouts) {
        this.callouts = callouts;
    }

    /** No callouts ever (tests, tools). */
    static final Dhcp6Hooks NONE = new Dhcp6Hooks(new CalloutRegistry());

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

    public ParkingLot parking() {
        return parking;
    }

    /**
     * Classes libraries give each query before classification (HA's {@code HA_<server>} scope, as
     * Kea's library adds at buffer6_receive), for Classification6's preset; none by default.
     */
    private volatile java.util.function.Function<ruru.wire.v6.Dhcp6Packet, List<String>> queryClasses =
            q -> List.of();

    public void queryClasses(java.util.function.Function<ruru.wire.v6.Dhcp6Packet, List<String>> classes) {
        this.queryClasses = classes;
    }

    public List<String> queryClasses(ruru.wire.v6.Dhcp6Packet query) {
        return queryClasses.apply(query);
    }

    public static Subnet6Info view(Subnet6 s) {
        return new Subnet6Info(s.id(), s.prefixText(), s.sharedNetworkName(), Optional.empty());
    }

    List<Subnet6Info> subnetViews(Dhcp6ServiceConfig config) {
        if (subnetsOf != config) {
            List<Subnet6Info> views = config.subnets().stream().map(Dhcp6Hooks::view).toList();
            subnetViews = views;
            subnetsOf = config;
            return views;
        }
        return subnetViews;
    }

    public static Lease6Info view(Lease6 l) {
        return new Lease6Info(l.address(), l.type(), l.prefixLength(), l.iaid(), l.duid(), l.preferredLifetime(),
                l.validLifetime(), l.cltt(), l.subnetId(), l.fqdnFwd(), l.fqdnRev(), l.hostname(),
                Optional.ofNullable(l.hwAddress()), l.state().code(), Optional.ofNullable(l.userContext()));
    }

    /**
     * A lease a callout changed, back into the server's form. The address, type, prefix length and
     * pool stay the server's: a callout may change what is recorded, not what was allocated.
     */
    static Lease6 fromView(Lease6Info v, Lease6 original) {
        return new Lease6(original.address(), original.type(), original.prefixLength(), v.iaid(), v.duid(),
                v.preferredLifetime(), v.validLifetime(), v.cltt(), v.subnetId(), v.fqdnFwd(), v.fqdnRev(),
                v.hostname(), v.hwAddress().orElse(null), original.hwSource(), LeaseState.of(v.state()),
                v.userContext().orElse(null), original.poolId());
    }
}
