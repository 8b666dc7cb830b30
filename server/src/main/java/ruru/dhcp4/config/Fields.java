package ruru.dhcp4.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.json.DoubleElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/**
 * Typed reads from a schema-checked map. The schema already guarantees each value's JSON type, so
 * these only cast; the semantic checks live in the parsers.
 */
final class Fields {

    private Fields() {
    }

    static Optional<String> string(MapElement m, String key) {
        return m.find(key).flatMap(Element::asString);
    }

    static String string(MapElement m, String key, String dflt) {
        return string(m, key).orElse(dflt);
    }

    static Optional<Long> integer(MapElement m, String key) {
        return m.find(key).flatMap(Element::asLong);
    }

    static long integer(MapElement m, String key, long dflt) {
        return integer(m, key).orElse(dflt);
    }

    static boolean bool(MapElement m, String key, boolean dflt) {
        return m.find(key).flatMap(Element::asBoolean).orElse(dflt);
    }

    static Optional<Double> real(Element e) {
        return switch (e) {
            case DoubleElement d -> Optional.of(d.value());
            case IntElement i -> Optional.of((double) i.value());
            default -> Optional.empty();
        };
    }

    static List<MapElement> maps(MapElement m, String key) {
        return m.find(key).flatMap(Element::asList).map(ListElement::items).orElse(List.of()).stream()
                .map(e -> (MapElement) e).toList();
    }

    /** A list of strings (class names), empty when absent. */
    static List<String> strings(MapElement m, String key) {
        return m.find(key).flatMap(Element::asList).map(ListElement::items).orElse(List.of()).stream()
                .map(e -> e.asString().orElseThrow()).toList();
    }

    static Optional<MapElement> map(MapElement m, String key) {
        return m.find(key).flatMap(Element::asMap);
    }

    static Position at(MapElement m, String key) {
        return m.find(key).map(Element::position).orElse(m.position());
    }

    /** Grammar-level check Kea's parser makes before any semantic one. */
    static Element require(MapElement m, String key) throws ConfigException {
        Element e = m.get(key);
        if (e == null) {
            throw new ConfigException(m.position(), "missing parameter '" + key + "'");
        }
        return e;
    }

    /** An IPv4 address in Kea's {@code IOAddress} wording when it is not one. */
    static Ipv4Address address(String text, Position at, String prefix) throws ConfigException {
        try {
            return Ipv4Address.parse(text);
        } catch (WireFormatException e) {
            throw new ConfigException(at, prefix + "Failed to convert string to address '" + text + "': Invalid argument");
        }
    }

    /** A double as C++'s default ostream prints it (6 significant digits, no trailing zeros). */
    static String cpp(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
}
