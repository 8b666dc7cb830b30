package ruru.ha.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import ruru.ha.state.HaState;

/**
 * One HA relationship (one entry of {@code high-availability}), validated. Times are in
 * milliseconds as configured. {@code peers} are ordered by name, as Kea keeps them.
 */
public record HaConfig(String thisServerName, HaMode mode, boolean sendLeaseUpdates, boolean syncLeases,
                       long syncTimeout, long syncPageLimit, long delayedUpdatesLimit, int heartbeatDelay,
                       int maxResponseDelay, int maxAckDelay, long maxUnackedClients, long maxRejectedLeaseUpdates,
                       boolean waitBackupAck, boolean requireClientCerts, boolean restrictCommands,
                       MultiThreading multiThreading, SortedMap<String, PeerConfig> peers,
                       Map<HaState, Pausing> pausing) {

    public HaConfig {
        peers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(peers));
        pausing = Map.copyOf(pausing);
    }

    public PeerConfig thisServer() {
        return peers.get(thisServerName);
    }

    public Role role() {
        return thisServer().role();
    }

    public Optional<PeerConfig> peer(String name) {
        return Optional.ofNullable(peers.get(name));
    }

    /** Every server but this one, in name order. */
    public List<PeerConfig> others() {
        return peers.values().stream().filter(p -> !p.name().equals(thisServerName)).toList();
    }

    /**
     * The partner: the first other server that is not a backup (Kea's getFailoverPeerConfig).
     * Absent for a backup-only view, e.g. passive-backup seen from the primary.
     */
    public Optional<PeerConfig> partner() {
        return others().stream().filter(p -> p.role() != Role.BACKUP).findFirst();
    }

    /** The state this server is in when all is well. */
    public HaState normalState() {
        if (role() == Role.BACKUP) {
            return HaState.BACKUP;
        }
        return switch (mode) {
            case LOAD_BALANCING -> HaState.LOAD_BALANCING;
            case HOT_STANDBY -> HaState.HOT_STANDBY;
            case PASSIVE_BACKUP -> HaState.PASSIVE_BACKUP;
        };
    }

    public Pausing pausing(HaState state) {
        return pausing.getOrDefault(state, Pausing.NEVER);
    }

    /** Whether a lost partner may lead to communication-recovery (load balancing with a backlog). */
    public boolean allowsCommunicationRecovery() {
        return mode == HaMode.LOAD_BALANCING && delayedUpdatesLimit > 0;
    }

    /** Whether this server exchanges heartbeats (not a backup, not passive-backup). */
    public boolean sendsHeartbeats() {
        return mode != HaMode.PASSIVE_BACKUP && role() != Role.BACKUP;
    }
}
