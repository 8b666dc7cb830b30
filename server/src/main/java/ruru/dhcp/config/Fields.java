package ruru.dhcp.config;

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
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;

/**
 * Typed reads from a schema-checked map. The schema already guarantees each value's JSON type, so
 * these only cast; the semantic checks live in the parsers.
 */
public final class Fields {

    private Fields() {
    }

    public static Optional<String> string(MapElement m, String key) {
        return m.find(key).flatMap(Element::asString);
    }

    public static String string(MapElement m, String key, String dflt) {
        return string(m, key).orElse(dflt);
    }

    public static Optional<Long> integer(MapElement m, String key) {
        return m.find(key).flatMap(Element::asLong);
    }

    public static long integer(MapElement m, String key, long dflt) {
        return integer(m, key).orElse(dflt);
    }

    /**
     * An unsigned integer read as Kea's SimpleParser::getUint16/getUint32 reads it: out of
     * {@code 0..max} it is refused with that function's text, at the value.
     */
    public static long unsigned(MapElement m, String key, long max, long dflt) throws ConfigException {
        Optional<Element> e = m.find(key);
        if (e.isEmpty()) {
            return dflt;
        }
        long v = e.get().asLong().orElseThrow();
        if (v < 0 || v > max) {
            throw new ConfigException(e.get().position(), "out of range value (" + v + ") specified for parameter '"
                    + key + "'");
        }
        return v;
    }

    public static boolean bool(MapElement m, String key, boolean dflt) {
        return m.find(key).flatMap(Element::asBoolean).orElse(dflt);
    }

    public static Optional<Double> real(Element e) {
        return switch (e) {
            case DoubleElement d -> Optional.of(d.value());
            case IntElement i -> Optional.of((double) i.value());
            default -> Optional.empty();
        };
    }

    public static List<MapElement> maps(MapElement m, String key) {
        return m.find(key).flatMap(Element::asList).map(ListElement::items).orElse(List.of()).stream()
                .map(e -> (MapElement) e).toList();
    }

    public static List<String> strings(MapElement m, String key) {
        return m.find(key).flatMap(Element::asList).map(ListElement::items).orElse(List.of()).stream()
                .map(e -> e.asString().orElseThrow()).toList();
    }

    public static Optional<MapElement> map(MapElement m, String key) {
        return m.find(key).flatMap(Element::asMap);
    }

    public static Position at(MapElement m, String key) {
        return m.find(key).map(Element::position).orElse(m.position());
    }

    /** Grammar-level check Kea's parser makes before any semantic one. */
    public static Element require(MapElement m, String key) throws ConfigException {
        Element e = m.get(key);
        if (e == null) {
            throw new ConfigException(m.position(), "missing parameter '" + key + "'");
        }
        return e;
    }

    /** An IPv4 address in Kea's {@code IOAddress} wording when it is not one. */
    public static ruru.wire.Ipv4Address address(String text, Position at, String prefix) throws ConfigException {
        try {
            return ruru.wire.Ipv4Address.parse(text);
        } catch (WireFormatException e) {
            throw new ConfigException(at, prefix + "Failed to convert string to address '" + text + "': Invalid argument");
        }
    }

    /** An IPv6 address in Kea's {@code IOAddress} wording when it is not one. */
    public static Ipv6Address ipv6(String text, Position at, String prefix) throws ConfigException {
        try {
            return Ipv6Address.parse(text);
        } catch (WireFormatException e) {
            throw new ConfigException(at, prefix + "Failed to convert string to address '" + text + "': Invalid argument");
        }
    }

    /** A double as C++'s default ostream prints it (6 significant digits, no trailing zeros). */
    public static String cpp(double v) {
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
