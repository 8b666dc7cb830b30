package ruru.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import ruru.io.IoErrors;

/**
 * Appends rows to the lease file with group commit: a packet thread adds its row to the open batch
 * and then waits for it ({@link Batch#await}); the first waiter that finds no write in progress
 * becomes the writer, takes the whole open batch, writes it with one write(2) (and an fsync when
 * asked) and releases every waiter of that batch. While it writes, the rows of other threads
 * gather in the next batch, whose first waiter writes it next. A caller returns only once its row
 * is in the kernel, so a crash of the JVM cannot lose it, yet the file sees one write per batch
 * instead of one per row; and a lone row is written by its own thread, with no hand-off to another
 * thread and back. Rows appear in the order {@link #append} was called.
 *
 * <p>A batch that cannot be written (a full disk, an I/O error, a failed fsync) fails its callers
 * only: the file is cut back to where the batch began, so no torn row is left for the next batch
 * to follow, and the next batch tries again. If even that cannot be done, or the file could not be
 * reopened after a cleanup, the repair is retried before the next batch; no row is ever appended
 * after a torn one. {@link WriteHealth} counts the failures and logs each episode once.
 */
final class LeaseFileWriter implements AutoCloseable {

    private static final int INITIAL_BUFFER = 64 << 10;

    /**
     * Rows waiting for one write. The rows go straight into a direct buffer (the file channel would
     * otherwise copy a heap array into one per write); the buffer of a written batch serves the
     * batch after next, so two buffers serve every batch and the packet path allocates none.
     */
    final class Batch {
        private ByteBuffer bytes;
        private boolean done; // guarded by queueLock
        private IOException failure; // written before done, under queueLock

        private Batch(ByteBuffer buffer) {
            this.bytes = buffer.clear();
        }

        private int length() {
            return bytes.position();
        }

        private void add(byte[] row) {
            if (bytes.remaining() < row.length) {
                ByteBuffer grown = ByteBuffer.allocateDirect(Math.max(bytes.capacity() * 2, bytes.position() + row.length));
                bytes = grown.put(bytes.flip());
            }
            bytes.put(row);
        }

        /**
         * Blocks until the batch is written, writing it (and what joined it) on this thread when no
         * write is in progress. Not interruptible: the row is either in the file or failed.
         */
        void await() throws IOException {
            IOException error = outcome();
            if (error != null) {
                throw error;
            }
        }

        /** As {@link #await}, the failure returned (null when written): a {@link CommitGroup} settling. */
        IOException outcome() {
            IOException error = commit(this);
            return error == null ? null : new IOException(IoErrors.describe(error), error);
        }
    }

    private final Path file;
    private final boolean fsync;
    private final WriteHealth health;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition written = queueLock.newCondition();
    private final Object channelLock = new Object();
    private Batch open = new Batch(ByteBuffer.allocateDirect(INITIAL_BUFFER)); // guarded by queueLock
    /** The buffer of the batch written last, for the batch after the open one. Guarded by queueLock. */
    private ByteBuffer spare = ByteBuffer.allocateDirect(INITIAL_BUFFER);
    private boolean writing; // guarded by queueLock
    private boolean closing; // guarded by queueLock
    private FileChannel channel; // guarded by channelLock; null when it must be reopened
    private long repairTo = -1; // guarded by channelLock; where the file must be cut back to first
    /** The file's size after our last write; -1 when unknown (reopened, or a write failed). Guarded by channelLock. */
    private long end = -1;

