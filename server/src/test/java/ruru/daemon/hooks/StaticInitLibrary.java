package ruru.daemon.hooks;

import ruru.hooks.HookLibrary;
import ruru.hooks.LibraryHandle;

/** A hook library whose static initialiser leaves a mark: validation must not run it. */
public final class StaticInitLibrary implements HookLibrary {

    static final String MARK = "ruru.test.library-static-init";

    static {
        System.setProperty(MARK, "ran");
    }

    @Override
    public void load(LibraryHandle handle) {
        handle.statistics().add("static-init-loads", 1);
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
