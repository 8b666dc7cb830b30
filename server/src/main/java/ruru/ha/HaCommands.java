package ruru.ha;

import java.util.ArrayList;
import java.util.List;

import ruru.hooks.HookAnswer;
import ruru.hooks.HookCommand;
import ruru.hooks.LibraryHandle;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** The HA commands, with Kea's argument checks and texts (ha_impl.cc). */
final class HaCommands {

    private final HaServices services;

    HaCommands(HaServices services) {
        this.services = services;
    }

    void register(LibraryHandle handle) {
        handle.registerCommand("ha-heartbeat", guarded((c, a) -> services.select(c, a).heartbeat()));
        handle.registerCommand("ha-sync", guarded(this::sync));
        handle.registerCommand("ha-scopes", guarded(this::scopes));
        handle.registerCommand("ha-continue", guarded((c, a) -> services.select(c, a).resume()));
        handle.registerCommand("ha-maintenance-notify", guarded(this::maintenanceNotify));
        handle.registerCommand("ha-maintenance-start", (c, a) -> services.maintenanceStart());
        handle.registerCommand("ha-maintenance-cancel", (c, a) -> services.maintenanceCancel());
        handle.registerCommand("ha-reset", guarded((c, a) -> services.select(c, a).reset()));
        handle.registerCommand("ha-sync-complete-notify", guarded(this::syncCompleteNotify));
    }

    @FunctionalInterface
    private interface Handler {
        HookAnswer handle(String command, Element args) throws HaServices.BadArguments;
    }

    /** Argument errors answer 1 with the text; nothing else escapes. */
    private static HookCommand guarded(Handler h) {
        return (command, args) -> {
            try {
                return h.handle(command, args);
            } catch (HaServices.BadArguments e) {
                return HookAnswer.error(e.getMessage());
            }
        };
    }

    private HookAnswer sync(String command, Element args) throws HaServices.BadArguments {
        if (args == null) {
            throw new HaServices.BadArguments("arguments not found in the 'ha-sync' command");
        }
        if (!(args instanceof MapElement m)) {
            throw new HaServices.BadArguments("arguments in the 'ha-sync' command are not a map");
        }
        Element name = m.get("server-name");
        if (name == null) {
            throw new HaServices.BadArguments("'server-name' is mandatory for the 'ha-sync' command");
        }
        if (!(name instanceof StringElement s)) {
            throw new HaServices.BadArguments("'server-name' must be a string in the 'ha-sync' command");
        }
        long maxPeriod = 0;
        Element mp = m.get("max-period");
        if (mp != null) {
            if (!(mp instanceof IntElement i) || i.value() <= 0) {
                throw new HaServices.BadArguments("'max-period' must be a positive integer in the 'ha-sync' command");
            }
            maxPeriod = i.value();
        }
        return services.select(command, args).sync(s.value(), maxPeriod);
    }

    private HookAnswer scopes(String command, Element args) throws HaServices.BadArguments {
        if (args == null) {
            throw new HaServices.BadArguments("arguments not found in the 'ha-scopes' command");
        }
        if (!(args instanceof MapElement m)) {
            throw new HaServices.BadArguments("arguments in the 'ha-scopes' command are not a map");
        }
        Element scopes = m.get("scopes");
        if (scopes == null) {
            throw new HaServices.BadArguments("'scopes' is mandatory for the 'ha-scopes' command");
        }
        if (!(scopes instanceof ListElement list)) {
            throw new HaServices.BadArguments("'scopes' must be a list in the 'ha-scopes' command");
        }
        List<String> names = new ArrayList<>();
        for (Element e : list.items()) {
            if (!(e instanceof StringElement s)) {
                throw new HaServices.BadArguments("scope name must be a string in the 'scopes' argument");
            }
            names.add(s.value());
        }
        return services.select(command, args).scopes(names);
    }

    private HookAnswer maintenanceNotify(String command, Element args) throws HaServices.BadArguments {
        if (args == null) {
            throw new HaServices.BadArguments("no arguments specified for the 'ha-maintenance-notify' command");
        }
        if (!(args instanceof MapElement m)) {
            throw new HaServices.BadArguments("arguments specified for the 'ha-maintenance-notify' command are not a "
                    + "map");
        }
        Element cancel = m.get("cancel");
        if (cancel == null) {
            throw new HaServices.BadArguments("'cancel' is mandatory for the 'ha-maintenance-notify' command");
        }
        if (!(cancel instanceof BoolElement b)) {
            throw new HaServices.BadArguments("'cancel' must be a boolean in the 'ha-maintenance-notify' command");
        }
        return services.select(command, args).maintenanceNotify(b.value());
    }

    /**
     * {@code origin-id} (Kea 2.5.8+) wins over {@code origin}; without either (a Kea 2.2 partner) the
     * origin is the one "ha-partner" disabled the service with.
     */
    private HookAnswer syncCompleteNotify(String command, Element args) throws HaServices.BadArguments {
        long origin = ruru.daemon.state.Origin.HA_PARTNER.id();
        if (args instanceof MapElement m) {
            Element id = m.get("origin-id");
            Element legacy = m.get("origin");
            if (id != null) {
                if (!(id instanceof IntElement i)) {
                    throw new HaServices.BadArguments("'origin-id' must be an integer in the 'ha-sync-complete-notify' "
                            + "command");
                }
                origin = i.value();
            } else if (legacy != null) {
                if (legacy instanceof IntElement i) {
                    origin = i.value();
                } else if (!(legacy instanceof StringElement s && s.value().equals("ha-partner"))) {
                    throw new HaServices.BadArguments("'origin' must be an integer in the 'ha-sync-complete-notify' "
                            + "command");
                }
            }
        }
        return services.select(command, args).syncCompleteNotify(origin);
    }
}
