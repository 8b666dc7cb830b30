package ruru.lease.pgsql;

import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.state.NetworkState;
import ruru.daemon.state.Origin;

/**
 * Kea's on-fail policy as a DHCP daemon applies it ({@code ControlledDhcpv4Srv::dbLostCallback} and
 * its twins), for either family: {@code stop-retry-exit} disables the service (status-get lists the
 * origin under {@code disabled-by-db-connection}) until the connection is back; with no reconnect
 * configured, or when every attempt failed, the {@code *-exit} policies shut the server down with
 * exit value 1.
 *
 * @param prefix  the daemon's message-ID prefix, {@code DHCP4} or {@code DHCP6}
 * @param logger  the daemon's logger name, e.g. {@code kea-dhcp4.dhcp4}
 */
public final class DbLossPolicy implements DbConnectionEvents {

    /** Kea: the lease backend's connection disables the service as origin DB_CONNECTION + its id. */
    public static final Origin LEASE_DB_ORIGIN = new Origin(Origin.DB_CONNECTION);

    private final String prefix;
    private final Logger log;
    private final NetworkState state;
    private final IntConsumer shutdown;

    public DbLossPolicy(String prefix, String logger, NetworkState state, IntConsumer shutdown) {
        this.prefix = prefix;
        this.log = LoggerFactory.getLogger(logger);
        this.state = state;
        this.shutdown = shutdown;
    }

    @Override
    public boolean lost(PgsqlSettings s) {
        if (s.onFail().disablesService()) {
            state.disable(LEASE_DB_ORIGIN);
        }
        log.info("{}_DB_RECONNECT_LOST_CONNECTION database connection lost.", prefix);
        if (s.maxReconnectTries() == 0 || s.reconnectWaitMillis() == 0) {
            log.info("{}_DB_RECONNECT_DISABLED database reconnect is disabled: max-reconnect-tries {}, "
                    + "reconnect-wait-time {}", prefix, s.maxReconnectTries(), s.reconnectWaitMillis());
            if (s.onFail().exitsOnFailure()) {
                shutdown.accept(1);
            }
            return false;
        }
        return true;
    }

    @Override
    public void recovered() {
        state.enable(LEASE_DB_ORIGIN);
        log.info("{}_DB_RECONNECT_SUCCEEDED database connection recovered.", prefix);
    }

    @Override
    public void failed(PgsqlSettings s) {
        log.error("{}_DB_RECONNECT_FAILED maximum number of database reconnect attempts: {}, has been exhausted "
                + "without success", prefix, s.maxReconnectTries());
        if (s.onFail().exitsOnFailure()) {
            shutdown.accept(1);
        }
    }
}
