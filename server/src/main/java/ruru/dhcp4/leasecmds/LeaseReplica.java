package ruru.dhcp4.leasecmds;

import java.util.Optional;

import ruru.control.CommandException;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.lease.Lease4;
import ruru.lease.LeaseStoreException;

/**
 * Leases as an HA partner exchanges them: the lease map lease_cmds shows (Kea's Lease4::toElement)
 * and the store-if-newer rule of lease database synchronization, read with lease4-update's parser
 * and counted in the statistics as any lease command change.
 */
public final class LeaseReplica {

    /** What became of a synchronized lease. */
    public enum Outcome { ADDED, UPDATED, STALE }

    private LeaseReplica() {
    }

    /**
     * The lease for a lease update. A declined lease has forgotten its client; Kea still sends an
     * empty {@code hw-address} then (its lease parser requires the key), and so does this.
     */
    public static MapElement toElement(Lease4 lease) {
        MapElement m = LeaseJson.toElement(lease);
        return m.has("hw-address") ? m : m.with("hw-address", Element.of(""));
    }

    /**
     * Stores {@code lease} (a lease4-get-page entry, with {@code cltt}) unless the local lease for
     * the address is as recent or more recent, by cltt (Kea's synchronization rule).
     */
    public static Outcome applyIfNewer(LeaseCommandContext ctx, MapElement lease)
            throws CommandException, LeaseStoreException {
        MapElement args = lease;
        if (!lease.has("expire") && lease.get("cltt") instanceof ruru.json.IntElement cltt) {
            long valid = lease.get("valid-lft").asLong().orElse(0L);
            args = lease.without("cltt").with("expire", Element.of(cltt.value() + valid));
        }
        Lease4 fetched = LeaseParser.parse(args, ctx.config(), ctx.clock().instant().getEpochSecond()).lease();
        Optional<Lease4> existing = ctx.leases().get(fetched.address());
        if (existing.isEmpty()) {
            if (!ctx.leases().insert(fetched)) {
                throw new CommandException("lost race between calls to get and add");
            }
            ctx.leaseAdded(fetched);
            return Outcome.ADDED;
        }
        if (existing.get().cltt() < fetched.cltt()) {
            if (!ctx.leases().replace(existing.get(), fetched)) {
                throw new CommandException("the lease changed while it was being synchronized");
            }
            ctx.leaseUpdated(existing.get(), fetched);
            return Outcome.UPDATED;
        }
        return Outcome.STALE;
    }
}
