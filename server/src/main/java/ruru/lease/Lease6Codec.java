package ruru.lease;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * DHCPv6 leases packed ({@link LeaseRecord}): address, common fields, then the lease type,
 * prefix length, IAID, preferred lifetime, flags (fqdn-fwd 1, fqdn-rev 2), hardware type and
 * source; variable fields hostname, DUID (the identity key), hardware address bytes, user context.
 */
final class Lease6Codec implements LeaseCodec<Ipv6Address, Lease6> {

    static final Lease6Codec INSTANCE = new Lease6Codec();
    private static final int TYPE = 16 + LeaseRecord.COMMON;
    private static final int FIXED = TYPE + 1 + 1 + 4 + 4 + 1 + 4 + 4;
    private static final IaType[] TYPES = IaType.values();

    private Lease6Codec() {
    }

    @Override
    public int addressLength() {
        return 16;
    }

    @Override
    public int fixedLength() {
        return FIXED;
    }

    @Override
    public int identityKeys() {
        return 1;
    }

    @Override
    public byte[] encode(Lease6 l) {
        HardwareAddress hw = l.hwAddress();
        return new LeaseRecord.Builder().i64(l.address().hi()).i64(l.address().lo()).common(l)
                .u8(l.type().ordinal()).u8(l.prefixLength()).i32(l.iaid()).i32(l.preferredLifetime())
                .u8((l.fqdnFwd() ? 1 : 0) | (l.fqdnRev() ? 2 : 0)).i32(hw == null ? 0 : hw.type()).i32(l.hwSource())
                .var(l.hostname()).var(l.duid()).var(hw == null ? null : hw.bytes()).var(l.userContext())
                .build();
    }

    @Override
    public Lease6 decode(byte[] record) {
        LeaseRecord.Reader r = new LeaseRecord.Reader(record);
        Ipv6Address address = new Ipv6Address(r.i64(), r.i64());
        LeaseState state = LeaseState.of(r.u8());
        long cltt = r.i64();
        long valid = r.u32();
        long subnet = r.u32();
        long pool = r.u32();
        IaType type = TYPES[r.u8()];
        int prefixLength = r.u8();
        long iaid = r.u32();
        long preferred = r.u32();
        int flags = r.u8();
        int hwType = r.i32();
        int hwSource = r.i32();
        String hostname = r.string();
        byte[] duid = r.bytes();
        byte[] hw = r.bytes();
        String userContext = r.string();
        return new Lease6(address, type, prefixLength, iaid, duid, preferred, valid, cltt, subnet, (flags & 1) != 0,
                (flags & 2) != 0, hostname, hw == null ? null : new HardwareAddress(hwType, hw), hwSource, state,
                userContext, pool);
    }

    @Override
    public byte[] addressKey(Ipv6Address address) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (address.hi() >>> (56 - 8 * i));
            out[8 + i] = (byte) (address.lo() >>> (56 - 8 * i));
        }
        return out;
    }

    @Override
    public IaType type(byte[] record) {
        return TYPES[record[TYPE]];
    }
}
