package ruru.dhcp4.config;

import ruru.daemon.config.ConfigException;
import ruru.json.MapElement;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.OptionValue;
import ruru.dhcp.config.PoolDefinition;

/**
 * One {@code pools} entry: {@code "first - last"} or {@code "prefix/len"}. Kea strips all white
 * space before it splits, so its messages show {@code 192.0.2.20-192.0.2.10}; a prefix pool need
 * not be aligned (Kea 2.2 takes {@code 192.0.2.65/26} as 192.0.2.64-192.0.2.127).
 */
final class PoolParser {

    private PoolParser() {
    }

    static Pool4 parse(MapElement m, OptionDataParser options) throws ConfigException {
        PoolDefinition t = PoolDefinition.of(m);
        Ipv4Address first;
        Ipv4Address last;
        if (t.isPrefix()) {
            Ipv4Address address = address(t.first(), t);
            int mask = Subnet4.mask(t.length(32));
            first = new Ipv4Address(address.bits() & mask);
            last = new Ipv4Address(address.bits() | ~mask);
        } else {
            first = address(t.first(), t);
            last = address(t.last(), t);
            if (first.compareTo(last) > 0) {
                throw t.failedToCreate();
            }
        }
        return new Pool4(first, last, Fields.integer(m, "pool-id", 0), options(m, options), ClassGuards.parse(m, ""));
    }

    /** Kea's pool parser appends the option-data list's position to any error inside it. */
    private static java.util.List<OptionValue> options(MapElement m, OptionDataParser options) throws ConfigException {
        try {
            return options.parseList(m, "option-data");
        } catch (ConfigException e) {
            throw new ConfigException(m.get("option-data").position(), e.getMessage());
        }
    }

    private static Ipv4Address address(String part, PoolDefinition t) throws ConfigException {
        try {
            return Ipv4Address.parse(part);
        } catch (WireFormatException e) {
            // An IPv6 address parses in Kea, then the IPv4 pool refuses it: a different message.
            throw part.indexOf(':') >= 0 ? t.failedToCreate() : t.failedToParse();
        }
    }
}
