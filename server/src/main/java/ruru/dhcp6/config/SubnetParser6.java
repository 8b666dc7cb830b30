package ruru.dhcp6.config;

import static ruru.dhcp.config.NetworkChecks.SUBNET_FAILED;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import ruru.classify.ClassGuard;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.schema.DhcpDefaults;
import ruru.dhcp.config.Allocator;
import ruru.dhcp.config.ClassGuards;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.RelayAddresses;
import ruru.dhcp.config.SubnetText;
import ruru.dhcp.config.Lifetime;
import ruru.dhcp.config.NetworkChecks;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.OptionResolver;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.Scope;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Ipv4Address;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;

/** One {@code subnet6} entry, resolved against the scope it sits in (global or a shared network). */
final class SubnetParser6 {

    /** Kea's SubnetID range: 0 means "assign one", 4294967295 is its "unused" marker. */
    static final long MAX_ID = 4_294_967_294L;

    /** The keys a DHCPv6 scope inherits (Kea 3.0's SimpleParser6 INHERIT lists) and their global defaults. */
    private static final List<String> INHERITED = List.of("valid-lifetime", "min-valid-lifetime",
            "max-valid-lifetime", "preferred-lifetime", "min-preferred-lifetime", "max-preferred-lifetime",
            "renew-timer", "rebind-timer", "calculate-tee-times", "t1-percent", "t2-percent", "reservations-global",
            "reservations-in-subnet", "reservations-out-of-pool", "allocator", "pd-allocator", "cache-threshold",
            "cache-max-age", "store-extended-info");

    static final Scope.Keys KEYS = new Scope.Keys(INHERITED, List.of("interface", "interface-id", "relay",
            "rapid-commit"), DhcpDefaults.globalValues(DhcpDefaults.dhcp6(), INHERITED));

    private final OptionDataParser options;
    private final List<OptionValue> globalOptions;
    private final ruru.net.SystemInterfaces system;

    SubnetParser6(OptionDataParser options, List<OptionValue> globalOptions, ruru.net.SystemInterfaces system) {
        this.options = options;
        this.globalOptions = globalOptions;
        this.system = system;
    }

    static long declaredId(MapElement m) throws ConfigException {
        long id = Fields.integer(m, "id", 0);
        if (id < 0 || id > MAX_ID) {
            throw new ConfigException(Fields.at(m, "id"), SUBNET_FAILED + "The 'id' value (" + id
                    + ") is not within expected range: (0 - " + MAX_ID + ")");
        }
        return id;
    }

    static Ipv6Prefix prefix(MapElement m) throws ConfigException {
        SubnetText t = SubnetText.of(m);
        String addrText = t.address();
        Ipv6Address address;
        try {
            address = Ipv6Address.parse(addrText);
        } catch (WireFormatException ex) {
            if (isIpv4(addrText)) {
                throw new ConfigException(t.at(), SUBNET_FAILED + "Non IPv6 prefix " + addrText + " specified in subnet6");
            }
            throw new ConfigException(t.at(), SUBNET_FAILED + "Failed to convert string to address '" + addrText
                    + "': Invalid argument");
        }
        t.requireLengthAtMost(128);
        return new Ipv6Prefix(address, t.length());
    }

    private static boolean isIpv4(String text) {
        try {
            Ipv4Address.parse(text);
            return true;
        } catch (WireFormatException e) {
            return false;
        }
    }

    Subnet6 parse(MapElement m, long id, Scope parent, Optional<String> sharedNetwork,
            List<OptionValue> networkOptions) throws ConfigException {
        return parse(m, id, parent, sharedNetwork, networkOptions, ClassGuard.OPEN);
    }

