package ruru.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;

import ruru.io.IoErrors;

/**
 * Kea's memfile lease backend for either family: all leases in memory, every change appended to
 * the family's CSV file that Kea itself reads and writes ({@link LeaseFormat}), cleaned up by an
 * in-process LFC with Kea's file names.
 *
 * <p>Memory: leases live in a {@link LeaseTable}, one packed record per lease with int-array
 * indexes (by address, subnet, hostname, the family's identity keys, expiry per state, address
 * order); {@code Lease4}/{@code Lease6} objects are built when asked for.
 *
 * <p>Concurrency: a change holds the table's write lock while it checks the current lease, queues
 * its row and updates the indexes (O(1) apart from the expiry heap's and the address order's
 * O(log n)), so the file's row order per address is the memory order; it then waits for the row to
 * be written outside the lock (group commit, {@link LeaseFileWriter}). Rows are formatted and
 * records encoded before the lock is taken. Readers share the read lock.
 */
public class MemfileLeaseStore<A extends Comparable<A>, L extends Lease<A>> implements LeaseStore<A, L> {

    /** Loads of at least this many leases are followed by one full collection (see the constructor). */
    private static final int COLLECT_AFTER_LOADING = 100_000;

    /** What loading found: rows read and skipped over all files, and whether files were rewritten. */
    public record LoadSummary(long rows, long rowErrors, boolean converted) {
    }

    /** What distinguishes a family's store: its file format, its logger, its packed records (and identity keys). */
    record Family<A extends Comparable<A>, L extends Lease<A>>(LeaseFormat<A, L> format, Logger log,
            LeaseCodec<A, L> codec) {
        Family {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(log, "log");
            Objects.requireNonNull(codec, "codec");
        }
    }

