package ruru.dhcp4.config;

import static ruru.dhcp.config.NetworkChecks.SUBNET_FAILED;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import ruru.classify.ClassGuard;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.schema.DhcpDefaults;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.dhcp.config.Scope;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.RelayAddresses;
import ruru.dhcp.config.SubnetText;
import ruru.dhcp.config.Lifetime;
import ruru.dhcp.config.NetworkChecks;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.OptionResolver;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.Allocator;

/** One {@code subnet4} entry, resolved against the scope it sits in (global or a shared network). */
final class SubnetParser {

    /**
     * DHCPv4's inheritance: the keys global, shared-network and subnet scopes share, those only a
     * shared network passes to its subnets, and Kea 2.2's global defaults (SimpleParser4) for the
     * inherited keys that have one (min/max lifetimes, timers and cache parameters stay unset).
     */
    private static final List<String> INHERITED = List.of("valid-lifetime", "min-valid-lifetime",
            "max-valid-lifetime", "renew-timer", "rebind-timer", "calculate-tee-times", "t1-percent", "t2-percent",
            "match-client-id", "authoritative", "reservations-global", "reservations-in-subnet",
            "reservations-out-of-pool", "next-server", "server-hostname", "boot-file-name", "allocator",
            "cache-threshold", "cache-max-age", "store-extended-info", "offer-lifetime");

    static final Scope.Keys KEYS = new Scope.Keys(INHERITED, List.of("interface", "relay"),
            DhcpDefaults.globalValues(DhcpDefaults.dhcp4(), INHERITED));

    /** Kea's SubnetID range: 0 means "assign one", 4294967295 is its "unused" marker. */
    static final long MAX_ID = 4_294_967_294L;

    private final OptionDataParser options;
    private final List<OptionValue> globalOptions;
    private final ruru.net.SystemInterfaces system;

    SubnetParser(OptionDataParser options, List<OptionValue> globalOptions, ruru.net.SystemInterfaces system) {
        this.options = options;
        this.globalOptions = globalOptions;
        this.system = system;
    }

    /** The subnet's {@code id} as written, 0 when absent (the caller assigns one then). */
    static long declaredId(MapElement m) throws ConfigException {
        long id = Fields.integer(m, "id", 0);
        if (id > MAX_ID) {
            throw new ConfigException(Fields.at(m, "id"), SUBNET_FAILED + "The 'id' value (" + id
                    + ") is not within expected range: (0 - " + MAX_ID + ")");
        }
        return id;
    }

    static Prefix prefix(MapElement m) throws ConfigException {
        SubnetText t = SubnetText.of(m);
        Ipv4Address address = Fields.address(t.address(), t.at(), SUBNET_FAILED);
        t.requireLengthAtMost(32);
        return new Prefix(address, t.length());
    }

