package ruru.ha;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.hooks.HookAnswer;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * Every relationship of this server, found by any of its server names (Kea's HAServiceMapper).
 * A command without {@code server-name} goes to the first relationship.
 */
public final class HaServices implements AutoCloseable {

    private final List<HaService> all;
    private final Map<String, HaService> byName = new LinkedHashMap<>();

    public HaServices(List<HaService> services) {
        this.all = List.copyOf(services);
        for (HaService s : all) {
            s.config().peers().keySet().forEach(n -> byName.put(n, s));
        }
    }

    public List<HaService> all() {
        return all;
    }

    public boolean hasMultiple() {
        return all.size() > 1;
    }

    public HaService first() {
        return all.get(0);
    }

    public Optional<HaService> byServerName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Thrown for arguments a command refuses; the message is Kea's text. */
    static final class BadArguments extends Exception {
        private static final long serialVersionUID = 1L;

        BadArguments(String message) {
            super(message, null, false, false);
        }
    }

    /** Kea's getHAServiceByServerName: {@code server-name}, when given, picks the relationship. */
    HaService select(String command, Element args) throws BadArguments {
        if (args != null) {
            if (!(args instanceof MapElement m)) {
                throw new BadArguments("arguments in the '" + command + "' command are not a map");
            }
            Element name = m.get("server-name");
            if (name != null) {
                if (!(name instanceof StringElement s)) {
                    throw new BadArguments("'server-name' must be a string in the '" + command + "' command");
                }
                return byServerName(s.value()).orElseThrow(() -> new BadArguments(s.value()
                        + " matches no configured 'server-name'"));
            }
        }
        return first();
    }

    public void start() {
        all.forEach(HaService::start);
    }

    /** status-get's {@code high-availability} list. */
    public ListElement statusGet() {
        List<Element> list = new ArrayList<>();
        for (HaService s : all) {
            list.add(MapElement.builder().put("ha-mode", s.config().mode().keaName())
                    .put("ha-servers", s.statusGet()).build());
        }
        return Element.list(list);
    }

    /** ha-maintenance-start on every relationship, stopping at the first that fails. */
    HookAnswer maintenanceStart() {
        HookAnswer answer = null;
        for (HaService s : all) {
            answer = s.maintenanceStart();
            if (answer.result() != 0) {
                break;
            }
        }
        return answer;
    }

    HookAnswer maintenanceCancel() {
        HookAnswer answer = null;
        for (HaService s : all) {
            answer = s.maintenanceCancel();
        }
        return answer;
    }

    @Override
    public void close() {
        all.forEach(HaService::close);
    }
}
