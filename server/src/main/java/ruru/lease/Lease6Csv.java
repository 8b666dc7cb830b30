package ruru.lease;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.IaType;

/**
 * One row of Kea's DHCPv6 lease file ({@code CSVLeaseFile6}), schema 5.0. Columns arrived by
 * schema: the first twelve in 1.0, hwaddr 2.0, state 3.0, user_context 3.1, hwtype and
 * hwaddr_source 4.0 (Kea 2.2 writes 4.0), pool_id 5.0; an older file's rows take the defaults.
 */
final class Lease6Csv implements LeaseFormat<Ipv6Address, Lease6> {

    static final Lease6Csv INSTANCE = new Lease6Csv();

    static final List<String> COLUMNS = List.of("address", "duid", "valid_lifetime", "expire", "subnet_id",
            "pref_lifetime", "lease_type", "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname", "hwaddr",
            "state", "user_context", "hwtype", "hwaddr_source", "pool_id");

    private static final String[] DEFAULTS = {null, null, null, null, null, null, null, null, null, null, null, null,
        "", "0", "", "", "", "0"};
    private static final byte[] HEADER_LINE = (String.join(",", COLUMNS) + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");
    private static final long UINT32_MAX = 0xffffffffL;
    private static final IaType[] TYPES = {IaType.NA, IaType.TA, IaType.PD};

    private Lease6Csv() {
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public int minColumns() {
        return 12;
    }

    @Override
    public String defaultValue(int column) {
        return DEFAULTS[column];
    }

    @Override
    public String schemaVersion() {
        return "5.0";
    }

    @Override
    public byte[] headerLine() {
        return HEADER_LINE.clone();
    }

    /** Kea's numbering of lease types in the file and in lease commands (IA_NA 0, IA_TA 1, IA_PD 2). */
    static int typeCode(IaType type) {
        return switch (type) {
            case NA -> 0;
            case TA -> 1;
            case PD -> 2;
        };
    }

    @Override
    public byte[] format(Lease6 l) {
        StringBuilder s = new StringBuilder(160);
        s.append(l.address()).append(',').append(COLON_HEX.formatHex(l.duid()))
                .append(',').append(l.validLifetime())
                .append(',').append(l.expire())
                .append(',').append(l.subnetId())
                .append(',').append(l.preferredLifetime())
                .append(',').append(typeCode(l.type()))
                .append(',').append(l.iaid())
                .append(',').append(l.prefixLength())
                .append(',').append(l.fqdnFwd() ? '1' : '0')
                .append(',').append(l.fqdnRev() ? '1' : '0')
                .append(',');
        CsvEscape.escape(l.hostname(), s);
        s.append(',');
        if (l.hwAddress() != null) {
            s.append(l.hwAddress());
        }
        s.append(',').append(l.state().code()).append(',');
        if (l.userContext() != null) {
            CsvEscape.escape(l.userContext(), s);
        }
        s.append(',');
        if (l.hwAddress() != null) {
            s.append(l.hwAddress().type()).append(',').append(l.hwSource());
        } else {
            s.append(',');
        }
        s.append(',').append(l.poolId()).append('\n');
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] formatDeletion(Lease6 l) {
        return format(l.withLifetimes(0, 0, l.cltt()));
    }

    @Override
    public Lease6 parse(byte[] line, int[] starts, int[] ends) throws RowException {
        Ipv6Address address;
        try {
            address = Ipv6Address.parse(CsvFields.ascii(line, starts[0], ends[0]));
        } catch (WireFormatException e) {
            throw new RowException(e.getMessage());
        }
        long valid = CsvFields.number(line, starts[2], ends[2], "valid_lifetime", UINT32_MAX);
        long expire = CsvFields.number(line, starts[3], ends[3], "expire", Long.MAX_VALUE);
        long subnetId = CsvFields.number(line, starts[4], ends[4], "subnet_id", UINT32_MAX);
        long preferred = CsvFields.number(line, starts[5], ends[5], "pref_lifetime", UINT32_MAX);
        long typeCode = CsvFields.number(line, starts[6], ends[6], "lease_type", UINT32_MAX);
        if (typeCode > 2) {
            throw new RowException("invalid lease type " + typeCode);
        }
        IaType type = TYPES[(int) typeCode];
        long iaid = CsvFields.number(line, starts[7], ends[7], "iaid", UINT32_MAX);
        long prefixLength = CsvFields.number(line, starts[8], ends[8], "prefix_len", 128);
        boolean fwd = CsvFields.bool(line, starts[9], ends[9], "fqdn_fwd");
        boolean rev = CsvFields.bool(line, starts[10], ends[10], "fqdn_rev");
        String hostname = CsvEscape.unescape(line, starts[11], ends[11]);
        long stateCode = CsvFields.number(line, starts[13], ends[13], "state", UINT32_MAX);
        LeaseState state;
        try {
            state = LeaseState.of((int) Math.min(stateCode, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new RowException(e.getMessage());
        }
        byte[] duid = duid(line, starts[1], ends[1], address, state);
        String userContext = CsvFields.userContext(line, starts[14], ends[14]);
        HardwareAddress hw = null;
        int source = 0;
        if (ends[12] > starts[12]) {
            int hwType = ends[15] > starts[15]
                    ? (int) CsvFields.number(line, starts[15], ends[15], "hwtype", 0xffff) : HardwareAddress.ETHERNET;
            source = ends[16] > starts[16]
                    ? (int) CsvFields.number(line, starts[16], ends[16], "hwaddr_source", UINT32_MAX) : 0;
            try {
                hw = new HardwareAddress(hwType, CsvFields.hex(line, starts[12], ends[12], 20));
            } catch (WireFormatException e) {
                throw new RowException("invalid hardware address: " + e.getMessage());
            }
        }
        long poolId = CsvFields.number(line, starts[17], ends[17], "pool_id", UINT32_MAX);
        if (expire < valid) {
            throw new RowException("expire " + expire + " is before the valid lifetime " + valid + " began");
        }
        return new Lease6(address, type, (int) prefixLength, iaid, duid, preferred, valid, expire - valid, subnetId,
                fwd, rev, hostname, hw, source, state, userContext, poolId);
    }

    /** Kea's {@code DUID::fromText}: 1 to 130 bytes; an empty one only on a declined lease. */
    private static byte[] duid(byte[] line, int from, int to, Ipv6Address address, LeaseState state)
            throws RowException {
        if (from == to) {
            if (state == LeaseState.DECLINED) {
                return Lease6.DECLINED_DUID;
            }
            throw new RowException("Lease6: " + address + ", state: " + state.keaName() + " has no DUID");
        }
        try {
            return CsvFields.hex(line, from, to, 130);
        } catch (WireFormatException e) {
            throw new RowException("invalid DUID: " + e.getMessage());
        }
    }
}
