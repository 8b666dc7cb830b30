package ruru.dhcp6;

import ruru.daemon.config.CommonConfigParser;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp6Schema;
import ruru.daemon.hooks.HooksConfig;
import ruru.dhcp.config.MultiThreading;
import ruru.dhcp.engine.ParkingLot;
import ruru.dhcp6.config.Dhcp6ServiceConfigParser;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** {@code Dhcp6} map → {@link Dhcp6Config}: the schema first, then the typed parts. */
final class Dhcp6ConfigParser {

    private Dhcp6ConfigParser() {
    }

    static Dhcp6Config parse(MapElement dhcp6, PathPolicy paths) throws ConfigException {
        return parse(dhcp6, paths, ruru.net.SystemInterfaces.lastDetected());
    }

    /** {@code system}: the interfaces its interface names must exist among. */
    static Dhcp6Config parse(MapElement dhcp6, PathPolicy paths, ruru.net.SystemInterfaces system)
            throws ConfigException {
        MapElement normalized = Dhcp6Schema.check(dhcp6);
        String tag = normalized.get("server-tag") instanceof StringElement s ? s.value() : "";
        MultiThreading mt = MultiThreading.parse(normalized);
        HooksConfig hooks = HooksConfig.parse(normalized.get("hooks-libraries"), paths, Dhcp6Personality.BUILTINS,
                mt.enabled());
        Dhcp6Ha.validate(hooks, paths, mt);
        int parked = normalized.get("parked-packet-limit") instanceof IntElement i ? (int) i.value()
                : ParkingLot.DEFAULT_LIMIT;
        return new Dhcp6Config(normalized, CommonConfigParser.parse(normalized, paths), mt, tag,
                Dhcp6ServiceConfigParser.parse(normalized, paths, system), hooks, parked);
    }
}
