package ruru.lease;

import java.util.List;

/**
 * One family's lease file row format (Kea's {@code CSVLeaseFile4} / {@code CSVLeaseFile6}): the
 * columns of the current schema in order, the defaults of columns added after the first schema
 * (so older files load padded), and the row codec. Rows are bytes: loading a million leases must
 * not build a String per field.
 */
public interface LeaseFormat<A extends Comparable<A>, L extends Lease<A>> {

    /** Current schema's columns, in file order. */
    List<String> columns();

    /** Kea's {@code setMinimumValidColumns}: a header with fewer of our columns is not a lease file. */
    int minColumns();

    /** The value a column added after the first schema takes in an older file's rows. */
    String defaultValue(int column);

    /** The schema version this format writes ("3.0" for DHCPv4, "5.0" for DHCPv6). */
    String schemaVersion();

    /** The header line with its newline. */
    byte[] headerLine();

    /** The row Kea appends for {@code lease}, with its newline; pure ASCII. */
    byte[] format(L lease);

    /** The row Kea appends when a lease is deleted: the lease with valid lifetime 0 (expire = cltt). */
    byte[] formatDeletion(L lease);

    /** Parses a row already split and converted to the current schema (field i in [starts[i], ends[i])). */
    L parse(byte[] line, int[] starts, int[] ends) throws RowException;

    /** A row that does not make a lease; the loader counts and skips it. */
    final class RowException extends Exception {

        private static final long serialVersionUID = 1L;

        public RowException(String message) {
            super(message);
        }
    }
}
