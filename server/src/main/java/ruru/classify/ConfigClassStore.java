package ruru.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;

/**
 * class_cmds over a daemon's configuration in force: its {@code client-classes} entries as written,
 * and a new definition checked against the compiled classes listed before it. A family supplies
 * the configuration, its class parser and how a changed list becomes current.
 */
public abstract class ConfigClassStore<P> implements ClassCommands.ClassStore {

    /** The daemon's map ({@code Dhcp4}, {@code Dhcp6}) in force. */
    protected abstract MapElement configElement();

    @Override
    public abstract ClassDictionary<P> dictionary();

    /** The family's parser of one definition against the classes before it. */
    protected abstract ClientClass<P> parseOne(MapElement definition, Map<String, ClientClass<P>> earlier)
            throws ConfigException;

    @Override
    public List<MapElement> definitions() {
        List<MapElement> out = new ArrayList<>();
        if (configElement().get("client-classes") instanceof ListElement l) {
            for (Element e : l.items()) {
                out.add((MapElement) e);
            }
        }
        return out;
    }

    @Override
    public ClientClass<P> check(MapElement definition, List<MapElement> before) throws ConfigException {
        Set<String> names = new HashSet<>();
        for (MapElement m : before) {
            if (m.get("name") != null) {
                names.add(m.get("name").asString().orElse(""));
            }
        }
        Map<String, ClientClass<P>> earlier = new LinkedHashMap<>();
        for (ClientClass<P> c : dictionary().all()) {
            if (names.contains(c.name())) {
                earlier.put(c.name(), c);
            }
        }
        return parseOne(definition, earlier);
    }
}
