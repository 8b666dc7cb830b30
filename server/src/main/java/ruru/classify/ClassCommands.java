package ruru.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.ResultCode;
import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * Kea's class_cmds hook library ({@code libdhcp_class_cmds.so}): class-add, class-update,
 * class-del, class-get and class-list, with Kea 3's texts and result codes. A change takes effect
 * for the next packet and is part of the configuration in force from then on (config-get,
 * config-write), as Kea changes its current configuration in place. The address family's part
 * (checking a definition, applying a new list) is the {@link ClassStore}'s.
 */
public final class ClassCommands {


    /** The configuration side of the commands, for one daemon. */
    public interface ClassStore {

        /** The {@code client-classes} entries in force, in order, as configured. */
        List<MapElement> definitions();

        /** The compiled classes in force. */
        ClassDictionary<?> dictionary();

        /**
         * Checks one definition against the classes before it (Kea's ClientClassDefParser with
         * no position appended to its own errors) and returns it compiled.
         */
        ClientClass<?> check(MapElement definition, List<MapElement> before) throws ConfigException;

        /** Makes this list the configuration's {@code client-classes} (it has been checked). */
        void replace(List<MapElement> definitions) throws ConfigException;

        /** Kea's {@code ClientClassDef::toElement} of a definition, for class-get. */
        MapElement toElement(MapElement definition);
    }

    private final ClassStore store;
    private final Logger log;

    private ClassCommands(ClassStore store, Logger log) {
        this.store = store;
        this.log = log;
    }

    /**
     * The library's commands, in Kea's registration order.
     *
     * @param processName the daemon's Kea process name ({@code kea-dhcp4}), whose logger
     *                    {@code <process>.class-cmds-hooks} gets Kea's CLASS_CMDS messages
     */
    public static Map<String, CommandHandler> handlers(ClassStore store, String processName) {
        ClassCommands c = new ClassCommands(store, LoggerFactory.getLogger(processName + ".class-cmds-hooks"));
        Map<String, CommandHandler> m = new LinkedHashMap<>();
        m.put("class-add", c::add);
        m.put("class-get", c::get);
        m.put("class-list", c::list);
        m.put("class-update", c::update);
        m.put("class-del", c::delete);
        return java.util.Collections.unmodifiableMap(m);
    }

    private Answer add(Command cmd) throws CommandException {
        try {
            MapElement def = receivedClass(cmd, "class-add");
            List<MapElement> defs = store.definitions();
            String name = name(def);
            if (name != null && store.dictionary().find(name).isPresent()) {
                throw new CommandException("Can't add class: Client Class: " + name + " has already been defined");
            }
            store.check(def, defs);
            List<MapElement> next = new ArrayList<>(defs);
            next.add(def);
            store.replace(next);
            log.info("CLASS_CMDS_CLASS_ADD Client class added: {}", Json.toCompact(def));
            return Answer.ok("Class '" + name(def) + "' added");
        } catch (CommandException | ConfigException e) {
            log.info("CLASS_CMDS_CLASS_ADD_FAILED Adding client class failed: {}", e.getMessage());
            return Answer.error(e.getMessage());
        }
    }

    private Answer update(Command cmd) throws CommandException {
        try {
            MapElement def = receivedClass(cmd, "class-update");
            String name = name(def);
            if (name == null) {
                throw new CommandException("the first class definition is missing a mandatory 'name' parameter");
            }
            List<MapElement> defs = store.definitions();
            int at = indexOf(defs, name);
            ClientClass<?> previous = store.dictionary().find(name).orElse(null);
            if (at < 0 || previous == null) {
                log.info("CLASS_CMDS_CLASS_UPDATE_EMPTY Updated client class '{}' not found", name);
                return Answer.empty("Class '" + name + "' is not found");
            }
            // A template class stays one when the update does not repeat its template-test.
            if (!def.has("template-test") && previous.templateTest().isPresent()) {
                def = def.with("template-test", Element.of(previous.templateTest().get().text()));
            }
            ClientClass<?> next = store.check(def, defs.subList(0, at));
            if (next.dependsOnKnown() != previous.dependsOnKnown()) {
                throw new CommandException("modification of the class '" + name + "' would affect its dependency on"
                        + " the KNOWN and/or UNKNOWN built-in classes. Such modification is not allowed because"
                        + " there may be other classes depending on those built-ins via the updated class");
            }
            List<MapElement> updated = new ArrayList<>(defs);
            updated.set(at, def);
            store.replace(updated);
            log.info("CLASS_CMDS_CLASS_UPDATE Client class updated: {}", Json.toCompact(def));
            return Answer.ok("Class '" + name + "' updated");
        } catch (CommandException | ConfigException e) {
            log.info("CLASS_CMDS_CLASS_UPDATE_FAILED Updating client class failed: {}", e.getMessage());
            return Answer.error(e.getMessage());
        }
    }

