package ruru.lease;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import ruru.wire.Ipv4Address;

/**
 * The secondary indexes of the store: hardware address bytes, client id, hostname, subnet, and per
 * state an expiry-ordered set so reclamation reads the oldest expired leases without scanning all
 * of them. Changed only under the address's stripe lock, so an address is never indexed under two
 * values at rest; readers still re-check against the primary map (they may see a change half done).
 */
final class LeaseIndexes {

    /** Expiry-ordered key; infinite-lifetime leases are never added (they never expire). */
    record Expiry(long expire, int address) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            int c = Long.compare(expire, o.expire);
            return c != 0 ? c : Integer.compareUnsigned(address, o.address);
        }
    }

    final AddressIndex<ByteKey> hw = new AddressIndex<>();
    final AddressIndex<ByteKey> clientId = new AddressIndex<>();
    final AddressIndex<String> hostname = new AddressIndex<>();
    final AddressIndex<Long> subnet = new AddressIndex<>();
    private final Map<LeaseState, ConcurrentSkipListMap<Expiry, Lease4>> byExpiry = new EnumMap<>(LeaseState.class);

    LeaseIndexes() {
        for (LeaseState s : LeaseState.values()) {
            byExpiry.put(s, new ConcurrentSkipListMap<>());
        }
    }

    /** Expiry key -> the lease indexed under it, so a query reads leases without a lookup each. */
    ConcurrentSkipListMap<Expiry, Lease4> expiry(LeaseState state) {
        return byExpiry.get(state);
    }

    /** Moves the address's entries from {@code old} to {@code updated}; either may be null. */
    void update(Lease4 old, Lease4 updated) {
        Ipv4Address a = old != null ? old.address() : updated.address();
        ByteKey oldHw = hwKey(old);
        ByteKey newHw = hwKey(updated);
        if (!Objects.equals(oldHw, newHw)) {
            if (oldHw != null) {
                hw.remove(oldHw, a);
            }
            if (newHw != null) {
                hw.add(newHw, a);
            }
        }
        ByteKey oldCid = cidKey(old);
        ByteKey newCid = cidKey(updated);
        if (!Objects.equals(oldCid, newCid)) {
            if (oldCid != null) {
                clientId.remove(oldCid, a);
            }
            if (newCid != null) {
                clientId.add(newCid, a);
            }
        }
        String oldName = old == null || old.hostname().isEmpty() ? null : old.hostname();
        String newName = updated == null || updated.hostname().isEmpty() ? null : updated.hostname();
        if (!Objects.equals(oldName, newName)) {
            if (oldName != null) {
                hostname.remove(oldName, a);
            }
            if (newName != null) {
                hostname.add(newName, a);
            }
        }
        Long oldSubnet = old == null ? null : old.subnetId();
        Long newSubnet = updated == null ? null : updated.subnetId();
        if (!Objects.equals(oldSubnet, newSubnet)) {
            if (oldSubnet != null) {
                subnet.remove(oldSubnet, a);
            }
            if (newSubnet != null) {
                subnet.add(newSubnet, a);
            }
        }
        Expiry oldExp = expiryKey(old);
        Expiry newExp = expiryKey(updated);
        if (oldExp != null) {
            byExpiry.get(old.state()).remove(oldExp);
        }
        if (newExp != null) {
            byExpiry.get(updated.state()).put(newExp, updated);
        }
    }

    private static ByteKey hwKey(Lease4 l) {
        return l == null || l.hwAddress() == null || l.hwAddress().length() == 0
                ? null : new ByteKey(l.hwAddress().bytes());
    }

    private static ByteKey cidKey(Lease4 l) {
        return l == null || l.clientId() == null ? null : new ByteKey(l.clientId());
    }

    private static Expiry expiryKey(Lease4 l) {
        return l == null || l.validLifetime() == Lease4.INFINITE_LIFETIME
                ? null : new Expiry(l.expire(), l.address().bits());
    }
}
