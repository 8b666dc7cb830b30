package ruru.lease;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Group commit of one packet batch's lease rows (either family, memfile): while a reader thread
 * answers the batch it read, the rows of the exchanges that may wait ({@link #next}) are queued to
 * the lease file without waiting, and the whole batch's rows go to the file with one write(2) when
 * the batch is settled ({@link #settle}), which the packet runtime does before any of the batch's
 * replies leaves. So "a lease is written before its reply leaves" holds, at one system call per
 * batch instead of one per exchange.
 *
 * <p>A write that fails (or is short: the file is then cut back to where the write began, see
 * {@link LeaseFileWriter}) fails exactly the exchanges that had a row in it: each one's in-memory
 * lease changes are undone, newest first, as a failed write of a single exchange is undone, its
 * compensations run ({@link #onFailure}: statistics counted back, the drop counted and logged), and
 * its reply is not sent. The failure is counted once per failed exchange in the store's
 * {@link WriteHealth}. The next batch starts afresh and tries again.
 *
 * <p>Exchanges that may not wait (other threads: workers, control commands, reclamation, HA; and
 * exchanges whose flow has effects outside the server after a write: hooks, DNS updates) never
 * see a group and wait for their own rows as before. Confined to its thread; one per thread, reused.
 */
public final class CommitGroup {

    /** What a queued row changed, undone if its write fails. */
    interface Undo {
        void undo();

        /** The failure in the words a failed write of a single exchange uses. */
        String describe(IOException e);
    }

    /** Run for an exchange whose rows could not be written. */
    @FunctionalInterface
    public interface Compensation {
        void failed(String error);
    }

    /** Set on a thread once it answers a batch (other threads never get one). */
    private static final ThreadLocal<CommitGroup> THREAD = new ThreadLocal<>();

    private boolean open;
    private int exchange = -1;
    private boolean deferring;
    private LeaseFileWriter.Batch[] batches = new LeaseFileWriter.Batch[64];
    private Undo[] undos = new Undo[64];
    private WriteHealth[] healths = new WriteHealth[64];
    private int[] rowOwners = new int[64];
    private int rows;
    private Compensation[] compensations = new Compensation[64];
    private int[] compensationOwners = new int[64];
    private int compensated;
    /** Exchanges failed in this batch, kept until {@link #end} (they stay failed). */
    private final BitSet failed = new BitSet();
    private final BitSet failing = new BitSet();

    private CommitGroup() {
    }

    /** The calling thread's group, opened for a new batch (numbering restarts at 0). */
    public static CommitGroup begin() {
        CommitGroup g = THREAD.get();
        if (g == null) {
            g = new CommitGroup();
            THREAD.set(g);
        }
        g.open = true;
        g.exchange = -1;
        g.deferring = false;
        g.failed.clear();
        return g;
    }

    /** The calling thread's group while it answers a batch, else null. */
    public static CommitGroup current() {
        CommitGroup g = THREAD.get();
        return g != null && g.open ? g : null;
    }

    /**
     * The calling thread's group when its current exchange may leave its rows to the batch's
     * write, else null (then a change waits for its own row, as outside a batch).
     */
    public static CommitGroup deferring() {
        CommitGroup g = THREAD.get();
        return g != null && g.open && g.deferring ? g : null;
    }

    /** The next exchange of the batch (numbered from 0 in call order); {@code mayWait}: its rows may wait for the batch's write. */
    public void next(boolean mayWait) {
        exchange++;
        deferring = mayWait;
    }

    /** Stops deferring for the rest of the current exchange (its rows so far still wait for the batch). */
    public void stopDeferring() {
        deferring = false;
    }

    /** A row queued in {@code batch} for the current exchange, not awaited yet. */
    void queued(LeaseFileWriter.Batch batch, Undo undo, WriteHealth health) {
        if (rows == undos.length) {
            int n = rows * 2;
            batches = Arrays.copyOf(batches, n);
            undos = Arrays.copyOf(undos, n);
            healths = Arrays.copyOf(healths, n);
            rowOwners = Arrays.copyOf(rowOwners, n);
        }
        batches[rows] = batch;
        undos[rows] = undo;
        healths[rows] = health;
        rowOwners[rows] = exchange;
        rows++;
    }

    /** Runs {@code c} if the current exchange's rows cannot be written (only while deferring). */
    public void onFailure(Compensation c) {
        if (compensated == compensations.length) {
            compensations = Arrays.copyOf(compensations, compensated * 2);
            compensationOwners = Arrays.copyOf(compensationOwners, compensated * 2);
        }
        compensations[compensated] = c;
        compensationOwners[compensated] = exchange;
        compensated++;
    }

    /** Whether the current exchange has rows waiting for the batch's write. */
    public boolean pending() {
        return rows > 0 && rowOwners[rows - 1] == exchange;
    }

    /**
     * Writes the rows queued so far (one write(2) for all of them unless another thread's write
     * took some first) and settles their exchanges: those whose rows failed are undone and
     * compensated, and marked in {@code failedOut} (by number). Safe to call again.
     */
    public void settle(BitSet failedOut) {
        boolean wasDeferring = deferring;
        deferring = false; // compensations count back outside the group
        try {
            settleRows();
        } finally {
            deferring = wasDeferring;
        }
        if (failedOut != null) {
            failedOut.or(failed);
        }
    }

    private void settleRows() {
        if (rows > 0) {
            failing.clear();
            String[] errors = null;
            LeaseFileWriter.Batch last = null;
            IOException lastError = null;
            for (int i = 0; i < rows; i++) {
                LeaseFileWriter.Batch b = batches[i];
                if (b != last) {
                    last = b;
                    lastError = b.outcome();
                }
                if (lastError != null) {
                    int owner = rowOwners[i];
                    if (!failing.get(owner)) {
                        failing.set(owner);
                        if (errors == null) {
                            errors = new String[exchange + 1];
                        }
                        errors[owner] = undos[i].describe(lastError);
                        if (failing.cardinality() > 1 && sharesBatch(i, b)) {
                            healths[i].counted(); // the writer counted the batch's first failed exchange
                        }
                    }
                }
            }
            if (!failing.isEmpty()) {
                for (int i = rows - 1; i >= 0; i--) {
                    if (failing.get(rowOwners[i])) {
                        undos[i].undo();
                    }
                }
                for (int i = 0; i < compensated; i++) {
                    int owner = compensationOwners[i];
                    if (failing.get(owner)) {
                        compensations[i].failed(errors[owner]);
                    }
                }
                failed.or(failing);
            }
            Arrays.fill(batches, 0, rows, null);
            Arrays.fill(undos, 0, rows, null);
            Arrays.fill(healths, 0, rows, null);
            rows = 0;
        }
        Arrays.fill(compensations, 0, compensated, null);
        compensated = 0;
    }

    /** Whether an earlier failed exchange had a row in the same write as row {@code i}. */
    private boolean sharesBatch(int i, LeaseFileWriter.Batch b) {
        for (int k = 0; k < i; k++) {
            if (batches[k] == b && failing.get(rowOwners[k]) && rowOwners[k] != rowOwners[i]) {
                return true;
            }
        }
        return false;
    }

    /** Whether exchange {@code n} of this batch failed. */
    public boolean failed(int n) {
        return failed.get(n);
    }

    /** The batch is over: settles what is left and closes the group. */
    public void end() {
        try {
            settle(null);
        } finally {
            open = false;
            deferring = false;
            failed.clear();
        }
    }
}
