package ruru.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * A parsed control command. Only Kea's four keys are accepted: {@code command} (mandatory string),
 * {@code arguments} (any element; most handlers want a map), {@code service} (list of strings,
 * ignored by daemons, used by the agent) and {@code remote-address}.
 */
public record Command(String name, Element arguments, List<String> services, Optional<String> remoteAddress) {

    private static final Set<String> KEYS = Set.of("command", "arguments", "service", "remote-address");

    public Command {
        services = List.copyOf(services);
    }

    public static Command of(String name) {
        return new Command(name, null, List.of(), Optional.empty());
    }

    public static Command of(String name, Element arguments) {
        return new Command(name, arguments, List.of(), Optional.empty());
    }

    /** The arguments as a map, when they are one. */
    public Optional<MapElement> argumentMap() {
        return arguments instanceof MapElement m ? Optional.of(m) : Optional.empty();
    }

    /**
     * Reads a command from its JSON form. The exception texts are Kea 3's
     * ({@code invalid command: ...}); the caller prefixes "Error during command processing: ".
     */
    public static Command fromElement(Element element) throws CommandException {
        if (!(element instanceof MapElement map)) {
            throw new CommandException("invalid command: expected toplevel entry to be a map, got "
                    + element.typeName() + " instead");
        }
        Element name = map.get("command");
        if (name == null) {
            throw new CommandException("invalid command: does not contain mandatory 'command'");
        }
        if (!(name instanceof StringElement s)) {
            throw new CommandException("invalid command: expected 'command' to be a string, got "
                    + name.typeName() + " instead");
        }
        for (String key : map.keys()) {
            if (!KEYS.contains(key)) {
                throw new CommandException("invalid command: unsupported parameter '" + key + "'");
            }
        }
        List<String> services = new ArrayList<>();
        Element service = map.get("service");
        if (service != null) {
            if (!(service instanceof ListElement list)) {
                throw new CommandException("service value must be a list");
            }
            for (Element e : list.items()) {
                if (!(e instanceof StringElement se)) {
                    throw new CommandException("service value must be a list of strings");
                }
                services.add(se.value());
            }
        }
        Optional<String> remote = Optional.empty();
        Element ra = map.get("remote-address");
        if (ra instanceof StringElement rs) {
            remote = Optional.of(rs.value());
        }
        return new Command(s.value(), map.get("arguments"), services, remote);
    }
}