    /**
     * @param parent          the scope above (global, or the shared network's)
     * @param networkOptions  the shared network's own options (empty for a plain subnet)
     */
    Subnet4 parse(MapElement m, long id, Scope parent, Optional<String> sharedNetwork,
            List<OptionValue> networkOptions, ClassGuard networkClasses) throws ConfigException {
        Prefix prefix = prefix(m);
        Position at = m.position();
        Scope s = parent.child(m, true);

        // As Kea: the pools are read first, added to the subnet (range and overlap checks) only
        // after the subnet's own parameters, its interface included, have been checked; the relay
        // addresses are read before those parameters.
        List<Pool4> read = new ArrayList<>();
        for (MapElement pm : Fields.maps(m, "pools")) {
            read.add(PoolParser.parse(pm, options));
        }
        List<Ipv4Address> relays = relays(s.get("relay"));

        Lifetime lifetime = NetworkChecks.lifetime(s, SUBNET_FAILED, at);
        OptionalLong renew = optionalLong(s, "renew-timer");
        OptionalLong rebind = optionalLong(s, "rebind-timer");
        NetworkChecks.timers(renew, rebind, at);
        boolean calculate = s.bool("calculate-tee-times");
        double t1 = s.real("t1-percent");
        double t2 = s.real("t2-percent");
        NetworkChecks.teePercents(calculate, t1, t2, at);
        var cacheThreshold = NetworkChecks.cacheThreshold(s, at);
        Ipv4Address nextServer = nextServer(s);
        String serverHostname = bootField(s, "server-hostname", 63);
        String bootFileName = bootField(s, "boot-file-name", 127);
        Optional<String> iface = s.get("interface").flatMap(Element::asString).filter(n -> !n.isEmpty());
        ruru.dhcp.config.InterfaceChecks.subnet(m, prefix.text(), system);
        List<Pool4> pools = new ArrayList<>();
        for (Pool4 pool : read) {
            if (!prefix.contains(pool.first()) || !prefix.contains(pool.last())) {
                throw new ConfigException(at, SUBNET_FAILED + "a pool of type V4, with the following address range: "
                        + pool.rangeText() + " does not match the prefix of a subnet: " + prefix.text()
                        + " to which it is being added");
            }
            for (Pool4 other : pools) {
                if (other.overlaps(pool)) {
                    throw new ConfigException(at, SUBNET_FAILED + "a pool of type V4, with the following address range: "
                            + pool.rangeText() + " overlaps with an existing pool in the subnet: " + prefix.text()
                            + " to which it is being added");
                }
            }
            pools.add(pool);
        }

        List<OptionValue> own = options.parseList(m, "option-data");
        List<Reservation4> reservations = ReservationParser.parseList(Fields.maps(m, "reservations"), id,
                Optional.of(prefix), options);
        long total = pools.stream().mapToLong(Pool4::size).sum();
        return new Subnet4(id, prefix.address(), prefix.length(), pools,
                OptionResolver.resolve(List.of(globalOptions, networkOptions, own)), lifetime, renew, rebind,
                calculate, t1, t2, relays, iface, s.bool("match-client-id"), s.bool("authoritative"), nextServer,
                serverHostname, bootFileName, reservations, s.bool("reservations-global"),
                s.bool("reservations-in-subnet"), s.bool("reservations-out-of-pool"),
                Allocator.byKeaName(s.string("allocator")).orElseThrow(), cacheThreshold,
                optionalLong(s, "cache-max-age"), sharedNetwork, total,
                OptionResolver.resolve(List.of(networkOptions, own)), ClassGuards.parse(m, SUBNET_FAILED),
                networkClasses, own, s.bool("store-extended-info"), optionalLong(s, "offer-lifetime").orElse(0));
    }

    private static OptionalLong optionalLong(Scope s, String key) {
        return NetworkChecks.optionalLong(s, key);
    }

    private static Ipv4Address nextServer(Scope s) throws ConfigException {
        String text = s.string("next-server");
        try {
            return Ipv4Address.parse(text);
        } catch (WireFormatException e) {
            // Kea glues the position to the text without a space: "... : foo(<wire>:0:118)".
            Position at = s.position("next-server");
            throw new ConfigException(SUBNET_FAILED + "invalid parameter next-server : " + text
                    + (at.isKnown() ? "(" + at + ")" : ""));
        }
    }

    /** BOOTP's sname (64 bytes) and file (128 bytes) fields, each ending with a NUL. */
    private static String bootField(Scope s, String key, int max) throws ConfigException {
        String v = s.string(key);
        int len = v.getBytes(StandardCharsets.UTF_8).length;
        if (len > max) {
            throw new ConfigException(s.position(key), SUBNET_FAILED + key + " must be at most " + max
                    + " bytes long, it is " + len);
        }
        return v;
    }

    /** A {@code relay} map's IPv4 addresses. */
    static List<Ipv4Address> relays(Optional<Element> relay) throws ConfigException {
        return RelayAddresses.parse(relay, Ipv4Address::parse, text -> text.indexOf(':') >= 0, "IPv4address");
    }
}
