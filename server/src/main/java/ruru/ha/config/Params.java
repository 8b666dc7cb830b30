package ruru.ha.config;

import ruru.daemon.config.ConfigException;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** Kea's SimpleParser getters, with its texts: a missing key names the map's position, a wrong type the value's. */
final class Params {

    private Params() {
    }

    static Element require(MapElement map, String name) throws ConfigException {
        Element e = map.get(name);
        if (e == null) {
            throw new ConfigException(map.position(), "missing parameter '" + name + "'");
        }
        return e;
    }

    static String string(MapElement map, String name) throws ConfigException {
        if (require(map, name) instanceof StringElement s) {
            return s.value();
        }
        throw wrongType(map, name);
    }

    static boolean bool(MapElement map, String name, boolean dflt) throws ConfigException {
        Element e = map.get(name);
        if (e == null) {
            return dflt;
        }
        if (e instanceof BoolElement b) {
            return b.value();
        }
        throw wrongType(map, name);
    }

    /** An integer in {@code 0..max} (Kea's getAndValidateInteger for uint16/uint32). */
    static long unsigned(MapElement map, String name, long dflt, long max) throws ConfigException {
        Element e = map.get(name);
        if (e == null) {
            return dflt;
        }
        if (!(e instanceof IntElement i)) {
            throw wrongType(map, name);
        }
        if (i.value() < 0) {
            throw new ConfigException("'" + name + "' must not be negative");
        }
        if (i.value() > max) {
            throw new ConfigException("'" + name + "' must not be greater than " + max);
        }
        return i.value();
    }

    static ConfigException wrongType(MapElement map, String name) {
        return new ConfigException(map.get(name).position(), "invalid type specified for parameter '" + name + "'");
    }

    /** Kea trims names with util::str::trim (spaces, tabs, CR, LF). */
    static String trim(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && " \t\r\n".indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (e > b && " \t\r\n".indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }
}
