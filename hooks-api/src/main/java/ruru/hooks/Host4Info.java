package ruru.hooks;

import java.util.List;
import java.util.Optional;

import ruru.wire.Ipv4Address;

/**
 * A DHCPv4 host reservation as a callout sees it (Kea's {@code ConstHostPtr}). Immutable.
 *
 * @param identifierType Kea's name of the identifier: {@code hw-address}, {@code duid},
 *                       {@code circuit-id}, {@code client-id} or {@code flex-id}
 * @param identifier     the identifier's bytes (a copy is kept)
 * @param subnetId       the subnet the reservation belongs to; 0 for a global reservation
 * @param address        the reserved address, if the reservation has one
 * @param hostname       the reserved hostname, or empty
 * @param clientClasses  the classes the reservation gives its client
 */
public record Host4Info(String identifierType, byte[] identifier, long subnetId, Optional<Ipv4Address> address,
                        String hostname, List<String> clientClasses) {

    public Host4Info {
        identifier = identifier.clone();
        hostname = hostname == null ? "" : hostname;
        clientClasses = List.copyOf(clientClasses);
    }

    @Override
    public byte[] identifier() {
        return identifier.clone();
    }
}