    Subnet6 parse(MapElement m, long id, Scope parent, Optional<String> sharedNetwork,
            List<OptionValue> networkOptions, ClassGuard networkClasses) throws ConfigException {
        Ipv6Prefix prefix = prefix(m);
        Position at = m.position();
        Scope s = parent.child(m, true);

        // As Kea: the pools are read first, added to the subnet (range and overlap checks) only
        // after the subnet's own parameters, its interface included, have been checked; the relay
        // addresses are read before those parameters.
        List<Pool6> readPools = new ArrayList<>();
        for (MapElement pm : Fields.maps(m, "pools")) {
            readPools.add(PoolParser6.pool(pm, options));
        }
        List<PdPool> readPdPools = new ArrayList<>();
        for (MapElement pm : Fields.maps(m, "pd-pools")) {
            readPdPools.add(PoolParser6.pdPool(pm, options));
        }
        List<Ipv6Address> relays = relays(s.get("relay"));

        Lifetime valid = NetworkChecks.triplet(s, "valid", SUBNET_FAILED, at).orElseThrow();
        Optional<Lifetime> preferred = NetworkChecks.triplet(s, "preferred", SUBNET_FAILED, at);
        OptionalLong renew = NetworkChecks.optionalLong(s, "renew-timer");
        OptionalLong rebind = NetworkChecks.optionalLong(s, "rebind-timer");
        NetworkChecks.timers(renew, rebind, at);
        boolean calculate = s.bool("calculate-tee-times");
        double t1 = s.real("t1-percent");
        double t2 = s.real("t2-percent");
        NetworkChecks.teePercents(calculate, t1, t2, at);
        var cacheThreshold = NetworkChecks.cacheThreshold(s, at);
        Optional<String> iface = s.get("interface").flatMap(Element::asString).filter(n -> !n.isEmpty());
        Optional<byte[]> interfaceId = s.get("interface-id").flatMap(Element::asString).filter(n -> !n.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
        if (iface.isPresent() && interfaceId.isPresent()) {
            // Kea's text, without a space before the position.
            throw new ConfigException(SUBNET_FAILED + "parser error: interface (defined for locally reachable"
                    + " subnets) and interface-id (defined for subnets reachable via relays) cannot be defined at"
                    + " the same time for subnet " + prefix + "(" + at + ")");
        }
        ruru.dhcp.config.InterfaceChecks.subnet(m, prefix.toString(), system);
        List<Pool6> pools = new ArrayList<>();
        for (Pool6 pool : readPools) {
            if (!prefix.contains(pool.first()) || !prefix.contains(pool.last())) {
                throw new ConfigException(at, SUBNET_FAILED + "a pool of type IA_NA, with the following address"
                        + " range: " + pool.rangeText() + " does not match the prefix of a subnet: " + prefix
                        + " to which it is being added");
            }
            for (Pool6 other : pools) {
                if (other.overlaps(pool.first(), pool.last())) {
                    throw new ConfigException(at, SUBNET_FAILED + "a pool of type IA_NA, with the following address"
                            + " range: " + pool.rangeText() + " overlaps with an existing pool in the subnet: "
                            + prefix + " to which it is being added");
                }
            }
            pools.add(pool);
        }
        List<PdPool> pdPools = new ArrayList<>();
        for (PdPool pool : readPdPools) {
            // Kea 2.2 refuses a prefix pool that overlaps an address pool as well as another prefix pool.
            boolean overlaps = pools.stream().anyMatch(p -> p.overlaps(pool.first(), pool.last()))
                    || pdPools.stream().anyMatch(other -> other.first().compareTo(pool.last()) <= 0
                            && pool.first().compareTo(other.last()) <= 0);
            if (overlaps) {
                throw new ConfigException(at, SUBNET_FAILED + "a pool of type IA_PD, with the following address"
                        + " range: " + pool.rangeText() + " overlaps with an existing pool in the subnet: "
                        + prefix + " to which it is being added");
            }
            pdPools.add(pool);
        }

        boolean rapidCommit = s.get("rapid-commit").flatMap(Element::asBoolean).orElse(false);

        List<OptionValue> own = options.parseList(m, "option-data");
        List<Reservation6> reservations = ReservationParser6.parseList(Fields.maps(m, "reservations"), id,
                Optional.of(prefix), options);
        return new Subnet6(id, prefix, pools, pdPools, OptionResolver.resolve(List.of(globalOptions, networkOptions,
                own)), OptionResolver.resolve(List.of(networkOptions, own)), valid, preferred, renew, rebind,
                calculate, t1, t2, relays, iface, interfaceId, rapidCommit, reservations, s.bool("reservations-global"),
                s.bool("reservations-in-subnet"), s.bool("reservations-out-of-pool"),
                Allocator.byKeaName(s.string("allocator")).orElseThrow(),
                Allocator.byKeaName(s.string("pd-allocator")).orElseThrow(), cacheThreshold,
                NetworkChecks.optionalLong(s, "cache-max-age"), sharedNetwork, s.bool("store-extended-info"),
                ClassGuards.parse(m, SUBNET_FAILED), networkClasses);
    }

    /** A {@code relay} map's IPv6 addresses. */
    static List<Ipv6Address> relays(Optional<Element> relay) throws ConfigException {
        return RelayAddresses.parse(relay, Ipv6Address::parse, SubnetParser6::isIpv4, "IPv6address");
    }
}
