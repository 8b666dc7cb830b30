package ruru.ha.state;

import java.util.Optional;

/**
 * The states of an HA server, with the names peers exchange in heartbeats. {@link #UNAVAILABLE}
 * is never a server's own state: it is what a server records for a partner it cannot reach.
 */
public enum HaState {
    BACKUP("backup"),
    COMMUNICATION_RECOVERY("communication-recovery"),
    HOT_STANDBY("hot-standby"),
    LOAD_BALANCING("load-balancing"),
    IN_MAINTENANCE("in-maintenance"),
    PARTNER_DOWN("partner-down"),
    PARTNER_IN_MAINTENANCE("partner-in-maintenance"),
    PASSIVE_BACKUP("passive-backup"),
    READY("ready"),
    SYNCING("syncing"),
    TERMINATED("terminated"),
    WAITING("waiting"),
    UNAVAILABLE("unavailable");

    private final String keaName;

    HaState(String keaName) {
        this.keaName = keaName;
    }

    /** The name in heartbeats, status-get and the configuration. */
    public String keaName() {
        return keaName;
    }

    /** The name as Kea's log messages print it (upper case). */
    public String logName() {
        return keaName.toUpperCase(java.util.Locale.ROOT);
    }

    public static Optional<HaState> byName(String name) {
        for (HaState s : values()) {
            if (s.keaName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** States in which this server answers DHCP queries (Kea's adjustNetworkState). */
    public boolean servesDhcp() {
        return switch (this) {
            case COMMUNICATION_RECOVERY, LOAD_BALANCING, HOT_STANDBY, PARTNER_DOWN, PARTNER_IN_MAINTENANCE,
                 PASSIVE_BACKUP, TERMINATED -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return keaName;
    }
}
