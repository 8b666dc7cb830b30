package ruru.lease;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import ruru.wire.HardwareAddress;
import ruru.wire.Hex;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * One row of Kea's DHCPv4 lease file ({@code CSVLeaseFile4}), schema 3.0. The columns and the
 * schema version each one arrived in (1.0: the first nine, 2.0: state, 2.1: user_context,
 * 3.0: pool_id) decide how older files are upgraded: missing columns take their defaults.
 */
final class Lease4Csv {

    static final List<String> COLUMNS = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname", "state", "user_context", "pool_id");

    /** Kea's {@code setMinimumValidColumns("hostname")}: a header with fewer columns is not a lease file. */
    static final int MIN_COLUMNS = 9;

    /** Defaults for the columns added after schema 1.0, by column index. */
    private static final String[] DEFAULTS = {null, null, null, null, null, null, null, null, null, "0", "", "0"};

    static final String HEADER = String.join(",", COLUMNS);
    static final byte[] HEADER_LINE = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");
    private static final long UINT32_MAX = 0xffffffffL;
    /** Kea's {@code ClientId}: 2 to 255 bytes. */
    private static final int CLIENT_ID_MIN = 2;
    private static final int CLIENT_ID_MAX = 255;

    private Lease4Csv() {
    }

    static String defaultValue(int column) {
        return DEFAULTS[column];
    }

    /** The row Kea's {@code CSVLeaseFile4::append} writes, with its newline; pure ASCII. */
    static byte[] format(Lease4 lease) {
        StringBuilder s = new StringBuilder(128);
        s.append(lease.address()).append(',');
        if (lease.hwAddress() != null) {
            s.append(lease.hwAddress());
        }
        s.append(',');
        byte[] clientId = lease.clientId();
        if (clientId != null) {
            s.append(COLON_HEX.formatHex(clientId));
        }
        s.append(',').append(lease.validLifetime())
                .append(',').append(lease.expire())
                .append(',').append(lease.subnetId())
                .append(',').append(lease.fqdnFwd() ? '1' : '0')
                .append(',').append(lease.fqdnRev() ? '1' : '0')
                .append(',');
        CsvEscape.escape(lease.hostname(), s);
        s.append(',').append(lease.state().code()).append(',');
        if (lease.userContext() != null) {
            CsvEscape.escape(lease.userContext(), s);
        }
        s.append(',').append(lease.poolId()).append('\n');
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The row Kea writes when a lease is deleted: the same lease with valid lifetime 0 (expire = cltt). */
    static byte[] formatDeletion(Lease4 lease) {
        return format(lease.withLifetime(0, lease.cltt()));
    }

    /**
     * Parses a row already split and converted to the current schema (12 fields as byte ranges).
     * The rules are Kea's {@code CSVLeaseFile4::next}, plus: states Kea does not define, negative
     * numbers (boost's lexical_cast wraps them) and a user context that is not a JSON map are refused.
     */
    static Lease4 parse(byte[] line, int[] starts, int[] ends) throws RowException {
        Ipv4Address address;
        try {
            address = Ipv4Address.parse(ascii(line, starts[0], ends[0]));
        } catch (WireFormatException e) {
            throw new RowException(e.getMessage());
        }
        HardwareAddress hw = null;
        String hwText = ascii(line, starts[1], ends[1]);
        if (!hwText.isEmpty()) {
            try {
                hw = HardwareAddress.parse(hwText);
            } catch (WireFormatException e) {
                throw new RowException("invalid hardware address: " + e.getMessage());
            }
        }
        byte[] clientId = null;
        String cidText = ascii(line, starts[2], ends[2]);
        if (!cidText.isEmpty()) {
            try {
                clientId = Hex.parseBytes(cidText, CLIENT_ID_MAX);
            } catch (WireFormatException e) {
                throw new RowException("invalid client id: " + e.getMessage());
            }
            if (clientId.length < CLIENT_ID_MIN) {
                throw new RowException("client-id is too short (" + clientId.length + "), at least 2 is required");
            }
        }
        long valid = number(line, starts[3], ends[3], "valid_lifetime", UINT32_MAX);
        long expire = number(line, starts[4], ends[4], "expire", Long.MAX_VALUE);
        long subnetId = number(line, starts[5], ends[5], "subnet_id", UINT32_MAX);
        boolean fwd = bool(line, starts[6], ends[6], "fqdn_fwd");
        boolean rev = bool(line, starts[7], ends[7], "fqdn_rev");
        String hostname = CsvEscape.unescape(line, starts[8], ends[8]);
        long stateCode = number(line, starts[9], ends[9], "state", UINT32_MAX);
        LeaseState state;
        try {
            state = LeaseState.of((int) Math.min(stateCode, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new RowException(e.getMessage());
        }
        String userContext = null;
        if (ends[10] > starts[10]) {
            userContext = CsvEscape.unescape(line, starts[10], ends[10]);
            String t = userContext.strip();
            if (!t.startsWith("{") || !t.endsWith("}")) {
                throw new RowException("user context is not a JSON map: " + userContext);
            }
        }
        long poolId = number(line, starts[11], ends[11], "pool_id", UINT32_MAX);
        if (expire < valid) {
            throw new RowException("expire " + expire + " is before the valid lifetime " + valid + " began");
        }
        if (hw == null && clientId == null && state != LeaseState.DECLINED) {
            throw new RowException("Lease4: " + address + ", state: " + state.keaName()
                    + " has neither hardware address or client id");
        }
        return new Lease4(address, hw, clientId, valid, expire - valid, subnetId, fwd, rev, hostname, state,
                userContext, poolId);
    }

    private static String ascii(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static long number(byte[] line, int from, int to, String column, long max) throws RowException {
        if (from == to || to - from > 19) {
            throw new RowException("invalid " + column + " '" + ascii(line, from, to) + "'");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new RowException("invalid " + column + " '" + ascii(line, from, to) + "'");
            }
            v = v * 10 + d;
        }
        if (v < 0 || v > max) {
            throw new RowException(column + " " + ascii(line, from, to) + " is out of range");
        }
        return v;
    }

    private static boolean bool(byte[] line, int from, int to, String column) throws RowException {
        if (to - from == 1 && (line[from] == '0' || line[from] == '1')) {
            return line[from] == '1';
        }
        throw new RowException("invalid " + column + " '" + ascii(line, from, to) + "', expected 0 or 1");
    }

    /** A row that does not make a lease; the loader counts and skips it. */
    static final class RowException extends Exception {

        private static final long serialVersionUID = 1L;

        RowException(String message) {
            super(message);
        }
    }
}
