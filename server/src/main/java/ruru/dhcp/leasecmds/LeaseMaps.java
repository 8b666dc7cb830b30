package ruru.dhcp.leasecmds;

import java.util.HexFormat;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/** What Kea's Lease4::toElement and Lease6::toElement share. */
public final class LeaseMaps {

    /** Kea's text of identifiers (client-id, DUID): colon-separated hex. */
    public static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private LeaseMaps() {
    }

    /**
     * The store keeps the context as Kea's compact text; Kea parses it back when it loads the file.
     * A text that does not parse (a hand-edited file) is shown as a string rather than lost.
     */
    public static Element userContext(String text) {
        try {
            return Json.parse(text, ParseOptions.string());
        } catch (JsonException e) {
            return Element.of(text);
        }
    }

    /** user-context, when the lease has one. */
    public static void putUserContext(MapElement.Builder b, String text) {
        if (text != null) {
            b.put("user-context", userContext(text));
        }
    }
}
