package ruru.dhcp6.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ruru.classify.ClassDictionary;
import ruru.classify.ClassGuard;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.dhcp.config.ClassGuards;
import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.InterfaceChecks;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp.config.NetworkChecks;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.OptionDefParser;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.Scope;
import ruru.dhcp.config.SubnetRegistry;
import ruru.dhcp6.ddns.Ddns6ConfigParser;
import ruru.json.MapElement;
import ruru.net.InterfaceSpec;
import ruru.net.SystemInterfaces;
import ruru.wire.v4.OptionDefinitions;
import ruru.wire.v6.StandardV6Definitions;

/**
 * Turns the schema-checked {@code Dhcp6} map into a {@link Dhcp6ServiceConfig}, making the
 * semantic checks {@code kea-dhcp6 -t} makes, with Kea's texts. Order follows Kea: option
 * definitions, global options, shared networks, plain subnets, global reservations.
 */
public final class Dhcp6ServiceConfigParser {

    /** Kea's default lease file name for DHCPv6. */
    public static final String DEFAULT_LEASE_FILE = "kea-leases6.csv";

    private final SubnetParser6 subnetParser;
    private final OptionDataParser options;
    private final SystemInterfaces system;
    private final SubnetRegistry<Subnet6> subnets = new SubnetRegistry<>("IPv6",
            s -> s.prefix().network() + "/" + s.prefix().length(), Subnet6::prefixText);

    private Dhcp6ServiceConfigParser(OptionDataParser options, List<OptionValue> globalOptions,
            SystemInterfaces system) {
        this.options = options;
        this.system = system;
        this.subnetParser = new SubnetParser6(options, globalOptions, system);
    }

    /** Checked against the interfaces detected last, as {@code kea-dhcp6 -t} does. */
    public static Dhcp6ServiceConfig parse(MapElement dhcp6, PathPolicy paths) throws ConfigException {
        return parse(dhcp6, paths, SystemInterfaces.lastDetected());
    }

    /** {@code system}: the interfaces the configuration's interface names must exist among. */
    public static Dhcp6ServiceConfig parse(MapElement dhcp6, PathPolicy paths, SystemInterfaces system)
            throws ConfigException {
        OptionDefinitions definitions = OptionDefParser.parse(dhcp6, StandardV6Definitions.registry());
        OptionDataParser options = new OptionDataParser(definitions);
        List<OptionValue> globalOptions = options.parseList(dhcp6, "option-data");
        // Kea's order: mac-sources, host-reservation-identifiers, server-id, then interfaces-config.
        List<MacSource> macSources = GlobalSections6.macSources(dhcp6);
        List<HostIdentifierType> hostIdentifiers = GlobalSections6.hostIdentifiers(dhcp6);
        ServerIdConfig serverId = GlobalSections6.serverId(dhcp6);
        InterfaceChecks.interfacesConfig(dhcp6, InterfaceSpec.V6, system);
        ClassDictionary<Class6> classes = new ClientClassParser6(definitions, options).parse(dhcp6);
        Scope global = Scope.global(dhcp6, SubnetParser6.KEYS);
        NetworkChecks.triplet(global, "valid", "", dhcp6.position());
        NetworkChecks.triplet(global, "preferred", "", dhcp6.position());
        dataDirectory(dhcp6, paths);

        LeaseDatabase leaseDatabase = LeaseDatabase.parse(dhcp6, paths, DEFAULT_LEASE_FILE);
        ExpiredLeasesProcessing expired = ExpiredLeasesProcessing.parse(dhcp6);

        Dhcp6ServiceConfigParser p = new Dhcp6ServiceConfigParser(options, globalOptions, system);
        List<SharedNetwork6> networks = p.sharedNetworks(dhcp6, global);
        for (MapElement m : Fields.maps(dhcp6, "subnet6")) {
            p.add(m, global, Optional.empty(), List.of(), ClassGuard.OPEN);
        }
        List<Reservation6> globalReservations = ReservationParser6.parseList(Fields.maps(dhcp6, "reservations"), 0,
                Optional.empty(), options);
        List<Subnet6> sorted = new ArrayList<>(p.subnets.subnets());
        sorted.sort(Comparator.comparingLong(Subnet6::id));
        return new Dhcp6ServiceConfig(GlobalSections6.interfaces(dhcp6), leaseDatabase, expired, sorted, networks,
                globalReservations, hostIdentifiers, definitions, globalOptions,
                Fields.unsigned(dhcp6, "decline-probation-period", 0xFFFF_FFFFL, 86400), serverId,
                macSources, GlobalSections6.relaySuppliedOptions(dhcp6, definitions), classes,
                Ddns6ConfigParser.parse(dhcp6, sorted), Fields.bool(dhcp6, "early-global-reservations-lookup", false));
    }

