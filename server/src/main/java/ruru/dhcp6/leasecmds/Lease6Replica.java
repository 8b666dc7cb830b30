package ruru.dhcp6.leasecmds;

import java.util.Optional;

import ruru.control.CommandException;
import ruru.ha.HaFamily.SyncOutcome;
import ruru.hooks.Lease6Info;
import ruru.json.Element;
import ruru.json.IntElement;
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
        return Lease6Json.toElement(new Lease6(l.address(), l.type(), l.prefixLength(), l.iaid(), l.duid(),
                l.preferredLifetime(), l.validLifetime(), l.cltt(), l.subnetId(), l.fqdnFwd(), l.fqdnRev(),
                l.hostname(), l.hwAddress().orElse(null), 0, LeaseState.of(l.state()), l.userContext().orElse(null),
                0));
    }

    /**
     * Stores {@code lease} (a lease6-get-page entry, with {@code cltt}) unless the local lease of the
     * same type and address is as recent or more recent, by cltt (Kea's synchronization rule).
     */
    public static SyncOutcome applyIfNewer(Lease6CommandContext ctx, MapElement lease)
            throws CommandException, LeaseStoreException {
        MapElement args = lease;
        if (!lease.has("expire") && lease.get("cltt") instanceof IntElement cltt) {
            long valid = lease.get("valid-lft") == null ? 0 : lease.get("valid-lft").asLong().orElse(0L);
            args = lease.without("cltt").with("expire", Element.of(cltt.value() + valid));
        }
        Lease6 fetched = Lease6Parser.parse(args, ctx.config(), ctx.clock().instant().getEpochSecond()).lease();
        Optional<Lease6> existing = ctx.leases().get(fetched.address());
        if (existing.isEmpty()) {
            if (!ctx.leases().insert(fetched)) {
                throw new CommandException("lost race between calls to get and add");
            }
            ctx.leaseAdded(fetched);
            return SyncOutcome.ADDED;
        }
        if (existing.get().cltt() < fetched.cltt()) {
            if (!ctx.leases().replace(existing.get(), fetched)) {
                throw new CommandException("the lease changed while it was being synchronized");
            }
            ctx.leaseUpdated(existing.get(), fetched);
            return SyncOutcome.UPDATED;
        }
        return SyncOutcome.STALE;
    }
}
