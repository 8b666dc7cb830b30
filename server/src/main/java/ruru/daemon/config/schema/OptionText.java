package ruru.daemon.config.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * How Kea prints binary values it has parsed: option data given as hex ({@code csv-format false})
 * and host identifiers. Values it cannot read as hex are left as written.
 */
final class OptionText {

    private OptionText() {
    }

    /** Option data in binary form prints as upper-case hex, no separators or {@code 0x}. */
    static MapElement binaryData(MapElement option) {
        if (option.get("csv-format") instanceof BoolElement csv && !csv.value()
                && option.get("data") instanceof StringElement data) {
            byte[] bytes = hex(data.value());
            if (bytes != null) {
                return option.with("data", Element.of(HexFormat.of().withUpperCase().formatHex(bytes)));
            }
        }
        return option;
    }

    /**
     * A reservation's identifier as Kea's host prints it: {@code hw-address} and {@code duid} in
     * lower-case hex with colons, {@code client-id}, {@code circuit-id} and {@code flex-id} in
     * upper-case hex without separators (a quoted {@code 'text'} as the hex of its characters).
     */
    static MapElement identifiers(MapElement reservation) {
        MapElement out = reservation;
        for (String key : new String[] {"hw-address", "duid"}) {
            if (out.get(key) instanceof StringElement s) {
                byte[] b = hex(s.value());
                if (b != null) {
                    out = out.with(key, Element.of(HexFormat.ofDelimiter(":").formatHex(b)));
                }
            }
        }
        for (String key : new String[] {"client-id", "circuit-id", "flex-id"}) {
            if (out.get(key) instanceof StringElement s) {
                String v = s.value();
                byte[] b = v.length() >= 2 && v.startsWith("'") && v.endsWith("'")
                        ? v.substring(1, v.length() - 1).getBytes(StandardCharsets.UTF_8) : hex(v);
                if (b != null) {
                    out = out.with(key, Element.of(HexFormat.of().withUpperCase().formatHex(b)));
                }
            }
        }
        return out;
    }

    /** DHCPv6's relay-supplied-options with option 65 (ERO) first, as Kea always relays it. */
    static MapElement withEro(MapElement dhcp6) {
        if (!(dhcp6.get("relay-supplied-options") instanceof ListElement l)
                || l.items().contains(Element.of("65"))) {
            return dhcp6;
        }
        List<Element> items = new ArrayList<>();
        items.add(Element.of("65"));
        items.addAll(l.items());
        return dhcp6.with("relay-supplied-options", new ListElement(items, l.position()));
    }

    /**
     * Hex text as Kea reads it: an optional {@code 0x}, bytes as digit pairs, optionally separated
     * by colons, dashes or spaces (a separated byte may be one digit); null when not hex.
     */
    static byte[] hex(String text) {
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty()) {
            return new byte[0];
        }
        String[] parts = t.split("[:\\- ]", -1);
        StringBuilder digits = new StringBuilder();
        for (String p : parts) {
            if (parts.length > 1 && (p.isEmpty() || p.length() > 2)) {
                return null;
            }
            digits.append(parts.length > 1 && p.length() == 1 ? "0" + p : p);
        }
        String d = digits.toString().toLowerCase(Locale.ROOT);
        if (d.length() % 2 == 1) {
            d = "0" + d;
        }
        if (!d.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return HexFormat.of().parseHex(d);
    }
}
