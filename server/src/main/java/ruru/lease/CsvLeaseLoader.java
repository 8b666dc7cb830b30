package ruru.lease;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import ruru.io.IoErrors;

/**
 * Loads one Kea lease file of either family into a map, as Kea's {@code LeaseFileLoader::load}
 * does: later rows for an address replace earlier ones, a row with valid lifetime 0 removes the
 * address, a row that does not parse is logged, counted and skipped. The header decides the schema
 * ({@code VersionedCSVFile}): fewer columns than ours is an older schema whose rows are padded
 * with defaults; more is a newer one whose extra columns are dropped. Either way the caller must
 * rewrite the files ({@link Result#needsConversion()}).
 *
 * <p>A large file is read in chunks of whole lines that worker threads (one per processor) parse
 * at the same time, each row in place in its chunk; the calling thread then applies the chunks to
 * the map in file order, so a later row still wins and errors are logged in row order. A file of
 * one chunk is parsed on the calling thread.
 */
final class CsvLeaseLoader<A extends Comparable<A>, L extends Lease<A>> {

    /** What a load saw: rows read (without the header), rows skipped, and whether the schema differs. */
    record Result(long rows, long errors, boolean needsConversion) {
    }

    private enum SchemaState { CURRENT, NEEDS_UPGRADE, NEEDS_DOWNGRADE }

    /** Bytes per chunk; a chunk ends at the last newline in it. */
    static final int CHUNK = 1 << 20;
    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final LeaseFormat<A, L> format;
    private final Logger log;
    private final int cols;

    CsvLeaseLoader(LeaseFormat<A, L> format, Logger log) {
        this.format = format;
        this.log = log;
        this.cols = format.columns().size();
    }

    /** How the rows of one file are read: its schema against ours, and the padding of older rows. */
    private record Layout(SchemaState schema, int validColumns, int headerColumns, byte[] padding, Path file) {
    }

    /** One row that did not parse: its index in its chunk, and why. */
    private record RowError(int row, String message) {
    }

    /** A chunk parsed: its leases in row order, its rows (blank lines not counted), its errors. */
    private record Parsed<L>(List<L> leases, int rows, List<RowError> errors) {
    }

    /**
     * @param maxRowErrors 0 = unlimited; otherwise loading fails once more rows than this are bad
     * @return null when the file does not exist or is empty
     */
    Result load(Path file, int maxRowErrors, Map<A, L> into) throws LeaseStoreException {
        return load(file, maxRowErrors, into, false);
    }

