package ruru.ha;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.logging.KeaLog;
import ruru.daemon.state.NetworkState;
import ruru.ha.config.HaConfig;
import ruru.ha.state.HaQuery;
import ruru.hooks.NextStep;
import ruru.hooks.ParkHandle;

/**
 * What HA does at the packet hook points, whatever the family (Kea's bufferN_receive, subnetN_select,
 * leasesN_committed and leaseN_expire callouts): drop the queries of the partner's scope, pick the
 * relationship of the selected subnet (hub and spoke), send the committed leases to the peers and
 * park the reply, leave a terminated server's partner scope unreclaimed. A family binding turns its
 * packets and leases into these calls.
 *
 * @param <P> the family's packet
 */
public abstract class HaPacketHooks<P> implements HaLibrary.Binding {

    private final NetworkState network;
    private final Map<Long, String> subnetServerNames;
    /** "4" or "6", as Kea's log message IDs name the family (HA_BUFFER4_RECEIVE_NOT_FOR_US). */
    private final String v;
    protected final Logger log;

    /**
     * @param subnetServerNames each subnet's {@code ha-server-name} (its user-context's, else its shared
     *                          network's), by subnet id; subnets without one are absent
     */
    protected HaPacketHooks(NetworkState network, Map<Long, String> subnetServerNames, String v, String loggerRoot) {
        this.network = network;
        this.subnetServerNames = Map.copyOf(subnetServerNames);
        this.v = v;
        this.log = LoggerFactory.getLogger(loggerRoot + ".ha-hooks");
    }

    /** The packet as HA sees it. */
    protected abstract HaQuery query(P packet);

    private Optional<HaService> relationshipOf(HaServices services, long subnetId) {
        return Optional.ofNullable(subnetServerNames.get(subnetId)).flatMap(services::byServerName);
    }

