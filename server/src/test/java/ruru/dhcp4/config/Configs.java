package ruru.dhcp4.config;

import java.nio.file.Path;
import java.util.Map;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/**
 * Test configurations laid out exactly as the probe files run through Kea 2.2's
 * {@code kea-dhcp4 -t}: line 1 holds fixed interfaces and lease-database settings, line 2 the body
 * under test. Kea's line:col positions therefore carry over to ruru's unchanged.
 */
final class Configs {

    static final String LINE1 = "{\"Dhcp4\": {\"interfaces-config\":{\"interfaces\":[]},"
            + "\"lease-database\":{\"type\":\"memfile\",\"persist\":false},\n";

    /** A subnet's first keys as the probes wrote them. */
    static final String S = "\"id\":1,\"subnet\":\"192.0.2.0/24\"";

    private Configs() {
    }

    static MapElement dhcp4(String body) throws Exception {
        return raw("{\"Dhcp4\": {\"interfaces-config\":{\"interfaces\":[]},"
                + "\"lease-database\":{\"type\":\"memfile\",\"persist\":false},\n" + body + "\n}}\n");
    }

    /** A document whose line 2 is all of {@code Dhcp4}'s content (no fixed line-1 keys). */
    static MapElement bare(String body) throws Exception {
        return raw("{\"Dhcp4\": {\n" + body + "\n}}\n");
    }

    static MapElement raw(String text) throws Exception {
        MapElement root = (MapElement) Json.parse(text, ParseOptions.file("t.json", w -> { }));
        return Dhcp4Schema.check((MapElement) root.get("Dhcp4"));
    }

    static PathPolicy paths() {
        return new PathPolicy(Path.of("/tmp"), Map.of(), true);
    }

    static Dhcp4ServiceConfig parse(String body) throws Exception {
        return Dhcp4ServiceConfigParser.parse(dhcp4(body), paths(), ruru.testing.StandInInterfaces.ALL);
    }

    static Dhcp4ServiceConfig parseBare(String body) throws Exception {
        return Dhcp4ServiceConfigParser.parse(bare(body), paths(), ruru.testing.StandInInterfaces.ALL);
    }

    /** The message of the error the body must cause. */
    static String error(String body) throws Exception {
        return errorOf(dhcp4(body));
    }

    static String errorBare(String body) throws Exception {
        return errorOf(bare(body));
    }

    private static String errorOf(MapElement dhcp4) {
        try {
            Dhcp4ServiceConfigParser.parse(dhcp4, paths(), ruru.testing.StandInInterfaces.ALL);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted, but Kea refuses it");
    }

    static String subnet(String extra) {
        return "\"subnet4\":[{" + S + (extra.isEmpty() ? "" : "," + extra) + "}]";
    }
}
