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

    /** A built-in's load() refusing its parameters: the message is reported as the library's own. */
    final class LoadRefused extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadRefused(String message) {
            super(message);
        }
    }

    /** Commands of the server's own and a library loaded with the parameters (Kea 3's lease_cmds). */
    static BuiltinLibrary of(Map<String, CommandHandler> commands, HookLibrary library) {
        return new BuiltinLibrary() {
            @Override
            public Map<String, CommandHandler> commands() {
                return commands;
            }

            @Override
            public Optional<HookLibrary> hookLibrary() {
                return Optional.of(library);
            }
        };
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
