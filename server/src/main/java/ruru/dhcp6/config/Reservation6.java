package ruru.dhcp6.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostReservation;
import ruru.dhcp.config.OptionValue;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;

/**
 * A DHCPv6 host reservation (global when {@code subnetId} is 0), keyed on one identifier:
 * addresses, delegated prefixes (each with an optional excluded prefix, Kea 3.0), a hostname,
 * options and the client classes a matching client joins.
 */
public record Reservation6(HostIdentifierType identifierType, byte[] identifier, List<Ipv6Address> addresses,
                           List<Ipv6Prefix> prefixes, Map<Ipv6Prefix, Ipv6Prefix> excludedPrefixes, String hostname,
                           List<OptionValue> options, long subnetId, List<String> clientClasses)
        implements HostReservation {

    public Reservation6(HostIdentifierType identifierType, byte[] identifier, List<Ipv6Address> addresses,
            List<Ipv6Prefix> prefixes, Map<Ipv6Prefix, Ipv6Prefix> excludedPrefixes, String hostname,
            List<OptionValue> options, long subnetId) {
        this(identifierType, identifier, addresses, prefixes, excludedPrefixes, hostname, options, subnetId, List.of());
    }

    public Reservation6 {
        clientClasses = List.copyOf(clientClasses);
        Objects.requireNonNull(identifierType, "identifierType");
        identifier = identifier.clone();
        addresses = List.copyOf(addresses);
        prefixes = List.copyOf(prefixes);
        excludedPrefixes = Map.copyOf(excludedPrefixes);
        Objects.requireNonNull(hostname, "hostname");
        options = List.copyOf(options);
    }

    @Override
    public byte[] identifier() {
        return identifier.clone();
    }

    /** The reserved addresses and prefixes (each prefix at its network address): what the host index finds. */
    @Override
    public List<Object> resources() {
        List<Object> out = new ArrayList<>(addresses);
        prefixes.forEach(p -> out.add(new Ipv6Prefix(p.network(), p.length())));
        return out;
    }

    public boolean matches(HostIdentifierType type, byte[] value) {
        return identifierType == type && Arrays.equals(identifier, value);
    }

    public Optional<Ipv6Prefix> excludedFor(Ipv6Prefix delegated) {
        return Optional.ofNullable(excludedPrefixes.get(delegated));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reservation6 r && r.identifierType == identifierType
                && Arrays.equals(r.identifier, identifier) && r.subnetId == subnetId
                && r.addresses.equals(addresses) && r.prefixes.equals(prefixes) && r.hostname.equals(hostname)
                && r.options.equals(options) && r.excludedPrefixes.equals(excludedPrefixes)
                && r.clientClasses.equals(clientClasses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identifierType, Arrays.hashCode(identifier), subnetId);
    }

    @Override
    public String toString() {
        return "Reservation6[" + identifierType.keaName() + "=" + HexFormat.ofDelimiter(":").formatHex(identifier)
                + ", addresses=" + addresses + ", prefixes=" + prefixes + ", hostname=" + hostname
                + ", subnetId=" + subnetId + "]";
    }
}
