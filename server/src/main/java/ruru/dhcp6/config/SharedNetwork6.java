package ruru.dhcp6.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ruru.dhcp.config.OptionValue;
import ruru.wire.Ipv6Address;

/**
 * A shared network: subnets on one link. Its parameters are already folded into its subnets; it
 * keeps what the service needs about the network itself (member ids, selectors, own options).
 */
public record SharedNetwork6(String name, List<Long> subnetIds, Optional<String> interfaceName,
                             Optional<byte[]> interfaceId, List<Ipv6Address> relayAddresses,
                             List<OptionValue> options) {

    public SharedNetwork6 {
        Objects.requireNonNull(name, "name");
        subnetIds = List.copyOf(subnetIds);
        relayAddresses = List.copyOf(relayAddresses);
        options = List.copyOf(options);
    }
}
