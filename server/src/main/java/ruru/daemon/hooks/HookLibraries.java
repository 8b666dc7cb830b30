package ruru.daemon.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.Answer;
import ruru.control.CommandHandler;
import ruru.control.CommandRegistry;
import ruru.control.ResultCode;
import ruru.daemon.config.ConfigException;
import ruru.daemon.logging.LibraryMessages;
import ruru.daemon.stats.StatsManager;
import ruru.hooks.HookAnswer;
import ruru.hooks.HookCommand;
import ruru.hooks.HookLibrary;
import ruru.hooks.HookLog;
import ruru.hooks.HookPoint;

/**
 * The libraries in force in one daemon. As in Kea, every (re)configuration unloads all libraries
 * and loads the configured ones afresh, in order, with their parameters; {@code libreload} does the
 * same with the configuration in force. Commands and callouts go live only when all libraries
 * loaded; a failure unloads what was loaded and reloads the previous set, so the daemon keeps the
 * libraries of the configuration that stays in force.
 */
public final class HookLibraries {

    private final CommandRegistry registry;
    private final StatsManager stats;
    private final String daemonName;
    private final Map<String, Supplier<BuiltinLibrary>> builtins;
    private final CalloutRegistry callouts = new CalloutRegistry();
    private final Logger log;
    private final HookLog hookLog;

    private HooksConfig current = HooksConfig.NONE;
    private List<Active> active = List.of();

    /**
     * A loaded library: its instance (null for a built-in), its jar, its commands, and the Kea
     * names of the hooks it registered on ({@code $command_name} for a command), sorted as Kea's.
     */
    private record Active(HookLibrarySpec spec, HookLibrary library, HookJar jar, List<String> commands,
                          List<String> hooks) {
        Active(HookLibrarySpec spec, HookLibrary library, HookJar jar, List<String> commands) {
            this(spec, library, jar, commands, List.of());
        }
    }

