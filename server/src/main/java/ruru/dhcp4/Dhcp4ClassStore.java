package ruru.dhcp4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import ruru.classify.ClassDictionary;
import ruru.classify.ClientClass;
import ruru.classify.ConfigClassStore;
import ruru.daemon.Daemon;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.schema.DhcpDefaults;
import ruru.dhcp4.config.Class4;
import ruru.dhcp4.config.ClientClassParser4;
import ruru.dhcp4.service.Dhcp4Service;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * class_cmds over the DHCPv4 daemon: the classes of the configuration in force, and a changed
 * list made current by parsing the whole configuration again with it (so everything that refers
 * to classes is checked as at startup) and handing the packet service the result, without
 * touching sockets, loggers or hook libraries.
 */
final class Dhcp4ClassStore extends ConfigClassStore<Class4> {

    private final Daemon<Dhcp4Config> daemon;
    private final Supplier<Dhcp4Service> service;

    Dhcp4ClassStore(Daemon<Dhcp4Config> daemon, Supplier<Dhcp4Service> service) {
        this.daemon = daemon;
        this.service = service;
    }

    private Dhcp4Config config() {
        return daemon.current().config();
    }

    @Override
    protected MapElement configElement() {
        return config().element();
    }

    @Override
    public ClassDictionary<Class4> dictionary() {
        return config().service().clientClasses();
    }

    @Override
    protected ClientClass<Class4> parseOne(MapElement definition, Map<String, ClientClass<Class4>> earlier)
            throws ConfigException {
        return ClientClassParser4.parseOne(definition, config().service(), earlier);
    }

    @Override
    public void replace(List<MapElement> definitions) throws ConfigException {
        MapElement element = config().element().with("client-classes",
                new ListElement(new ArrayList<>(definitions), Position.NONE));
        Dhcp4Config next = Dhcp4ConfigParser.parse(element, daemon.paths());
        daemon.amend(next, c -> service.get().reclassify(c.service()));
    }

    /** Kea 2.2's ClientClassDef::toElement shape: the DHCPv4 keys with their defaults filled in. */
    @Override
    public MapElement toElement(MapElement definition) {
        return DhcpDefaults.clientClass4().apply(definition);
    }
}
