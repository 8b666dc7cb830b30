package ruru.dhcp4.config;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import ruru.wire.Ipv4Address;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostReservation;

/**
 * A host reservation (global when {@code subnetId} is 0). {@code identifiers} holds exactly one
 * entry: Kea keys each host on one identifier.
 */
public record Reservation4(Map<HostIdentifierType, byte[]> identifiers, Optional<Ipv4Address> address, String hostname,
        List<OptionValue> options, Optional<Ipv4Address> nextServer, String serverHostname, String bootFileName,
        long subnetId, List<String> clientClasses) implements HostReservation {

    public Reservation4(Map<HostIdentifierType, byte[]> identifiers, Optional<Ipv4Address> address, String hostname,
            List<OptionValue> options, Optional<Ipv4Address> nextServer, String serverHostname, String bootFileName,
            long subnetId) {
        this(identifiers, address, hostname, options, nextServer, serverHostname, bootFileName, subnetId, List.of());
    }

    public Reservation4 {
        if (identifiers.size() != 1) {
            throw new IllegalArgumentException("a reservation has exactly one identifier, got " + identifiers.keySet());
        }
        Map.Entry<HostIdentifierType, byte[]> e = identifiers.entrySet().iterator().next();
        identifiers = Map.of(e.getKey(), e.getValue().clone());
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostname, "hostname");
        options = List.copyOf(options);
        Objects.requireNonNull(nextServer, "nextServer");
        Objects.requireNonNull(serverHostname, "serverHostname");
        Objects.requireNonNull(bootFileName, "bootFileName");
        clientClasses = List.copyOf(clientClasses);
    }

    @Override
    public HostIdentifierType identifierType() {
        return identifiers.keySet().iterator().next();
    }

    @Override
    public byte[] identifier() {
        return identifiers.values().iterator().next().clone();
    }

    /** The reserved address, if any: what the host index finds this reservation by besides its identifier. */
    @Override
    public List<Ipv4Address> resources() {
        return address.map(List::of).orElse(List.of());
    }

    public boolean matches(HostIdentifierType type, byte[] value) {
        byte[] mine = identifiers.get(type);
        return mine != null && Arrays.equals(mine, value);
    }

    @Override
    public String toString() {
        return "Reservation4[" + identifierType().keaName() + "=" + HexFormat.ofDelimiter(":").formatHex(identifier())
                + ", address=" + address + ", hostname=" + hostname + ", subnetId=" + subnetId + "]";
    }
}
