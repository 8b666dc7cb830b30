package ruru.lease;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * A DHCPv4 lease as Kea keeps it (one row of the memfile CSV). Immutable: the client id is copied
 * in and out, and equality compares its bytes, so compare-and-set in the store works on values.
 *
 * @param hwAddress   null when the lease has none (Kea allows that for declined leases, or when a client id
 *                    is present); an empty one becomes null. The file keeps only the bytes (type 1 on reload)
 * @param clientId    null when the client sent none (an empty array is treated as none)
 * @param cltt        client last transmission time, epoch seconds
 * @param hostname    "" when none
 * @param userContext Kea's compact JSON text of the user context, or null; the store keeps it
 *                    verbatim (Kea writes {@code Element::str()}: {@code { "a": 1 }})
 */
public record Lease4(Ipv4Address address, HardwareAddress hwAddress, byte[] clientId,
                     long validLifetime, long cltt, long subnetId, boolean fqdnFwd, boolean fqdnRev,
                     String hostname, LeaseState state, String userContext, long poolId)
        implements Lease<Ipv4Address> {

    private static final long UINT32_MAX = 0xffffffffL;

    public Lease4 {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        hostname = hostname == null ? "" : hostname;
        // the file cannot tell an empty hardware address from none, so neither can the value
        hwAddress = hwAddress != null && hwAddress.length() == 0 ? null : hwAddress;
        clientId = clientId == null || clientId.length == 0 ? null : clientId.clone();
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

    /** Whether this lease's client identifier equals {@code id}, without copying it (packet path). */
    public boolean hasClientId(byte[] id) {
        return clientId != null && id != null && java.util.Arrays.equals(clientId, id);
    }

    /** Whether the lease records a client identifier. */
    public boolean hasClientId() {
        return clientId != null;
    }

    @Override
    public byte[] clientId() {
        return clientId == null ? null : clientId.clone();
    }

    public Lease4 withState(LeaseState newState) {
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnetId, fqdnFwd, fqdnRev,
                hostname, newState, userContext, poolId);
    }

    /** The same lease with another user context (compact JSON text, or null). */
    public Lease4 withUserContext(String newUserContext) {
        return new Lease4(address, hwAddress, clientId, validLifetime, cltt, subnetId, fqdnFwd, fqdnRev,
                hostname, state, newUserContext, poolId);
    }

    public Lease4 withLifetime(long newValidLifetime, long newCltt) {
        return new Lease4(address, hwAddress, clientId, newValidLifetime, newCltt, subnetId, fqdnFwd, fqdnRev,
                hostname, state, userContext, poolId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lease4 l
                && address.equals(l.address)
                && Objects.equals(hwAddress, l.hwAddress)
                && Arrays.equals(clientId, l.clientId)
                && validLifetime == l.validLifetime
                && cltt == l.cltt
                && subnetId == l.subnetId
                && fqdnFwd == l.fqdnFwd
                && fqdnRev == l.fqdnRev
                && hostname.equals(l.hostname)
                && state == l.state
                && Objects.equals(userContext, l.userContext)
                && poolId == l.poolId;
    }

    @Override
    public int hashCode() {
        int h = address.hashCode();
        h = 31 * h + Objects.hashCode(hwAddress);
        h = 31 * h + Arrays.hashCode(clientId);
        h = 31 * h + Long.hashCode(validLifetime);
        h = 31 * h + Long.hashCode(cltt);
        h = 31 * h + Long.hashCode(subnetId);
        h = 31 * h + hostname.hashCode();
        h = 31 * h + state.hashCode();
        return h;
    }

    @Override
    public String toString() {
        return "Lease4[" + address + ", hw=" + hwAddress
                + ", client-id=" + (clientId == null ? "-" : HexFormat.ofDelimiter(":").formatHex(clientId))
                + ", valid=" + validLifetime + ", cltt=" + cltt + ", subnet=" + subnetId
                + ", fwd=" + fqdnFwd + ", rev=" + fqdnRev + ", hostname=" + hostname + ", state=" + state.keaName()
                + ", user-context=" + userContext + ", pool=" + poolId + "]";
    }
}
