package ruru.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;

import ruru.daemon.logging.KeaLog;
import ruru.daemon.state.NetworkState;
import ruru.daemon.state.Origin;
import ruru.ha.config.HaConfig;
import ruru.ha.config.HaMode;
import ruru.ha.config.PeerConfig;
import ruru.ha.config.Role;
import ruru.ha.peer.Answers;
import ruru.ha.peer.PeerClient;
import ruru.ha.peer.PeerCommands;
import ruru.ha.peer.PeerException;
import ruru.ha.state.CommunicationState;
import ruru.ha.state.HaEvent;
import ruru.ha.state.HaQuery;
import ruru.ha.state.HaState;
import ruru.ha.state.QueryFilter;
import ruru.ha.state.StateModel;
import ruru.hooks.HookAnswer;
import ruru.hooks.ParkHandle;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * One HA relationship of this server (Kea's HAService): the state machine with every state of
 * Kea's, heartbeats, lease updates parked until the partner acknowledged them, lease database
 * synchronization, maintenance, and the answers to the HA commands.
 *
 * <p>Threading as Kea's: the state machine runs on one thread (the relationship's "loop"), which
 * also sends heartbeats and runs synchronization (blocking, as Kea's syncing state does). Packet
 * threads ask {@link #inScope} and send lease updates; their completions post events to the loop.
 * Commands that change the state run on the loop and are waited for.
 */
public final class HaService implements AutoCloseable {

    /** Kea's HA_WAITING_TO_TERMINATED_ST_DELAY_MINUTES. */
    private static final long PARTNER_TERMINATED_MINUTES = 60;
    /** Kea's answer code for "not allowed to enter in-maintenance". */
    static final int MAINTENANCE_NOT_ALLOWED = 1001;

    private final HaConfig config;
    private final HaFamily family;
    private final NetworkState network;
    private final Origin localOrigin;
    private final long remoteOriginId;
    private final Logger log;
    private final String name;
    private final CommunicationState comm;
    private final QueryFilter filter;
    private final StateModel model;
    private final LeaseUpdateBacklog backlog;
    private final Map<String, Optional<SSLContext>> tls;
    private final Map<String, PeerClient> clients = new LinkedHashMap<>();
    private final java.util.Set<PeerClient> oneOffs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Peers that refused a lease update in Kea 3's form (Kea 2.2): they get Kea 2.2's forms. */
    private final java.util.Set<String> kea22Peers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop;
    private volatile Thread loopThread;
    private ScheduledFuture<?> heartbeatTimer;
    private boolean heartbeatRunning;
    private volatile HaState state = HaState.WAITING;
    private volatile boolean closed;
    private volatile boolean syncCompleteNotified;
    private volatile java.util.Set<Long> syncSubnets = java.util.Set.of();
    private final java.util.concurrent.atomic.AtomicLong updatesAcknowledged = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong updatesFailed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong updatesRejected = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong heartbeatsFailed = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param index       the relationship's position (0 first): local origin 1001+index, remote 2001+index
     * @param tls         per peer name, the client TLS context for it (empty: plain HTTP)
     * @param connections concurrent requests per peer (1 without HA multi-threading)
     */
    public HaService(int index, HaConfig config, HaFamily family, NetworkState network, java.time.Clock clock,
                     Logger log, Map<String, Optional<SSLContext>> tls, int connections) {
        this.config = config;
        this.family = family;
        this.network = network;
        this.localOrigin = new Origin(Origin.HA_LOCAL_COMMAND + 1 + index);
        this.remoteOriginId = Origin.HA_REMOTE_COMMAND + 1 + index;
        this.log = log;
        this.name = config.thisServerName();
        this.comm = new CommunicationState(config, clock, log, family.dhcpName());
        this.filter = new QueryFilter(config, log);
        this.model = new StateModel(config.pausing());
        this.backlog = new LeaseUpdateBacklog(config.delayedUpdatesLimit());
        this.tls = Map.copyOf(tls);
        for (PeerConfig p : config.others()) {
            clients.put(p.name(), new PeerClient(p, tls.getOrDefault(p.name(), Optional.empty()), connections));
        }
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = Thread.ofPlatform().daemon().name("ha-" + name).unstarted(r);
            loopThread = t;
            return t;
        });
    }

    public HaConfig config() {
        return config;
    }

    public HaState state() {
        return state;
    }

    public QueryFilter filter() {
        return filter;
    }

    public CommunicationState communication() {
        return comm;
    }

    /** Synchronization stores only leases of these subnets (Kea 3's LeaseSyncFilter); empty: all. */
    public void syncOnly(java.util.Set<Long> subnets) {
        this.syncSubnets = java.util.Set.copyOf(subnets);
    }

    /** Starts in waiting (the DHCP service is disabled before this returns), as Kea's startModel. */
    public void start() {
        onLoop(() -> {
            network.enable(localOrigin);
            model.transition(HaState.WAITING, HaEvent.START);
            state = HaState.WAITING;
            runModel(HaEvent.START);
            return null;
        });
        KeaLog.info(log, "HA_SERVICE_STARTED", "{}: started high availability service in {} mode as {} server", name,
                config.mode(), config.role());
    }

    // ---------------------------------------------------------------- the loop

    /** Runs {@code work} on the loop and waits for it; from the loop itself it runs at once. */
    <T> T onLoop(Callable<T> work) {
        if (Thread.currentThread() == loopThread) {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f = loop.submit(work);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void post(HaEvent event) {
        if (!closed) {
            try {
                loop.execute(() -> runModel(event));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void runModel(HaEvent event) {
        if (closed) {
            return;
        }
        model.postNextEvent(event);
        do {
            handle(model.current());
        } while (model.nextEvent() != HaEvent.NOP && !closed);
    }

    private void handle(HaState s) {
        switch (s) {
            case BACKUP -> backupState();
            case COMMUNICATION_RECOVERY -> communicationRecoveryState();
            case HOT_STANDBY, LOAD_BALANCING -> normalState();
            case IN_MAINTENANCE -> inMaintenanceState();
            case PARTNER_DOWN -> partnerDownState();
            case PARTNER_IN_MAINTENANCE -> partnerInMaintenanceState();
            case PASSIVE_BACKUP -> passiveBackupState();
            case READY -> readyState();
            case SYNCING -> syncingState();
            case TERMINATED -> terminatedState();
            case WAITING -> waitingState();
            case UNAVAILABLE -> model.postNextEvent(HaEvent.NOP);
        }
    }

    // ---------------------------------------------------------------- state handlers (Kea's)

    private void backupState() {
        if (model.doOnEntry()) {
            enter(filter::serveNoScopes, false);
        }
        model.postNextEvent(HaEvent.NOP);
    }

    private void communicationRecoveryState() {
        if (model.doOnEntry()) {
            enter(filter::serveDefaultScopes, false);
        }
        scheduleHeartbeat();
        if (!settled()) {
            HaState partner = comm.partnerState();
            switch (partner == null ? HaState.BACKUP : partner) {
                case IN_MAINTENANCE -> transition(HaState.PARTNER_IN_MAINTENANCE);
                case PARTNER_DOWN -> transition(HaState.WAITING);
                case PARTNER_IN_MAINTENANCE -> transition(HaState.IN_MAINTENANCE);
                case TERMINATED -> transition(HaState.TERMINATED);
                case UNAVAILABLE -> partnerDownIfFailed();
                case WAITING, SYNCING, READY -> {
                    if (!comm.isCommunicationInterrupted() && backlog.wasOverflown()) {
                        transition(HaState.WAITING);
                    } else {
                        model.postNextEvent(HaEvent.NOP);
                    }
                }
                default -> recoveryResumed(partner);
            }
        }
        if (model.doOnExit()) {
            backlog.clear();
        }
    }

    /**
     * Communication-recovery with the partner in another state (or unknown, as Kea's -1): when the
     * partner is back in the normal state the backlog is replayed, else (or when that fails) both
     * resynchronize.
     */
    private void recoveryResumed(HaState partner) {
        if (comm.isCommunicationInterrupted()) {
            model.postNextEvent(HaEvent.NOP);
        } else if (partner == config.normalState() || partner == HaState.COMMUNICATION_RECOVERY) {
            if (backlog.wasOverflown() || !sendLeaseUpdatesFromBacklog()) {
                if (sendHaReset()) {
                    transition(HaState.WAITING);
                }
            } else {
                transition(config.normalState());
            }
        } else {
            transition(HaState.WAITING);
        }
    }

    private void normalState() {
        if (model.doOnEntry()) {
            enter(filter::serveDefaultScopes, false);
        }
        scheduleHeartbeat();
        HaState partner = partnerToActOn();
        if (partner == null) {
            return;
        }
        switch (partner) {
            case IN_MAINTENANCE -> transition(HaState.PARTNER_IN_MAINTENANCE);
            case PARTNER_DOWN -> transition(HaState.WAITING);
            case PARTNER_IN_MAINTENANCE -> transition(HaState.IN_MAINTENANCE);
            case TERMINATED -> transition(HaState.TERMINATED);
            case UNAVAILABLE -> {
                if (shouldPartnerDown()) {
                    transition(HaState.PARTNER_DOWN);
                } else if (config.allowsCommunicationRecovery()) {
                    transition(HaState.COMMUNICATION_RECOVERY);
                } else {
                    model.postNextEvent(HaEvent.NOP);
                }
            }
            default -> model.postNextEvent(HaEvent.NOP);
        }
        model.doOnExit();
    }

    private void inMaintenanceState() {
        if (model.doOnEntry()) {
            enter(filter::serveNoScopes, false);
            KeaLog.info(log, "HA_MAINTENANCE_SHUTDOWN_SAFE", "{}: the server can now be shutdown for maintenance as "
                    + "the partner has taken over the DHCP traffic", name);
        }
        scheduleHeartbeat();
        model.postNextEvent(HaEvent.NOP);
    }

    private void partnerDownState() {
        if (model.doOnEntry()) {
            boolean maintenance = model.lastEvent() == HaEvent.MAINTENANCE_START;
            enter(maintenance || config.thisServer().autoFailover() ? filter::serveFailoverScopes
                    : filter::serveDefaultScopes, true);
            if (maintenance) {
                KeaLog.info(log, "HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN", "{}: the server is now in the partner-down "
                        + "mode as a result of requested maintenance", name);
            }
        } else if (model.lastEvent() == HaEvent.SYNCED_PARTNER_UNAVAILABLE) {
            adjustNetworkState();
        }
        scheduleHeartbeat();
        HaState partner = partnerToActOn();
        if (partner == null) {
            return;
        }
        switch (partner) {
            case COMMUNICATION_RECOVERY, PARTNER_DOWN, PARTNER_IN_MAINTENANCE -> transition(HaState.WAITING);
            case READY -> transition(comm.hasPartnerNewUnsentUpdates() ? HaState.WAITING : config.normalState());
            case TERMINATED -> transition(HaState.TERMINATED);
            default -> model.postNextEvent(HaEvent.NOP);
        }
    }

    private void partnerInMaintenanceState() {
        if (model.doOnEntry()) {
            enter(filter::serveFailoverScopes, false);
            KeaLog.info(log, "HA_MAINTENANCE_STARTED", "{}: the server is now in the partner-in-maintenance state and "
                    + "the partner is in-maintenance state", name);
        }
        scheduleHeartbeat();
        if (model.isPaused()) {
            model.postNextEvent(HaEvent.NOP);
            return;
        }
        if (shouldTerminate()) {
            transition(HaState.TERMINATED);
            return;
        }
        if (comm.partnerState() == HaState.UNAVAILABLE) {
            transition(HaState.PARTNER_DOWN);
        } else {
            model.postNextEvent(HaEvent.NOP);
        }
    }

    private void passiveBackupState() {
        if (model.doOnEntry()) {
            stopHeartbeat();
            enter(filter::serveDefaultScopes, false);
        }
        model.postNextEvent(HaEvent.NOP);
    }

    private void readyState() {
        if (model.doOnEntry()) {
            enter(filter::serveNoScopes, true);
        }
        scheduleHeartbeat();
        HaState partner = partnerToActOn();
        if (partner == null) {
            return;
        }
        switch (partner) {
            case HOT_STANDBY, LOAD_BALANCING, COMMUNICATION_RECOVERY -> transition(config.normalState());
            case IN_MAINTENANCE -> transition(HaState.PARTNER_IN_MAINTENANCE);
            case PARTNER_IN_MAINTENANCE -> transition(HaState.IN_MAINTENANCE);
            case READY -> {
                if (config.role() == Role.PRIMARY) {
                    transition(config.mode() == HaMode.LOAD_BALANCING ? HaState.LOAD_BALANCING : HaState.HOT_STANDBY);
                } else {
                    model.postNextEvent(HaEvent.NOP);
                }
            }
            case TERMINATED -> transition(HaState.TERMINATED);
            case UNAVAILABLE -> partnerDownIfFailed();
            default -> model.postNextEvent(HaEvent.NOP);
        }
    }

    private void syncingState() {
        if (model.doOnEntry()) {
            enter(filter::serveNoScopes, true);
        }
        if (settled()) {
            return;
        }
        HaState partner = comm.partnerState();
        if (partner == HaState.TERMINATED) {
            transition(HaState.TERMINATED);
            return;
        }
        if (partner == HaState.UNAVAILABLE) {
            partnerDownIfFailed();
        } else if (partner == null) {
            // no heartbeat answered yet: Kea's default branch would sync at once; wait for one
            model.postNextEvent(HaEvent.NOP);
        } else {
            stopHeartbeat();
            long maxPeriod = Math.max(1, config.syncTimeout() / 1000);
            Sync result = synchronize(config.partner().orElseThrow(), maxPeriod);
            if (result.ok()) {
                transition(HaState.READY);
            } else {
                model.postNextEvent(HaEvent.NOP);
            }
        }
        scheduleHeartbeat();
    }

    private void terminatedState() {
        if (model.doOnEntry()) {
            stopHeartbeat();
            enter(filter::serveDefaultScopes, true);
            KeaLog.error(log, "HA_TERMINATED", "{}: HA service terminated due to an unrecoverable condition. Check "
                    + "previous error message(s), address the problem and restart!", name);
        }
        model.postNextEvent(HaEvent.NOP);
    }

    private void waitingState() {
        if (model.doOnEntry()) {
            enter(filter::serveNoScopes, true);
        }
        if (config.sendsHeartbeats()) {
            scheduleHeartbeat();
        }
        if (isMaintenanceCanceled() || model.isPaused()) {
            model.postNextEvent(HaEvent.NOP);
            return;
        }
        if (config.role() == Role.BACKUP) {
            transition(HaState.BACKUP);
            return;
        }
        if (config.mode() == HaMode.PASSIVE_BACKUP) {
            transition(HaState.PASSIVE_BACKUP);
            return;
        }
        if (shouldTerminate()) {
            transition(HaState.TERMINATED);
            return;
        }
        if (isPartnerStateInvalid()) {
            model.postNextEvent(HaEvent.NOP);
            return;
        }
        HaState partner = comm.partnerState();
        if (partner == null) {
            model.postNextEvent(HaEvent.NOP);
            return;
        }
        switch (partner) {
            case COMMUNICATION_RECOVERY, HOT_STANDBY, LOAD_BALANCING, IN_MAINTENANCE, PARTNER_DOWN,
                 PARTNER_IN_MAINTENANCE, READY -> transition(config.syncLeases() ? HaState.SYNCING : HaState.READY);
            case SYNCING -> model.postNextEvent(HaEvent.NOP);
            case TERMINATED -> {
                Duration since = comm.sincePartnerStateChange();
                if (since != null && since.toMinutes() >= PARTNER_TERMINATED_MINUTES) {
                    KeaLog.warn(log, "HA_TERMINATED_PARTNER_DID_NOT_RESTART", "{}: partner server remains in the "
                            + "terminated state for more than {} minutes; restart the partner or this server to resume "
                            + "the HA service", name, PARTNER_TERMINATED_MINUTES);
                    transition(HaState.TERMINATED);
                } else {
                    KeaLog.info(log, "HA_TERMINATED_RESTART_PARTNER", "{}: waiting for the partner in the TERMINATED "
                            + "state to be restarted", name);
                    model.postNextEvent(HaEvent.NOP);
                }
            }
            case WAITING -> {
                if (config.role() == Role.PRIMARY) {
                    transition(config.syncLeases() ? HaState.SYNCING : HaState.READY);
                } else {
                    model.postNextEvent(HaEvent.NOP);
                }
            }
            case UNAVAILABLE -> partnerDownIfFailed();
            default -> model.postNextEvent(HaEvent.NOP);
        }
    }

    // ---------------------------------------------------------------- helpers of the handlers

    /** Kea's verboseTransition: logs the transition and whether lease updates are sent in the new state. */
    private void transition(HaState next) {
        HaState current = model.current();
        if (config.mode() != HaMode.PASSIVE_BACKUP) {
            HaState partner = comm.partnerState();
            KeaLog.info(log, "HA_STATE_TRANSITION", "{}: server transitions from {} to {} state, partner state is {}",
                    name, current.logName(), next.logName(), partner == null ? "UNDEFINED" : partner.logName());
        } else {
            KeaLog.info(log, "HA_STATE_TRANSITION_PASSIVE_BACKUP", "{}: server transitions from {} to {} state", name,
                    current.logName(), next.logName());
        }
        if (next == HaState.READY && current == HaState.WAITING) {
            KeaLog.info(log, "HA_CONFIG_LEASE_SYNCING_DISABLED_REMINDER", "{}: bypassing SYNCING state because lease "
                    + "database synchronization is administratively disabled", name);
        }
        model.transition(next, model.nextEvent());
        state = next;
        if (config.mode() != HaMode.PASSIVE_BACKUP && config.role() != Role.BACKUP) {
            Optional<PeerConfig> partner = config.partner();
            if (partner.isPresent() && shouldSendLeaseUpdates(partner.get(), next)) {
                KeaLog.info(log, "HA_LEASE_UPDATES_ENABLED", "{}: lease updates will be sent to the partner while in "
                        + "{} state", name, next.logName());
            } else if (!config.sendLeaseUpdates()) {
                KeaLog.info(log, "HA_CONFIG_LEASE_UPDATES_DISABLED_REMINDER", "{}: lease updates are administratively "
                        + "disabled and will not be generated while in {} state", name, next.logName());
            } else {
                KeaLog.info(log, "HA_LEASE_UPDATES_DISABLED", "{}: lease updates will not be sent to the partner while "
                        + "in {} state", name, next.logName());
            }
        }
    }

    /**
     * What every active state checks first (Kea's handlers): paused, or a maintenance being
     * canceled, waits; a clock skew or too many rejected updates terminate; a partner in a state
     * of another mode sends this server back to waiting. True when the handler is done.
     */
    private boolean settled() {
        if (isMaintenanceCanceled() || model.isPaused()) {
            model.postNextEvent(HaEvent.NOP);
            return true;
        }
        if (shouldTerminate()) {
            transition(HaState.TERMINATED);
            return true;
        }
        if (isPartnerStateInvalid()) {
            transition(HaState.WAITING);
            return true;
        }
        return false;
    }

    /** settled(), then the partner's state; null (the handler is done) when settled or the partner is unknown. */
    private HaState partnerToActOn() {
        if (settled()) {
            return null;
        }
        HaState partner = comm.partnerState();
        if (partner == null) {
            model.postNextEvent(HaEvent.NOP);
        }
        return partner;
    }

    /** The partner is unavailable: partner-down when the failure is established, else wait. */
    private void partnerDownIfFailed() {
        if (shouldPartnerDown()) {
            transition(HaState.PARTNER_DOWN);
        } else {
            model.postNextEvent(HaEvent.NOP);
        }
    }

    /** On entering a state: the scopes it serves, the DHCP service to match, a pause noted. */
    private void enter(Runnable scopes, boolean clearRejected) {
        scopes.run();
        adjustNetworkState();
        if (clearRejected) {
            comm.clearRejectedLeaseUpdates();
        }
        logIfPaused();
    }

    private void logIfPaused() {
        if (model.isPaused()) {
            KeaLog.info(log, "HA_STATE_MACHINE_PAUSED", "{}: state machine paused in state {}", name,
                    model.current().logName());
        }
    }

    private boolean isMaintenanceCanceled() {
        return model.lastEvent() == HaEvent.MAINTENANCE_CANCEL;
    }

    /** Kea's adjustNetworkState: the service follows the state, logged when it changes. */
    private void adjustNetworkState() {
        HaState current = model.current();
        boolean shouldEnable = current.servesDhcp();
        if (!shouldEnable && network.isServiceEnabled()) {
            KeaLog.info(log, "HA_LOCAL_DHCP_DISABLE", "local DHCP service is disabled while the {} is in the {} state",
                    name, current.logName());
            network.disable(localOrigin);
        } else if (shouldEnable && !network.isServiceEnabled()) {
            KeaLog.info(log, "HA_LOCAL_DHCP_ENABLE", "local DHCP service is enabled while the {} is in the {} state",
                    name, current.logName());
            network.enable(localOrigin);
        }
    }

    /**
     * Communication is interrupted and, where this server can watch the partner's clients (load
     * balancing, or the standby, while its DHCP service runs), the unacked-clients rule agrees.
     */
    private boolean shouldPartnerDown() {
        if (!comm.isCommunicationInterrupted()) {
            return false;
        }
        if (network.isServiceEnabled()
                && (config.mode() == HaMode.LOAD_BALANCING || config.role() == Role.STANDBY)) {
            return comm.failureDetected();
        }
        return true;
    }

    private boolean shouldTerminate() {
        boolean terminate = comm.clockSkewShouldTerminate();
        if (!terminate) {
            comm.clockSkewShouldWarn();
            terminate = comm.rejectedLeaseUpdatesShouldTerminate();
        }
        return terminate;
    }

    private boolean isPartnerStateInvalid() {
        HaState partner = comm.partnerState();
        if (partner == HaState.COMMUNICATION_RECOVERY && config.mode() != HaMode.LOAD_BALANCING) {
            KeaLog.warn(log, "HA_INVALID_PARTNER_STATE_COMMUNICATION_RECOVERY", "{}: partner is in the "
                    + "communication-recovery state unexpectedly", name);
            return true;
        }
        if (partner == HaState.HOT_STANDBY && config.mode() != HaMode.HOT_STANDBY) {
            KeaLog.warn(log, "HA_INVALID_PARTNER_STATE_HOT_STANDBY", "{}: partner is in the hot-standby state "
                    + "unexpectedly", name);
            return true;
        }
        if (partner == HaState.LOAD_BALANCING && config.mode() != HaMode.LOAD_BALANCING) {
            KeaLog.warn(log, "HA_INVALID_PARTNER_STATE_LOAD_BALANCING", "{}: partner is in the load-balancing state "
                    + "unexpectedly", name);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- heartbeats

    private void scheduleHeartbeat() {
        if (!heartbeatRunning) {
            startHeartbeat();
        }
    }

    private void startHeartbeat() {
        if (config.heartbeatDelay() > 0 && !closed) {
            heartbeatRunning = true;
            if (heartbeatTimer != null) {
                heartbeatTimer.cancel(false);
            }
            heartbeatTimer = loop.schedule(this::sendHeartbeat, config.heartbeatDelay(), TimeUnit.MILLISECONDS);
        }
    }

    private void stopHeartbeat() {
        heartbeatRunning = false;
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel(false);
            heartbeatTimer = null;
        }
    }

    private void sendHeartbeat() {
        Optional<PeerConfig> partner = config.partner();
        if (closed || partner.isEmpty()) {
            return;
        }
        boolean notified = syncCompleteNotified;
        syncCompleteNotified = false;
        PeerConfig peer = partner.get();
        clients.get(peer.name()).post(PeerCommands.heartbeat(name, family.service()), PeerClient.DEFAULT_TIMEOUT)
                .whenComplete((body, error) -> {
                    try {
                        loop.execute(() -> heartbeatDone(peer, body, error, notified));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        // closing
                    }
                });
    }

    private void heartbeatDone(PeerConfig peer, Element body, Throwable error, boolean notified) {
        if (closed) {
            return;
        }
        boolean ok = true;
        if (error != null) {
            KeaLog.warn(log, "HA_HEARTBEAT_COMMUNICATIONS_FAILED", "{}: failed to send heartbeat to {}: {}", name,
                    peer.logLabel(), message(error));
            ok = false;
        } else {
            try {
                readHeartbeat(Answers.verify(body));
            } catch (PeerException | IllegalArgumentException e) {
                KeaLog.warn(log, "HA_HEARTBEAT_FAILED", "{}: heartbeat to {} failed: {}", name, peer.logLabel(),
                        e.getMessage());
                ok = false;
            }
        }
        if (ok) {
            comm.poke();
        } else {
            heartbeatsFailed.incrementAndGet();
            comm.setPartnerUnavailable();
            if (comm.isCommunicationInterrupted()) {
                KeaLog.warn(log, "HA_COMMUNICATION_INTERRUPTED", "{}: communication with {} is interrupted", name,
                        peer.name());
            }
        }
        if (state != HaState.TERMINATED && state != HaState.PASSIVE_BACKUP) {
            startHeartbeat();
        }
        if (notified && !ok) {
            model.postNextEvent(HaEvent.SYNCED_PARTNER_UNAVAILABLE);
        }
        runModel(HaEvent.HEARTBEAT_COMPLETE);
    }

    /** The checks of Kea's heartbeat handler, in its order and with its texts. */
    private void readHeartbeat(Element args) {
        if (!(args instanceof MapElement m)) {
            throw new IllegalArgumentException("returned arguments in the response must be a map");
        }
        if (!(m.get("state") instanceof StringElement s)) {
            throw new IllegalArgumentException("server state not returned in response to a ha-heartbeat command or "
                    + "it is not a string");
        }
        comm.setPartnerState(s.value());
        if (!(m.get("date-time") instanceof StringElement dt)) {
            throw new IllegalArgumentException("date-time not returned in response to a ha-heartbeat command or it "
                    + "is not a string");
        }
        comm.setPartnerTime(dt.value());
        try {
            comm.setPartnerScopes(m.get("scopes"));
        } catch (IllegalArgumentException e) {
            // older partners send no scopes
        }
        Element unsent = m.get("unsent-update-count");
        if (unsent != null) {
            long count = unsent.asLong().orElseThrow(() -> new IllegalArgumentException("unsent-update-count "
                    + "returned in the ha-heartbeat response is not an integer"));
            comm.setPartnerUnsentUpdateCount(count);
        }
    }

    private static String message(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    // ---------------------------------------------------------------- the packet path

    /**
     * Whether this server answers {@code query}; a query for the partner, seen while communication
     * is interrupted, feeds the unacked-clients rule. Returns the scope class too.
     */
    public QueryFilter.Verdict inScope(HaQuery query) {
        QueryFilter.Verdict v = filter.inScope(query);
        if (!v.served() && comm.isCommunicationInterrupted()) {
            comm.analyzeMessage(query);
        }
        return v;
    }

    /** Lease updates sent so far: acknowledged, failed, rejected (conflict); and failed heartbeats. */
    public record Counters(long acknowledged, long failed, long rejected, long heartbeatsFailed) {
    }

    public Counters counters() {
        return new Counters(updatesAcknowledged.get(), updatesFailed.get(), updatesRejected.get(),
                heartbeatsFailed.get());
    }

    /** Kea 3's shouldReclaim: when terminated, only the leases of the scopes this server serves. */
    public boolean shouldReclaim(byte[] leaseKey) {
        return state != HaState.TERMINATED || filter.inScope(leaseKey);
    }

    private boolean shouldSendLeaseUpdates(PeerConfig peer, HaState current) {
        if (!config.sendLeaseUpdates()) {
            return false;
        }
        if (peer.role() == Role.BACKUP) {
            return true;
        }
        if (config.role() == Role.BACKUP) {
            return false;
        }
        return current == HaState.HOT_STANDBY || current == HaState.LOAD_BALANCING
                || current == HaState.PARTNER_IN_MAINTENANCE;
    }

    private boolean shouldQueueLeaseUpdates(PeerConfig peer, HaState current) {
        return config.sendLeaseUpdates() && peer.role() != Role.BACKUP && current == HaState.COMMUNICATION_RECOVERY;
    }

    /** One query's updates still waited for; the exchange is resumed when the last one is acknowledged. */
    private static final class Pending {
        final AtomicInteger remaining = new AtomicInteger();
        final ParkHandle park;

        Pending(ParkHandle park) {
            this.park = park;
        }
    }

    /**
     * Sends the lease updates of one committed query to every peer that should get them (Kea's
     * asyncSendLeaseUpdates). Returns how many peers' acknowledgments the reply waits for: when 0
     * the reply goes out at once, else {@code park} is resumed once all are acknowledged, or dropped
     * when one fails.
     */
    public int sendLeaseUpdates(HaQuery query, List<LeaseChange> changes, ParkHandle park) {
        if (changes.isEmpty() || closed) {
            return 0;
        }
        HaState current = state;
        List<LeaseChange> ordered = new ArrayList<>();
        changes.stream().filter(c -> c.op() != LeaseChange.Op.UPDATE).forEach(ordered::add);
        changes.stream().filter(c -> c.op() == LeaseChange.Op.UPDATE).forEach(ordered::add);
        record Send(PeerConfig peer, MapElement command, boolean waited) {
        }
        List<LeaseChange> sent = List.copyOf(ordered);
        List<Send> plan = new ArrayList<>();
        int peers = 0;
        for (PeerConfig peer : config.others()) {
            if (shouldQueueLeaseUpdates(peer, current)) {
                ordered.forEach(backlog::push);
                continue;
            }
            if (!shouldSendLeaseUpdates(peer, current)) {
                if (peer.role() != Role.BACKUP) {
                    comm.increaseUnsentUpdateCount();
                }
                continue;
            }
            boolean waited = config.waitBackupAck() || peer.role() != Role.BACKUP;
            for (MapElement command : family.updateCommands(ordered, formOf(peer))) {
                plan.add(new Send(peer, command, waited));
            }
            if (waited) {
                peers++;
            }
        }
        Pending pending = new Pending(park);
        pending.remaining.set((int) plan.stream().filter(Send::waited).count());
        for (Send s : plan) {
            post(s.peer(), s.command(), query, pending, s.waited(), sent);
        }
        return peers;
    }

    private void post(PeerConfig peer, MapElement command, HaQuery query, Pending pending, boolean waited,
                      List<LeaseChange> changes) {
        clients.get(peer.name()).post(command, PeerClient.DEFAULT_TIMEOUT).whenComplete(
                (body, error) -> updateDone(peer, query, pending, waited, changes, body, error));
    }

    private HaFamily.PeerForm formOf(PeerConfig peer) {
        return kea22Peers.contains(peer.name()) ? HaFamily.PeerForm.KEA22 : HaFamily.PeerForm.KEA3;
    }

    /**
     * A peer that refused an update in Kea 3's form (Kea 2.2 and a released lease in state 3) gets
     * it again in Kea 2.2's form, and Kea 2.2's forms from then on; true when it was resent.
     */
    private boolean resentInKea22Form(PeerConfig peer, PeerException e, List<LeaseChange> changes,
                                      java.util.function.Consumer<MapElement> resend) {
        if (e.kind() != PeerException.Kind.ERROR || !family.refusesKea3Form(e.getMessage())
                || !kea22Peers.add(peer.name())) {
            return false;
        }
        KeaLog.info(log, "HA_LEASE_UPDATE_FAILED", "{}: lease update to {} failed: {}; the partner takes Kea 2.2's "
                + "forms: sending it a released lease as a deletion from now on", name, peer.logLabel(), e.getMessage());
        family.updateCommands(changes, HaFamily.PeerForm.KEA22).forEach(resend);
        return true;
    }

    private void updateDone(PeerConfig peer, HaQuery query, Pending pending, boolean waited,
                            List<LeaseChange> changes, Element body, Throwable error) {
        boolean ok = true;
        boolean conflict = false;
        if (error != null) {
            KeaLog.warn(log, "HA_LEASE_UPDATE_COMMUNICATIONS_FAILED", "{}: {}: failed to communicate with {}: {}",
                    name, query.label(), peer.logLabel(), message(error));
            ok = false;
        } else {
            try {
                logFailedLeases(query, Answers.verify(body));
            } catch (PeerException e) {
                if (resentInKea22Form(peer, e, changes, c -> post(peer, c, query, pending, waited, changes))) {
                    return;
                }
                ok = false;
                if (e.kind() == PeerException.Kind.CONFLICT) {
                    conflict = true;
                    comm.reportRejectedLeaseUpdate(query);
                    KeaLog.warn(log, "HA_LEASE_UPDATE_CONFLICT", "{}: {}: lease update to {} returned conflict status "
                            + "code: {}", name, query.label(), peer.logLabel(), e.getMessage());
                } else {
                    KeaLog.warn(log, "HA_LEASE_UPDATE_FAILED", "{}: {}: lease update to {} failed: {}", name,
                            query.label(), peer.logLabel(), e.getMessage());
                }
            }
        }
        (ok ? updatesAcknowledged : conflict ? updatesRejected : updatesFailed).incrementAndGet();
        if (peer.role() != Role.BACKUP) {
            if (!ok && !conflict) {
                comm.setPartnerUnavailable();
            } else if (ok) {
                comm.reportSuccessfulLeaseUpdate(query);
            }
        }
        if (!waited) {
            return;
        }
        if (!ok) {
            pending.park.drop();
        }
        if (pending.remaining.decrementAndGet() == 0) {
            pending.park.resume();
            post(HaEvent.LEASE_UPDATES_COMPLETE);
        }
    }

    /** lease6-bulk-apply reports the leases it could not store; Kea logs each. */
    private void logFailedLeases(HaQuery query, Element args) {
        if (!(args instanceof MapElement m)) {
            return;
        }
        for (var kind : List.of(Map.entry("failed-deleted-leases", "HA_LEASE_UPDATE_DELETE_FAILED_ON_PEER"),
                Map.entry("failed-leases", "HA_LEASE_UPDATE_CREATE_UPDATE_FAILED_ON_PEER"))) {
            if (!(m.get(kind.getKey()) instanceof ListElement failed)) {
                continue;
            }
            for (Element e : failed.items()) {
                if (e instanceof MapElement lease) {
                    KeaLog.info(log, kind.getValue(), "{}: {}: failed to {} the lease having type {} for address {}, "
                            + "reason: {}", name, query.label(), kind.getKey().startsWith("failed-deleted")
                            ? "delete" : "create or update", text(lease, "type"), text(lease, "ip-address"),
                            text(lease, "error-message"));
                }
            }
        }
    }

    private static String text(MapElement m, String key) {
        return m.get(key) instanceof StringElement s ? s.value() : "(unknown)";
    }

    // ---------------------------------------------------------------- synchronization

    record Sync(boolean ok, String message) {
    }

    /** A client for a one-off exchange (sync, maintenance, reset), apart from the lease update connections. */
    private PeerClient oneOff(PeerConfig peer) {
        PeerClient c = new PeerClient(peer, tls.getOrDefault(peer.name(), Optional.empty()), 1);
        oneOffs.add(c);
        c.onClose(() -> oneOffs.remove(c));
        if (closed) {
            c.close();
        }
        return c;
    }

    /**
     * Fetches the partner's leases page by page (dhcp-disable before each page), then tells it the
     * synchronization is complete (dhcp-enable for partners without ha-sync-complete-notify).
     * Blocking, on the loop, as Kea's synchronize.
     */
    Sync synchronize(PeerConfig remote, long maxPeriod) {
        KeaLog.info(log, "HA_SYNC_START", "{}: starting lease database synchronization with {}", name,
                remote.logLabel());
        long started = System.nanoTime();
        String error = null;
        boolean disabled = false;
        try (PeerClient client = oneOff(remote)) {
            String from = "start";
            long applied = 0;
            while (error == null) {
                try {
                    Answers.verify(client.call(PeerCommands.dhcpDisable(remoteOriginId, maxPeriod, family.service()),
                            PeerClient.DEFAULT_TIMEOUT));
                    disabled = true;
                } catch (PeerException e) {
                    error = e.getMessage();
                    if (e.isCommunication()) {
                        KeaLog.error(log, "HA_DHCP_DISABLE_COMMUNICATIONS_FAILED", "{}: failed to send request to "
                                + "disable DHCP service of {}: {}", name, remote.logLabel(), error);
                    } else {
                        KeaLog.error(log, "HA_DHCP_DISABLE_FAILED", "{}: failed to disable DHCP service of {}: {}",
                                name, remote.logLabel(), error);
                    }
                    comm.setPartnerUnavailable();
                    break;
                }
                Page page;
                try {
                    page = fetchPage(client, remote, from);
                } catch (PeerException e) {
                    error = e.getMessage();
                    comm.setPartnerUnavailable();
                    break;
                }
                applied += page.applied();
                if (page.last() == null) {
                    break;
                }
                from = page.last();
            }
            if (disabled) {
                if (error == null) {
                    error = notifySyncComplete(client, remote);
                } else {
                    enablePartner(client, remote);
                }
            }
            if (error == null) {
                KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_SYNC_APPLIED", "{}: {} leases applied from {}", name, applied,
                        remote.name());
            }
        }
        if (error != null) {
            model.postNextEvent(HaEvent.SYNCING_FAILED);
            KeaLog.error(log, "HA_SYNC_FAILED", "{}: lease database synchronization with {} failed: {}", name,
                    remote.logLabel(), error);
            return new Sync(false, error);
        }
        model.postNextEvent(HaEvent.SYNCING_SUCCEEDED);
        KeaLog.info(log, "HA_SYNC_SUCCESSFUL", "{}: lease database synchronization with {} completed successfully in "
                + "{}", name, remote.logLabel(), duration(System.nanoTime() - started));
        return new Sync(true, "Lease database synchronization complete.");
    }

    /** One page: how many leases were stored, and the address to continue from (null after the last page). */
    private record Page(long applied, String last) {
    }

    private Page fetchPage(PeerClient client, PeerConfig remote, String from) throws PeerException {
        Element args;
        try {
            args = Answers.verify(client.call(PeerCommands.leasePage(family.pageCommand(), from,
                    config.syncPageLimit(), family.service()), Duration.ofMillis(Math.max(1, config.syncTimeout()))));
        } catch (PeerException e) {
            if (e.isCommunication()) {
                KeaLog.error(log, "HA_LEASES_SYNC_COMMUNICATIONS_FAILED", "{}: failed to communicate with {} while "
                        + "syncing leases: {}", name, remote.logLabel(), e.getMessage());
            } else {
                KeaLog.error(log, "HA_LEASES_SYNC_FAILED", "{}: failed to synchronize leases with {}: {}", name,
                        remote.logLabel(), e.getMessage());
            }
            throw e;
        }
        if (args != null && !(args instanceof MapElement)) {
            throw syncFailed(remote, "arguments in the received response must be a map");
        }
        if (!(args instanceof MapElement m) || !(m.get("leases") instanceof ListElement leases)) {
            throw syncFailed(remote, "server response does not contain leases argument or this argument is not a list");
        }
        KeaLog.info(log, "HA_LEASES_SYNC_LEASE_PAGE_RECEIVED", "{}: received {} leases from {}", name, leases.size(),
                remote.logLabel());
        long applied = 0;
        String last = null;
        for (int i = 0; i < leases.size(); i++) {
            Element e = leases.get(i);
            if (leases.size() >= config.syncPageLimit() && i == leases.size() - 1) {
                last = e instanceof MapElement lm && lm.get("ip-address") instanceof StringElement a ? a.value() : null;
            }
            try {
                if (!(e instanceof MapElement lease)) {
                    throw new IllegalArgumentException("lease is not a map");
                }
                java.util.Set<Long> only = syncSubnets;
                if (!only.isEmpty() && !only.contains(lease.get("subnet-id") == null ? -1L
                        : lease.get("subnet-id").asLong().orElse(-1L))) {
                    continue;
                }
                switch (family.applySynced(lease)) {
                    case ADDED, UPDATED -> applied++;
                    case STALE -> KeaLog.debug(log, KeaLog.DBG_TRACE, "HA_LEASE_SYNC_STALE_LEASE" + family.service().substring(4) + "_SKIP", "{}: skipping "
                            + "stale lease {} in subnet {}", name, text(lease, "ip-address"), lease.get("subnet-id"));
                }
            } catch (Exception ex) {
                KeaLog.warn(log, "HA_LEASE_SYNC_FAILED", "{}: synchronization failed for lease: {}, reason: {}", name,
                        ruru.json.Json.toCompact(e), ex.getMessage());
            }
        }
        KeaLog.info(log, "HA_LEASES_SYNC_APPLIED_LEASES", "{}: {} leases applied", name, applied);
        return new Page(applied, last);
    }

    private PeerException syncFailed(PeerConfig remote, String why) {
        KeaLog.error(log, "HA_LEASES_SYNC_FAILED", "{}: failed to synchronize leases with {}: {}", name,
                remote.logLabel(), why);
        return new PeerException(PeerException.Kind.ERROR, 1, why);
    }

    /** ha-sync-complete-notify; a partner without it (result 2) gets dhcp-enable instead. Null on success. */
    private String notifySyncComplete(PeerClient client, PeerConfig remote) {
        try {
            Answers.verify(client.call(PeerCommands.syncCompleteNotify(remoteOriginId, name, family.service()),
                    PeerClient.DEFAULT_TIMEOUT));
            return null;
        } catch (PeerException e) {
            if (e.kind() == PeerException.Kind.UNSUPPORTED) {
                return enablePartner(client, remote);
            }
            if (e.isCommunication()) {
                KeaLog.error(log, "HA_SYNC_COMPLETE_NOTIFY_COMMUNICATIONS_FAILED", "{}: failed to send "
                        + "ha-sync-complete-notify to {}: {}", name, remote.logLabel(), e.getMessage());
            } else {
                KeaLog.error(log, "HA_SYNC_COMPLETE_NOTIFY_FAILED", "{}: error processing ha-sync-complete-notify "
                        + "command on {}: {}", name, remote.logLabel(), e.getMessage());
            }
            comm.setPartnerUnavailable();
            return e.getMessage();
        }
    }

    private String enablePartner(PeerClient client, PeerConfig remote) {
        try {
            Answers.verify(client.call(PeerCommands.dhcpEnable(remoteOriginId, family.service()),
                    PeerClient.DEFAULT_TIMEOUT));
            return null;
        } catch (PeerException e) {
            if (e.isCommunication()) {
                KeaLog.error(log, "HA_DHCP_ENABLE_COMMUNICATIONS_FAILED", "{}: failed to send request to enable DHCP "
                        + "service of {}: {}", name, remote.logLabel(), e.getMessage());
            } else {
                KeaLog.error(log, "HA_DHCP_ENABLE_FAILED", "{}: failed to enable DHCP service of {}: {}", name,
                        remote.logLabel(), e.getMessage());
            }
            comm.setPartnerUnavailable();
            return e.getMessage();
        }
    }

    /** Kea's Stopwatch::logFormat: milliseconds with three decimals. */
    static String duration(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1_000_000.0);
    }

    // ---------------------------------------------------------------- communication-recovery

    /** Replays the backlog to the partner, one update at a time; false at the first failure. */
    private boolean sendLeaseUpdatesFromBacklog() {
        int count = backlog.size();
        if (count == 0) {
            KeaLog.info(log, "HA_LEASES_BACKLOG_NOTHING_TO_SEND", "{}: no leases in backlog after communication "
                    + "recovery", name);
            return true;
        }
        PeerConfig remote = config.partner().orElseThrow();
        KeaLog.info(log, "HA_LEASES_BACKLOG_START", "{}: starting to send {} outstanding lease updates to {}", name,
                count, remote.name());
        long started = System.nanoTime();
        try (PeerClient client = oneOff(remote)) {
            List<LeaseChange> drained = backlog.drain();
            List<MapElement> commands = new ArrayList<>(family.updateCommands(drained, formOf(remote)));
            for (int i = 0; i < commands.size(); i++) {
                try {
                    Answers.verify(client.call(commands.get(i), PeerClient.DEFAULT_TIMEOUT));
                } catch (PeerException e) {
                    if (resentInKea22Form(remote, e, drained, c -> { })) {
                        commands = new ArrayList<>(family.updateCommands(drained, HaFamily.PeerForm.KEA22));
                        i = -1;
                        continue;
                    }
                    if (e.isCommunication()) {
                        KeaLog.warn(log, "HA_LEASES_BACKLOG_COMMUNICATIONS_FAILED", "{}: failed to communicate with {} "
                                + "while sending lease updates backlog: {}", name, remote.logLabel(), e.getMessage());
                    } else {
                        KeaLog.warn(log, "HA_LEASES_BACKLOG_FAILED", "{}: failed to send lease updates backlog to {}: "
                                + "{}", name, remote.logLabel(), e.getMessage());
                    }
                    return false;
                }
            }
        }
        KeaLog.info(log, "HA_LEASES_BACKLOG_SUCCESS", "{}: sending lease updates backlog to {} successful in {}", name,
                remote.name(), duration(System.nanoTime() - started));
        return true;
    }

    private boolean sendHaReset() {
        PeerConfig remote = config.partner().orElseThrow();
        try (PeerClient client = oneOff(remote)) {
            Answers.verify(client.call(PeerCommands.haReset(name, family.service()), PeerClient.DEFAULT_TIMEOUT));
            return true;
        } catch (PeerException e) {
            if (e.isCommunication()) {
                KeaLog.warn(log, "HA_RESET_COMMUNICATIONS_FAILED", "{}: failed to send ha-reset command to {}: {}", name,
                        remote.logLabel(), e.getMessage());
            } else {
                KeaLog.warn(log, "HA_RESET_FAILED", "{}: failed to reset HA state machine of {}: {}", name,
                        remote.logLabel(), e.getMessage());
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- commands

    /** ha-heartbeat: this server's state, clock, scopes and unsent-update count. */
    public HookAnswer heartbeat() {
        MapElement args = MapElement.builder()
                .put("date-time", comm.now())
                .put("scopes", Element.list(filter.servedScopes().stream().map(Element::of).toList()))
                .put("state", state.keaName())
                .put("unsent-update-count", comm.unsentUpdateCount())
                .build();
        return HookAnswer.ok("HA peer status returned.", args);
    }

    /** status-get's {@code ha-servers} for this relationship. */
    public MapElement statusGet() {
        MapElement local = MapElement.builder()
                .put("role", config.role().keaName())
                .put("scopes", Element.list(filter.servedScopes().stream().map(Element::of).toList()))
                .put("server-name", name)
                .put("state", state.keaName())
                .put("system-time", CommunicationState.SYSTEM_TIME.format(java.time.Instant.now()))
                .build();
        MapElement.Builder servers = MapElement.builder().put("local", local);
        Optional<PeerConfig> partner = config.partner();
        if (config.mode() != HaMode.PASSIVE_BACKUP && config.role() != Role.BACKUP && partner.isPresent()) {
            servers.put("remote", comm.report().put("role", partner.get().role().keaName())
                    .put("server-name", partner.get().name()).build());
        }
        return servers.build();
    }

    public HookAnswer reset() {
        return onLoop(() -> {
            if (model.current() == HaState.WAITING) {
                return HookAnswer.ok("HA state machine already in WAITING state.");
            }
            transition(HaState.WAITING);
            runModel(HaEvent.NOP);
            return HookAnswer.ok("HA state machine reset.");
        });
    }

    public HookAnswer scopes(List<String> scopes) {
        return onLoop(() -> {
            try {
                filter.serveScopes(scopes);
            } catch (IllegalArgumentException e) {
                return HookAnswer.error(e.getMessage());
            }
            adjustNetworkState();
            return HookAnswer.ok("New HA scopes configured.");
        });
    }

    public HookAnswer resume() {
        return onLoop(() -> {
            if (model.unpause()) {
                KeaLog.info(log, "HA_STATE_MACHINE_CONTINUED", "{}: state machine is un-paused", name);
                runModel(HaEvent.NOP);
                return HookAnswer.ok("HA state machine continues.");
            }
            return HookAnswer.ok("HA state machine is not paused.");
        });
    }

    public HookAnswer sync(String serverName, long maxPeriod) {
        return onLoop(() -> {
            Optional<PeerConfig> remote = config.peer(serverName);
            if (remote.isEmpty()) {
                return HookAnswer.error("no configuration specified for server " + serverName);
            }
            if (remote.get().name().equals(name)) {
                return HookAnswer.error("'" + serverName + "' points to local server but should point to a partner");
            }
            Sync s = synchronize(remote.get(), maxPeriod);
            return new HookAnswer(s.ok() ? 0 : 1, s.message(), null);
        });
    }

    public HookAnswer syncCompleteNotify(long originId) {
        return onLoop(() -> {
            if (model.current() == HaState.PARTNER_DOWN) {
                syncCompleteNotified = true;
                network.disable(localOrigin);
            }
            network.enable(Origin.fromJson(originId));
            return HookAnswer.ok("Server successfully notified about the synchronization completion.");
        });
    }

    public HookAnswer maintenanceNotify(boolean cancel) {
        return onLoop(() -> {
            if (cancel) {
                if (model.current() != HaState.IN_MAINTENANCE) {
                    return HookAnswer.error("Unable to cancel the maintenance for the server not in the in-maintenance "
                            + "state.");
                }
                model.postNextEvent(HaEvent.MAINTENANCE_CANCEL);
                transition(model.previous());
                runModel(HaEvent.NOP);
                return HookAnswer.ok("Server maintenance canceled.");
            }
            switch (model.current()) {
                case BACKUP, PARTNER_IN_MAINTENANCE, TERMINATED -> {
                    return new HookAnswer(MAINTENANCE_NOT_ALLOWED, "Unable to transition the server from the "
                            + model.current().keaName() + " to in-maintenance state.", null);
                }
                default -> {
                    transition(HaState.IN_MAINTENANCE);
                    runModel(HaEvent.MAINTENANCE_NOTIFY);
                }
            }
            return HookAnswer.ok("Server is in-maintenance state.");
        });
    }

    public HookAnswer maintenanceStart() {
        return onLoop(() -> {
            switch (model.current()) {
                case BACKUP, IN_MAINTENANCE, PARTNER_IN_MAINTENANCE, TERMINATED -> {
                    return HookAnswer.error("Unable to transition the server from the " + model.current().keaName()
                            + " to partner-in-maintenance state.");
                }
                default -> { }
            }
            PeerConfig remote = config.partner().orElseThrow();
            int rcode;
            String error = null;
            boolean communication = false;
            try (PeerClient client = oneOff(remote)) {
                Answers.verify(client.call(PeerCommands.maintenanceNotify(name, false, state.keaName(),
                        family.service()), PeerClient.DEFAULT_TIMEOUT));
                rcode = 0;
            } catch (PeerException e) {
                rcode = e.result();
                error = e.getMessage();
                communication = e.isCommunication();
                if (communication) {
                    KeaLog.error(log, "HA_MAINTENANCE_NOTIFY_COMMUNICATIONS_FAILED", "{}: failed to send "
                            + "ha-maintenance-notify to {}: {}", name, remote.logLabel(), error);
                } else {
                    KeaLog.error(log, "HA_MAINTENANCE_NOTIFY_FAILED", "{}: error returned while processing "
                            + "ha-maintenance-notify by {}: {}", name, remote.logLabel(), error);
                }
                comm.setPartnerUnavailable();
            }
            if (communication || rcode == 1) {
                model.postNextEvent(HaEvent.MAINTENANCE_START);
                transition(HaState.PARTNER_DOWN);
                runModel(HaEvent.NOP);
                return HookAnswer.ok("Server is now in the partner-down state as its partner appears to be offline "
                        + "for maintenance.");
            }
            if (rcode == 0) {
                model.postNextEvent(HaEvent.MAINTENANCE_START);
                transition(HaState.PARTNER_IN_MAINTENANCE);
                runModel(HaEvent.NOP);
                return HookAnswer.ok("Server is now in the partner-in-maintenance state and its partner is "
                        + "in-maintenance state. The partner can be now safely shut down.");
            }
            return HookAnswer.error("Unable to transition to the partner-in-maintenance state. The partner server "
                    + "responded with the following message to the ha-maintenance-notify command: " + error + ".");
        });
    }

    public HookAnswer maintenanceCancel() {
        return onLoop(() -> {
            if (model.current() != HaState.PARTNER_IN_MAINTENANCE) {
                return HookAnswer.error("Unable to cancel maintenance request because the server is not in the "
                        + "partner-in-maintenance state.");
            }
            PeerConfig remote = config.partner().orElseThrow();
            try (PeerClient client = oneOff(remote)) {
                Answers.verify(client.call(PeerCommands.maintenanceNotify(name, true, state.keaName(),
                        family.service()), PeerClient.DEFAULT_TIMEOUT));
            } catch (PeerException e) {
                if (e.isCommunication()) {
                    KeaLog.error(log, "HA_MAINTENANCE_NOTIFY_CANCEL_COMMUNICATIONS_FAILED", "{}: failed to send "
                            + "ha-maintenance-notify to {} in attempt to cancel its maintenance: {}", name,
                            remote.logLabel(), e.getMessage());
                } else {
                    KeaLog.error(log, "HA_MAINTENANCE_NOTIFY_CANCEL_FAILED", "{}: error returned while processing "
                            + "ha-maintenance-notify by {} in attempt to cancel its maintenance: {}", name,
                            remote.logLabel(), e.getMessage());
                }
                comm.setPartnerUnavailable();
                return HookAnswer.error("Unable to cancel maintenance. The partner server responded with the following "
                        + "message to the ha-maintenance-notify command: " + e.getMessage() + ".");
            }
            model.postNextEvent(HaEvent.MAINTENANCE_CANCEL);
            transition(model.previous());
            runModel(HaEvent.NOP);
            return HookAnswer.ok("Server maintenance successfully canceled.");
        });
    }

    // ---------------------------------------------------------------- shutdown

    /** Stops heartbeats and connections and gives the DHCP service back (Kea's ~HAService). */
    @Override
    public void close() {
        closed = true;
        List.copyOf(oneOffs).forEach(PeerClient::close);
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.values().forEach(PeerClient::close);
        List.copyOf(oneOffs).forEach(PeerClient::close);
        network.enable(localOrigin);
    }
}
