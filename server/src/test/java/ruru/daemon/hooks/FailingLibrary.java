package ruru.daemon.hooks;

import ruru.hooks.HookLibrary;
import ruru.hooks.LibraryHandle;

/** A test library whose load() fails unless its parameters say otherwise. */
public final class FailingLibrary implements HookLibrary {

    @Override
    public void load(LibraryHandle handle) {
        handle.registerCommand("never-seen", (n, a) -> null);
        throw new IllegalArgumentException("missing parameter 'floor'");
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