    /** Kea's hook names of a library's commands and callouts, in Kea's order (its hook name map's). */
    private static List<String> hookNames(List<String> commands, PendingLibrary pending) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        commands.forEach(c -> names.add(commandHook(c)));
        if (pending != null) {
            List<List<CalloutRegistry.Entry>> table = pending.callouts();
            for (int point = 0; point < table.size(); point++) {
                if (!table.get(point).isEmpty()) {
                    names.add(HookPoint.all().get(point).name());
                }
            }
        }
        return List.copyOf(names);
    }

    /** Kea's hook of a command: {@code $} and the name with underscores. */
    private static String commandHook(String command) {
        return "$" + command.replace('-', '_');
    }

    /**
     * @param builtins Kea file name → the built-in library (its commands are this daemon's handlers)
     */
    public HookLibraries(CommandRegistry registry, StatsManager stats, String daemonName,
                         Map<String, Supplier<BuiltinLibrary>> builtins) {
        this.registry = registry;
        this.stats = stats;
        this.daemonName = daemonName;
        this.builtins = Map.copyOf(builtins);
        this.log = LoggerFactory.getLogger(daemonName + ".hooks");
        this.hookLog = new Slf4jHookLog(log);
    }

    public java.util.Set<String> builtinNames() {
        return builtins.keySet();
    }

    public CalloutRegistry callouts() {
        return callouts;
    }

    /** The configuration whose libraries are loaded. */
    public synchronized HooksConfig current() {
        return current;
    }

    /** Unloads the libraries in force and loads {@code next}'s; on failure the previous set is back. */
    public synchronized void load(HooksConfig next) throws ConfigException {
        HooksConfig previous = current;
        unloadAll();
        try {
            activate(next);
        } catch (ConfigException e) {
            try {
                activate(previous);
            } catch (ConfigException again) {
                log.error("HOOKS_LIBRARY_RELOAD_FAIL the previous hook libraries could not be reloaded: {}",
                        again.getMessage());
            }
            throw e;
        }
    }

    /** {@code libreload}: the same libraries, unloaded and loaded again with the same parameters. */
    public synchronized void reload() throws ConfigException {
        load(current);
    }

    private void activate(HooksConfig config) throws ConfigException {
        List<Active> loaded = new ArrayList<>();
        List<PendingLibrary> pending = new ArrayList<>();
        for (HookLibrarySpec spec : config.libraries()) {
            try {
                LibraryMessages.HOOKS_LIBRARY_LOADING.log(daemonName, spec.library());
                LibraryMessages.HOOKS_LIBRARY_VERSION.log(daemonName, spec.library(),
                        HookLibrarySpec.version(spec.library()));
                if (config.multiThreading() && spec.source() instanceof HookLibrarySpec.Builtin) {
                    LibraryMessages.HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE.log(daemonName, spec.library(), 1);
                }
                PendingLibrary handle = new PendingLibrary(spec, new ServerHookStatistics(stats), hookLog, daemonName);
                Active one = loadOne(spec, handle, config.multiThreading(), loaded.size() + 1);
                loaded.add(one);
                handle.close();
                pending.add(handle);
                loadedLines(spec, one, loaded.size());
            } catch (NotMultiThreaded e) {
                unload(loaded);
                throw new ConfigException(spec.position(), e.getMessage());
            } catch (Exception | LinkageError e) {
                log.error("HOOKS_LIBRARY_LOAD_FAIL library {} failed to load: {}", spec.library(), e.toString());
                unload(loaded);
                throw new ConfigException(spec.position(), "One or more hook libraries failed to load: "
                        + spec.library() + ": " + HookJar.libraryMessage(e, "its load() failed"));
            }
        }
        List<List<CalloutRegistry.Entry>> table = CalloutRegistry.newTable();
        List<Active> withCommands = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            Active a = loaded.get(i);
            List<String> names = new ArrayList<>(a.commands());
            if (a.library() != null) {
                PendingLibrary p = pending.get(i);
                int index = i + 1;
                p.commands().forEach((name, handler) -> registry.registerHook(name,
                        CommandCallout.of(daemonName, index, name, adapt(a.spec(), handler), null)));
                names.addAll(p.commands().keySet());
                for (int point = 0; point < table.size(); point++) {
                    table.get(point).addAll(p.callouts().get(point));
                }
            }
            withCommands.add(new Active(a.spec(), a.library(), a.jar(), List.copyOf(names),
                    hookNames(names, a.library() == null ? null : pending.get(i))));
        }
        callouts.replace(table);
        active = List.copyOf(withCommands);
        current = config;
        updateCommandObserver();
    }

    private Active loadOne(HookLibrarySpec spec, PendingLibrary handle, boolean multiThreading, int index)
            throws Exception {
        return switch (spec.source()) {
            case HookLibrarySpec.Builtin b -> {
                Supplier<BuiltinLibrary> factory = builtins.get(b.name());
                if (factory == null) {
                    throw new IllegalStateException("no built-in library " + b.name() + " in " + daemonName);
                }
                BuiltinLibrary builtin = factory.get();
                Map<String, CommandHandler> commands = builtin.commands();
                if (builtin.hookLibrary().isPresent()) {
                    HookLibrary library = builtin.hookLibrary().get();
                    try {
                        library.load(handle);
                    } catch (BuiltinLibrary.LoadRefused e) {
                        safeUnload(spec, library);
                        // the library's own words (Kea's texts), as a jar's load() failure is reported
                        throw new HookJar.HookJarException(e.getMessage(), e);
                    } catch (Exception | LinkageError e) {
                        safeUnload(spec, library);
                        throw e;
                    }
                    // a built-in with callouts or parameters may also bring the server's own command handlers
                    registerCallouts(index, commands, b.name());
                    yield new Active(spec, library, null, List.copyOf(commands.keySet()));
                }
                registerCallouts(index, commands, b.name());
                yield new Active(spec, null, null, List.copyOf(commands.keySet()));
            }
            case HookLibrarySpec.Jar j -> {
                HookJar jar = HookJar.open(j.path());
                if (multiThreading) {
                    LibraryMessages.HOOKS_LIBRARY_MULTI_THREADING_COMPATIBLE.log(daemonName, spec.library(),
                            multiThreadingCompatible(jar) ? 1 : 0);
                }
                if (multiThreading && !multiThreadingCompatible(jar)) {
                    jar.close();
                    log.error("HOOKS_LIBRARY_MULTI_THREADING_NOT_COMPATIBLE hooks library {} is not compatible with "
                            + "multi-threading", spec.library());
                    throw new NotMultiThreaded(spec);
                }
                try {
                    jar.library().load(handle);
                } catch (Exception | LinkageError e) {
                    safeUnload(spec, jar.library());
                    jar.close();
                    throw e;
                }
                yield new Active(spec, jar.library(), jar, List.of());
            }
        };
    }

    /** A built-in library's commands, each as the callout Kea's library registers on its hook. */
    private void registerCallouts(int index, Map<String, CommandHandler> commands, String library) {
        commands.forEach((name, handler) -> registry.registerHook(name,
                CommandCallout.of(daemonName, index, name, handler, library)));
    }

    /** The library's own answer; a library that cannot even answer is not compatible. */
    private static boolean multiThreadingCompatible(HookJar jar) {
        try {
            return jar.library().multiThreadingCompatible();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Kea's refusal of a library that is not multi-threading compatible while multi-threading is on. */
    private static final class NotMultiThreaded extends Exception {
        private static final long serialVersionUID = 1L;

        NotMultiThreaded(HookLibrarySpec spec) {
            super("hooks libraries failed to validate - library or libraries in error are: " + spec.library());
        }
    }

    /** Unloads everything (reconfiguration, shutdown). */
    public synchronized void unloadAll() {
        callouts.clear();
        registry.setCommandObserver(null);
        unload(active);
        active = List.of();
        current = HooksConfig.NONE;
    }

    private void unload(List<Active> libraries) {
        for (int i = libraries.size() - 1; i >= 0; i--) {
            Active a = libraries.get(i);
            a.commands().forEach(registry::unregisterHook);
            if (a.library() != null) {
                safeUnload(a.spec(), a.library());
            }
            if (a.jar() != null) {
                a.jar().close();
            }
            builtinMessage(a.spec(), false);
            LibraryMessages.HOOKS_UNLOAD_SUCCESS.log(daemonName, a.spec().library());
            // Kea then removes the library's callouts hook by hook
            for (String hook : a.hooks()) {
                LibraryMessages.HOOKS_ALL_CALLOUTS_DEREGISTERED.log(daemonName, i + 1, hook);
                LibraryMessages.HOOKS_CALLOUTS_REMOVED.log(daemonName, hook, a.spec().library());
            }
        }
        // Kea closes the libraries after every unload function ran, last first
        for (int i = libraries.size() - 1; i >= 0; i--) {
            LibraryMessages.HOOKS_LIBRARY_CLOSED.log(daemonName, libraries.get(i).spec().library());
        }
    }

    /**
     * Kea's lines once a library's load function returned: its callouts registered (a built-in's
     * commands, as {@code $command_name}), its own success message, load success, loaded.
     */
    private void loadedLines(HookLibrarySpec spec, Active one, int index) {
        if (LibraryMessages.HOOKS_CALLOUT_REGISTRATION.in(daemonName).enabled()) {
            for (String command : one.commands()) {
                LibraryMessages.HOOKS_CALLOUT_REGISTRATION.log(daemonName, index, commandHook(command));
            }
        }
        builtinMessage(spec, true);
        LibraryMessages.HOOKS_LOAD_SUCCESS.log(daemonName, spec.library());
        LibraryMessages.HOOKS_LIBRARY_LOADED.log(daemonName, spec.library());
    }

    /** The built-in lease_cmds and stat_cmds libraries' own load and unload messages. */
    private void builtinMessage(HookLibrarySpec spec, boolean load) {
        if (spec.source() instanceof HookLibrarySpec.Builtin b) {
            switch (b.name()) {
                case "libdhcp_lease_cmds.so" -> (load ? LibraryMessages.LEASE_CMDS_INIT_OK
                        : LibraryMessages.LEASE_CMDS_DEINIT_OK).log(daemonName);
                case "libdhcp_stat_cmds.so" -> (load ? LibraryMessages.STAT_CMDS_INIT_OK
                        : LibraryMessages.STAT_CMDS_DEINIT_OK).log(daemonName);
                default -> {
                }
            }
        }
    }

    private void safeUnload(HookLibrarySpec spec, HookLibrary library) {
        try {
            library.unload();
        } catch (RuntimeException | LinkageError e) {
            log.error("HOOKS_UNLOAD_FAILED unloading library {} failed: {}", spec.library(), e.toString());
        }
    }

    /** command_processed callouts see every answer; without them the registry does nothing extra. */
    private void updateCommandObserver() {
        registry.setCommandObserver(callouts.has(HookPoint.COMMAND_PROCESSED) ? new CommandProcessed(callouts) : null);
    }

    /** A library's command as a registry handler; what it throws becomes result 1, logged as Kea does. */
    private CommandHandler adapt(HookLibrarySpec spec, HookCommand handler) {
        return cmd -> {
            HookAnswer a;
            try {
                a = handler.handle(cmd.name(), cmd.arguments());
            } catch (Exception e) {
                log.error("HOOKS_CALLOUT_ERROR error returned by callout on hook ${} registered by library {}: {}",
                        cmd.name().replace('-', '_'), spec.library(), e.toString());
                return Answer.error(HookJar.libraryMessage(e, "Error during command processing: the hook library "
                        + spec.library() + " failed"));
            }
            if (a == null) {
                return Answer.error("Error during command processing: handler returned no answer");
            }
            return new Answer(new ResultCode(a.result()), a.text(), a.arguments());
        };
    }
}
