package ruru.dhcp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.daemon.config.ConfigException;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp.config.LeaseDatabase;
import ruru.lease.Lease4Store;
import ruru.lease.LeaseStoreException;
import ruru.lease.MemfileLease4Store;
import ruru.lease.MemfileSettings;
import ruru.lease.TimedLease4Store;
import ruru.lease.pgsql.PgsqlDatabase;
import ruru.lease.pgsql.PgsqlLease4Store;
import ruru.lease.pgsql.PgsqlLeaseStores;

/**
 * Which store a DHCP service keeps across reconfigurations (both families use this): the same file
 * keeps its store, another file gets a new one that replaces the old only when committed, a failed
 * configuration's store is closed again, and the write-failure statistic exists from the start.
 */
class ServiceLeaseStoreTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final StatsManager stats = new StatsManager();
    private int opens;
    /** The raw stores closed so far. */
    private final java.util.Set<Lease4Store> closed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The memfile store, recording its close. */
    private Lease4Store recorded(Lease4Store real) {
        Lease4Store[] self = new Lease4Store[1];
        self[0] = (Lease4Store) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Lease4Store.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.add(self[0]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return self[0];
    }

    private boolean isClosed(ServiceLeaseStore.Next<Lease4Store> next) {
        return closed.contains(((TimedLease4Store) next.store()).unwrap());
    }

    private final ServiceLeaseStore<Lease4Store> stores = new ServiceLeaseStore<>(PgsqlLeaseStores.V4,
            new ServiceLeaseStore.Backends<>() {
                @Override
                public Lease4Store memfile(MemfileSettings settings, Clock clock) throws LeaseStoreException {
                    opens++;
                    return recorded(MemfileLease4Store.open(settings, clock));
                }

                @Override
                public Lease4Store postgresql(PgsqlDatabase database) {
                    return new PgsqlLease4Store(database);
                }

                @Override
                public Lease4Store timed(Lease4Store store, LongConsumer observer) {
                    return new TimedLease4Store(store, observer);
                }
            }, stats, "v4-lease-write-fail", new NetworkState(timers), Clock.systemUTC());

    @AfterEach
    void close() {
        stores.close();
        timers.shutdownNow();
    }

    private LeaseDatabase memfile(String name, long lfc) {
        return new LeaseDatabase("memfile", true, Optional.of(dir.resolve(name)), lfc, 0);
    }

    @Test
    void theSameFileKeepsItsStoreAndAnotherFileReplacesItOnCommit() throws Exception {
        ServiceLeaseStore.Next<Lease4Store> first = stores.next(memfile("a.csv", 3600), 2);
        assertTrue(first.opened());
        assertFalse(stats.has("v4-lease-write-fail"));
        stores.commit(first);
        assertEquals(new ruru.daemon.stats.StatValue.IntegerValue(0), stats.value("v4-lease-write-fail").orElseThrow());
        assertEquals(Optional.of(dir.resolve("a.csv").toAbsolutePath()), stores.leaseFile());

        // another lfc-interval or thread count on the same file: the same store
        ServiceLeaseStore.Next<Lease4Store> same = stores.next(memfile("a.csv", 60), 8);
        assertFalse(same.opened());
        assertSame(first.store(), same.store());
        stores.commit(same);
        assertEquals(1, opens);

        ServiceLeaseStore.Next<Lease4Store> other = stores.next(memfile("b.csv", 3600), 2);
        assertTrue(other.opened());
        assertNotSame(first.store(), other.store());
        assertTrue(Files.exists(dir.resolve("b.csv")));
        // until committed, the old store is the one in force
        assertEquals(Optional.of(dir.resolve("a.csv").toAbsolutePath()), stores.leaseFile());
        assertFalse(isClosed(first));
        stores.commit(other);
        assertTrue(isClosed(first), "the replaced store is closed");
        assertFalse(isClosed(other));
        assertEquals(Optional.of(dir.resolve("b.csv").toAbsolutePath()), stores.leaseFile());
        assertEquals(2, opens);
    }

    @Test
    void aFailedConfigurationsStoreIsClosedAndTheOldOneStays() throws Exception {
        ServiceLeaseStore.Next<Lease4Store> first = stores.next(memfile("a.csv", 3600), 1);
        stores.commit(first);
        ServiceLeaseStore.Next<Lease4Store> other = stores.next(memfile("b.csv", 3600), 1);
        stores.abandon(other);
        assertTrue(isClosed(other));
        assertEquals(Optional.of(dir.resolve("a.csv").toAbsolutePath()), stores.leaseFile());
        // abandoning a configuration that kept the store in force does not close it
        ServiceLeaseStore.Next<Lease4Store> same = stores.next(memfile("a.csv", 3600), 1);
        stores.abandon(same);
        assertFalse(isClosed(first));
        stores.close();
        assertTrue(isClosed(first));
    }

    @Test
    void aStoreThatCannotBeOpenedIsAConfigurationError() {
        LeaseDatabase missing = new LeaseDatabase("memfile", true, Optional.of(dir.resolve("no/such/dir/x.csv")), 0, 0);
        ConfigException e = assertThrows(ConfigException.class, () -> stores.next(missing, 1));
        assertTrue(e.getMessage().startsWith("unable to open the lease database: "), e.getMessage());
        assertEquals(Optional.empty(), stores.leaseFile());
    }

    @Test
    void withoutPersistThereIsNoLeaseFile() throws Exception {
        stores.commit(stores.next(new LeaseDatabase("memfile", false, Optional.empty(), 0, 0), 1));
        assertEquals(Optional.empty(), stores.leaseFile());
    }
}
