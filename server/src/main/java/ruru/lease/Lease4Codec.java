package ruru.lease;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v6.IaType;

/**
 * DHCPv4 leases packed ({@link LeaseRecord}): address, common fields, then flags (fqdn-fwd 1,
 * fqdn-rev 2) and the hardware type; variable fields hostname, hardware address bytes, client id
 * (the two identity keys), user context.
 */
final class Lease4Codec implements LeaseCodec<Ipv4Address, Lease4> {

    static final Lease4Codec INSTANCE = new Lease4Codec();
    private static final int FIXED = 4 + LeaseRecord.COMMON + 1 + 4;

    private Lease4Codec() {
    }

    @Override
    public int addressLength() {
        return 4;
    }

    @Override
    public int fixedLength() {
        return FIXED;
    }

    @Override
    public int identityKeys() {
        return 2;
    }

    @Override
    public byte[] encode(Lease4 l) {
        HardwareAddress hw = l.hwAddress();
        return new LeaseRecord.Builder().i32(l.address().bits()).common(l)
                .u8((l.fqdnFwd() ? 1 : 0) | (l.fqdnRev() ? 2 : 0)).i32(hw == null ? 0 : hw.type())
                .var(l.hostname()).var(hw == null ? null : hw.bytes()).var(l.clientId()).var(l.userContext())
                .build();
    }

    @Override
    public Lease4 decode(byte[] record) {
        LeaseRecord.Reader r = new LeaseRecord.Reader(record);
        Ipv4Address address = new Ipv4Address(r.i32());
        LeaseState state = LeaseState.of(r.u8());
        long cltt = r.i64();
        long valid = r.u32();
        long subnet = r.u32();
        long pool = r.u32();
        int flags = r.u8();
        int hwType = r.i32();
        String hostname = r.string();
        byte[] hw = r.bytes();
        byte[] clientId = r.bytes();
        String userContext = r.string();
        return new Lease4(address, hw == null ? null : new HardwareAddress(hwType, hw), clientId, valid, cltt, subnet,
                (flags & 1) != 0, (flags & 2) != 0, hostname, state, userContext, pool);
    }

    @Override
    public byte[] addressKey(Ipv4Address address) {
        int v = address.bits();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Override
    public IaType type(byte[] record) {
        return IaType.NA;
    }
}
