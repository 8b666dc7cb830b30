package ruru.daemon.hooks;

import java.util.Map;
import java.util.Optional;

import ruru.control.CommandHandler;
import ruru.hooks.HookLibrary;

/**
 * A library built into the server under a Kea file name ({@code libdhcp_lease_cmds.so}), so
 * existing Kea configurations keep working. Most only add commands, with the server's own
 * handlers; one that needs callouts too (Kea's HA) is a whole {@link HookLibrary}, loaded with its
 * parameters exactly as a jar is.
 */
@FunctionalInterface
public interface BuiltinLibrary {

    /** The commands it provides, created for one load. */
    Map<String, CommandHandler> commands();

    /** A built-in that is a full hook library (commands and callouts registered at load). */
    default Optional<HookLibrary> hookLibrary() {
        return Optional.empty();
    }

    static BuiltinLibrary of(HookLibrary library) {
        return new BuiltinLibrary() {
            @Override
            public Map<String, CommandHandler> commands() {
                return Map.of();
            }

            @Override
            public Optional<HookLibrary> hookLibrary() {
                return Optional.of(library);
            }
        };
    }
}
