package ruru.lease;

/**
 * What every lease has, whatever its family: the key (an IPv4 address, or the IPv6 address or
 * prefix), lifetimes, subnet and pool, state and the name recorded for it. The memfile store,
 * reclamation and statistics work on this; each family adds its own identity (hardware address
 * and client id in DHCPv4, DUID and IAID in DHCPv6).
 *
 * @param <A> the address type that keys the lease
 */
public interface Lease<A extends Comparable<A>> {

    /** Kea's "infinite" valid lifetime (0xffffffff): such a lease never expires. */
    long INFINITE_LIFETIME = 0xffffffffL;

    A address();

    long validLifetime();

    /** Client last transmission time, epoch seconds. */
    long cltt();

    long subnetId();

    long poolId();

    LeaseState state();

    /** "" when none. */
    String hostname();

    /** Whether the forward (A/AAAA) DNS update was done for the lease's name. */
    boolean fqdnFwd();

    /** Whether the reverse (PTR) DNS update was done for the lease's name. */
    boolean fqdnRev();

    /** Kea's compact JSON text of the user context, or null. */
    String userContext();

    /** cltt + valid lifetime: the {@code expire} column of the lease file. */
    default long expire() {
        return cltt() + validLifetime();
    }

    /**
     * Kea's {@code Lease::expired()}: the expiry is in the past; infinite leases never expire, and a
     * lease with valid lifetime 0 (released with lease affinity) is expired at once.
     */
    default boolean expiredAt(long epochSeconds) {
        return validLifetime() != INFINITE_LIFETIME && (validLifetime() == 0 || expire() < epochSeconds);
    }
}