    /**
     * Kea 3.0 keeps {@code data-directory} only for compatibility: it must name the data directory
     * in force ({@code KEA_DHCP_DATA_DIR} or the built-in one), else the configuration is refused.
     */
    private static void dataDirectory(MapElement dhcp6, PathPolicy paths) throws ConfigException {
        Optional<String> given = Fields.string(dhcp6, "data-directory");
        if (given.isEmpty()) {
            return;
        }
        java.nio.file.Path supported = LeaseDatabase.dataDirectory(paths);
        java.nio.file.Path asked = java.nio.file.Path.of(given.get()).toAbsolutePath().normalize();
        if (!asked.equals(supported)) {
            throw new ConfigException(Fields.at(dhcp6, "data-directory"), "'data-directory' of '" + given.get()
                    + "' is invalid, supported path is '" + supported + "'");
        }
    }

    private List<SharedNetwork6> sharedNetworks(MapElement dhcp6, Scope global) throws ConfigException {
        List<SharedNetwork6> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MapElement n : Fields.maps(dhcp6, "shared-networks")) {
            // Kea's SharedNetwork6Parser appends the network's position to whatever fails inside it.
            SharedNetwork6 network;
            List<Subnet6> own = new ArrayList<>();
            try {
                network = sharedNetwork(n, global, own);
            } catch (ConfigException e) {
                throw new ConfigException(n.position(), e.getMessage());
            }
            // Then, as Kea adds the network to the configuration and sanity-checks it:
            if (network.name().isEmpty()) {
                throw new ConfigException("Shared-network with subnets  is missing mandatory 'name' parameter");
            }
            if (!names.add(network.name())) {
                throw new ConfigException(n.position(), "duplicate network '" + network.name()
                        + "' found in the configuration");
            }
            String firstInterface = network.interfaceName().orElse(null);
            Boolean firstRapid = null;
            for (Subnet6 s : own) {
                if (s.interfaceName().isPresent()) {
                    if (firstInterface != null && !firstInterface.equals(s.interfaceName().get())) {
                        throw new ConfigException("Subnet " + s.prefixText() + " has specified interface "
                                + s.interfaceName().get() + ", but earlier subnet in the same shared-network or the"
                                + " shared-network itself used " + firstInterface);
                    }
                    firstInterface = s.interfaceName().get();
                }
                if (firstRapid != null && firstRapid != s.rapidCommit()) {
                    throw new ConfigException("All subnets in a shared network must have the same"
                            + " rapid-commit value. Subnet " + s.prefixText() + " has specified rapid-commit "
                            + s.rapidCommit() + ", but earlier subnet in the same shared-network or the"
                            + " shared-network itself used rapid-commit " + firstRapid);
                }
                firstRapid = s.rapidCommit();
            }
            out.add(network);
        }
        return List.copyOf(out);
    }

    private SharedNetwork6 sharedNetwork(MapElement n, Scope global, List<Subnet6> own) throws ConfigException {
        String name = Fields.require(n, "name").asString().orElseThrow();
        Scope scope = global.child(n, true);
        NetworkChecks.triplet(scope, "valid", "", ruru.json.Position.NONE);
        NetworkChecks.triplet(scope, "preferred", "", ruru.json.Position.NONE);
        Optional<String> iface = Fields.string(n, "interface").filter(s -> !s.isEmpty());
        Optional<byte[]> interfaceId = Fields.string(n, "interface-id").filter(x -> !x.isEmpty())
                .map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (iface.isPresent() && interfaceId.isPresent()) {
            // Kea's text, without a space before the position.
            throw new ConfigException("parser error: interface (defined for locally reachable subnets) and"
                    + " interface-id (defined for subnets reachable via relays) cannot be defined at the same time"
                    + " for shared network " + name + "(" + n.position() + ")");
        }
        // Kea checks the network's interface before its options and subnets.
        InterfaceChecks.sharedNetwork(n, name, system);
        List<OptionValue> networkOptions = options.parseList(n, "option-data");
        ClassGuard networkClasses = ClassGuards.parse(n, "");
        List<Long> members = new ArrayList<>();
        for (MapElement m : Fields.maps(n, "subnet6")) {
            Subnet6 s = add(m, scope, Optional.of(name), networkOptions, networkClasses);
            own.add(s);
            members.add(s.id());
        }
        return new SharedNetwork6(name, members, iface, interfaceId, SubnetParser6.relays(n.find("relay")),
                networkOptions);
    }

    private Subnet6 add(MapElement m, Scope parent, Optional<String> network, List<OptionValue> networkOptions,
            ClassGuard networkClasses) throws ConfigException {
        return subnets.add(m, SubnetParser6.declaredId(m),
                id -> subnetParser.parse(m, id, parent, network, networkOptions, networkClasses));
    }
}
