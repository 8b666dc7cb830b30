package ruru.lease;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A lease store of either family, keyed by address (a delegated prefix is keyed by its first
 * address). Thread-safe with no global lock on the hot path: many packet threads insert, replace
 * and delete at once. Changes are compare-and-set per address, so two threads racing for one
 * address cannot both win.
 *
 * <p>Writes are durable against a process crash before insert/replace/delete/put return (the row
 * is in the file, i.e. the kernel), so the service can send its reply after.
 *
 * @param <A> the address type
 * @param <L> the lease type
 */
public interface LeaseStore<A extends Comparable<A>, L extends Lease<A>> extends AutoCloseable {

    Optional<L> get(A address);

    /** @return false when the address already has a lease */
    boolean insert(L lease) throws LeaseStoreException;

    /** Replaces the address's lease only if it still equals {@code expected}. Both must have the same address. */
    boolean replace(L expected, L updated) throws LeaseStoreException;

    /** Deletes the address's lease only if it still equals {@code expected}. */
    boolean delete(L expected) throws LeaseStoreException;

    /** Unconditional upsert (lease-update with force-create). */
    void put(L lease) throws LeaseStoreException;

    /** Exact match; Kea's commands lower-case the name before asking. */
    List<L> byHostname(String hostname);

    List<L> bySubnet(long subnetId);

    /** Every lease, ordered by address. */
    List<L> all();

    /** Up to {@code limit} leases with addresses above {@code after}, ordered by address (lease-get-page). */
    List<L> page(A after, int limit);

    /** State DEFAULT, expire &lt; now, oldest first; max 0 = all. */
    List<L> expired(long nowEpoch, int max);

    /** State DECLINED, expire &lt; now, oldest first; max 0 = all (decline-probation-period recovery). */
    List<L> expiredDeclined(long nowEpoch, int max);

    /** State EXPIRED_RECLAIMED or RELEASED with expire &lt; epoch, oldest first (flush of reclaimed leases). */
    List<L> reclaimedBefore(long epoch, int max);

    int size();

    /**
     * Leases per subnet, pool, type and state (default and declined), as Kea's statistics recount
     * and stat-leaseN-get read them. A database store answers from its trigger-maintained tables.
     */
    default List<LeaseCount> counts() {
        return LeaseCount.of(all());
    }

    /**
     * Whether lease4-write / lease6-write apply: Kea registers them with the memfile backend only,
     * so with a database they answer {@code 'lease4-write' command not supported.} (result 2).
     */
    default boolean writesLeaseFiles() {
        return true;
    }

    /** How writes are going, for stores that write somewhere (status-get, the write-failure statistic). */
    default java.util.Optional<WriteHealth> writeHealth() {
        return java.util.Optional.empty();
    }

    /** lease-write: a complete Kea CSV of the current leases, written atomically. */
    void writeTo(Path file) throws IOException;

    @Override
    void close();
}
