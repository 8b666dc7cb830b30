package ruru.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import ruru.io.IoErrors;

/**
 * Appends rows to the lease file with group commit: packet threads add their row to the open
 * batch and wait; one writer thread takes the whole batch, writes it with one write(2) (and an
 * fsync when asked), then releases every waiter of that batch. A caller returns only once its row
 * is in the kernel, so a crash of the JVM cannot lose it, yet the file sees one write per batch
 * instead of one per row. Rows appear in the order {@link #append} was called.
 *
 * <p>A batch that cannot be written (a full disk, an I/O error, a failed fsync) fails its callers
 * only: the file is cut back to where the batch began, so no torn row is left for the next batch
 * to follow, and the next batch tries again. If even that cannot be done, or the file could not be
 * reopened after a cleanup, the repair is retried before the next batch; no row is ever appended
 * after a torn one. {@link WriteHealth} counts the failures and logs each episode once.
 */
final class LeaseFileWriter implements AutoCloseable {

    /** Rows waiting for one write, and the latch their callers wait on. */
    static final class Batch {
        private byte[] bytes = new byte[4096];
        private int length;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile IOException failure;

        private void add(byte[] row) {
            if (length + row.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + row.length));
            }
            System.arraycopy(row, 0, bytes, length, row.length);
            length += row.length;
        }

        /** Blocks until the batch is written; not interruptible: the row is either in the file or failed. */
        void await() throws IOException {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw new IOException(IoErrors.describe(failure), failure);
            }
        }

        private void finish(IOException error) {
            failure = error;
            done.countDown();
        }
    }

    private final Path file;
    private final boolean fsync;
    private final WriteHealth health;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition hasRows = queueLock.newCondition();
    private final Object channelLock = new Object();
    private final Thread thread;
    private Batch open = new Batch();
    private FileChannel channel; // guarded by channelLock; null when it must be reopened
    private long repairTo = -1; // guarded by channelLock; where the file must be cut back to first
    private boolean closing;

    LeaseFileWriter(Path file, boolean fsync, WriteHealth health) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.health = health;
        this.channel = openAppend(file);
        this.thread = Thread.ofPlatform().name("lease-file-writer").daemon().unstarted(this::run);
        thread.start();
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
            Batch b = open;
            boolean first = b.length == 0;
            b.add(row);
            if (first) {
                hasRows.signal();
            }
            return b;
        } finally {
            queueLock.unlock();
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

    private void run() {
        while (true) {
            Batch b;
            queueLock.lock();
            try {
                while (open.length == 0 && !closing) {
                    hasRows.awaitUninterruptibly();
                }
                if (open.length == 0) {
                    return;
                }
                b = open;
                open = new Batch();
            } finally {
                queueLock.unlock();
            }
            IOException error;
            synchronized (channelLock) {
                error = write(b);
            }
            if (error == null) {
                health.succeeded();
            } else {
                health.failed(describe(error));
            }
            b.finish(error);
        }
    }

    /**
     * Writes one batch (after any pending repair); on failure the file is cut back to where the
     * batch began. Returns the failure, or null.
     */
    private IOException write(Batch b) {
        try {
            if (channel == null) {
                channel = openAppend(file);
            }
            if (repairTo >= 0) {
                channel.truncate(repairTo);
                repairTo = -1;
            }
        } catch (IOException e) {
            return e;
        }
        long before;
        try {
            before = channel.size();
        } catch (IOException e) {
            return e;
        }
        try {
            writeFully(channel, ByteBuffer.wrap(b.bytes, 0, b.length));
            if (fsync) {
                channel.force(false);
            }
            return null;
        } catch (IOException e) {
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

    /** Writes what is queued, stops the thread and closes the file. */
    @Override
    public void close() {
        queueLock.lock();
        try {
            closing = true;
            hasRows.signal();
        } finally {
            queueLock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
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
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
