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
import org.slf4j.LoggerFactory;
import ruru.io.IoErrors;
import ruru.wire.Ipv4Address;

/**
 * Loads one Kea DHCPv4 lease file into a map, as Kea's {@code LeaseFileLoader::load} does: later
 * rows for an address replace earlier ones, a row with valid lifetime 0 removes the address, a row
 * that does not parse is logged, counted and skipped. The header decides the schema
 * ({@code VersionedCSVFile}): fewer columns than ours is an older schema whose rows are padded
 * with defaults; more is a newer one whose extra columns are dropped. Either way the caller must
 * rewrite the files ({@link Result#needsConversion()}).
 */
final class LeaseFileReader {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcpsrv");
    private static final int COLS = Lease4Csv.COLUMNS.size();

    /** What a load saw: rows read (without the header), rows skipped, and whether the schema differs. */
    record Result(long rows, long errors, boolean needsConversion) {
    }

    private enum SchemaState { CURRENT, NEEDS_UPGRADE, NEEDS_DOWNGRADE }

    private LeaseFileReader() {
    }

    /**
     * @param maxRowErrors 0 = unlimited; otherwise loading fails once more rows than this are bad
     * @return null when the file does not exist or is empty
     */
    static Result load(Path file, int maxRowErrors, Map<Ipv4Address, Lease4> into) throws LeaseStoreException {
        if (!Files.exists(file)) {
            return null;
        }
        LOG.info("DHCPSRV_MEMFILE_LEASE_FILE_LOAD loading leases from file {}", file);
        try (LoadProgress.Counting in = new LoadProgress.Counting(Files.newInputStream(file))) {
            LoadProgress progress = new LoadProgress(LOG, file, Files.size(file), in);
            LineReader lines = new LineReader(in);
            byte[] header = lines.next();
            if (header == null) {
                return null;
            }
            String[] names = new String(header, StandardCharsets.ISO_8859_1).split(",", -1);
            int valid = 0;
            while (valid < names.length && valid < COLS) {
                if (!names[valid].equals(Lease4Csv.COLUMNS.get(valid))) {
                    break;
                }
                valid++;
            }
            String headerText = new String(header, StandardCharsets.ISO_8859_1);
            if (valid < names.length && valid < COLS) {
                throw new LeaseStoreException("invalid header '" + headerText + "' in CSV file '" + file
                        + "':  - header contains an invalid column: '" + names[valid] + "'");
            }
            if (valid < Lease4Csv.MIN_COLUMNS) {
                throw new LeaseStoreException("invalid header '" + headerText + "' in CSV file '" + file
                        + "':  - header has only " + valid + " valid column(s), it must have at least "
                        + Lease4Csv.MIN_COLUMNS);
            }
            SchemaState schema = valid < COLS ? SchemaState.NEEDS_UPGRADE
                    : names.length > COLS ? SchemaState.NEEDS_DOWNGRADE : SchemaState.CURRENT;
            long rows = 0;
            long errors = 0;
            int[] starts = new int[COLS];
            int[] ends = new int[COLS];
            byte[] line;
            while ((line = lines.next()) != null) {
                rows++;
                progress.row(rows);
                try {
                    Lease4 lease = parseRow(line, schema, valid, names.length, starts, ends, file);
                    if (lease.validLifetime() == 0) {
                        into.remove(lease.address());
                    } else {
                        into.put(lease.address(), lease);
                    }
                } catch (Lease4Csv.RowException e) {
                    LOG.error("DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR discarding row {}, error: {}", rows, e.getMessage());
                    errors++;
                    if (maxRowErrors > 0 && errors > maxRowErrors) {
                        throw new LeaseStoreException("exceeded maximum number of failures " + maxRowErrors
                                + " to read a lease from the lease file " + file);
                    }
                }
            }
            if (schema == SchemaState.NEEDS_UPGRADE) {
                LOG.warn("DHCPSRV_MEMFILE_NEEDS_UPGRADING version of lease file: {} schema is earlier than version 3.0",
                        file);
            } else if (schema == SchemaState.NEEDS_DOWNGRADE) {
                LOG.warn("DHCPSRV_MEMFILE_NEEDS_DOWNGRADING version of lease file: {} schema is later than version 3.0",
                        file);
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
    static Lease4 parseLine(byte[] line, int headerColumns) throws Lease4Csv.RowException {
        SchemaState schema = headerColumns < COLS ? SchemaState.NEEDS_UPGRADE
                : headerColumns > COLS ? SchemaState.NEEDS_DOWNGRADE : SchemaState.CURRENT;
        return parseRow(line, schema, Math.min(headerColumns, COLS), headerColumns, new int[COLS], new int[COLS],
                Path.of("-"));
    }

    private static Lease4 parseRow(byte[] line, SchemaState schema, int validColumns, int headerColumns,
                                   int[] starts, int[] ends, Path file) throws Lease4Csv.RowException {
        int count = 1;
        for (byte b : line) {
            if (b == ',') {
                count++;
            }
        }
        byte[] row = line;
        switch (schema) {
            case CURRENT -> {
                if (count != COLS) {
                    throw columnCount(count, line, file, "must match current schema");
                }
            }
            case NEEDS_UPGRADE -> {
                if (count < validColumns) {
                    throw columnCount(count, line, file, "too few columns to upgrade");
                }
                if (count > COLS) {
                    throw columnCount(count, line, file, "too many columns to upgrade");
                }
                StringBuilder pad = new StringBuilder();
                for (int c = count; c < COLS; c++) {
                    pad.append(',').append(Lease4Csv.defaultValue(c));
                }
                byte[] suffix = pad.toString().getBytes(StandardCharsets.US_ASCII);
                row = Arrays.copyOf(line, line.length + suffix.length);
                System.arraycopy(suffix, 0, row, line.length, suffix.length);
            }
            case NEEDS_DOWNGRADE -> {
                if (count < COLS) {
                    throw columnCount(count, line, file, "too few columns to downgrade");
                }
                if (count > headerColumns) {
                    throw columnCount(count, line, file, "too many columns to downgrade");
                }
            }
        }
        int field = 0;
        int start = 0;
        for (int i = 0; i <= row.length && field < COLS; i++) {
            if (i == row.length || row[i] == ',') {
                starts[field] = start;
                ends[field] = i;
                field++;
                start = i + 1;
            }
        }
        return Lease4Csv.parse(row, starts, ends);
    }

    private static Lease4Csv.RowException columnCount(int count, byte[] line, Path file, String reason) {
        return new Lease4Csv.RowException("Invalid number of columns: " + count + " in row: '"
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
