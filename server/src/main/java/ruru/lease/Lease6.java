package ruru.lease;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * A DHCPv6 lease as Kea keeps it (one row of the memfile CSV): an address (IA_NA, IA_TA) or a
 * delegated prefix (IA_PD, {@code address} being the prefix). Immutable; the DUID is copied in and
 * out and compared by its bytes, so compare-and-set in the store works on values.
 *
 * @param prefixLength 128 for addresses
 * @param duid         the client's DUID; Kea writes a single zero byte for a declined lease
 * @param hwAddress    null when none is known; its type is the file's {@code hwtype}
 * @param hwSource     where the hardware address came from (Kea's {@code HWAddr::HWADDR_SOURCE_*} bits;
 *                     0 when unknown)
 * @param userContext  Kea's compact JSON text of the user context, or null
 */
public record Lease6(Ipv6Address address, IaType type, int prefixLength, long iaid, byte[] duid,
                     long preferredLifetime, long validLifetime, long cltt, long subnetId, boolean fqdnFwd,
                     boolean fqdnRev, String hostname, HardwareAddress hwAddress, int hwSource, LeaseState state,
                     String userContext, long poolId) implements Lease<Ipv6Address> {

    private static final long UINT32_MAX = 0xffffffffL;
    /** The DUID Kea gives a declined lease: one zero byte. */
    public static final byte[] DECLINED_DUID = {0};

    public Lease6 {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0..128");
        }
        if (duid == null || duid.length == 0) {
            throw new IllegalArgumentException("a DHCPv6 lease needs a DUID");
        }
        duid = duid.clone();
        hostname = hostname == null ? "" : hostname;
        hwAddress = hwAddress != null && hwAddress.length() == 0 ? null : hwAddress;
        requireUint32(iaid, "IAID");
        requireUint32(preferredLifetime, "preferred lifetime");
        requireUint32(validLifetime, "valid lifetime");
        requireUint32(subnetId, "subnet id");
        requireUint32(poolId, "pool id");
        if (cltt < 0) {
            throw new IllegalArgumentException("cltt must not be negative");
        }
    }

    private static void requireUint32(long value, String what) {
        if (value < 0 || value > UINT32_MAX) {
            throw new IllegalArgumentException(what + " " + value + " is out of range 0.." + UINT32_MAX);
        }
    }

    @Override
    public byte[] duid() {
        return duid.clone();
    }

    /** Whether this lease's DUID has these bytes, without copying (packet path). */
    public boolean hasDuid(byte[] other) {
        return Arrays.equals(duid, other);
    }

    /** Whether the lease belongs to this client's IA: same DUID, IAID and IA type. */
    public boolean belongsTo(byte[] clientDuid, long clientIaid, IaType iaType) {
        return type == iaType && iaid == clientIaid && Arrays.equals(duid, clientDuid);
    }

    /** The same lease with another user context (compact JSON text, or null). */
    public Lease6 withUserContext(String newUserContext) {
        return new Lease6(address, type, prefixLength, iaid, duid, preferredLifetime, validLifetime, cltt, subnetId,
                fqdnFwd, fqdnRev, hostname, hwAddress, hwSource, state, newUserContext, poolId);
    }

    public Lease6 withState(LeaseState newState) {
        return new Lease6(address, type, prefixLength, iaid, duid, preferredLifetime, validLifetime, cltt, subnetId,
                fqdnFwd, fqdnRev, hostname, hwAddress, hwSource, newState, userContext, poolId);
    }

    /** The same lease with new lifetimes from {@code newCltt}. */
    public Lease6 withLifetimes(long newPreferred, long newValid, long newCltt) {
        return new Lease6(address, type, prefixLength, iaid, duid, newPreferred, newValid, newCltt, subnetId,
                fqdnFwd, fqdnRev, hostname, hwAddress, hwSource, state, userContext, poolId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lease6 l
                && address.equals(l.address)
                && type == l.type
                && prefixLength == l.prefixLength
                && iaid == l.iaid
                && Arrays.equals(duid, l.duid)
                && preferredLifetime == l.preferredLifetime
                && validLifetime == l.validLifetime
                && cltt == l.cltt
                && subnetId == l.subnetId
                && fqdnFwd == l.fqdnFwd
                && fqdnRev == l.fqdnRev
                && hostname.equals(l.hostname)
                && Objects.equals(hwAddress, l.hwAddress)
                && hwSource == l.hwSource
                && state == l.state
                && Objects.equals(userContext, l.userContext)
                && poolId == l.poolId;
    }

    @Override
    public int hashCode() {
        int h = address.hashCode();
        h = 31 * h + Arrays.hashCode(duid);
        h = 31 * h + Long.hashCode(iaid);
        h = 31 * h + Long.hashCode(validLifetime);
        h = 31 * h + Long.hashCode(cltt);
        h = 31 * h + state.hashCode();
        return h;
    }

    @Override
    public String toString() {
        return "Lease6[" + address + (type == IaType.PD ? "/" + prefixLength : "") + " " + type.keaName()
                + ", duid=" + HexFormat.ofDelimiter(":").formatHex(duid) + ", iaid=" + iaid
                + ", pref=" + preferredLifetime + ", valid=" + validLifetime + ", cltt=" + cltt
                + ", subnet=" + subnetId + ", hw=" + hwAddress + ", state=" + state.keaName()
                + ", hostname=" + hostname + ", pool=" + poolId + "]";
    }
}