    private Answer delete(Command cmd) throws CommandException {
        try {
            String name = nameArgument(cmd, "class-del");
            List<MapElement> defs = store.definitions();
            int at = indexOf(defs, name);
            if (at < 0) {
                log.info("CLASS_CMDS_CLASS_DEL_EMPTY Deleted client class '{}' not found", name);
                return Answer.empty("Class '" + name + "' not found");
            }
            for (ClientClass<?> c : store.dictionary().all()) {
                if (!c.name().equals(name) && c.expression().map(e -> e.members().contains(name)).orElse(false)) {
                    throw new CommandException("Class '" + name + "' is used by class '" + c.name() + "'");
                }
            }
            List<MapElement> rest = new ArrayList<>(defs);
            rest.remove(at);
            store.replace(rest);
            log.info("CLASS_CMDS_CLASS_DEL Client class '{}' deleted", name);
            return Answer.ok("Class '" + name + "' deleted");
        } catch (CommandException | ConfigException e) {
            log.info("CLASS_CMDS_CLASS_DEL_FAILED Deleting client class failed: {}", e.getMessage());
            return Answer.error(e.getMessage());
        }
    }

    private Answer get(Command cmd) throws CommandException {
        try {
            String name = nameArgument(cmd, "class-get");
            List<MapElement> defs = store.definitions();
            int at = indexOf(defs, name);
            if (at < 0) {
                log.info("CLASS_CMDS_CLASS_GET_EMPTY Client class '{}' not found", name);
                return Answer.empty("Class '" + name + "' not found");
            }
            log.info("CLASS_CMDS_CLASS_GET Client class '{}' returned", name);
            return Answer.ok("Class '" + name + "' definition returned", MapElement.builder()
                    .put("client-classes", list(List.of(store.toElement(defs.get(at))))).build());
        } catch (CommandException e) {
            log.info("CLASS_CMDS_CLASS_GET_FAILED Getting client class failed: {}", e.getMessage());
            return Answer.error(e.getMessage());
        }
    }

    private Answer list(Command cmd) {
        List<Element> names = new ArrayList<>();
        for (MapElement d : store.definitions()) {
            names.add(MapElement.builder().put("name", name(d)).build());
        }
        MapElement args = MapElement.builder().put("client-classes", list(names)).build();
        String text = names.size() + " class" + (names.size() == 1 ? "" : "es") + " found";
        if (names.isEmpty()) {
            log.info("CLASS_CMDS_CLASS_LIST_EMPTY Client classes not found");
            return new Answer(ResultCode.EMPTY, text, args);
        }
        log.info("CLASS_CMDS_CLASS_LIST List of client classes returned");
        return Answer.ok(text, args);
    }

    /** Kea's parseReceivedClass: a map with exactly one entry, a 'client-classes' list of one map. */
    private static MapElement receivedClass(Command cmd, String command) throws CommandException {
        MapElement args = arguments(cmd, command);
        if (args.size() != 1) {
            throw new CommandException("invalid number of arguments " + args.size() + " for the '" + command
                    + "' command. Expecting 'client-classes' list");
        }
        Element list = args.get("client-classes");
        if (list == null) {
            throw new CommandException("missing 'client-classes' argument for the '" + command + "' command");
        }
        if (!(list instanceof ListElement l)) {
            throw new CommandException("'client-classes' argument specified for the '" + command
                    + "' command is not a list");
        }
        if (l.items().size() != 1) {
            throw new CommandException("invalid number of classes specified for the '" + command
                    + "' command. Expected one class");
        }
        if (!(l.items().getFirst() instanceof MapElement def)) {
            throw new CommandException("invalid class definition specified for the '" + command
                    + "' command. Expected a map");
        }
        return def;
    }

    private static String nameArgument(Command cmd, String command) throws CommandException {
        MapElement args = arguments(cmd, command);
        if (args.size() != 1) {
            throw new CommandException("invalid number of arguments " + args.size() + " for the '" + command
                    + "' command. Expecting 'name' string");
        }
        Element name = args.get("name");
        if (name == null) {
            throw new CommandException("missing 'name' argument for the '" + command + "' command");
        }
        if (!(name instanceof StringElement s)) {
            throw new CommandException("'name' argument specified for the '" + command + "' command is not a string");
        }
        return s.value();
    }

    /** Kea's parseCommandWithArgs. */
    private static MapElement arguments(Command cmd, String command) throws CommandException {
        if (cmd.arguments() == null) {
            throw new CommandException("no arguments specified for the '" + command + "' command");
        }
        if (!(cmd.arguments() instanceof MapElement m)) {
            throw new CommandException("arguments specified for the '" + command + "' command are not a map");
        }
        return m;
    }

    private static String name(MapElement def) {
        return def.get("name") instanceof StringElement s ? s.value() : null;
    }

    private static int indexOf(List<MapElement> defs, String name) {
        for (int i = 0; i < defs.size(); i++) {
            if (name.equals(name(defs.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static ListElement list(List<Element> items) {
        return new ListElement(items, Position.NONE);
    }
}
