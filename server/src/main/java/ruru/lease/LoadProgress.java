package ruru.lease;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;

/**
 * Progress of loading a large lease file, for the person waiting for the server to start: every
 * few seconds a line saying how far it is (rows, megabytes, percent), and a closing line when it
 * took long enough to need the first. A small file loads without any of these.
 */
final class LoadProgress {

    static final long INTERVAL_NANOS = 2_000_000_000L;

    private final Logger log;
    private final Path file;
    private final long size;
    private final long started = System.nanoTime();
    private final Counting counter;
    private long lastReport = started;
    private boolean reported;

    LoadProgress(Logger log, Path file, long size, Counting counter) {
        this.log = log;
        this.file = file;
        this.size = size;
        this.counter = counter;
    }

    /** Called per chunk of rows with the rows read so far. */
    void rows(long rows) {
        long now = System.nanoTime();
        if (now - lastReport < INTERVAL_NANOS) {
            return;
        }
        lastReport = now;
        reported = true;
        long read = counter.count();
        log.info("DHCPSRV_MEMFILE_LEASE_LOAD_PROGRESS loaded {} rows from {} so far: {} of {} MB ({}%)", rows, file,
                megabytes(read), megabytes(size), size == 0 ? 100 : Math.min(100, read * 100 / size));
    }

    void done(long rows) {
        if (reported) {
            log.info("DHCPSRV_MEMFILE_LEASE_LOAD_DONE loaded {} rows from {} in {} s", rows, file,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** Counts the bytes read through it (read-ahead included: close enough for a percentage). */
    static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
