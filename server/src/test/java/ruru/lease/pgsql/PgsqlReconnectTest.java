package ruru.lease.pgsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.daemon.state.NetworkState;
import ruru.lease.LeaseStoreUnavailableException;
import ruru.testing.PgCluster;

/**
 * Kea's reconnect control against a real server that goes away: one lost-connection event however
 * many threads fail, attempts every reconnect-wait-time, recovery when the server is back, and the
 * on-fail policies' effect on the service state.
 */
class PgsqlReconnectTest {

    static PgCluster pg;

    @BeforeAll
    static void database() throws Exception {
        pg = PgCluster.start();
        pg.createDatabase("kea", "kea", "secret-kea");
        try (PgsqlAdmin admin = new PgsqlAdmin(PgsqlLease4StoreTest.settings(pg, "kea", ""))) {
            admin.init(SchemaVersion.KEA_3_0);
        }
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    static final class Recorder implements DbConnectionEvents {
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger recovered = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final CountDownLatch back = new CountDownLatch(1);
        final CountDownLatch gaveUp = new CountDownLatch(1);
        final DbConnectionEvents policy;

        Recorder(DbConnectionEvents policy) {
            this.policy = policy;
        }

        @Override
        public boolean lost(PgsqlSettings s) {
            lost.incrementAndGet();
            return policy.lost(s);
        }

        @Override
        public void recovered() {
            recovered.incrementAndGet();
            policy.recovered();
            back.countDown();
        }

        @Override
        public void failed(PgsqlSettings s) {
            failed.incrementAndGet();
            policy.failed(s);
            gaveUp.countDown();
        }
    }

    @Test
    void stopRetryExitDisablesTheServiceUntilTheConnectionIsBack() throws Exception {
        ExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        NetworkState state = new NetworkState(Executors.newSingleThreadScheduledExecutor());
        AtomicInteger exit = new AtomicInteger(-1);
        Recorder r = new Recorder(new DbLossPolicy("DHCP4", "kea-dhcp4.dhcp4", state, exit::set));
        PgsqlSettings s = PgsqlLease4StoreTest.settings(pg, "kea",
                ", \"max-reconnect-tries\": 100, \"reconnect-wait-time\": 100, \"connect-timeout\": 2");
        try (PgsqlDatabase db = PgsqlDatabase.open(s, new PgsqlDatabase.Options(4, "t", "kea-dhcp4.dhcpsrv"), r)) {
            PgsqlLease4Store store = new PgsqlLease4Store(db);
            assertThat(store.size()).isZero();
            pg.stopServer();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Runnable> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                threads.submit(() -> {
                    try {
                        store.size();
                    } catch (LeaseStoreUnavailableException e) {
                        // expected while the server is down
                    }
                });
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(r.lost.get()).isEqualTo(1);
            assertThat(state.isServiceEnabled()).isFalse();
            assertThat(state.toElement().get("disabled-by-db-connection").toString()).contains("3000");
            // while reconnecting, operations fail at once instead of waiting on the pool
            assertThatThrownBy(store::size).isInstanceOf(LeaseStoreUnavailableException.class)
                    .hasMessageContaining("reconnecting");
            pg.startServer();
            assertThat(r.back.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(state.isServiceEnabled()).isTrue();
            assertThat(store.size()).isZero();
            assertThat(exit.get()).isEqualTo(-1);
        } finally {
            timers.shutdownNow();
        }
    }

    /**
     * Loses the server under a serve-* policy, checks the service stays up and every attempt is
     * made, and returns the exit value the policy asked for (-1: none) with the store, server back.
     */
    private static int serveUntilTheLastAttempt(String onFail, int tries, PgsqlLease4Store[] storeOut,
                                                PgsqlDatabase[] dbOut) throws Exception {
        NetworkState state = new NetworkState(Executors.newSingleThreadScheduledExecutor());
        AtomicInteger exit = new AtomicInteger(-1);
        Recorder r = new Recorder(new DbLossPolicy("DHCP4", "kea-dhcp4.dhcp4", state, exit::set));
        PgsqlSettings s = PgsqlLease4StoreTest.settings(pg, "kea", ", \"max-reconnect-tries\": " + tries
                + ", \"reconnect-wait-time\": 50, \"connect-timeout\": 2, \"on-fail\": \"" + onFail + "\"");
        PgsqlDatabase db = PgsqlDatabase.open(s, new PgsqlDatabase.Options(2, "t", "kea-dhcp4.dhcpsrv"), r);
        dbOut[0] = db;
        storeOut[0] = new PgsqlLease4Store(db);
        pg.stopServer();
        try {
            assertThatThrownBy(storeOut[0]::size).isInstanceOf(LeaseStoreUnavailableException.class);
            assertThat(state.isServiceEnabled()).isTrue();
            assertThat(r.gaveUp.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(r.failed.get()).isEqualTo(1);
        } finally {
            pg.startServer();
        }
        return exit.get();
    }

    @Test
    void serveRetryContinueKeepsServingAndGoesOnAfterTheLastAttempt() throws Exception {
        PgsqlLease4Store[] store = new PgsqlLease4Store[1];
        PgsqlDatabase[] db = new PgsqlDatabase[1];
        try {
            assertThat(serveUntilTheLastAttempt("serve-retry-continue", 3, store, db)).isEqualTo(-1);
            // after the last attempt, a failing operation starts another cycle, which finds the server back
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> store[0].size() == 0);
        } finally {
            db[0].close();
        }
    }

    @Test
    void serveRetryExitShutsDownWhenEveryAttemptFailed() throws Exception {
        PgsqlLease4Store[] store = new PgsqlLease4Store[1];
        PgsqlDatabase[] db = new PgsqlDatabase[1];
        try {
            assertThat(serveUntilTheLastAttempt("serve-retry-exit", 2, store, db)).isEqualTo(1);
        } finally {
            db[0].close();
        }
    }

    @Test
    void aSchemaItCannotServeIsRefusedWithKeasText() throws Exception {
        pg.psql("postgres", "CREATE DATABASE old OWNER kea");
        pg.psql("old", "CREATE TABLE schema_version (version INT PRIMARY KEY, minor INT); "
                + "INSERT INTO schema_version VALUES (12, 0); ALTER TABLE schema_version OWNER TO kea");
        assertThatThrownBy(() -> PgsqlDatabase.open(PgsqlLease4StoreTest.settings(pg, "old", ""),
                new PgsqlDatabase.Options(1, "t", "kea-dhcp4.dhcpsrv"), DbConnectionEvents.NONE))
                .hasMessage("Unable to open database: PostgreSQL schema version mismatch: need version: 13.0 "
                        + "found version: 12.0");
        pg.psql("old", "UPDATE schema_version SET version = 30");
        assertThatThrownBy(() -> PgsqlDatabase.open(PgsqlLease4StoreTest.settings(pg, "old", ""),
                new PgsqlDatabase.Options(1, "t", "kea-dhcp4.dhcpsrv"), DbConnectionEvents.NONE))
                .hasMessage("Unable to open database: PostgreSQL schema version mismatch: need version: 29.0 "
                        + "found version: 30.0");
    }

    @Test
    void aWrongPasswordIsRefusedWithLibpqsWords() throws Exception {
        PgsqlSettings s = PgsqlSettings.parse((ruru.json.MapElement) ruru.json.Json.parse(
                "{ \"type\": \"postgresql\", \"name\": \"kea\", \"host\": \"" + pg.socketDir() + "\", \"port\": "
                        + pg.port() + ", \"user\": \"kea\", \"password\": \"wrong-one\" }",
                ruru.json.ParseOptions.string()), java.nio.file.Path.of("/"));
        assertThatThrownBy(() -> PgsqlDatabase.open(s, new PgsqlDatabase.Options(1, "t", "kea-dhcp4.dhcpsrv"),
                DbConnectionEvents.NONE))
                .hasMessage("Unable to open database: connection to server on socket \"" + pg.socketDir()
                        + "/.s.PGSQL." + pg.port() + "\" failed: FATAL:  password authentication failed for user \"kea\"");
    }
}
