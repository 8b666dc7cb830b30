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

    private volatile ruru.dhcp.log.ConfigTrace trace;
    /** The memfile cleanup interval in force (its timer is written about when the store changes). */
    private long lfcInForce;

    /** Where the configuration-time lines go (the daemon's). */
    public final void trace(ruru.dhcp.log.ConfigTrace t) {
        this.trace = t;
    }

    /** Whether a configuration was ever applied. */
    public final boolean configured() {
        return state() != null;
    }

    /**
     * The store for {@code db}, as {@link ServiceLeaseStore#next}, with Kea's lines about the memfile
     * it opens ({@code element} is the configured lease-database map): the one in force closed, the
     * new one's parameters, its cleanup timer.
     */
    protected final ServiceLeaseStore.Next<L> nextStore(ruru.dhcp.config.LeaseDatabase db, int threads,
            ruru.json.MapElement element) throws ruru.daemon.config.ConfigException {
        ruru.dhcp.log.ConfigTrace t = trace;
        boolean memfile = db.postgresql().isEmpty();
        boolean replacing = state() != null;
        ServiceLeaseStore.Next<L> next = stores().next(db, threads, () -> {
            if (t != null && memfile) {
                t.openingMemfile(element, replacing, lfcInForce > 0);
            }
        });
        if (t != null && memfile && next.opened()) {
            t.lfc(db.lfcInterval());
        } else if (t != null && memfile && replacing) {
            ruru.lease.MemfileSettings m = db.memfile();
            t.reopeningMemfile(element, lfcInForce > 0, m.persist() ? new ruru.lease.LeaseFiles(m.file()).keaLoads()
                    : java.util.List.of(), db.lfcInterval());
        }
        return next;
    }

    /** The store {@link #nextStore} gave for {@code db} (opened or kept) is in force now. */
    protected final void storeInForce(ruru.dhcp.config.LeaseDatabase db) {
        // a kept memfile takes the new interval too
        lfcInForce = db.postgresql().isEmpty() ? db.lfcInterval() : 0;
    }

    /**
     * Kea's line for the NameChangeRequest sender of a new configuration ({@code before} the
     * dhcp-ddns block in force, null at start), where Kea writes it: after the lease database opened.
     */
    protected final void senderStarting(ruru.ddns.client.D2ClientConfig before, ruru.ddns.client.D2ClientConfig next) {
        ruru.dhcp.log.ConfigTrace t = trace;
        if (t != null && ruru.dhcp.log.ConfigTrace.senderStarts(before, next)) {
            t.senderStarted(next);
        }
    }

    /** The reclamation timers of a new configuration started (Kea's lines). */
    protected final void timersStarted(ruru.dhcp.config.ExpiredLeasesProcessing p) {
        ruru.dhcp.log.ConfigTrace t = trace;
        if (t != null) {
            t.reclaimTimers(p.reclaimTimerWaitTime(), p.flushReclaimedTimerWaitTime());
        }
    }

    /** The service is about to stop: Kea's lines for its lease database and timers. */
    public final void stopping(boolean memfile) {
        ruru.dhcp.log.ConfigTrace t = trace;
        if (t != null && state() != null) {
            t.stopping(memfile, lfcInForce > 0);
        }
    }

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
