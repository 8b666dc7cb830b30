package ruru.dhcp;

import ruru.control.CommandRegistry;
import ruru.lease.LeaseStoreException;

/** What the shared DHCP personality asks of a family's packet service. */
public interface DhcpService extends AutoCloseable {

    /** Runs {@code work} while no packet is being processed (hook libraries are swapped this way). */
    <E extends Exception> void quiesced(CommandRegistry.Work<Void, E> work) throws E;

    /** leases-reclaim: every expired lease now, no limits. */
    int reclaimNow(boolean remove) throws LeaseStoreException;

    /** status-get's packet-queue-statistics: average queue lengths over about 10, 100, 1000 packets. */
    double[] queueStatistics();

    /** How the lease store's writes are going (status-get's lease-database), for a store that reports them. */
    default java.util.Optional<ruru.lease.WriteHealth> leaseWriteHealth() {
        return java.util.Optional.empty();
    }

    /** The memfile lease file in force (status-get's csv-lease-file, which Stork tails); empty with persist false or a database. */
    default java.util.Optional<java.nio.file.Path> leaseFile() {
        return java.util.Optional.empty();
    }

    /** {@code parked-packet-limit}. */
    void parkedPacketLimit(int limit);

    @Override
    void close();
}
