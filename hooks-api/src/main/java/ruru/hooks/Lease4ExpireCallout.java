package ruru.hooks;

/**
 * {@code lease4_expire}: reclamation found an expired lease. SKIP means the callout reclaimed it:
 * the server leaves the lease and its statistics alone.
 */
@FunctionalInterface
public interface Lease4ExpireCallout {

    NextStep lease4Expire(Args args);

    /** {@code removeLease}: whether the server would delete the lease (else it keeps it reclaimed). */
    record Args(Lease4Info lease4, boolean removeLease) {
    }
}
