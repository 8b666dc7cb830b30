package ruru.dhcp.engine;

import ruru.daemon.logging.KeaMessage;

/**
 * What an unreserved allocation that found nothing saw, for either family, and how Kea counts and
 * reports the failure (AllocEngine::allocateUnreservedLeases6 and its v4 twin; Kea 3's source, and
 * kea-dhcp6 2.2 live where it makes one pass). Every subnet walked adds to the tally: one with
 * pools the client may use in this pass as a subnet with no available leases (and as many attempts
 * as those pools hold), one without as a subnet with no matching pools. Kea 3's three passes for a
 * PD hint's length (equal, shorter, longer) add to the same tally, so a subnet is counted once per
 * pass and the attempts are those of every pass; the failure itself is counted and logged once,
 * after the last pass.
 */
public final class AllocationFailure {

    private long attempts;
    private long subnetsWithoutLeases;
    private long subnetsWithoutPools;
    private long lastSubnet = -1;

    /**
     * A family's messages for the failure (its own IDs): {@code ALLOC_ENGINE_Vn_ALLOC_FAIL_SHARED_NETWORK}
     * (label, network, the two subnet counts), {@code _SUBNET} (label, subnet, id, network),
     * {@code ALLOC_ENGINE_Vn_ALLOC_FAIL} (label, attempts), {@code _NO_POOLS} (label) and
     * {@code _CLASSES} (label, classes).
     */
    public record Messages(KeaMessage sharedNetwork, KeaMessage subnet, KeaMessage failed, KeaMessage noPools,
                           KeaMessage classes) {
    }

    /**
     * A subnet walked in one pass: {@code capacity} is the number of candidates of its pools the
     * client may use in that pass (0: none).
     */
    public void walked(long subnetId, long capacity) {
        lastSubnet = subnetId;
        if (capacity > 0) {
            subnetsWithoutLeases++;
            attempts = Math.min(attempts + capacity, Long.MAX_VALUE / 2);
        } else {
            subnetsWithoutPools++;
        }
    }

    /**
     * The last subnet walked, -1 for none: where Kea's DHCPv4 context ends up after the walk, and so
     * the subnet its v4 failure is counted in (DHCPv6 counts in the preferred subnet instead).
     */
    public long lastSubnet() {
        return lastSubnet;
    }

    private long attempts() {
        return attempts;
    }

    /** Nothing was tried: no pool anywhere the client may use. */
    private boolean noPools() {
        return attempts == 0;
    }

    /**
     * Counts and logs the failure as Kea does: the shared network's (or the subnet's) kind always;
     * then either no pools (nothing tried) or the plain failure with its attempts; then the
     * classes' (every query is in ALL, so always). Each statistic globally and for the subnet
     * Kea's context ended in.
     *
     * @param subnet  that subnet's text (its prefix)
     * @param network the shared network's name, or null for a plain subnet (Kea 3 and kea-dhcp4 2.2
     *                name none "(none)" in the subnet's line)
     */
    public void report(LeaseCounters counters, String family, Messages m, Object label, long subnetId, Object subnet,
                       String network, Object classes) {
        if (network != null) {
            m.sharedNetwork().log(label, network, subnetsWithoutLeases, subnetsWithoutPools);
            counters.allocationFailed(family, subnetId, "-shared-network");
        } else {
            m.subnet().log(label, subnet, subnetId, "(none)");
            counters.allocationFailed(family, subnetId, "-subnet");
        }
        if (noPools()) {
            m.noPools().log(label);
            counters.allocationFailed(family, subnetId, "-no-pools");
        } else {
            m.failed().log(label, attempts);
            counters.allocationFailed(family, subnetId, "");
        }
        m.classes().log(label, classes);
        counters.allocationFailed(family, subnetId, "-classes");
    }
}
