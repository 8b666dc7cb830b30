package ruru.dhcp6.config;

import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.dhcp.config.ClassGuards;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.OptionDataParser;
import ruru.dhcp.config.PoolDefinition;
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
        PoolDefinition t = PoolDefinition.of(m);
        Ipv6Address first;
        Ipv6Address last;
        if (t.isPrefix()) {
            Ipv6Address address = address(t.first(), t);
            int len = t.length(128);
            first = address.masked(len);
            last = address.lastOf(len);
        } else {
            String firstText = t.first();
            String lastText = t.last();
            if (isIpv4(firstText) && (isIpv4(lastText) || isIpv6(lastText)) || isIpv6(firstText) && isIpv4(lastText)) {
                // Kea parses both ends as addresses of either family, then refuses to build the pool.
                throw t.failedToCreate();
            }
            first = address(firstText, t);
            last = address(lastText, t);
            if (first.compareTo(last) > 0) {
                throw t.failedToCreate();
            }
        }
        return new Pool6(first, last, Fields.integer(m, "pool-id", 0), options.parseList(m, "option-data"),
                ClassGuards.parse(m, ""));
    }

    private static Ipv6Address address(String part, PoolDefinition t) throws ConfigException {
        try {
            return Ipv6Address.parse(part);
        } catch (WireFormatException e) {
            throw isIpv4(part) ? t.failedToCreate() : t.failedToParse();
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
                Fields.integer(m, "pool-id", 0), options.parseList(m, "option-data"), ClassGuards.parse(m, ""));
    }
}
