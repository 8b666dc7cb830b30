package ruru.lease;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.slf4j.Logger;
import ruru.io.IoErrors;

/**
 * Loads one Kea lease file of either family into a map, as Kea's {@code LeaseFileLoader::load}
 * does: later rows for an address replace earlier ones, a row with valid lifetime 0 removes the
 * address, a row that does not parse is logged, counted and skipped. The header decides the schema
 * ({@code VersionedCSVFile}): fewer columns than ours is an older schema whose rows are padded
 * with defaults; more is a newer one whose extra columns are dropped. Either way the caller must
 * rewrite the files ({@link Result#needsConversion()}).
 */
final class CsvLeaseLoader<A extends Comparable<A>, L extends Lease<A>> {

    /** What a load saw: rows read (without the header), rows skipped, and whether the schema differs. */
    record Result(long rows, long errors, boolean needsConversion) {
    }

    private enum SchemaState { CURRENT, NEEDS_UPGRADE, NEEDS_DOWNGRADE }

    private final LeaseFormat<A, L> format;
    private final Logger log;
    private final int cols;

    CsvLeaseLoader(LeaseFormat<A, L> format, Logger log) {
        this.format = format;
        this.log = log;
        this.cols = format.columns().size();
    }

    /**
     * @param maxRowErrors 0 = unlimited; otherwise loading fails once more rows than this are bad
     * @return null when the file does not exist or is empty
     */
    Result load(Path file, int maxRowErrors, Map<A, L> into) throws LeaseStoreException {
        if (!Files.exists(file)) {
            return null;
        }
        log.info("DHCPSRV_MEMFILE_LEASE_FILE_LOAD loading leases from file {}", file);
        try (LoadProgress.Counting in = new LoadProgress.Counting(Files.newInputStream(file))) {
            LoadProgress progress = new LoadProgress(log, file, Files.size(file), in);
            LineReader lines = new LineReader(in);
            byte[] header = lines.next();
            if (header == null) {
                return null;
            }
            String headerText = new String(header, StandardCharsets.ISO_8859_1);
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
            SchemaState schema = valid < cols ? SchemaState.NEEDS_UPGRADE
                    : names.length > cols ? SchemaState.NEEDS_DOWNGRADE : SchemaState.CURRENT;
            long rows = 0;
            long errors = 0;
            int[] starts = new int[cols];
            int[] ends = new int[cols];
            byte[] line;
            while ((line = lines.next()) != null) {
                rows++;
                progress.row(rows);
                try {
                    L lease = parseRow(line, schema, valid, names.length, starts, ends, file);
                    if (lease.validLifetime() == 0) {
                        into.remove(lease.address());
                    } else {
                        into.put(lease.address(), lease);
                    }
                } catch (LeaseFormat.RowException e) {
                    log.error("DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR discarding row {}, error: {}", rows, e.getMessage());
                    errors++;
                    if (maxRowErrors > 0 && errors > maxRowErrors) {
                        throw new LeaseStoreException("exceeded maximum number of failures " + maxRowErrors
                                + " to read a lease from the lease file " + file);
                    }
                }
            }
            if (schema == SchemaState.NEEDS_UPGRADE) {
                log.warn("DHCPSRV_MEMFILE_NEEDS_UPGRADING version of lease file: {} schema is earlier than version {}",
                        file, format.schemaVersion());
            } else if (schema == SchemaState.NEEDS_DOWNGRADE) {
                log.warn("DHCPSRV_MEMFILE_NEEDS_DOWNGRADING version of lease file: {} schema is later than version {}",
                        file, format.schemaVersion());
            }
            progress.done(rows);
            return new Result(rows, errors, schema != SchemaState.CURRENT);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new LeaseStoreException("unable to read lease file " + file + ": " + IoErrors.reasonFor(file, e), e);
        }
    }

    /** One data row of a file whose header has {@code headerColumns} of our columns (tests, tools). */
    L parseLine(byte[] line, int headerColumns) throws LeaseFormat.RowException {
        SchemaState schema = headerColumns < cols ? SchemaState.NEEDS_UPGRADE
                : headerColumns > cols ? SchemaState.NEEDS_DOWNGRADE : SchemaState.CURRENT;
        return parseRow(line, schema, Math.min(headerColumns, cols), headerColumns, new int[cols], new int[cols],
                Path.of("-"));
    }

    private L parseRow(byte[] line, SchemaState schema, int validColumns, int headerColumns, int[] starts, int[] ends,
                       Path file) throws LeaseFormat.RowException {
        int count = 1;
        for (byte b : line) {
            if (b == ',') {
                count++;
            }
        }
        byte[] row = line;
        switch (schema) {
            case CURRENT -> {
                if (count != cols) {
                    throw columnCount(count, line, file, "must match current schema");
                }
            }
            case NEEDS_UPGRADE -> {
                if (count < validColumns) {
                    throw columnCount(count, line, file, "too few columns to upgrade");
                }
                if (count > cols) {
                    throw columnCount(count, line, file, "too many columns to upgrade");
                }
                StringBuilder pad = new StringBuilder();
                for (int c = count; c < cols; c++) {
                    pad.append(',').append(format.defaultValue(c));
                }
                byte[] suffix = pad.toString().getBytes(StandardCharsets.US_ASCII);
                row = Arrays.copyOf(line, line.length + suffix.length);
                System.arraycopy(suffix, 0, row, line.length, suffix.length);
            }
            case NEEDS_DOWNGRADE -> {
                if (count < cols) {
                    throw columnCount(count, line, file, "too few columns to downgrade");
                }
                if (count > headerColumns) {
                    throw columnCount(count, line, file, "too many columns to downgrade");
                }
            }
        }
        int field = 0;
        int start = 0;
        for (int i = 0; i <= row.length && field < cols; i++) {
            if (i == row.length || row[i] == ',') {
                starts[field] = start;
                ends[field] = i;
                field++;
                start = i + 1;
            }
        }
        return format.parse(row, starts, ends);
    }

    private static LeaseFormat.RowException columnCount(int count, byte[] line, Path file, String reason) {
        return new LeaseFormat.RowException("Invalid number of columns: " + count + " in row: '"
                + new String(line, StandardCharsets.UTF_8) + "', file: '" + file + "' : " + reason);
    }

    /** Splits on '\n', drops a trailing '\r' and skips blank lines (Kea skips them too). */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[256];

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            while (true) {
                int len = 0;
                boolean sawAny = false;
                while (true) {
                    if (pos == limit) {
                        limit = in.read(buf);
                        pos = 0;
                        if (limit <= 0) {
                            limit = 0;
                            if (!sawAny) {
                                return null;
                            }
                            break;
                        }
                    }
                    sawAny = true;
                    byte b = buf[pos++];
                    if (b == '\n') {
                        break;
                    }
                    if (len == line.length) {
                        line = Arrays.copyOf(line, len * 2);
                    }
                    line[len++] = b;
                }
                if (len > 0 && line[len - 1] == '\r') {
                    len--;
                }
                if (len > 0) {
                    return Arrays.copyOf(line, len);
                }
            }
        }
    }
}
