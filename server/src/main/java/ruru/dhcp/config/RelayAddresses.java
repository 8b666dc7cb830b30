package ruru.dhcp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.wire.WireFormatException;

/**
 * A subnet's or shared network's {@code relay} map, either family: {@code ip-addresses} (Kea 1.7+)
 * or the older single {@code ip-address}, with Kea's texts.
 */
public final class RelayAddresses {

    /** The family's address parser. */
    @FunctionalInterface
    public interface AddressParser<A> {
        A parse(String text) throws WireFormatException;
    }

    private RelayAddresses() {
    }

    /**
     * @param otherFamily whether an unreadable text is an address of the other family (Kea words that apart)
     * @param kind        Kea's name of the family's address type, "IPv4address" or "IPv6address"
     */
    public static <A> List<A> parse(Optional<Element> relay, AddressParser<A> parser, Predicate<String> otherFamily,
            String kind) throws ConfigException {
        if (relay.isEmpty()) {
            return List.of();
        }
        MapElement m = (MapElement) relay.get();
        boolean one = m.has("ip-address");
        boolean many = m.has("ip-addresses");
        if (one && many) {
            throw new ConfigException(m.position(), "specify either ip-address or ip-addresses, not both");
        }
        if (!one && !many) {
            throw new ConfigException(m.position(), "ip-addresses is required");
        }
        List<Element> items = one ? List.of(m.get("ip-address")) : ((ListElement) m.get("ip-addresses")).items();
        List<A> out = new ArrayList<>();
        for (Element e : items) {
            String text = e.asString().orElseThrow();
            try {
                out.add(parser.parse(text));
            } catch (WireFormatException ex) {
                // Kea names the relay map, not the address.
                throw new ConfigException(m.position(), otherFamily.test(text) ? "address " + text + " is not a: "
                        + kind : "address " + text + " is not a valid: " + kind);
            }
        }
        return List.copyOf(out);
    }
}