    /** Kea 3's lease sync filter: the subnets whose ha-server-name is one of the relationship's servers. */
    @Override
    public Set<Long> subnetsOf(HaConfig relationship) {
        Set<Long> ids = new TreeSet<>();
        subnetServerNames.forEach((id, name) -> {
            if (relationship.peers().containsKey(name)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * The client class HA assigns {@code query} (Kea's {@code HA_<server>} of the scope it falls in),
     * for classification: with one relationship the query's own; with several, the relationship of
     * the selected subnet's. Empty when the library is not loaded.
     */
    public List<String> scopeClasses(HaServices services, P query, OptionalLong subnetId) {
        if (services == null) {
            return List.of();
        }
        Optional<HaService> service = !services.hasMultiple() ? Optional.of(services.first())
                : subnetId.isPresent() ? relationshipOf(services, subnetId.getAsLong()) : Optional.empty();
        return service.map(s -> s.filter().inScope(query(query)).scopeClass()).filter(c -> !c.isEmpty())
                .map(List::of).orElse(List.of());
    }

    /** Whether bufferN_receive decides (one relationship, service enabled); else it continues. */
    protected boolean decidesAtReceive(HaServices services) {
        return !services.hasMultiple() && network.isServiceEnabled();
    }

    /** bufferN_receive with one relationship: DROP when the query is the partner's, else SKIP (parsed). */
    protected NextStep receive(HaServices services, P packet) {
        HaQuery q = query(packet);
        if (!services.first().inScope(q).served()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_BUFFER" + v + "_RECEIVE_NOT_FOR_US", "{}: {}: dropping query to "
                    + "be processed by another server", services.first().config().thisServerName(), q.label());
            return NextStep.DROP;
        }
        return NextStep.SKIP;
    }

    /**
     * subnetN_select with several relationships: the selected subnet ({@code subnetId} and its
     * {@code prefix}, empty when none) names the relationship whose scopes decide.
     */
    protected NextStep select(HaServices services, P packet, OptionalLong subnetId, String prefix) {
        if (!services.hasMultiple()) {
            return NextStep.CONTINUE;
        }
        HaQuery q = query(packet);
        if (subnetId.isEmpty()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_SUBNET" + v + "_SELECT_NO_SUBNET_SELECTED", "{}: unable to "
                    + "determine the HA relationship because the subnet could not be selected", q.label());
            return NextStep.DROP;
        }
        String serverName = subnetServerNames.get(subnetId.getAsLong());
        if (serverName == null) {
            KeaLog.error(log, "HA_SUBNET" + v + "_SELECT_NO_RELATIONSHIP_SELECTOR_FOR_SUBNET", "{}: unable to "
                    + "determine the HA relationship because the subnet {} has no ha-server-name in its user-context",
                    q.label(), prefix);
            return NextStep.DROP;
        }
        Optional<HaService> service = services.byServerName(serverName);
        if (service.isEmpty()) {
            KeaLog.error(log, "HA_SUBNET" + v + "_SELECT_NO_RELATIONSHIP_FOR_SUBNET", "{}: HA relationship not found "
                    + "for {}", q.label(), serverName);
            return NextStep.DROP;
        }
        if (!network.isServiceEnabled()) {
            return NextStep.CONTINUE;
        }
        if (!service.get().inScope(q).served()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_SUBNET" + v + "_SELECT_NOT_FOR_US", "{}: dropping query in the "
                    + "subnet for the HA relationship {} to be processed by another server", q.label(), serverName);
            return NextStep.DROP;
        }
        return NextStep.CONTINUE;
    }

    /**
     * leasesN_committed: sends {@code changes} (deletions first) to the peers of the relationship
     * ({@code subnetId}: the subnet of any of the leases) and PARKs the reply until they acknowledge.
     */
    protected NextStep committed(HaServices services, P packet, List<LeaseChange> changes, long subnetId,
                                 Supplier<ParkHandle> park) {
        HaQuery q = query(packet);
        if (changes.isEmpty()) {
            KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LEASES" + v + "_COMMITTED_NOTHING_TO_UPDATE", "{}: leases" + v
                    + "_committed callout was invoked without any leases", q.label());
            return NextStep.CONTINUE;
        }
        HaService service = services.first();
        if (services.hasMultiple()) {
            Optional<HaService> s = relationshipOf(services, subnetId);
            if (s.isEmpty()) {
                KeaLog.error(log, "HA_LEASES" + v + "_COMMITTED_NO_RELATIONSHIP", "{}: HA relationship not found: "
                        + "subnet {} names no configured server", q.label(), subnetId);
                return NextStep.DROP;
            }
            service = s.get();
        }
        if (!service.config().sendLeaseUpdates()) {
            return NextStep.CONTINUE;
        }
        return service.sendLeaseUpdates(q, changes, park.get()) == 0 ? NextStep.CONTINUE : NextStep.PARK;
    }

    /** A lease update nothing waits for: no reply is held back by it. */
    private static final ParkHandle NOTHING_HELD = new ParkHandle() {
        @Override
        public void resume() {
        }

        @Override
        public void drop() {
        }
    };

    /**
     * lease4_server_decline (Kea 2.6/3's HAImpl::lease4ServerDecline): the server declined an
     * address a lease4_offer callout found in use; the declined lease goes to the peers as a lease
     * update, but no reply waits for their answers (there is none: the OFFER was not sent).
     */
    protected NextStep serverDeclined(HaServices services, P packet, LeaseChange change, long subnetId) {
        HaService service = services.hasMultiple() ? relationshipOf(services, subnetId).orElse(null)
                : services.first();
        if (service != null && service.config().sendLeaseUpdates()) {
            service.sendLeaseUpdates(query(packet), List.of(change), NOTHING_HELD);
        }
        return NextStep.CONTINUE;
    }

    /**
     * leaseN_expire (Kea 3): a terminated server reclaims only the expired leases of its own scopes;
     * the partner, which may still be serving, owns the others. {@code key}: the lease's
     * load-balancing key.
     */
    protected NextStep expire(HaServices services, long subnetId, byte[] key, Object address) {
        HaService service = services.hasMultiple() ? relationshipOf(services, subnetId).orElse(null)
                : services.first();
        if (service == null || service.shouldReclaim(key)) {
            return NextStep.CONTINUE;
        }
        KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LEASE" + v + "_EXPIRE_RECLAMATION_SKIP", "{}: skipping reclamation "
                + "of the lease {} that belongs to the partner's scope", service.config().thisServerName(), address);
        return NextStep.SKIP;
    }
}