    LeaseFileWriter(Path file, boolean fsync, WriteHealth health) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.health = health;
        this.channel = openAppend(file);
    }

    /** Opens the existing file for appending; a torn last row (crash mid-write) is closed with a newline. */
    private static FileChannel openAppend(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            long size = ch.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                    reader.read(last, size - 1);
                }
                if (last.get(0) != '\n') {
                    writeFully(ch, ByteBuffer.wrap(new byte[] {'\n'}));
                }
            }
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Queues a row (with its newline); the caller then awaits the returned batch outside its locks. */
    Batch append(byte[] row) throws IOException {
        queueLock.lock();
        try {
            if (closing) {
                throw new IOException("lease file " + file + " is closed");
            }
            open.add(row);
            return open;
        } finally {
            queueLock.unlock();
        }
    }

    /** Waits for {@code b}, or writes the open batch when nobody is writing; returns b's failure or null. */
    private IOException commit(Batch b) {
        queueLock.lock();
        try {
            while (!b.done) {
                if (writing) {
                    written.awaitUninterruptibly();
                } else {
                    // b is still the open batch: a batch leaves it only with a writer, which clears
                    // writing only once that batch is done
                    writeOpenBatch();
                }
            }
            return b.failure;
        } finally {
            queueLock.unlock();
        }
    }

    /** With queueLock held and no write in progress: writes the open batch, the lock released meanwhile. */
    private void writeOpenBatch() {
        Batch w = open;
        open = new Batch(spare);
        spare = null;
        writing = true;
        queueLock.unlock();
        // A packet or command thread writes now: its interrupt status must not reach the channel,
        // which an interrupted thread's I/O would close for everybody.
        boolean interrupted = Thread.interrupted();
        IOException error = null;
        boolean settled = false;
        try {
            synchronized (channelLock) {
                error = write(w);
            }
            settled = true;
        } catch (RuntimeException e) {
            error = new IOException(e.toString(), e);
            settled = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            queueLock.lock();
            // Even when an Error escapes, the batch is settled (as failed) and the next writer can
            // start: no caller waits forever on a batch nobody will write.
            w.failure = settled ? error : new IOException("lease file write did not complete");
            w.done = true;
            spare = w.bytes;
            writing = false;
            written.signalAll();
        }
        if (error == null) {
            health.succeeded();
        } else {
            health.failed(describe(error));
        }
    }

    /**
     * Runs {@code swap} between two batches with the file closed, then reopens the file: the LFC
     * renames the file away and creates a fresh one here. Rows queued meanwhile wait and go to the
     * new file, after the ones already written to the old one, so no row is lost or reordered.
     */
    void swapFile(IoAction swap) throws IOException {
        synchronized (channelLock) {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            try {
                swap.run();
            } finally {
                end = -1;
                repairTo = -1; // an offset in the file renamed away, not in the new one
                try {
                    channel = openAppend(file);
                } catch (IOException e) {
                    // the next batch reopens it (and fails, counted, until it can)
                    channel = null;
                }
            }
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    /**
     * Writes one batch (after any pending repair); on failure the file is cut back to where the
     * batch began. Returns the failure, or null.
     */
    private IOException write(Batch b) {
        try {
            if (channel == null) {
                channel = openAppend(file);
                end = -1;
            }
            if (repairTo >= 0) {
                channel.truncate(repairTo);
                repairTo = -1;
                end = -1;
            }
        } catch (IOException e) {
            return e;
        }
        long before = end;
        try {
            if (before < 0) {
                before = channel.size();
            }
        } catch (IOException e) {
            return e;
        }
        try {
            ByteBuffer rows = b.bytes.flip();
            int length = rows.remaining();
            writeFully(channel, rows);
            if (fsync) {
                channel.force(false);
            }
            end = before + length;
            return null;
        } catch (IOException e) {
            end = -1;
            if (e instanceof java.nio.channels.ClosedChannelException) {
                // closed under us (an interrupt that raced the write): reopen and cut back next time
                channel = null;
                repairTo = before;
                return e;
            }
            try {
                channel.truncate(before);
            } catch (IOException again) {
                repairTo = before;
            }
            return e;
        }
    }

    /** The error in words: the operating system's reason ("No space left on device"). */
    static String describe(IOException e) {
        return ruru.io.IoErrors.describe(e);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Writes what is queued (rows whose callers have not awaited them yet) and closes the file. */
    @Override
    public void close() {
        queueLock.lock();
        try {
            closing = true;
            while (writing) {
                written.awaitUninterruptibly();
            }
            if (open.length() > 0) {
                writeOpenBatch();
            }
        } finally {
            queueLock.unlock();
        }
        synchronized (channelLock) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // nothing left to write; the rows were all acknowledged or failed already
            }
        }
    }
}