    private final Family<A, L> family;
    private final MemfileSettings settings;
    private final LeaseCodec<A, L> codec;
    private final LeaseTable<A, L> table;
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
        this.codec = family.codec();
        this.table = new LeaseTable<>(codec, 0);
        if (!settings.persist()) {
            files = null;
            writer = null;
            loadSummary = new LoadSummary(0, 0, false);
            lfcTimer = null;
            converter = null;
            return;
        }
        files = new LeaseFiles(settings.file());
        // rows go straight into the table as records: no map of a million lease objects on the way
        loadSummary = load(new TableFill<>(table, codec));
        try {
            Path file = settings.file();
            if (loadSummary.converted()) {
                // .2 and .1 then hold exactly the leases loaded; the conversion rewrites them later
                conversion = convertLater();
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
        if (conversion != null) {
            converter = Thread.ofPlatform().name("lease-file-conversion").daemon().start(this::convertPending);
        } else {
            converter = null;
        }
        if (table.size() >= COLLECT_AFTER_LOADING) {
            // Loading parsed every row into short-lived objects and G1 grew the heap to keep up:
            // HeapFit gives it back with one concurrent cycle. The call waits for that whole cycle
            // (seconds with a million leases), so it runs on a thread of its own, off the start-up path.
            Thread.ofPlatform().name("lease-load-gc").daemon().start(HeapFit::afterLargeLoad);
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
            CsvLeaseLoader.Result r = loader.load(p, settings.maxRowErrors(), into, p.equals(files.file()));
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
    private LeaseFileConversion<A, L> convertLater() throws LeaseStoreException {
        family.log().warn("DHCPSRV_MEMFILE_CONVERTING_LEASE_FILES running LFC now to convert lease files to"
                + " the current schema: {}", family.format().schemaVersion());
        try {
            LeaseFileConversion<A, L> later = LeaseFileConversion.prepare(files, family.format(), codec, loader);
            if (later == null) {
                LeaseFileCleanup.rewriteFromMemory(files, family.format(), table.inOrder());
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
        } catch (IOException | LeaseStoreException | RuntimeException e) {
            // .2 and .1 still hold every lease, in the old schema: the next cleanup converts them
            family.log().error("DHCPSRV_MEMFILE_LFC_SPAWN_FAIL lease file conversion failed: {}",
                    e instanceof IOException io ? LeaseFileWriter.describe(io) : e.getMessage());
        } finally {
            lfcLock.unlock();
        }
        if (loadSummary.rows() >= COLLECT_AFTER_LOADING) {
            System.gc(); // the conversion read .2 and .1 into memory once more
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

    @Override
    public Optional<L> get(A address) {
        return Optional.ofNullable(table.get(address));
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
        byte[] key = codec.addressKey(a);
        byte[] next = updated == null ? null : codec.encode(updated);
        byte[] wanted = expected == null ? null : codec.encode(expected);
        // for a deletion, the row of the lease it deletes: the expected one, when it is still there
        byte[] row = writer == null ? null
                : updated == null ? family.format().formatDeletion(expected) : family.format().format(updated);
        LeaseFileWriter.Batch batch = null;
        byte[] previous;
        Lock lock = table.writeLock();
        lock.lock();
        try {
            previous = table.current(key);
            boolean ok = switch (mode) {
                case INSERT -> previous == null;
                case REPLACE, DELETE -> previous != null && Arrays.equals(previous, wanted);
                case PUT -> true;
            };
            if (!ok) {
                return false;
            }
            if (writer != null) {
                try {
                    batch = writer.append(row);
                } catch (IOException e) {
                    throw new LeaseStoreException("unable to write lease for " + a + ": " + IoErrors.describe(e), e);
                }
            }
            table.apply(previous, next);
        } finally {
            lock.unlock();
        }
        if (batch != null) {
            CommitGroup group = CommitGroup.deferring();
            if (group != null) {
                // the batch's rows go to the file together before any of its replies leaves
                group.queued(batch, new Queued(key, previous, next, a), health);
                return true;
            }
            try {
                batch.await();
            } catch (IOException e) {
                undo(key, previous, next);
                throw new LeaseStoreException("unable to write lease for " + a + " to " + settings.file()
                        + ": " + IoErrors.reasonFor(settings.file(), e), e);
            }
        }
        return true;
    }

    /** A change whose row waits for its batch's write ({@link CommitGroup}). */
    private final class Queued implements CommitGroup.Undo {
        private final byte[] key;
        private final byte[] previous;
        private final byte[] updated;
        private final A address;

        Queued(byte[] key, byte[] previous, byte[] updated, A address) {
            this.key = key;
            this.previous = previous;
            this.updated = updated;
            this.address = address;
        }

        @Override
        public void undo() {
            MemfileLeaseStore.this.undo(key, previous, updated);
        }

        @Override
        public String describe(IOException e) {
            return "unable to write lease for " + address + " to " + settings.file() + ": "
                    + IoErrors.reasonFor(settings.file(), e);
        }
    }

    /** Memory follows the file: a change whose row failed is undone unless a later change superseded it. */
    private void undo(byte[] key, byte[] previous, byte[] updated) {
        Lock lock = table.writeLock();
        lock.lock();
        try {
            if (table.current(key) == updated) {
                table.apply(updated, previous);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Leases whose identity key {@code which} (0 = the family's first) has exactly these bytes, by
     * address. Empty keys are never indexed.
     */
    protected List<L> byIdentity(int which, byte[] key) {
        return table.byField(1 + which, key);
    }

    /** Leases with identity key {@code which} in subnet {@code subnetId}, first to take that key first. */
    protected List<L> byIdentityInKeyOrder(int which, byte[] key, long subnetId) {
        return table.byFieldInKeyOrder(1 + which, key, subnetId);
    }

    @Override
    public List<L> byHostname(String hostname) {
        return table.byField(0, hostname.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public List<L> bySubnet(long subnetId) {
        return table.bySubnet(subnetId);
    }

    @Override
    public List<L> all() {
        return table.page(null, Integer.MAX_VALUE);
    }

    @Override
    public List<L> page(A after, int limit) {
        return table.page(after, limit);
    }

    @Override
    public List<LeaseCount> counts() {
        return table.counts();
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

    /**
     * O(log n + k) over the expiry heaps: only the leases that qualify are read, oldest first. As
     * Kea's memfile (its expiration index is searched up to and including the given second), a
     * lease whose expiry time is {@code at} itself qualifies: one that expires at second T is
     * reclaimed by the first cycle in second T, not one second later.
     */
    private List<L> expired(List<LeaseState> states, long at, int max) {
        return table.expiring(states, at + 1, max <= 0 ? Integer.MAX_VALUE : max);
    }

    @Override
    public int size() {
        return table.size();
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
        LeaseFiles.writeAtomically(file, family.format().headerLine(), table.inOrder(), family.format()::format);
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
            // this cleanup's compaction of .2 + .1 is the pending conversion, if any
            conversion = null;
            family.log().info("DHCPSRV_MEMFILE_LFC_START starting Lease File Cleanup");
            LeaseFileCleanup.rotate(files, writer, family.format().headerLine());
            LeaseFileCleanup.compact(files, family.format(), codec, loader);
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
