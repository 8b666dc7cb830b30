package ruru.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;

import ruru.io.IoErrors;

/**
 * Kea's memfile lease backend for either family: all leases in memory, every change appended to
 * the family's CSV file that Kea itself reads and writes ({@link LeaseFormat}), cleaned up by an
 * in-process LFC with Kea's file names.
 *
 * <p>Concurrency: the primary map is a concurrent hash map (a lookup per packet stays O(1)), beside
 * a skip-list set of the addresses for paging and for writing files in Kea's address order. A
 * change to one address holds that address's stripe lock while it checks the current lease, queues
 * its row and updates the maps, so the file's row order per address is the memory order; it then
 * waits for the row to be written outside the lock (group commit, {@link LeaseFileWriter}).
 * Different addresses never wait for each other except for the shared write.
 *
 * <p>Secondary indexes are the subnet, the hostname, one expiry-ordered map per state (so
 * reclamation reads only what qualifies) and whatever identity keys the family adds (DUID, MAC,
 * client id), each a function from a lease to its key (null: not indexed).
 */
public class MemfileLeaseStore<A extends Comparable<A>, L extends Lease<A>> implements LeaseStore<A, L> {

    private static final int STRIPES = 1 << 12;
    /** Loads of at least this many leases are followed by one full collection (see the constructor). */
    private static final int COLLECT_AFTER_LOADING = 100_000;
    private static final int SUBNET = 0;
    private static final int HOSTNAME = 1;

    /** What loading found: rows read and skipped over all files, and whether files were rewritten. */
    public record LoadSummary(long rows, long rowErrors, boolean converted) {
    }

    /** What distinguishes a family's store: its file format, its logger, its identity keys. */
    public record Family<A extends Comparable<A>, L extends Lease<A>>(LeaseFormat<A, L> format, Logger log,
            List<Function<L, Object>> identityKeys) {
        public Family {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(log, "log");
            identityKeys = List.copyOf(identityKeys);
        }
    }

    /** Expiry-ordered key; infinite-lifetime leases are never added (they never expire). */
    private record Expiry<A extends Comparable<A>>(long expire, A address) implements Comparable<Expiry<A>> {
        @Override
        public int compareTo(Expiry<A> o) {
            int c = Long.compare(expire, o.expire);
            if (c != 0 || address == null || o.address == null) {
                return c != 0 ? c : address == null ? (o.address == null ? 0 : -1) : 1;
            }
            return address.compareTo(o.address);
        }
    }

    private final Family<A, L> family;
    private final MemfileSettings settings;
    private final ConcurrentHashMap<A, L> leases = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<A> order = new ConcurrentSkipListSet<>();
    private final List<Function<L, Object>> keys = new ArrayList<>();
    private final List<KeyIndex<Object, A>> indexes = new ArrayList<>();
    private final Map<LeaseState, ConcurrentSkipListMap<Expiry<A>, L>> byExpiry = new EnumMap<>(LeaseState.class);
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final LeaseFiles files;
    private final LeaseFileWriter writer;
    private final CsvLeaseLoader<A, L> loader;
    private final ReentrantLock lfcLock = new ReentrantLock();
    private final ScheduledExecutorService lfcTimer;
    private final LoadSummary loadSummary;
    private final WriteHealth health;
    /** The periodic cleanup's failures, logged once per episode like the writes' (timer thread only). */
    private boolean lfcFailing;
    /** Files of another schema still to be rewritten (guarded by lfcLock); see {@link LeaseFileConversion}. */
    private LeaseFileConversion<A, L> conversion;
    private final Thread converter;

