package ruru.dhcp4.config;

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
import ruru.json.MapElement;
import ruru.wire.v4.OptionDefinitions;
import ruru.dhcp.config.Scope;
import ruru.dhcp.config.SubnetRegistry;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.NetworkChecks;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.OptionDefParser;
import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp.config.Allocator;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.InterfaceChecks;
import ruru.net.InterfaceSpec;
import ruru.net.SystemInterfaces;

/**
 * Turns the schema-checked {@code Dhcp4} map into a {@link Dhcp4ServiceConfig}. Every semantic
 * check Kea 2.2's {@code kea-dhcp4 -t} makes on these keys is made here, with Kea's text.
 *
 * <p>Order follows Kea: option definitions, global options, then shared networks before plain
 * subnets (Kea walks its config map in key order), then global reservations.
 */
public final class Dhcp4ServiceConfigParser {

    private final OptionDataParser options;
    private final SubnetParser subnetParser;
    private final SystemInterfaces system;
    private final SubnetRegistry<Subnet4> subnets = new SubnetRegistry<>("IPv4", Subnet4::prefixText,
            Subnet4::prefixText);

    private Dhcp4ServiceConfigParser(OptionDataParser options, List<OptionValue> globalOptions,
            SystemInterfaces system) {
        this.options = options;
        this.system = system;
        this.subnetParser = new SubnetParser(options, globalOptions, system);
    }

    /** Checked against the interfaces detected last, as {@code kea-dhcp4 -t} does. */
    public static Dhcp4ServiceConfig parse(MapElement dhcp4, PathPolicy paths) throws ConfigException {
        return parse(dhcp4, paths, SystemInterfaces.lastDetected());
    }

    /** {@code system}: the interfaces the configuration's interface names must exist among. */
    public static Dhcp4ServiceConfig parse(MapElement dhcp4, PathPolicy paths, SystemInterfaces system)
            throws ConfigException {
        OptionDefinitions definitions = OptionDefParser.parse(dhcp4, OptionDefinitions.standardV4());
        OptionDataParser options = new OptionDataParser(definitions);
        List<OptionValue> globalOptions = options.parseList(dhcp4, "option-data");
        // Kea's order: host-reservation-identifiers, then interfaces-config, then the rest.
        List<HostIdentifierType> hostIdentifiers = GlobalSections.hostIdentifiers(dhcp4);
        InterfaceChecks.interfacesConfig(dhcp4, InterfaceSpec.V4, system);
        ClassDictionary<Class4> classes = new ClientClassParser4(definitions, options).parse(dhcp4);
        Scope global = Scope.global(dhcp4, SubnetParser.KEYS);
        NetworkChecks.lifetime(global, "", lifetimePosition(dhcp4));

        InterfacesConfig interfaces = GlobalSections.interfaces(dhcp4);
        LeaseDatabase leaseDatabase = GlobalSections.leaseDatabase(dhcp4, paths);
        ExpiredLeasesProcessing expired = GlobalSections.expiredLeases(dhcp4);

        Dhcp4ServiceConfigParser p = new Dhcp4ServiceConfigParser(options, globalOptions, system);
        List<SharedNetwork4> networks = p.sharedNetworks(dhcp4, global);
        for (MapElement m : Fields.maps(dhcp4, "subnet4")) {
            p.add(m, global, Optional.empty(), List.of(), ClassGuard.OPEN);
        }
        List<Reservation4> globalReservations = ReservationParser.parseList(Fields.maps(dhcp4, "reservations"), 0,
                Optional.empty(), options);

        List<Subnet4> sorted = new ArrayList<>(p.subnets.subnets());
        sorted.sort(Comparator.comparingLong(Subnet4::id));
        return new Dhcp4ServiceConfig(interfaces, leaseDatabase, expired, sorted, networks, globalReservations,
                hostIdentifiers, definitions, globalOptions, Fields.integer(dhcp4, "decline-probation-period", 86400),
                Fields.bool(dhcp4, "echo-client-id", true), Allocator.byKeaName(global.string("allocator"))
                        .orElseThrow(), ruru.dhcp4.ddns.Ddns4ConfigParser.parse(dhcp4, sorted), classes, flags(dhcp4, global));
    }

    private static Dhcp4ServiceConfig.Flags flags(MapElement dhcp4, Scope global) {
        boolean ignoreRai = dhcp4.get("compatibility") instanceof MapElement c
                && Fields.bool(c, "ignore-rai-link-selection", false);
        return new Dhcp4ServiceConfig.Flags(global.bool("authoritative"), ignoreRai,
                Fields.bool(dhcp4, "early-global-reservations-lookup", false));
    }

    private static ruru.json.Position lifetimePosition(MapElement dhcp4) {
        for (String k : List.of("min-valid-lifetime", "valid-lifetime", "max-valid-lifetime")) {
            if (dhcp4.has(k)) {
                return dhcp4.get(k).position();
            }
        }
        return dhcp4.position();
    }

    private List<SharedNetwork4> sharedNetworks(MapElement dhcp4, Scope global) throws ConfigException {
        List<SharedNetwork4> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MapElement n : Fields.maps(dhcp4, "shared-networks")) {
            String name = Fields.require(n, "name").asString().orElseThrow();
            if (name.isEmpty()) {
                // Kea 2.2's text, with its empty subnet list.
                throw new ConfigException(Fields.at(n, "name"),
                        "Shared-network with subnets  is missing mandatory 'name' parameter");
            }
            if (!names.add(name)) {
                throw new ConfigException(n.position(), "duplicate network '" + name + "' found in the configuration");
            }
            Scope scope = global.child(n, true);
            // Kea checks the network's interface before its options and subnets.
            InterfaceChecks.sharedNetwork(n, name, system);
            List<OptionValue> networkOptions = options.parseList(n, "option-data");
            ClassGuard networkClasses = ClassGuards.parse(n, "");
            Optional<String> iface = Fields.string(n, "interface").filter(s -> !s.isEmpty());
            String firstInterface = iface.orElse(null);
            List<Long> members = new ArrayList<>();
            for (MapElement m : Fields.maps(n, "subnet4")) {
                Subnet4 s = add(m, scope, Optional.of(name), networkOptions, networkClasses);
                Optional<String> own = Fields.string(m, "interface").filter(x -> !x.isEmpty());
                if (own.isPresent()) {
                    if (firstInterface != null && !firstInterface.equals(own.get())) {
                        throw new ConfigException(m.position(), "Subnet " + s.prefixText()
                                + " has specified interface " + own.get() + ", but earlier subnet in the same"
                                + " shared-network or the shared-network itself used " + firstInterface);
                    }
                    firstInterface = own.get();
                }
                members.add(s.id());
            }
            out.add(new SharedNetwork4(name, members, iface, SubnetParser.relays(n.find("relay")), networkOptions,
                    networkClasses));
        }
        return List.copyOf(out);
    }

    private Subnet4 add(MapElement m, Scope parent, Optional<String> network, List<OptionValue> networkOptions,
            ClassGuard networkClasses) throws ConfigException {
        return subnets.add(m, SubnetParser.declaredId(m),
                id -> subnetParser.parse(m, id, parent, network, networkOptions, networkClasses));
    }
}
