package ruru.dhcp4.config;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.OptionDataParser;

/**
 * One {@code pools} entry: {@code "first - last"} or {@code "prefix/len"}. Kea strips all white
 * space before it splits, so its messages show {@code 192.0.2.20-192.0.2.10}; a prefix pool need
 * not be aligned (Kea 2.2 takes {@code 192.0.2.65/26} as 192.0.2.64-192.0.2.127).
 */
final class PoolParser {

    private PoolParser() {
    }

    static Pool4 parse(MapElement m, OptionDataParser options) throws ConfigException {
        Element poolElement = Fields.require(m, "pool");
        Position at = poolElement.position();
        String text = poolElement.asString().orElseThrow().replaceAll("\\s", "");
        Ipv4Address first;
        Ipv4Address last;
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (slash >= 0) {
            Ipv4Address address = address(text.substring(0, slash), text, at);
            int len;
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException(at, "Failed to parse pool definition: " + text);
            }
            if (len < 1 || len > 32) {
                throw new ConfigException(at, "Failed to create pool defined by: " + text);
            }
            int mask = Subnet4.mask(len);
            first = new Ipv4Address(address.bits() & mask);
            last = new Ipv4Address(address.bits() | ~mask);
        } else if (dash >= 0) {
            first = address(text.substring(0, dash), text, at);
            last = address(text.substring(dash + 1), text, at);
            if (first.compareTo(last) > 0) {
                throw new ConfigException(at, "Failed to create pool defined by: " + text);
            }
        } else {
            throw new ConfigException(at, "invalid pool definition: " + text
                    + ". There are two acceptable formats <min address-max address> or <prefix/len>");
        }
        return new Pool4(first, last, Fields.integer(m, "pool-id", 0), options.parseList(m, "option-data"),
                ClassGuards.parse(m, ""));
    }

    private static Ipv4Address address(String part, String text, Position at) throws ConfigException {
        try {
            return Ipv4Address.parse(part);
        } catch (WireFormatException e) {
            // An IPv6 address parses in Kea, then the IPv4 pool refuses it: a different message.
            throw new ConfigException(at, (part.indexOf(':') >= 0 ? "Failed to create pool defined by: "
                    : "Failed to parse pool definition: ") + text);
        }
    }
}
