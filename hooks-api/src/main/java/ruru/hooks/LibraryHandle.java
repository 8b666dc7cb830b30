package ruru.hooks;

import java.util.Optional;

import ruru.json.Element;
import ruru.json.MapElement;

/** What the server gives a library while it loads: its parameters and the places to register. */
public interface LibraryHandle {

    /** One entry of the library's {@code parameters} map. */
    Optional<Element> parameter(String name);

    /** The library's {@code parameters} map (empty when the configuration has none). */
    MapElement parameters();

    /**
     * Registers a control command. It takes precedence over a built-in command of the same name
     * and appears in {@code list-commands}; it is removed when the library is unloaded.
     */
    void registerCommand(String name, HookCommand handler);

    /** Registers a callout; callouts of one hook point run in library order. */
    <C> void registerCallout(HookPoint<C> point, C callout);

    /** The daemon's statistics (statistic-get and friends see what a library sets). */
    HookStatistics statistics();

    /** The daemon's logging, under the logger {@code <daemon>.hooks}. */
    HookLog log();

    /** Kea's process name of the daemon, e.g. {@code kea-dhcp4}. */
    String daemonName();
}
