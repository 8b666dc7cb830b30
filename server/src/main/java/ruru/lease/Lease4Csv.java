package ruru.lease;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * One row of Kea's DHCPv4 lease file ({@code CSVLeaseFile4}), schema 3.0. The columns and the
 * schema version each one arrived in (1.0: the first nine, 2.0: state, 2.1: user_context,
 * 3.0: pool_id) decide how older files are upgraded: missing columns take their defaults.
 */
final class Lease4Csv implements LeaseFormat<Ipv4Address, Lease4> {

    static final Lease4Csv INSTANCE = new Lease4Csv();

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
    /** {@link HardwareAddress#parse}'s bound. */
    private static final int HW_MAX = 20;

    private Lease4Csv() {
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public int minColumns() {
        return MIN_COLUMNS;
    }

    @Override
    public String defaultValue(int column) {
        return DEFAULTS[column];
    }

    @Override
    public String schemaVersion() {
        return "3.0";
    }

    @Override
    public byte[] headerLine() {
        return HEADER_LINE.clone();
    }

    /** The row Kea's {@code CSVLeaseFile4::append} writes, with its newline; pure ASCII. */
    @Override
    public byte[] format(Lease4 lease) {
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
    @Override
    public byte[] formatDeletion(Lease4 lease) {
        return format(lease.withLifetime(0, lease.cltt()));
    }

    /**
     * Parses a row already split and converted to the current schema (12 fields as byte ranges).
     * The rules are Kea's {@code CSVLeaseFile4::next}, plus: states Kea does not define, negative
     * numbers (boost's lexical_cast wraps them) and a user context that is not a JSON map are refused.
     */
    @Override
    public Lease4 parse(byte[] line, int[] starts, int[] ends) throws RowException {
        Ipv4Address address;
        try {
            address = CsvFields.ipv4(line, starts[0], ends[0]);
        } catch (WireFormatException e) {
            throw new RowException(e.getMessage());
        }
        HardwareAddress hw = null;
        try {
            byte[] hwBytes = CsvFields.hex(line, starts[1], ends[1], HW_MAX);
            if (hwBytes != null) {
                hw = new HardwareAddress(HardwareAddress.ETHERNET, hwBytes);
            }
        } catch (WireFormatException e) {
            throw new RowException("invalid hardware address: " + e.getMessage());
        }
        byte[] clientId;
        try {
            clientId = CsvFields.hex(line, starts[2], ends[2], CLIENT_ID_MAX);
        } catch (WireFormatException e) {
            throw new RowException("invalid client id: " + e.getMessage());
        }
        if (clientId != null) {
            if (clientId.length < CLIENT_ID_MIN) {
                throw new RowException("client-id is too short (" + clientId.length + "), at least 2 is required");
            }
        }
        long valid = CsvFields.number(line, starts[3], ends[3], "valid_lifetime", UINT32_MAX);
        long expire = CsvFields.number(line, starts[4], ends[4], "expire", Long.MAX_VALUE);
        long subnetId = CsvFields.number(line, starts[5], ends[5], "subnet_id", UINT32_MAX);
        boolean fwd = CsvFields.bool(line, starts[6], ends[6], "fqdn_fwd");
        boolean rev = CsvFields.bool(line, starts[7], ends[7], "fqdn_rev");
        String hostname = CsvEscape.unescape(line, starts[8], ends[8]);
        long stateCode = CsvFields.number(line, starts[9], ends[9], "state", UINT32_MAX);
        LeaseState state;
        try {
            state = LeaseState.of((int) Math.min(stateCode, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new RowException(e.getMessage());
        }
        String userContext = CsvFields.userContext(line, starts[10], ends[10]);
        long poolId = CsvFields.number(line, starts[11], ends[11], "pool_id", UINT32_MAX);
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
}
