package ruru.dhcp4.leasecmds;

import ruru.control.CommandException;
import ruru.ha.HaFamily.SyncOutcome;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.lease.Lease4;
import ruru.lease.LeaseStoreException;

/**
 * DHCPv4 leases as an HA partner exchanges them: the lease map lease_cmds shows (Kea's
 * Lease4::toElement) and the store-if-newer rule of lease database synchronization
 * ({@link ruru.dhcp.leasecmds.LeaseCommandSet#applyIfNewer}).
 */
public final class LeaseReplica {

    private LeaseReplica() {
    }

    /**
     * The lease for a lease update. A declined lease has forgotten its client; Kea still sends an
     * empty {@code hw-address} then (its lease parser requires the key), and so does this.
     */
    public static MapElement toElement(Lease4 lease) {
        MapElement m = Lease4Family.INSTANCE.toElement(lease);
        return m.has("hw-address") ? m : m.with("hw-address", Element.of(""));
    }

    /** Stores {@code lease} (a lease4-get-page entry) unless the local lease is as recent or more recent. */
    public static SyncOutcome applyIfNewer(LeaseCommandContext ctx, MapElement lease)
            throws CommandException, LeaseStoreException {
        return LeaseCommands.commands(ctx).applyIfNewer(lease);
    }
}
