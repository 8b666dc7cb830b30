package ruru.dhcp4.service;

import java.util.function.Consumer;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.engine.ReclaimPolicy;
import ruru.dhcp.engine.Reclaimer;
import ruru.dhcp4.log.Dhcp4Messages;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4ExpireCallout;
import ruru.hooks.Lease4RecoverCallout;
import ruru.hooks.NextStep;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.wire.Ipv4Address;

/**
 * DHCPv4's side of the shared reclamation: lease4_expire / lease4_recover, the reclaimed form
 * (expired-reclaimed, DNS flags cleared), the statistics, and the DNS removal of a reclaimed
 * lease's names (as Kea's reclamation queues it).
 *
 * @param reclaimed told of each reclaimed lease (its DNS removal), a declined address's too
 */
record Reclaim4(LeaseStats stats, Dhcp4Hooks hooks, Consumer<Lease4> reclaimed) implements ReclaimPolicy<Lease4> {

    static Reclaimer<Ipv4Address, Lease4> reclaimer(LeaseStats stats, Dhcp4Hooks hooks, Consumer<Lease4> reclaimed) {
        return new Reclaimer<>(new Reclaim4(stats, hooks, reclaimed), Dhcp4Messages.RECLAIM);
    }

    static Reclaimer<Ipv4Address, Lease4> reclaimer(LeaseStats stats, Dhcp4Hooks hooks) {
        return reclaimer(stats, hooks, l -> { });
    }

    static Reclaimer<Ipv4Address, Lease4> reclaimer(LeaseStats stats) {
        return reclaimer(stats, Dhcp4Hooks.NONE);
    }

    @Override
    public String family() {
        return "V4";
    }

    @Override
    public Object[] reclaimArgs(Lease4 l) {
        return new Object[] {ruru.dhcp4.ddns.Ddns4.label(l), l.address()};
    }

    /** SKIP from lease4_recover (a declined address) or lease4_expire leaves the lease and its statistics alone. */
    @Override
    public boolean skippedByHooks(Lease4 l, boolean remove) {
        CalloutRegistry callouts = hooks.callouts();
        if (l.state() == LeaseState.DECLINED) {
            return callouts.has(HookPoint.LEASE4_RECOVER) && callouts.call(HookPoint.LEASE4_RECOVER,
                    new Lease4RecoverCallout.Args(Dhcp4Hooks.view(l)), Lease4RecoverCallout::lease4Recover)
                    == NextStep.SKIP;
        }
        return callouts.has(HookPoint.LEASE4_EXPIRE) && callouts.call(HookPoint.LEASE4_EXPIRE,
                new Lease4ExpireCallout.Args(Dhcp4Hooks.view(l), remove), Lease4ExpireCallout::lease4Expire)
                == NextStep.SKIP;
    }

    @Override
    public Lease4 reclaimed(Lease4 l) {
        return new Lease4(l.address(), l.hwAddress(), l.clientId(), l.validLifetime(), l.cltt(), l.subnetId(), false,
                false, l.hostname(), LeaseState.EXPIRED_RECLAIMED, l.userContext(), l.poolId());
    }

    @Override
    public void counted(Lease4 l, boolean declined) {
        if (declined) {
            stats.declined(l.subnetId(), l.poolId(), -1);
            stats.reclaimedDeclined(l.subnetId(), l.poolId());
        }
        stats.assigned(l.subnetId(), l.poolId(), -1);
        stats.reclaimed(l.subnetId(), l.poolId());
        reclaimed.accept(l); // Kea queues the DNS removal of a declined address's lease too

    }
}
