package ruru.dhcp6.config;

import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.OptionDataParser;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Ipv6Address;
import ruru.wire.Ipv6Prefix;
import ruru.wire.WireFormatException;

/**
 * A {@code pools} entry ({@code "first - last"} or {@code "prefix/len"}) and a {@code pd-pools}
 * entry, with Kea's texts. Kea strips all white space before it splits a pool text.
 */
final class PoolParser6 {

    private PoolParser6() {
    }

    static Pool6 pool(MapElement m, OptionDataParser options) throws ConfigException {
        Element poolElement = Fields.require(m, "pool");
        Position at = poolElement.position();
        String text = poolElement.asString().orElseThrow().replaceAll("\\s", "");
        Ipv6Address first;
        Ipv6Address last;
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (slash >= 0) {
            Ipv6Address address = address(text.substring(0, slash), text, at);
            int len;
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException(at, "Failed to parse pool definition: " + text);
            }
            if (len < 1 || len > 128) {
                throw new ConfigException(at, "Failed to create pool defined by: " + text);
            }
            first = address.masked(len);
            last = address.lastOf(len);
        } else if (dash >= 0) {
            String firstText = text.substring(0, dash);
            String lastText = text.substring(dash + 1);
            if (isIpv4(firstText) && (isIpv4(lastText) || isIpv6(lastText)) || isIpv6(firstText) && isIpv4(lastText)) {
                // Kea parses both ends as addresses of either family, then refuses to build the pool.
                throw new ConfigException(at, "Failed to create pool defined by: " + text);
            }
            first = address(firstText, text, at);
            last = address(lastText, text, at);
            if (first.compareTo(last) > 0) {
                throw new ConfigException(at, "Failed to create pool defined by: " + text);
            }
        } else {
            throw new ConfigException(at, "invalid pool definition: " + text
                    + ". There are two acceptable formats <min address-max address> or <prefix/len>");
        }
        return new Pool6(first, last, Fields.integer(m, "pool-id", 0), options.parseList(m, "option-data"));
    }

    private static Ipv6Address address(String part, String text, Position at) throws ConfigException {
        try {
            return Ipv6Address.parse(part);
        } catch (WireFormatException e) {
            throw new ConfigException(at, (isIpv4(part) ? "Failed to create pool defined by: "
                    : "Failed to parse pool definition: ") + text);
        }
    }

    private static boolean isIpv4(String text) {
        try {
            ruru.wire.Ipv4Address.parse(text);
            return true;
        } catch (WireFormatException e) {
            return false;
        }
    }

    private static boolean isIpv6(String text) {
        try {
            Ipv6Address.parse(text);
            return true;
        } catch (WireFormatException e) {
            return false;
        }
    }

    /** Kea's PdPoolParser checks and texts. */
    static PdPool pdPool(MapElement m, OptionDataParser options) throws ConfigException {
        Position at = m.position();
        String prefixText = Fields.require(m, "prefix").asString().orElseThrow();
        long prefixLen = Fields.require(m, "prefix-len").asLong().orElseThrow();
        long delegatedLen = Fields.require(m, "delegated-len").asLong().orElseThrow();
        Ipv6Address prefix = Fields.ipv6(prefixText, at, "");
        if (prefixLen > 128) {
            throw new ConfigException(at, "Invalid prefix length: " + prefixLen);
        }
        if (delegatedLen < prefixLen) {
            throw new ConfigException(at, "Delegated length (" + delegatedLen
                    + ") must be longer than or equal to prefix length (" + prefixLen + ")");
        }
        if (delegatedLen > 128) {
            throw new ConfigException(at, "Delegated length (" + delegatedLen + ") must not be longer than 128");
        }
        Optional<Ipv6Prefix> excluded = Optional.empty();
        if (m.has("excluded-prefix")) {
            Ipv6Address ex = Fields.ipv6(Fields.string(m, "excluded-prefix").orElseThrow(), at, "");
            long exLen = Fields.integer(m, "excluded-prefix-len", 0);
            if (exLen == 0) {
                throw new ConfigException(at, "invalid excluded prefix " + ex + "/0");
            }
            if (exLen < delegatedLen) {
                throw new ConfigException(at, "Excluded prefix (" + exLen
                        + ") must be longer than or equal to the delegated prefix length (" + delegatedLen + ")");
            }
            Ipv6Prefix first = new Ipv6Prefix(prefix.masked((int) prefixLen), (int) delegatedLen);
            if (!ex.masked((int) delegatedLen).equals(first.network())) {
                throw new ConfigException(at, "excluded prefix " + ex + "/" + exLen + " must have the same common"
                        + " prefix part of " + delegatedLen + " as the delegated prefix " + first.network() + "/"
                        + delegatedLen);
            }
            excluded = Optional.of(new Ipv6Prefix(ex, (int) exLen));
        }
        return new PdPool(new Ipv6Prefix(prefix, (int) prefixLen), (int) delegatedLen, excluded,
                Fields.integer(m, "pool-id", 0), options.parseList(m, "option-data"));
    }
}
