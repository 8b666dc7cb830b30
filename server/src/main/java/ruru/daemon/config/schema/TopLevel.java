package ruru.daemon.config.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * The outermost map of a configuration: {@code {"Dhcp4": {...}}}. Two readings exist.
 *
 * <ul>
 * <li>A configuration file ({@link #check}): the configuration chapter says "It is possible to define
 * additional elements but they will be ignored", so other top-level keys only draw a warning.</li>
 * <li>The arguments of config-set / config-test ({@link #checkCommand}): Kea refuses other objects
 * with "Unsupported 'Dhcp6' parameter (and 'Foo')." (observed on Kea 2.2), and so does ruru.</li>
 * </ul>
 */
public final class TopLevel {

    private TopLevel() {
    }

    /**
     * Finds the daemon's map in a configuration file's top-level map.
     *
     * @param daemonKey e.g. {@code Dhcp4}
     * @param warnings  receives one line per ignored top-level element
     * @return the daemon's map, not yet checked against its schema
     */
    public static MapElement check(MapElement root, String daemonKey, Consumer<String> warnings)
            throws ConfigException {
        MapElement daemon = daemonMap(root, daemonKey);
        for (Map.Entry<String, Element> e : root.entries().entrySet()) {
            if (!e.getKey().equals(daemonKey)) {
                Element v = e.getValue();
                warnings.accept("ignoring unsupported top-level element '" + e.getKey() + "'"
                        + (v.position().isKnown() ? " (" + v.position() + ")" : ""));
            }
        }
        return daemon;
    }

    /** Finds the daemon's map in config-set / config-test arguments, refusing anything else. */
    public static MapElement checkCommand(MapElement arguments, String daemonKey) throws ConfigException {
        MapElement daemon = daemonMap(arguments, daemonKey);
        List<String> others = new ArrayList<>();
        for (String key : arguments.keys()) {
            if (!key.equals(daemonKey)) {
                others.add(key);
            }
        }
        if (!others.isEmpty()) {
            StringBuilder message = new StringBuilder("Unsupported '").append(others.getFirst()).append("' parameter");
            for (String other : others.subList(1, others.size())) {
                message.append(" (and '").append(other).append("')");
            }
            throw new ConfigException(message.append('.').toString());
        }
        return daemon;
    }

    // Kea's exact texts carry no position.
    private static MapElement daemonMap(MapElement root, String daemonKey) throws ConfigException {
        Element daemon = root.get(daemonKey);
        if (daemon == null) {
            throw new ConfigException("Missing mandatory '" + daemonKey + "' parameter.");
        }
        if (!(daemon instanceof MapElement map)) {
            throw new ConfigException("'" + daemonKey + "' parameter expected to be a map.");
        }
        return map;
    }
}
