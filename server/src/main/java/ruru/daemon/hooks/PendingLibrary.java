package ruru.daemon.hooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.hooks.HookCommand;
import ruru.hooks.HookLog;
import ruru.hooks.HookPoint;
import ruru.hooks.HookStatistics;
import ruru.hooks.LibraryHandle;
import ruru.json.Element;
import ruru.json.MapElement;

/**
 * The handle a library loads with. Registrations are collected here and made live only when every
 * library of the configuration has loaded, so a failing library leaves nothing half-registered.
 */
final class PendingLibrary implements LibraryHandle {

    private final HookLibrarySpec spec;
    private final HookStatistics statistics;
    private final HookLog log;
    private final String daemonName;
    private final Map<String, HookCommand> commands = new LinkedHashMap<>();
    private final List<List<CalloutRegistry.Entry>> callouts = CalloutRegistry.newTable();
    private boolean open = true;

    PendingLibrary(HookLibrarySpec spec, HookStatistics statistics, HookLog log, String daemonName) {
        this.spec = spec;
        this.statistics = statistics;
        this.log = log;
        this.daemonName = daemonName;
    }

    @Override
    public Optional<Element> parameter(String name) {
        return Optional.ofNullable(spec.parameters().get(name));
    }

    @Override
    public MapElement parameters() {
        return spec.parameters();
    }

    @Override
    public synchronized void registerCommand(String name, HookCommand handler) {
        requireOpen();
        if (name == null || name.isEmpty() || handler == null) {
            throw new IllegalArgumentException("a command needs a name and a handler");
        }
        commands.put(name, handler);
    }

    @Override
    public synchronized <C> void registerCallout(HookPoint<C> point, C callout) {
        requireOpen();
        callouts.get(point.index()).add(new CalloutRegistry.Entry(point.calloutType().cast(callout), spec.library()));
    }

    /** Registration is for load() only: the server would not see later ones. */
    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("hook library " + spec.library() + " registers after load()");
        }
    }

    synchronized void close() {
        open = false;
    }

    @Override
    public HookStatistics statistics() {
        return statistics;
    }

    @Override
    public HookLog log() {
        return log;
    }

    @Override
    public String daemonName() {
        return daemonName;
    }

    Map<String, HookCommand> commands() {
        return commands;
    }

    List<List<CalloutRegistry.Entry>> callouts() {
        return callouts;
    }
}