    /** As above; {@code main} is the lease file itself, which Kea says it loads even when it has just created it. */
    Result load(Path file, int maxRowErrors, Map<A, L> into, boolean main) throws LeaseStoreException {
        if (main) {
            log.info("DHCPSRV_MEMFILE_LEASE_FILE_LOAD loading leases from file {}", file);
        }
        if (!Files.exists(file)) {
            return null;
        }
        if (!main) {
            log.info("DHCPSRV_MEMFILE_LEASE_FILE_LOAD loading leases from file {}", file);
        }
        ExecutorService workers = null;
        try (LoadProgress.Counting in = new LoadProgress.Counting(Files.newInputStream(file))) {
            long size = Files.size(file);
            LoadProgress progress = new LoadProgress(log, file, size, in);
            ChunkReader chunks = new ChunkReader(in);
            byte[] header = chunks.header();
            if (header == null) {
                return null;
            }
            Layout layout = layout(new String(header, StandardCharsets.ISO_8859_1), file);
            long[] counts = new long[2]; // rows, errors
            if (size > CHUNK) {
                workers = Executors.newFixedThreadPool(THREADS,
                        Thread.ofPlatform().name("lease-file-load-", 0).daemon().factory());
                ArrayDeque<Future<Parsed<L>>> pending = new ArrayDeque<>();
                byte[] chunk;
                while ((chunk = chunks.next()) != null) {
                    byte[] c = chunk;
                    pending.add(workers.submit(() -> parseChunk(c, layout)));
                    if (pending.size() >= 2 * THREADS) {
                        apply(pending.poll().get(), counts, maxRowErrors, into, progress, file);
                    }
                }
                while (!pending.isEmpty()) {
                    apply(pending.poll().get(), counts, maxRowErrors, into, progress, file);
                }
            } else {
                byte[] chunk;
                while ((chunk = chunks.next()) != null) {
                    apply(parseChunk(chunk, layout), counts, maxRowErrors, into, progress, file);
                }
            }
            if (layout.schema() == SchemaState.NEEDS_UPGRADE) {
                log.warn("DHCPSRV_MEMFILE_NEEDS_UPGRADING version of lease file: {} schema is earlier than version {}",
                        file, format.schemaVersion());
            } else if (layout.schema() == SchemaState.NEEDS_DOWNGRADE) {
                log.warn("DHCPSRV_MEMFILE_NEEDS_DOWNGRADING version of lease file: {} schema is later than version {}",
                        file, format.schemaVersion());
            }
            progress.done(counts[0]);
            return new Result(counts[0], counts[1], layout.schema() != SchemaState.CURRENT);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new LeaseStoreException("unable to read lease file " + file + ": " + IoErrors.reasonFor(file, e), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading " + file + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeaseStoreException("loading " + file + " was interrupted", e);
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    private Layout layout(String headerText, Path file) throws LeaseStoreException {
        String[] names = headerText.split(",", -1);
        int valid = 0;
        while (valid < names.length && valid < cols && names[valid].equals(format.columns().get(valid))) {
            valid++;
        }
        if (valid < names.length && valid < cols) {
            throw new LeaseStoreException("invalid header '" + headerText + "' in CSV file '" + file
                    + "':  - header contains an invalid column: '" + names[valid] + "'");
        }
        if (valid < format.minColumns()) {
            throw new LeaseStoreException("invalid header '" + headerText + "' in CSV file '" + file
                    + "':  - header has only " + valid + " valid column(s), it must have at least "
                    + format.minColumns());
        }
        return layout(valid, names.length, file);
    }

    private Layout layout(int validColumns, int headerColumns, Path file) {
        SchemaState schema = validColumns < cols ? SchemaState.NEEDS_UPGRADE
                : headerColumns > cols ? SchemaState.NEEDS_DOWNGRADE : SchemaState.CURRENT;
        StringBuilder pad = new StringBuilder();
        for (int c = validColumns; c < cols; c++) {
            pad.append(',').append(format.defaultValue(c));
        }
        return new Layout(schema, validColumns, headerColumns, pad.toString().getBytes(StandardCharsets.US_ASCII), file);
    }

    /** Applies one parsed chunk in row order; throws once more than {@code maxRowErrors} rows were bad. */
    private void apply(Parsed<L> parsed, long[] counts, int maxRowErrors, Map<A, L> into, LoadProgress progress,
                       Path file) throws LeaseStoreException {
        for (RowError e : parsed.errors()) {
            log.error("DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR discarding row {}, error: {}", counts[0] + e.row() + 1,
                    e.message());
            counts[1]++;
            if (maxRowErrors > 0 && counts[1] > maxRowErrors) {
                throw new LeaseStoreException("exceeded maximum number of failures " + maxRowErrors
                        + " to read a lease from the lease file " + file);
            }
        }
        for (L lease : parsed.leases()) {
            if (lease.validLifetime() == 0) {
                into.remove(lease.address());
            } else {
                into.put(lease.address(), lease);
            }
        }
        counts[0] += parsed.rows();
        progress.rows(counts[0]);
    }

    /** Parses every line of a chunk (whole lines, each ending in '\n' but maybe the last). */
    private Parsed<L> parseChunk(byte[] chunk, Layout layout) {
        List<L> leases = new ArrayList<>(chunk.length / 80);
        List<RowError> errors = List.of();
        int[] starts = new int[cols];
        int[] ends = new int[cols];
        byte[][] scratch = new byte[1][];
        int rows = 0;
        int pos = 0;
        while (pos < chunk.length) {
            int nl = newline(chunk, pos);
            int end = lineEnd(chunk, pos, nl);
            if (end > pos) {
                try {
                    leases.add(parseRow(chunk, pos, end, layout, starts, ends, scratch));
                } catch (LeaseFormat.RowException e) {
                    if (errors.isEmpty()) {
                        errors = new ArrayList<>();
                    }
                    errors.add(new RowError(rows, e.getMessage()));
                }
                rows++;
            }
            pos = nl + 1;
        }
        return new Parsed<>(leases, rows, errors);
    }

    /** The index of the next '\n' from {@code pos}, or the length. */
    private static int newline(byte[] buf, int pos) {
        int nl = pos;
        while (nl < buf.length && buf[nl] != '\n') {
            nl++;
        }
        return nl;
    }

    /** Where the line from {@code pos} to its newline {@code nl} ends without a '\r' before it. */
    private static int lineEnd(byte[] buf, int pos, int nl) {
        return nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
    }

    /** One data row of a file whose header has {@code headerColumns} of our columns (tests, tools). */
    L parseLine(byte[] line, int headerColumns) throws LeaseFormat.RowException {
        Layout layout = layout(Math.min(headerColumns, cols), headerColumns, Path.of("-"));
        return parseRow(line, 0, line.length, layout, new int[cols], new int[cols], new byte[1][]);
    }

    /**
     * Splits the row in {@code buf[from, to)} into fields and parses it. An older schema's row is
     * copied, with the missing columns' defaults after it, into {@code scratch[0]} (grown as needed).
     */
    private L parseRow(byte[] buf, int from, int to, Layout layout, int[] starts, int[] ends, byte[][] scratch)
            throws LeaseFormat.RowException {
        int count = 1;
        for (int i = from; i < to; i++) {
            if (buf[i] == ',') {
                count++;
            }
        }
        byte[] row = buf;
        int start = from;
        int limit = to;
        switch (layout.schema()) {
            case CURRENT -> {
                if (count != cols) {
                    throw columnCount(count, buf, from, to, layout, "must match current schema");
                }
            }
            case NEEDS_UPGRADE -> {
                if (count < layout.validColumns()) {
                    throw columnCount(count, buf, from, to, layout, "too few columns to upgrade");
                }
                if (count > cols) {
                    throw columnCount(count, buf, from, to, layout, "too many columns to upgrade");
                }
                // the row's own columns, then the defaults of those it lacks
                byte[] pad = layout.padding();
                int skip = 0;
                for (int c = layout.validColumns(); c < count; c++) {
                    skip = next(pad, skip);
                }
                int length = to - from + pad.length - skip;
                if (scratch[0] == null || scratch[0].length < length) {
                    scratch[0] = new byte[Math.max(256, length * 2)];
                }
                row = scratch[0];
                System.arraycopy(buf, from, row, 0, to - from);
                System.arraycopy(pad, skip, row, to - from, pad.length - skip);
                start = 0;
                limit = length;
            }
            case NEEDS_DOWNGRADE -> {
                if (count < cols) {
                    throw columnCount(count, buf, from, to, layout, "too few columns to downgrade");
                }
                if (count > layout.headerColumns()) {
                    throw columnCount(count, buf, from, to, layout, "too many columns to downgrade");
                }
            }
        }
        int field = 0;
        int fieldStart = start;
        for (int i = start; i <= limit && field < cols; i++) {
            if (i == limit || row[i] == ',') {
                starts[field] = fieldStart;
                ends[field] = i;
                field++;
                fieldStart = i + 1;
            }
        }
        return format.parse(row, starts, ends);
    }

    /** The index just past the next padded column (",value") in {@code pad} from {@code at}. */
    private static int next(byte[] pad, int at) {
        int i = at + 1;
        while (i < pad.length && pad[i] != ',') {
            i++;
        }
        return i;
    }

    private static LeaseFormat.RowException columnCount(int count, byte[] buf, int from, int to, Layout layout,
                                                        String reason) {
        return new LeaseFormat.RowException("Invalid number of columns: " + count + " in row: '"
                + new String(buf, from, to - from, StandardCharsets.UTF_8) + "', file: '" + layout.file() + "' : "
                + reason);
    }

    /**
     * Reads the header line, then chunks of whole lines: each chunk is a fresh array ending after
     * a newline (or at the end of the file), so a worker can own it.
     */
    private static final class ChunkReader {
        private final InputStream in;
        private byte[] carry = new byte[0];
        private boolean eof;

        ChunkReader(InputStream in) {
            this.in = in;
        }

        /** The first non-blank line, without its line end; null for an empty file. */
        byte[] header() throws IOException {
            while (true) {
                byte[] chunk = next();
                if (chunk == null) {
                    return null;
                }
                int pos = 0;
                while (pos < chunk.length) {
                    int nl = newline(chunk, pos);
                    int end = lineEnd(chunk, pos, nl);
                    if (end > pos) {
                        // the rest of the chunk goes back in front of what follows
                        byte[] rest = Arrays.copyOfRange(chunk, Math.min(nl + 1, chunk.length), chunk.length);
                        byte[] merged = new byte[rest.length + carry.length];
                        System.arraycopy(rest, 0, merged, 0, rest.length);
                        System.arraycopy(carry, 0, merged, rest.length, carry.length);
                        carry = merged;
                        return Arrays.copyOfRange(chunk, pos, end);
                    }
                    pos = nl + 1;
                }
            }
        }

        byte[] next() throws IOException {
            if (eof && carry.length == 0) {
                return null;
            }
            byte[] buf = Arrays.copyOf(carry, Math.max(CHUNK, carry.length * 2));
            int len = carry.length;
            while (!eof && len < buf.length) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
            }
            int cut = len;
            if (!eof) {
                cut = lastNewline(buf, len) + 1;
                if (cut == 0) {
                    // one line longer than the buffer: keep reading it
                    carry = Arrays.copyOf(buf, len);
                    return next();
                }
            }
            carry = Arrays.copyOfRange(buf, cut, len);
            return cut == buf.length ? buf : Arrays.copyOf(buf, cut);
        }

        private static int lastNewline(byte[] buf, int len) {
            for (int i = len - 1; i >= 0; i--) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
