package ruru.dhcp.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.wire.Hex;
import ruru.wire.WireFormatException;

/**
 * The identifier of one host reservation, read as Kea reads it for either family: exactly one of
 * the family's identifier keys, its text checked with Kea's rules and texts. A family passes the
 * identifier types it supports, in the order Kea's parser walks them (that order decides which two
 * keys a "mutually exclusive" message names).
 */
public final class HostIdentifiers {

    /** Kea's HWAddr::MAX_HWADDR_LEN. */
    private static final int MAX_HW_LENGTH = 20;
    /** Kea's Host::MAX_IDENTIFIER_LENGTH. */
    private static final int MAX_IDENTIFIER_LENGTH = 128;
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    /** A reservation's identifier: its type and bytes. */
    public record Identifier(HostIdentifierType type, byte[] value) {
        public Identifier {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    private HostIdentifiers() {
    }

    /** The one identifier of reservation {@code m} among the {@code supported} types. */
    public static Identifier parse(MapElement m, List<HostIdentifierType> supported) throws ConfigException {
        // Kea walks the map in key order, so the message names the later key first.
        TreeSet<String> present = new TreeSet<>();
        for (HostIdentifierType t : supported) {
            if (m.has(t.keaName())) {
                if (!present.isEmpty()) {
                    TreeSet<String> both = new TreeSet<>(present);
                    both.add(t.keaName());
                    throw new ConfigException(m.position(), "the '" + both.last() + "' and '" + both.first()
                            + "' are mutually exclusive");
                }
                present.add(t.keaName());
            }
        }
        if (present.isEmpty()) {
            throw new ConfigException(m.position(), "one of the supported identifiers must be specified for host"
                    + " reservation: " + supported.stream().map(HostIdentifierType::keaName).sorted()
                            .collect(Collectors.joining(", ")));
        }
        HostIdentifierType type = HostIdentifierType.byKeaName(present.first()).orElseThrow();
        return new Identifier(type, value(type, Fields.string(m, type.keaName()).orElseThrow(), m.position()));
    }

    /**
     * {@code host-reservation-identifiers}: the identifier types to look a client up by, in order
     * ({@code defaults} when absent); empty or repeated entries refused with Kea's texts.
     */
    public static List<HostIdentifierType> order(MapElement root, List<HostIdentifierType> defaults)
            throws ConfigException {
        Optional<ListElement> list = root.find("host-reservation-identifiers").flatMap(Element::asList);
        if (list.isEmpty()) {
            return defaults;
        }
        if (list.get().isEmpty()) {
            // Kea's grammar refuses an empty list outright.
            throw new ConfigException(list.get().position(), "host-reservation-identifiers must not be empty");
        }
        List<HostIdentifierType> out = new ArrayList<>();
        for (Element e : list.get().items()) {
            String name = e.asString().orElseThrow();
            HostIdentifierType t = HostIdentifierType.byKeaName(name).orElseThrow();
            if (out.contains(t)) {
                throw new ConfigException(e.position(), "duplicate host identifier '" + name + "'");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    /** The key two reservations of one scope with the same identifier share. */
    public static String key(HostIdentifierType type, byte[] value) {
        return type + "/" + HexFormat.of().formatHex(value);
    }

    /** The identifier in colon hex as Kea's duplicate messages show it, or "(null)" when it is not a {@code shown}. */
    public static String shown(HostIdentifierType type, byte[] value, HostIdentifierType shown) {
        return type == shown ? colons(value) : "(null)";
    }

    /** Colon hex ("01:02:0a"). */
    public static String colons(byte[] value) {
        return COLONS.formatHex(value);
    }

    /**
     * Kea's identifier text: hex with colon or space separators (groups of one or two digits) or
     * none, optionally {@code 0x}; any but hw-address may instead be a quoted string, taken as its
     * bytes. Kea refuses the dash and dot forms here even though the wire layer's parser takes them.
     */
    public static byte[] value(HostIdentifierType type, String text, Position at) throws ConfigException {
        if (text.isEmpty()) {
            throw new ConfigException(at, "empty host identifier used");
        }
        if (type != HostIdentifierType.HW_ADDRESS && text.length() >= 2 && text.startsWith("'")
                && text.endsWith("'")) {
            byte[] bytes = text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                throw new ConfigException(at, "empty host identifier used");
            }
            return checkLength(type, bytes, text, at);
        }
        if (text.indexOf('-') >= 0 || text.indexOf('.') >= 0) {
            throw new ConfigException(at, "invalid host identifier value '" + text + "'");
        }
        try {
            return checkLength(type, Hex.parseBytes(text, Integer.MAX_VALUE), text, at);
        } catch (WireFormatException e) {
            throw new ConfigException(at, "invalid host identifier value '" + text + "'");
        }
    }

    private static byte[] checkLength(HostIdentifierType type, byte[] bytes, String text, Position at)
            throws ConfigException {
        if (type == HostIdentifierType.HW_ADDRESS && bytes.length > MAX_HW_LENGTH) {
            throw new ConfigException(at, "address vector size exceeds MAX_HWADDR_LEN");
        }
        if (bytes.length > MAX_IDENTIFIER_LENGTH) {
            throw new ConfigException(at, "invalid host identifier value '" + text + "'");
        }
        return bytes;
    }
}
