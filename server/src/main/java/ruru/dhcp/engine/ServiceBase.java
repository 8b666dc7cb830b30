package ruru.dhcp.engine;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import ruru.control.CommandRegistry;
import ruru.daemon.metrics.DaemonMetrics;
import ruru.dhcp.DhcpService;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreException;
import ruru.lease.WriteHealth;

/**
 * What Dhcp4Service and Dhcp6Service share around their packet flows: the configuration and lease
 * store in force (one snapshot, swapped whole), and the answers the personality, the commands and
 * the metrics get from the shared {@link PacketRuntime}, {@link ServiceLeaseStore} and
 * {@link Reclamation}. A family gives its parts; the flows stay its own.
 *
 * @param <C> the family's service configuration
 * @param <L> the family's lease store
 */
public abstract class ServiceBase<C, L extends LeaseStore<?, ?>> implements DhcpService {

    /** The configuration and lease store in force together (a family's snapshot). */
    public interface State<C, L> {
        C config();

        L leases();
    }

    /** The runtime's own failures in a family's words (receive, processing, socket reopen). */
    protected static PacketRuntime.Messages messages(Consumer<String> receiveFailed, Consumer<String> processingFailed,
            Consumer<String> reopenFailed) {
        return new PacketRuntime.Messages() {
            @Override
            public void receiveFailed(String error) {
                receiveFailed.accept(error);
            }

            @Override
            public void processingFailed(String error) {
                processingFailed.accept(error);
            }

            @Override
            public void reopenFailed(String error) {
                reopenFailed.accept(error);
            }
        };
    }

    /** The snapshot in force; null before the first configuration. */
    protected abstract State<C, L> state();

    protected abstract PacketRuntime<?, ?, ?> runtime();

    protected abstract ServiceLeaseStore<L> stores();

    protected abstract Reclamation<?, ?> reclamation();

    /** The configuration in force; null before the first one. */
    public final C config() {
        State<C, L> s = state();
        return s == null ? null : s.config();
    }

    /** The lease store in force (lease commands); null before the first configuration. */
    public final L leases() {
        State<C, L> s = state();
        return s == null ? null : s.leases();
    }

    /** Feeds the daemon's /metrics: packet-processing and lease-write times and the packet queue's depth. */
    public final void instrument(DaemonMetrics metrics) {
        runtime().instrument(metrics.packetProcessing());
        stores().instrument(metrics.leaseWrite());
        metrics.queueDepth(runtime()::queueDepth);
    }

    /**
     * Runs {@code work} while no packet is being processed (hook libraries are swapped this way, so
     * no callout of an unloaded library runs after its unload).
     */
    @Override
    public final <E extends Exception> void quiesced(CommandRegistry.Work<Void, E> work) throws E {
        runtime().quiesced(work);
    }

    @Override
    public final Optional<WriteHealth> leaseWriteHealth() {
        L s = leases();
        return s == null ? Optional.empty() : s.writeHealth();
    }

    /** The lease file in force (status-get's csv-lease-file); empty with persist false or a database. */
    @Override
    public final Optional<Path> leaseFile() {
        return stores().leaseFile();
    }

    /** Who is told to shut the daemon down when the lease database is lost for good (on-fail *-exit). */
    public final void shutdownBy(IntConsumer action) {
        stores().shutdownBy(action);
    }

    /** status-get's packet-queue-statistics: average queue length over ~10, 100, 1000 packets. */
    @Override
    public final double[] queueStatistics() {
        return runtime().queueStatistics();
    }

    /** leases-reclaim: every expired lease, no limits. */
    @Override
    public final int reclaimNow(boolean remove) throws LeaseStoreException {
        return reclamation().reclaimAll(remove);
    }
}
