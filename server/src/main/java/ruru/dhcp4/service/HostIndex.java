package ruru.dhcp4.service;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp4.config.Reservation4;
import ruru.wire.Ipv4Address;

/**
 * Host reservations of one configuration, indexed for the packet path: by (subnet, identifier type,
 * identifier bytes) and by (subnet, reserved address). Subnet id 0 holds the global reservations.
 * Built once per configuration; immutable.
 */
final class HostIndex {

    private record Key(long subnetId, HostIdentifierType type, Bytes id) {
    }

    private record AddressKey(long subnetId, Ipv4Address address) {
    }

    /** Byte-array key with value equality. */
    record Bytes(byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }
    }

    private final Map<Key, Reservation4> byIdentifier = new HashMap<>();
    private final Map<AddressKey, Reservation4> byAddress = new HashMap<>();

    HostIndex(List<Reservation4> all) {
        for (Reservation4 r : all) {
            r.identifiers().forEach((type, id) -> byIdentifier.put(new Key(r.subnetId(), type, new Bytes(id)), r));
            r.address().ifPresent(a -> byAddress.put(new AddressKey(r.subnetId(), a), r));
        }
    }

    boolean isEmpty() {
        return byIdentifier.isEmpty();
    }

    Optional<Reservation4> find(long subnetId, HostIdentifierType type, byte[] id) {
        if (id == null || byIdentifier.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byIdentifier.get(new Key(subnetId, type, new Bytes(id))));
    }

    /** The reservation holding {@code address} in the subnet (or globally with id 0). */
    Optional<Reservation4> byAddress(long subnetId, Ipv4Address address) {
        if (byAddress.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byAddress.get(new AddressKey(subnetId, address)));
    }
}
