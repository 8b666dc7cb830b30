package ruru.lease;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * The DHCPv4 lease store. Thread-safe with no global lock on the hot path: many packet threads
 * insert, replace and delete at once. Changes are compare-and-set per address, so two threads
 * racing for one address cannot both win.
 *
 * <p>Writes are durable against a process crash before insert/replace/delete/put return (the row
 * is in the file, i.e. the kernel), so the service can send the ACK after.
 */
public interface Lease4Store extends AutoCloseable {

    Optional<Lease4> get(Ipv4Address address);

    /** @return false when the address already has a lease */
    boolean insert(Lease4 lease) throws LeaseStoreException;

    /** Replaces the address's lease only if it still equals {@code expected}. Both must have the same address. */
    boolean replace(Lease4 expected, Lease4 updated) throws LeaseStoreException;

    /** Deletes the address's lease only if it still equals {@code expected}. */
    boolean delete(Lease4 expected) throws LeaseStoreException;

    /** Unconditional upsert (lease4-update with force-create). */
    void put(Lease4 lease) throws LeaseStoreException;

    /** Leases whose hardware address has these bytes (Kea indexes the bytes, not the type). */
    List<Lease4> byHwAddress(HardwareAddress hw);

    List<Lease4> byClientId(byte[] clientId);

    /** Exact match; Kea's commands lower-case the name before asking. */
    List<Lease4> byHostname(String hostname);

    List<Lease4> bySubnet(long subnetId);

    /** Every lease, ordered by address. */
    List<Lease4> all();

    /** Up to {@code limit} leases with addresses above {@code after}, ordered by address (lease4-get-page). */
    List<Lease4> page(Ipv4Address after, int limit);

    /** State DEFAULT, expire &lt; now, oldest first; max 0 = all. */
    List<Lease4> expired(long nowEpoch, int max);

    /** State DECLINED, expire &lt; now, oldest first; max 0 = all (decline-probation-period recovery). */
    List<Lease4> expiredDeclined(long nowEpoch, int max);

    /** State EXPIRED_RECLAIMED or RELEASED with expire &lt; epoch, oldest first (flush of reclaimed leases). */
    List<Lease4> reclaimedBefore(long epoch, int max);

    int size();

    /** How writes are going, for stores that write somewhere (status-get, the write-failure statistic). */
    default Optional<WriteHealth> writeHealth() {
        return Optional.empty();
    }

    /**
     * Leases per subnet, pool and state (default and declined), as Kea's statistics recount and
     * stat-lease4-get read them. A database store answers from its trigger-maintained tables.
     */
    default List<LeaseCount> counts() {
        return LeaseCount.of(all());
    }

    /**
     * Whether lease4-write applies: Kea registers it with the memfile backend only, so with a
     * database it answers {@code 'lease4-write' command not supported.} (result 2).
     */
    default boolean writesLeaseFiles() {
        return true;
    }

    /** lease4-write: a complete Kea CSV of the current leases, written atomically. */
    void writeTo(Path file) throws IOException;

    @Override
    void close();
}
