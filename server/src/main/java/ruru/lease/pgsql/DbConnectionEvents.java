package ruru.lease.pgsql;

/**
 * What the daemon does when its lease database connection goes and comes back (Kea's
 * {@code dbLostCallback}, {@code dbRecoveredCallback}, {@code dbFailedCallback}).
 */
public interface DbConnectionEvents {

    /** The connection was lost; return true to start reconnecting. */
    boolean lost(PgsqlSettings settings);

    /** A reconnect attempt succeeded. */
    void recovered();

    /** Every reconnect attempt failed. */
    void failed(PgsqlSettings settings);

    /** For tools (-T, ruru admin): nothing happens. */
    DbConnectionEvents NONE = new DbConnectionEvents() {
        @Override
        public boolean lost(PgsqlSettings settings) {
            return false;
        }

        @Override
        public void recovered() {
        }

        @Override
        public void failed(PgsqlSettings settings) {
        }
    };
}
