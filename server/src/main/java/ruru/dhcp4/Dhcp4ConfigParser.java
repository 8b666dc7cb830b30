package ruru.dhcp4;

import ruru.daemon.config.CommonConfigParser;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.daemon.hooks.HooksConfig;
import ruru.dhcp4.config.Dhcp4ServiceConfigParser;
import ruru.dhcp4.service.Dhcp4Hooks;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.dhcp.config.MultiThreading;

/** {@code Dhcp4} map → {@link Dhcp4Config}: the schema first, then the typed parts. */
final class Dhcp4ConfigParser {

    private Dhcp4ConfigParser() {
    }

    static Dhcp4Config parse(MapElement dhcp4, PathPolicy paths) throws ConfigException {
        return parse(dhcp4, paths, ruru.net.SystemInterfaces.lastDetected());
    }

    /** {@code system}: the interfaces its interface names must exist among. */
    static Dhcp4Config parse(MapElement dhcp4, PathPolicy paths, ruru.net.SystemInterfaces system)
            throws ConfigException {
        MapElement normalized = Dhcp4Schema.check(dhcp4);
        String tag = normalized.get("server-tag") instanceof StringElement s ? s.value() : "";
        MultiThreading mt = MultiThreading.parse(normalized);
        // Validated here, so config-test and -t check libraries exactly as config-set does.
        HooksConfig hooks = HooksConfig.parse(normalized.get("hooks-libraries"), paths, Dhcp4Personality.BUILTINS,
                mt.enabled());
        Dhcp4Ha.validate(hooks, paths, mt);
        int parked = normalized.get("parked-packet-limit") instanceof IntElement i ? (int) i.value()
                : Dhcp4Hooks.DEFAULT_PARKED_PACKET_LIMIT;
        return new Dhcp4Config(normalized, CommonConfigParser.parse(normalized, paths), mt, tag,
                Dhcp4ServiceConfigParser.parse(normalized, paths, system), hooks, parked);
    }
}