    /** Opens the store: loads the files (see {@link #load}) and starts the LFC timer. */
    protected MemfileLeaseStore(Family<A, L> family, MemfileSettings settings, java.time.Clock clock)
            throws LeaseStoreException {
        this.family = family;
        this.settings = settings;
        this.health = new WriteHealth(settings.persist() ? "lease file " + settings.file() : "in-memory lease store",
                clock, family.log());
        this.loader = new CsvLeaseLoader<>(family.format(), family.log());
        keys.add(L::subnetId);
        keys.add(l -> l.hostname().isEmpty() ? null : l.hostname());
        keys.addAll(family.identityKeys());
        for (int i = 0; i < keys.size(); i++) {
            indexes.add(new KeyIndex<>());
        }
        for (LeaseState s : LeaseState.values()) {
            byExpiry.put(s, new ConcurrentSkipListMap<>());
        }
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        if (!settings.persist()) {
            files = null;
            writer = null;
            loadSummary = new LoadSummary(0, 0, false);
            lfcTimer = null;
            converter = null;
            return;
        }
        files = new LeaseFiles(settings.file());
        Map<A, L> loaded = new HashMap<>();
        loadSummary = load(loaded);
        try {
            Path file = settings.file();
            if (loadSummary.converted()) {
                conversion = convertLater(loaded);
            }
            if (!Files.exists(file) || Files.size(file) == 0) {
                Files.deleteIfExists(file);
                LeaseFiles.createWithHeader(file, family.format().headerLine());
            }
            writer = new LeaseFileWriter(file, settings.fsync(), health);
        } catch (IOException e) {
            throw new LeaseStoreException("unable to open lease file " + settings.file() + ": "
                    + IoErrors.reasonFor(settings.file(), e), e);
        }
        for (L l : loaded.values()) {
            apply(l.address(), null, l);
        }
        if (conversion != null) {
            converter = Thread.ofPlatform().name("lease-file-conversion").daemon().start(this::convertPending);
        } else {
            converter = null;
        }
        if (loaded.size() >= COLLECT_AFTER_LOADING) {
            loaded = null;
            // Loading parses every row into short-lived objects and G1 grows the heap to keep up
            // (some 5 GB committed and 2.1 GB resident for 1,000,000 leases). One collection now
            // gives back what the store does not keep. The launchers run the JVM with
            // -XX:+ExplicitGCInvokesConcurrent, so this starts a concurrent cycle (one young pause;
            // G1 shrinks the heap at its remark) instead of a full stop-the-world collection:
            // measured with 1,000,000 leases, 1.4 GB resident 5 s after the first answer instead
            // of 2.1 GB. -XX:+DisableExplicitGC turns it off. The call waits for the concurrent
            // cycle (seconds with a million leases), so it runs on a thread of its own, off the
            // start-up path; while a conversion still holds the loaded leases, it runs after that.
            if (conversion == null) {
                Thread.ofPlatform().name("lease-load-gc").daemon().start(System::gc);
            }
        }
        if (settings.lfcIntervalSeconds() > 0) {
            lfcTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("lease-file-cleanup").daemon().factory());
            long every = settings.lfcIntervalSeconds();
            lfcTimer.scheduleWithFixedDelay(this::periodicLfc, every, every, TimeUnit.SECONDS);
        } else {
            lfcTimer = null;
        }
    }

    /**
     * Kea's load order: a finished cleanup's result, else the previous result then the input; then
     * the file. Files of an older or newer schema are rewritten at once (Kea runs an LFC then). The
     * parent directory must exist: it is never created here.
     */
    private LoadSummary load(Map<A, L> into) throws LeaseStoreException {
        Path dir = settings.file().toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new LeaseStoreException("lease file directory " + dir + " does not exist");
        }
        refuseWhileKeaLfcRuns(files);
        for (Path p : List.of(files.file(), files.dot1(), files.dot2(), files.output(), files.completed())) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
                throw new LeaseStoreException("unable to open lease file " + settings.file() + ": " + p
                        + " exists and is not a regular file");
            }
        }
        long rows = 0;
        long errors = 0;
        boolean convert = false;
        for (Path p : files.loadOrder()) {
            CsvLeaseLoader.Result r = loader.load(p, settings.maxRowErrors(), into);
            if (r != null) {
                rows += r.rows();
                errors += r.errors();
                convert |= r.needsConversion();
            }
        }
        return new LoadSummary(rows, errors, convert);
    }

    /**
     * Files of another schema: rotated now so that new rows go to a file in the current schema,
     * rewritten after start-up by {@link #convertPending} (Kea runs kea-lfc then). When an
     * unfinished cleanup prevents the rotation, they are rewritten now, before anything is served.
     */
    private LeaseFileConversion<A, L> convertLater(Map<A, L> loaded) throws LeaseStoreException {
        family.log().warn("DHCPSRV_MEMFILE_CONVERTING_LEASE_FILES running LFC now to convert lease files to"
                + " the current schema: {}", family.format().schemaVersion());
        try {
            LeaseFileConversion<A, L> later = LeaseFileConversion.prepare(files, family.format(), loaded.values());
            if (later == null) {
                LeaseFileCleanup.rewriteFromMemory(files, family.format(), new TreeMap<>(loaded).values());
            }
            return later;
        } catch (IOException e) {
            throw new LeaseStoreException("unable to convert lease file " + settings.file() + ": "
                    + IoErrors.reasonFor(settings.file(), e), e);
        }
    }

    /** The background half of a conversion, unless an LFC has done it meanwhile. */
    private void convertPending() {
        if (conversion != null) {
            conversion.pause(LeaseFileConversion.Stage.ROTATED);
        }
        lfcLock.lock();
        try {
            if (conversion == null) {
                return;
            }
            LeaseFileConversion<A, L> c = conversion;
            conversion = null;
            family.log().info("DHCPSRV_MEMFILE_LFC_START starting Lease File Cleanup");
            c.write();
        } catch (IOException | RuntimeException e) {
            // .2 and .1 still hold every lease, in the old schema: the next cleanup converts them
            family.log().error("DHCPSRV_MEMFILE_LFC_SPAWN_FAIL lease file conversion failed: {}",
                    LeaseFileWriter.describe(e instanceof IOException io ? io : new IOException(e)));
        } finally {
            lfcLock.unlock();
        }
        if (loadSummary.rows() >= COLLECT_AFTER_LOADING) {
            System.gc(); // the leases loaded at start were kept for the conversion (see the constructor)
        }
    }

    /** Kea refuses to load while a kea-lfc it started (named in {@code F.pid}) still works on the files. */
    private static void refuseWhileKeaLfcRuns(LeaseFiles files) throws LeaseStoreException {
        try {
            if (!Files.exists(files.pid())) {
                return;
            }
            long pid = Long.parseLong(Files.readString(files.pid()).strip());
            if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new LeaseStoreException(
                        "unable to load leases from files while the lease file cleanup is in progress");
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable or stale pid file does not mean a cleanup runs (Kea checks the same way)
        }
    }

    public LoadSummary loadSummary() {
        return loadSummary;
    }

    private ReentrantLock stripe(A a) {
        int h = a.hashCode() * 0x9E3779B1;
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    @Override
    public Optional<L> get(A address) {
        return Optional.ofNullable(leases.get(address));
    }

    @Override
    public boolean insert(L lease) throws LeaseStoreException {
        return change(lease.address(), null, lease, Mode.INSERT);
    }

    @Override
    public boolean replace(L expected, L updated) throws LeaseStoreException {
        if (!expected.address().equals(updated.address())) {
            throw new IllegalArgumentException("replace must keep the address: " + expected.address()
                    + " != " + updated.address());
        }
        return change(expected.address(), expected, updated, Mode.REPLACE);
    }

    @Override
    public boolean delete(L expected) throws LeaseStoreException {
        return change(expected.address(), expected, null, Mode.DELETE);
    }

    @Override
    public void put(L lease) throws LeaseStoreException {
        change(lease.address(), null, lease, Mode.PUT);
    }

    private enum Mode { INSERT, REPLACE, DELETE, PUT }

    private boolean change(A a, L expected, L updated, Mode mode) throws LeaseStoreException {
        LeaseFileWriter.Batch batch = null;
        L previous;
        ReentrantLock lock = stripe(a);
        lock.lock();
        try {
            previous = leases.get(a);
            boolean ok = switch (mode) {
                case INSERT -> previous == null;
                case REPLACE, DELETE -> previous != null && previous.equals(expected);
                case PUT -> true;
            };
            if (!ok) {
                return false;
            }
            if (writer != null) {
                byte[] row = updated == null ? family.format().formatDeletion(previous) : family.format().format(updated);
                try {
                    batch = writer.append(row);
                } catch (IOException e) {
                    throw new LeaseStoreException("unable to write lease for " + a + ": " + IoErrors.describe(e), e);
                }
            }
            apply(a, previous, updated);
        } finally {
            lock.unlock();
        }
        if (batch != null) {
            try {
                batch.await();
            } catch (IOException e) {
                undo(a, previous, updated);
                throw new LeaseStoreException("unable to write lease for " + a + " to " + settings.file()
                        + ": " + IoErrors.reasonFor(settings.file(), e), e);
            }
        }
        return true;
    }

    /** Memory follows the file: a change whose row failed is undone unless a later change superseded it. */
    private void undo(A a, L previous, L updated) {
        ReentrantLock lock = stripe(a);
        lock.lock();
        try {
            if (leases.get(a) == updated) {
                apply(a, updated, previous);
            }
        } finally {
            lock.unlock();
        }
    }

    private void apply(A a, L previous, L updated) {
        if (updated == null) {
            leases.remove(a);
            order.remove(a);
        } else {
            leases.put(a, updated);
            if (previous == null) {
                order.add(a);
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            Object oldKey = previous == null ? null : keys.get(i).apply(previous);
            Object newKey = updated == null ? null : keys.get(i).apply(updated);
            if (!Objects.equals(oldKey, newKey)) {
                if (oldKey != null) {
                    indexes.get(i).remove(oldKey, a);
                }
                if (newKey != null) {
                    indexes.get(i).add(newKey, a);
                }
            }
        }
        if (previous != null && previous.validLifetime() != Lease.INFINITE_LIFETIME) {
            byExpiry.get(previous.state()).remove(new Expiry<>(previous.expire(), a));
        }
        if (updated != null && updated.validLifetime() != Lease.INFINITE_LIFETIME) {
            byExpiry.get(updated.state()).put(new Expiry<>(updated.expire(), a), updated);
        }
    }

    /**
     * Leases under {@code key} in the family's identity index {@code which} (0 = the first of
     * {@link Family#identityKeys()}), re-checked with {@code still} against the primary map.
     */
    protected List<L> byIdentity(int which, Object key, Predicate<L> still) {
        return resolve(indexes.get(2 + which).get(key), still);
    }

    @Override
    public List<L> byHostname(String hostname) {
        return resolve(indexes.get(HOSTNAME).get(hostname), l -> l.hostname().equals(hostname));
    }

    @Override
    public List<L> bySubnet(long subnetId) {
        return resolve(indexes.get(SUBNET).get(subnetId), l -> l.subnetId() == subnetId);
    }

    /** Index hits re-checked against the primary map (an index may lag a change in flight), by address. */
    private List<L> resolve(Collection<A> addresses, Predicate<L> still) {
        List<L> out = new ArrayList<>(addresses.size());
        for (A a : addresses) {
            L l = leases.get(a);
            if (l != null && still.test(l)) {
                out.add(l);
            }
        }
        out.sort(Comparator.comparing(Lease::address));
        return out;
    }

    @Override
    public List<L> all() {
        return inOrder(order, Integer.MAX_VALUE);
    }

    private List<L> inOrder(Iterable<A> addresses, int limit) {
        List<L> out = new ArrayList<>(Math.min(limit, Math.max(16, leases.size())));
        for (A a : addresses) {
            if (out.size() >= limit) {
                break;
            }
            L l = leases.get(a);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public List<L> page(A after, int limit) {
        return inOrder(after == null ? order : order.tailSet(after, false), limit);
    }

    @Override
    public List<L> expired(long nowEpoch, int max) {
        return expired(List.of(LeaseState.DEFAULT), nowEpoch, max);
    }

    @Override
    public List<L> expiredDeclined(long nowEpoch, int max) {
        return expired(List.of(LeaseState.DECLINED), nowEpoch, max);
    }

    @Override
    public List<L> reclaimedBefore(long epoch, int max) {
        return expired(List.of(LeaseState.EXPIRED_RECLAIMED, LeaseState.RELEASED), epoch, max);
    }

    /** O(log n + k) over the expiry index: only the leases that qualify are read, oldest first. */
    private List<L> expired(List<LeaseState> states, long before, int max) {
        int limit = max <= 0 ? Integer.MAX_VALUE : max;
        List<L> out = new ArrayList<>();
        Expiry<A> bound = new Expiry<>(before, null);
        for (LeaseState state : states) {
            int taken = 0;
            for (L l : byExpiry.get(state).headMap(bound, false).values()) {
                if (taken++ >= limit) {
                    break;
                }
                out.add(l);
            }
        }
        if (states.size() > 1) {
            out.sort(Comparator.<L>comparingLong(Lease::expire).thenComparing(Lease::address));
            if (out.size() > limit) {
                out = new ArrayList<>(out.subList(0, limit));
            }
        }
        return out;
    }

    @Override
    public int size() {
        return leases.size();
    }

    @Override
    public void writeTo(Path file) throws IOException {
        if (files != null && Files.exists(file) && Files.isSameFile(file, files.file())) {
            throw new IOException("refusing to overwrite the live lease file " + file);
        }
        Path live = files == null ? null : files.file().toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        if (live != null && target.getParent().equals(live.getParent())
                && target.getFileName().toString().startsWith(live.getFileName() + ".")) {
            throw new IOException("refusing to overwrite " + file + ", a lease file cleanup file of " + live);
        }
        LeaseFiles.writeAtomically(file, family.format().headerLine(), all(), family.format()::format);
    }

    /**
     * Runs a lease file cleanup now on the calling thread (what the {@code lfc-interval} timer does).
     * Packet threads keep writing: they wait only while the file is renamed and recreated.
     */
    public void runLfcNow() throws LeaseStoreException {
        if (writer == null) {
            return;
        }
        lfcLock.lock();
        try {
            if (conversion != null) {
                // this cleanup's compaction of .2 + .1 is the pending conversion
                conversion.drop();
                conversion = null;
            }
            family.log().info("DHCPSRV_MEMFILE_LFC_START starting Lease File Cleanup");
            LeaseFileCleanup.rotate(files, writer, family.format().headerLine());
            LeaseFileCleanup.compact(files, family.format(), loader);
        } catch (IOException e) {
            // The files are as before the step that failed; the next cleanup starts from there.
            health.counted();
            throw new LeaseStoreException("lease file cleanup of " + files.file() + " failed: "
                    + LeaseFileWriter.describe(e), e);
        } finally {
            lfcLock.unlock();
        }
    }

    private void periodicLfc() {
        try {
            runLfcNow();
            if (lfcFailing) {
                lfcFailing = false;
                family.log().info("DHCPSRV_MEMFILE_LFC_RECOVERED lease file cleanup succeeds again");
            }
        } catch (LeaseStoreException | RuntimeException e) {
            if (!lfcFailing) {
                family.log().error("DHCPSRV_MEMFILE_LFC_SPAWN_FAIL lease file cleanup failed: {} (not logged again"
                        + " until a cleanup succeeds)", e.getMessage());
            }
            lfcFailing = true;
        }
    }

    @Override
    public Optional<WriteHealth> writeHealth() {
        return Optional.of(health);
    }

    @Override
    public void close() {
        if (converter != null) {
            // a conversion in progress finishes first: its files then need no second pass
            try {
                converter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (lfcTimer != null) {
            lfcTimer.shutdownNow();
            try {
                lfcTimer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (writer != null) {
            writer.close();
        }
    }
}
