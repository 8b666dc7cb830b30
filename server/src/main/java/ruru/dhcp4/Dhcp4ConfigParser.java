package ruru.dhcp4;

import ruru.daemon.config.CommonConfigParser;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.dhcp4.config.Dhcp4ServiceConfigParser;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** {@code Dhcp4} map → {@link Dhcp4Config}: the schema first, then the typed parts. */
final class Dhcp4ConfigParser {

    private Dhcp4ConfigParser() {
    }

    static Dhcp4Config parse(MapElement dhcp4, PathPolicy paths) throws ConfigException {
        MapElement normalized = Dhcp4Schema.check(dhcp4);
        if (normalized.get("hooks-libraries") instanceof ListElement hooks && !hooks.isEmpty()) {
            throw new ConfigException(hooks.position(),
                    "parameter 'hooks-libraries' is not supported yet by ruru (hook libraries)");
        }
        String tag = normalized.get("server-tag") instanceof StringElement s ? s.value() : "";
        return new Dhcp4Config(normalized, CommonConfigParser.parse(normalized, paths),
                MultiThreading.parse(normalized), tag, Dhcp4ServiceConfigParser.parse(normalized, paths));
    }
}
