package ruru.dhcp.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostReservation;

/**
 * Host reservations of one configuration, indexed for the packet path of either family: by (subnet,
 * identifier type, identifier bytes) and by (subnet, reserved resource: an address, or a DHCPv6
 * delegated prefix). Subnet id 0 holds the global reservations. Built once per configuration;
 * immutable.
 */
public final class HostIndex<R extends HostReservation> {

    private record Key(long subnetId, HostIdentifierType type, Bytes id) {
    }

    private record ResourceKey(long subnetId, Object resource) {
    }

    /** Byte-array key with value equality. */
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

    private final Map<Key, R> byIdentifier = new HashMap<>();
    private final Map<ResourceKey, R> byResource = new HashMap<>();

    public HostIndex(List<R> all) {
        for (R r : all) {
            byIdentifier.put(new Key(r.subnetId(), r.identifierType(), new Bytes(r.identifier())), r);
            for (Object resource : r.resources()) {
                byResource.put(new ResourceKey(r.subnetId(), resource), r);
            }
        }
    }

    public boolean isEmpty() {
        return byIdentifier.isEmpty();
    }

    /** The reservation of the client with identifier {@code id} of {@code type} in the subnet (0: global). */
    public Optional<R> find(long subnetId, HostIdentifierType type, byte[] id) {
        if (id == null || byIdentifier.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byIdentifier.get(new Key(subnetId, type, new Bytes(id))));
    }

    /** Every reservation (in any subnet, or global) using identifier {@code id} of {@code type}: for traces. */
    public java.util.List<R> allWith(HostIdentifierType type, byte[] id) {
        Bytes b = new Bytes(id);
        return byIdentifier.entrySet().stream().filter(e -> e.getKey().type() == type && e.getKey().id().equals(b))
                .map(Map.Entry::getValue).toList();
    }

    /** Every reservation holding {@code resource} in any subnet (or globally): for traces. */
    public java.util.List<R> allHolding(Object resource) {
        return byResource.entrySet().stream().filter(e -> e.getKey().resource().equals(resource))
                .map(Map.Entry::getValue).toList();
    }

    /** The reservation holding {@code resource} (an address or prefix) in the subnet (0: globally). */
    public Optional<R> holding(long subnetId, Object resource) {
        if (byResource.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byResource.get(new ResourceKey(subnetId, resource)));
    }
}
