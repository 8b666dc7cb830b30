package ruru.dhcp6.leasecmds;

import ruru.control.CommandException;
import ruru.ha.HaFamily.SyncOutcome;
import ruru.hooks.Lease6Info;
import ruru.json.MapElement;
import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;

/**
 * DHCPv6 leases as an HA partner exchanges them: the lease map lease_cmds shows (Kea's
 * Lease6::toElement) and the store-if-newer rule of lease database synchronization, read with
 * lease6-update's parser and counted in the statistics as any lease command change.
 */
public final class Lease6Replica {

    private Lease6Replica() {
    }

    /** A lease a callout saw, as the partner gets it (Kea 2.2's lease map: no pool id). */
    public static MapElement toElement(Lease6Info l) {
        return Lease6Family.INSTANCE.toElement(new Lease6(l.address(), l.type(), l.prefixLength(), l.iaid(), l.duid(),
                l.preferredLifetime(), l.validLifetime(), l.cltt(), l.subnetId(), l.fqdnFwd(), l.fqdnRev(),
                l.hostname(), l.hwAddress().orElse(null), 0, LeaseState.of(l.state()), l.userContext().orElse(null),
                0));
    }

    /** Stores {@code lease} (a lease6-get-page entry) unless the local lease is as recent or more recent. */
    public static SyncOutcome applyIfNewer(Lease6CommandContext ctx, MapElement lease)
            throws CommandException, LeaseStoreException {
        return Lease6Commands.commands(ctx).applyIfNewer(lease);
    }
}
