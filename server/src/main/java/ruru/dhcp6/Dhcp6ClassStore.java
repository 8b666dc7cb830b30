package ruru.dhcp6;

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
import ruru.dhcp6.config.Class6;
import ruru.dhcp6.config.ClientClassParser6;
import ruru.dhcp6.service.Dhcp6Service;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/**
 * class_cmds over the DHCPv6 daemon: the classes of the configuration in force; a changed list is
 * made current by parsing the whole configuration again with it and handing the packet service
 * the result, without touching sockets, loggers, hook libraries or the lease store.
 */
final class Dhcp6ClassStore extends ConfigClassStore<Class6> {

    private final Daemon<Dhcp6Config> daemon;
    private final Supplier<Dhcp6Service> service;

    Dhcp6ClassStore(Daemon<Dhcp6Config> daemon, Supplier<Dhcp6Service> service) {
        this.daemon = daemon;
        this.service = service;
    }

    private Dhcp6Config config() {
        return daemon.current().config();
    }

    @Override
    protected MapElement configElement() {
        return config().element();
    }

    @Override
    public ClassDictionary<Class6> dictionary() {
        return config().service().clientClasses();
    }

    @Override
    protected ClientClass<Class6> parseOne(MapElement definition, Map<String, ClientClass<Class6>> earlier)
            throws ConfigException {
        return ClientClassParser6.parseOne(definition, config().service(), earlier);
    }

    @Override
    public void replace(List<MapElement> definitions) throws ConfigException {
        MapElement element = config().element().with("client-classes",
                new ListElement(new ArrayList<>(definitions), Position.NONE));
        Dhcp6Config next = Dhcp6ConfigParser.parse(element, daemon.paths());
        daemon.amend(next, c -> service.get().reclassify(c.service()));
    }

    /** Kea's ClientClassDef::toElement shape for DHCPv6: option-data always present. */
    @Override
    public MapElement toElement(MapElement definition) {
        return DhcpDefaults.clientClass6().apply(definition);
    }
}
