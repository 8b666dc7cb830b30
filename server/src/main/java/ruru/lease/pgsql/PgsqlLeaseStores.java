package ruru.lease.pgsql;

import java.util.function.IntConsumer;

import ruru.daemon.state.NetworkState;
import ruru.lease.LeaseStoreException;

/**
 * How a DHCP daemon opens its lease store on PostgreSQL: a pool of a connection per packet thread
 * plus two, Kea's on-fail policy applied to the daemon's service state, and the daemon's logger
 * names; and what -T checks (the connection and the schema version).
 *
 * @param family  4 or 6
 */
public record PgsqlLeaseStores(int family) {

    public static final PgsqlLeaseStores V4 = new PgsqlLeaseStores(4);
    public static final PgsqlLeaseStores V6 = new PgsqlLeaseStores(6);

    /** The settings a store was opened with: the same ones keep their pool across reconfigurations. */
    public record Opened(PgsqlSettings settings, int poolSize) {
    }

    /** What a store for {@code threads} packet threads is opened with. */
    public static Opened settings(PgsqlSettings s, int threads) {
        return new Opened(s, threads + 2);
    }

    private String daemon() {
        return "kea-dhcp" + family;
    }

    /**
     * Opens the database and reads its schema; a lost connection later disables the service in
     * {@code state} and, with an on-fail *-exit policy, hands exit value 1 to {@code shutdown}.
     */
    public PgsqlDatabase open(Opened o, NetworkState state, IntConsumer shutdown) throws LeaseStoreException {
        return PgsqlDatabase.open(o.settings(), new PgsqlDatabase.Options(o.poolSize(), "ruru-dhcp" + family,
                daemon() + ".dhcpsrv"), new DbLossPolicy("DHCP" + family, daemon() + ".dhcp" + family, state, shutdown));
    }

    /** -T: Kea opens the lease database (connection, schema version) and closes it again. */
    public void check(PgsqlSettings s) throws LeaseStoreException {
        try (PgsqlDatabase db = PgsqlDatabase.open(s, new PgsqlDatabase.Options(1, "ruru-dhcp" + family + "-check",
                daemon() + ".dhcpsrv"), DbConnectionEvents.NONE)) {
            db.schema();
        }
    }
}
