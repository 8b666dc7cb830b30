package ruru.daemon.hooks;

import ruru.hooks.HookLibrary;
import ruru.hooks.LibraryHandle;

/** A test library that is not multi-threading compatible (the default answer). */
public final class SingleThreadedLibrary implements HookLibrary {

    @Override
    public void load(LibraryHandle handle) {
        handle.statistics().add("st-loads", 1);
    }
}
