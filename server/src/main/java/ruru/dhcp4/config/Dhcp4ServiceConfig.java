package ruru.dhcp4.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ruru.classify.ClassDictionary;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.OptionDefinitions;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp.config.Allocator;
import ruru.dhcp.config.HostIdentifierType;

/**
 * The typed DHCPv4 service configuration: everything the packet service needs, inheritance
 * resolved, immutable.
 *
 * @param subnets           every subnet, plain and in shared networks, sorted by id
 * @param hostIdentifiers   the order in which reservation identifiers are tried
 * @param optionDefinitions standard plus {@code option-def} definitions
 * @param globalOptions     the global {@code option-data}
 * @param clientClasses     {@code client-classes}, in configuration order
 * @param flags             global switches that are not inherited into subnets
 */
public record Dhcp4ServiceConfig(InterfacesConfig interfaces, LeaseDatabase leaseDatabase,
        ExpiredLeasesProcessing expiredLeases, List<Subnet4> subnets, List<SharedNetwork4> sharedNetworks,
        List<Reservation4> globalReservations, List<HostIdentifierType> hostIdentifiers,
        OptionDefinitions optionDefinitions, List<OptionValue> globalOptions, long declineProbationPeriod,
        boolean echoClientId, Allocator defaultAllocator, ruru.ddns.client.DdnsServerConfig<Ipv4Address> ddns,
        ClassDictionary<Class4> clientClasses, Flags flags) {

    /** A configuration without client classes. */
    public Dhcp4ServiceConfig(InterfacesConfig interfaces, LeaseDatabase leaseDatabase,
            ExpiredLeasesProcessing expiredLeases, List<Subnet4> subnets, List<SharedNetwork4> sharedNetworks,
            List<Reservation4> globalReservations, List<HostIdentifierType> hostIdentifiers,
            OptionDefinitions optionDefinitions, List<OptionValue> globalOptions, long declineProbationPeriod,
            boolean echoClientId, Allocator defaultAllocator, ruru.ddns.client.DdnsServerConfig<Ipv4Address> ddns) {
        this(interfaces, leaseDatabase, expiredLeases, subnets, sharedNetworks, globalReservations, hostIdentifiers,
                optionDefinitions, globalOptions, declineProbationPeriod, echoClientId, defaultAllocator, ddns,
                ClassDictionary.empty(), Flags.DEFAULT);
    }

    /** A configuration without DDNS (names are still shaped with Kea's defaults) and client classes. */
    public Dhcp4ServiceConfig(InterfacesConfig interfaces, LeaseDatabase leaseDatabase,
            ExpiredLeasesProcessing expiredLeases, List<Subnet4> subnets, List<SharedNetwork4> sharedNetworks,
            List<Reservation4> globalReservations, List<HostIdentifierType> hostIdentifiers,
            OptionDefinitions optionDefinitions, List<OptionValue> globalOptions, long declineProbationPeriod,
            boolean echoClientId, Allocator defaultAllocator) {
        this(interfaces, leaseDatabase, expiredLeases, subnets, sharedNetworks, globalReservations, hostIdentifiers,
                optionDefinitions, globalOptions, declineProbationPeriod, echoClientId, defaultAllocator,
                ruru.ddns.client.DdnsServerConfig.disabled(), ClassDictionary.empty(), Flags.DEFAULT);
    }

    /** A configuration with Kea's defaults for the global switches. */
    public Dhcp4ServiceConfig(InterfacesConfig interfaces, LeaseDatabase leaseDatabase,
            ExpiredLeasesProcessing expiredLeases, List<Subnet4> subnets, List<SharedNetwork4> sharedNetworks,
            List<Reservation4> globalReservations, List<HostIdentifierType> hostIdentifiers,
            OptionDefinitions optionDefinitions, List<OptionValue> globalOptions, long declineProbationPeriod,
            boolean echoClientId, Allocator defaultAllocator, ruru.ddns.client.DdnsServerConfig<Ipv4Address> ddns,
            ClassDictionary<Class4> clientClasses) {
        this(interfaces, leaseDatabase, expiredLeases, subnets, sharedNetworks, globalReservations, hostIdentifiers,
                optionDefinitions, globalOptions, declineProbationPeriod, echoClientId, defaultAllocator, ddns,
                clientClasses, Flags.DEFAULT);
    }

    /**
     * @param authoritative                  the global {@code authoritative}, for a query no subnet was
     *                                       selected for (Kea's assignLease falls back to it)
     * @param ignoreRaiLinkSelection         {@code compatibility.ignore-rai-link-selection}
     * @param earlyGlobalReservationsLookup  {@code early-global-reservations-lookup}
     */
    public record Flags(boolean authoritative, boolean ignoreRaiLinkSelection, boolean earlyGlobalReservationsLookup) {
        public static final Flags DEFAULT = new Flags(false, false, false);
    }

    /** The global {@code authoritative}. */
    public boolean authoritative() {
        return flags.authoritative();
    }

    public Dhcp4ServiceConfig {
        Objects.requireNonNull(interfaces, "interfaces");
        Objects.requireNonNull(leaseDatabase, "leaseDatabase");
        Objects.requireNonNull(expiredLeases, "expiredLeases");
        subnets = List.copyOf(subnets);
        sharedNetworks = List.copyOf(sharedNetworks);
        globalReservations = List.copyOf(globalReservations);
        hostIdentifiers = List.copyOf(hostIdentifiers);
        Objects.requireNonNull(optionDefinitions, "optionDefinitions");
        globalOptions = List.copyOf(globalOptions);
        Objects.requireNonNull(defaultAllocator, "defaultAllocator");
        Objects.requireNonNull(ddns, "ddns");
        Objects.requireNonNull(clientClasses, "clientClasses");
        Objects.requireNonNull(flags, "flags");
    }

    public Optional<Subnet4> subnetById(long id) {
        return subnets.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<SharedNetwork4> sharedNetwork(String name) {
        return sharedNetworks.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
