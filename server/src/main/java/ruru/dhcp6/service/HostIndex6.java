package ruru.dhcp6.service;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp6.config.Reservation6;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;

/**
 * The DHCPv6 host reservations of one configuration, indexed for the packet path: by (subnet,
 * identifier type, identifier bytes), by (subnet, reserved address) and by (subnet, reserved
 * prefix). Subnet id 0 holds the global reservations. Built once per configuration; immutable.
 */
final class HostIndex6 {

    private record Key(long subnetId, HostIdentifierType type, Bytes id) {
    }

    private record AddressKey(long subnetId, Ipv6Address address) {
    }

    private record PrefixKey(long subnetId, Ipv6Prefix prefix) {
    }

    private record Bytes(byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }
    }

    private final Map<Key, Reservation6> byIdentifier = new HashMap<>();
    private final Map<AddressKey, Reservation6> byAddress = new HashMap<>();
    private final Map<PrefixKey, Reservation6> byPrefix = new HashMap<>();

    HostIndex6(List<Reservation6> all) {
        for (Reservation6 r : all) {
            byIdentifier.put(new Key(r.subnetId(), r.identifierType(), new Bytes(r.identifier())), r);
            r.addresses().forEach(a -> byAddress.put(new AddressKey(r.subnetId(), a), r));
            r.prefixes().forEach(p -> byPrefix.put(new PrefixKey(r.subnetId(), new Ipv6Prefix(p.network(), p.length())),
                    r));
        }
    }

    boolean isEmpty() {
        return byIdentifier.isEmpty();
    }

    Optional<Reservation6> find(long subnetId, HostIdentifierType type, byte[] id) {
        if (id == null || byIdentifier.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byIdentifier.get(new Key(subnetId, type, new Bytes(id))));
    }

    /** The reservation holding {@code address} in the subnet (0: globally). */
    Optional<Reservation6> byAddress(long subnetId, Ipv6Address address) {
        return byAddress.isEmpty() ? Optional.empty()
                : Optional.ofNullable(byAddress.get(new AddressKey(subnetId, address)));
    }

    Optional<Reservation6> byPrefix(long subnetId, Ipv6Prefix prefix) {
        return byPrefix.isEmpty() ? Optional.empty()
                : Optional.ofNullable(byPrefix.get(new PrefixKey(subnetId, prefix)));
    }
}
