package ruru.dhcp.engine;

import ruru.lease.Lease;

/**
 * What reclamation needs from a family: its hook points (lease4_expire / lease6_expire and the
 * recover twins), the reclaimed form of a lease (state expired-reclaimed, DNS flags cleared) and
 * the statistics a reclaimed lease leaves.
 */
public interface ReclaimPolicy<L extends Lease<?>> {

    /** Kea's family tag in its message IDs ("V4", "V6"). */
    String family();

    /** The arguments of the family's LEASE_RECLAIM line: Kea's client label, then the address (v6: and its length). */
    Object[] reclaimArgs(L lease);

    /** The arguments of the PostgreSQL backend's update line: the address (v6: and Kea's lease type number). */
    default Object[] storeArgs(L lease) {
        return new Object[] {lease.address()};
    }

    /** True when a lease4_expire/lease6_expire (or _recover for a declined lease) callout said SKIP. */
    boolean skippedByHooks(L lease, boolean remove);

    /** The lease kept for affinity: state expired-reclaimed, DNS flags cleared. */
    L reclaimed(L lease);

    /** The statistics of a lease that was just reclaimed ({@code declined}: it was a declined address). */
    void counted(L lease, boolean declined);
}
