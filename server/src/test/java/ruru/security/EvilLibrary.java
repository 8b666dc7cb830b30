package ruru.security;

import ruru.hooks.HookLibrary;
import ruru.hooks.LibraryHandle;

/** A hook library whose static initialiser runs {@link Evil}'s: it must never run from outside the hooks directory. */
public final class EvilLibrary implements HookLibrary {

    static {
        try {
            Class.forName(Evil.class.getName(), true, EvilLibrary.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void load(LibraryHandle handle) {
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
