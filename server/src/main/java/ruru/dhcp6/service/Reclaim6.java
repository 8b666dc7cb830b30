package ruru.dhcp6.service;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.engine.LeaseCounters;
import ruru.dhcp.engine.ReclaimPolicy;
import ruru.dhcp6.ddns.Ddns6;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease6ExpireCallout;
import ruru.hooks.Lease6RecoverCallout;
import ruru.hooks.NextStep;
import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.wire.v6.IaType;

/** DHCPv6's side of reclamation: lease6_expire / lease6_recover, the reclaimed form, the statistics, DNS removal. */
record Reclaim6(Dhcp6Hooks hooks, LeaseCounters nas, LeaseCounters pds, Ddns6 ddns) implements ReclaimPolicy<Lease6> {

    Reclaim6(Dhcp6Hooks hooks, LeaseCounters nas, LeaseCounters pds) {
        this(hooks, nas, pds, new Ddns6());
    }

    @Override
    public String family() {
        return "V6";
    }

    @Override
    public Object[] reclaimArgs(Lease6 l) {
        return new Object[] {ruru.dhcp6.ddns.Ddns6.label(l), l.address(), l.prefixLength()};
    }

    /** Kea writes the lease type as its enum's number (Lease::Type: NA 0, TA 1, PD 2), live in kea-dhcp6 2.2. */
    @Override
    public Object[] storeArgs(Lease6 l) {
        return new Object[] {l.address(), l.type().ordinal()};
    }

    @Override
    public boolean skippedByHooks(Lease6 l, boolean remove) {
        CalloutRegistry callouts = hooks.callouts();
        if (l.state() == LeaseState.DECLINED) {
            return callouts.has(HookPoint.LEASE6_RECOVER) && callouts.call(HookPoint.LEASE6_RECOVER,
                    new Lease6RecoverCallout.Args(Dhcp6Hooks.view(l)), Lease6RecoverCallout::lease6Recover)
                    == NextStep.SKIP;
        }
        return callouts.has(HookPoint.LEASE6_EXPIRE) && callouts.call(HookPoint.LEASE6_EXPIRE,
                new Lease6ExpireCallout.Args(Dhcp6Hooks.view(l), remove), Lease6ExpireCallout::lease6Expire)
                == NextStep.SKIP;
    }

    @Override
    public Lease6 reclaimed(Lease6 l) {
        return new Lease6(l.address(), l.type(), l.prefixLength(), l.iaid(), l.duid(), l.preferredLifetime(),
                l.validLifetime(), l.cltt(), l.subnetId(), false, false, l.hostname(), l.hwAddress(), l.hwSource(),
                LeaseState.EXPIRED_RECLAIMED, l.userContext(), l.poolId());
    }

    @Override
    public void counted(Lease6 l, boolean declined) {
        LeaseCounters c = l.type() == IaType.PD ? pds : nas;
        if (declined) {
            c.declined(l.subnetId(), l.poolId(), -1);
            c.reclaimedDeclined(l.subnetId(), l.poolId());
        }
        c.assigned(l.subnetId(), l.poolId(), -1);
        c.reclaimed(l.subnetId(), l.poolId());
        ddns.removed(l); // Kea's reclaimExpiredLease: the DNS entries of the expired lease go
    }
}
