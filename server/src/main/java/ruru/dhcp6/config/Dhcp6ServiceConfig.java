package ruru.dhcp6.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import ruru.classify.ClassDictionary;
import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp.config.OptionValue;
import ruru.ddns.client.DdnsServerConfig;
import ruru.wire.Ipv6Address;
import ruru.wire.v4.OptionDefinitions;

/**
 * The typed DHCPv6 service configuration: everything the packet service needs, inheritance
 * resolved, immutable.
 *
 * @param interfaces           {@code interfaces-config.interfaces} entries as written
 * @param subnets              every subnet, plain and in shared networks, sorted by id (Kea's order)
 * @param relaySuppliedOptions option codes a relay may supply through RSOO (Kea's default: 65)
 * @param clientClasses        {@code client-classes}, in configuration order
 * @param ddns                 {@code dhcp-ddns} and the {@code ddns-*} keys of every level
 */
public record Dhcp6ServiceConfig(List<String> interfaces, LeaseDatabase leaseDatabase,
        ExpiredLeasesProcessing expiredLeases, List<Subnet6> subnets, List<SharedNetwork6> sharedNetworks,
        List<Reservation6> globalReservations, List<HostIdentifierType> hostIdentifiers,
        OptionDefinitions optionDefinitions, List<OptionValue> globalOptions, long declineProbationPeriod,
        ServerIdConfig serverId, List<MacSource> macSources, Set<Integer> relaySuppliedOptions,
        ClassDictionary<Class6> clientClasses, DdnsServerConfig<Ipv6Address> ddns) {

    public Dhcp6ServiceConfig(List<String> interfaces, LeaseDatabase leaseDatabase,
            ExpiredLeasesProcessing expiredLeases, List<Subnet6> subnets, List<SharedNetwork6> sharedNetworks,
            List<Reservation6> globalReservations, List<HostIdentifierType> hostIdentifiers,
            OptionDefinitions optionDefinitions, List<OptionValue> globalOptions, long declineProbationPeriod,
            ServerIdConfig serverId, List<MacSource> macSources, Set<Integer> relaySuppliedOptions) {
        this(interfaces, leaseDatabase, expiredLeases, subnets, sharedNetworks, globalReservations, hostIdentifiers,
                optionDefinitions, globalOptions, declineProbationPeriod, serverId, macSources, relaySuppliedOptions,
                ClassDictionary.empty(), DdnsServerConfig.disabled());
    }

    public Dhcp6ServiceConfig {
        Objects.requireNonNull(clientClasses, "clientClasses");
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(leaseDatabase, "leaseDatabase");
        Objects.requireNonNull(expiredLeases, "expiredLeases");
        subnets = List.copyOf(subnets);
        sharedNetworks = List.copyOf(sharedNetworks);
        globalReservations = List.copyOf(globalReservations);
        hostIdentifiers = List.copyOf(hostIdentifiers);
        Objects.requireNonNull(optionDefinitions, "optionDefinitions");
        globalOptions = List.copyOf(globalOptions);
        Objects.requireNonNull(serverId, "serverId");
        macSources = List.copyOf(macSources);
        relaySuppliedOptions = Set.copyOf(relaySuppliedOptions);
        Objects.requireNonNull(ddns, "ddns");
    }

    public Optional<Subnet6> subnetById(long id) {
        for (Subnet6 s : subnets) {
            if (s.id() == id) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
