package ruru.dhcp4.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ruru.classify.ClassGuard;
import ruru.wire.Ipv4Address;
import ruru.dhcp.config.OptionValue;

/**
 * A shared network: subnets on one link. Its parameters are already folded into its subnets; it
 * keeps what the service needs about the network itself (member ids, selectors, own options).
 */
public record SharedNetwork4(String name, List<Long> subnetIds, Optional<String> interfaceName,
        List<Ipv4Address> relayAddresses, List<OptionValue> options, ClassGuard classes) {

    public SharedNetwork4(String name, List<Long> subnetIds, Optional<String> interfaceName,
            List<Ipv4Address> relayAddresses, List<OptionValue> options) {
        this(name, subnetIds, interfaceName, relayAddresses, options, ClassGuard.OPEN);
    }

    public SharedNetwork4 {
        Objects.requireNonNull(name, "name");
        subnetIds = List.copyOf(subnetIds);
        Objects.requireNonNull(interfaceName, "interfaceName");
        relayAddresses = List.copyOf(relayAddresses);
        options = List.copyOf(options);
        Objects.requireNonNull(classes, "classes");
    }
}
