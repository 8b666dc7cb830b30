package ruru.daemon.hooks;

import java.nio.file.Path;

import ruru.json.MapElement;
import ruru.json.Position;

/**
 * One validated {@code hooks-libraries} entry.
 *
 * @param library    the {@code library} value as written (what logs and errors name)
 * @param source     where the code comes from
 * @param parameters the {@code parameters} map (empty when absent)
 */
public record HookLibrarySpec(String library, Source source, MapElement parameters, Position position) {

    /** The hooks API version Kea 2.2's own libraries report (its {@code KEA_HOOKS_VERSION}). */
    public static final int KEA_HOOKS_VERSION = 20200;

    /**
     * The version a library reports ({@code HOOKS_LIBRARY_VERSION}): Kea's for a built-in Kea
     * library (named by its {@code .so} file), ruru's hook API's for a jar.
     */
    public static int version(String library) {
        return library.endsWith(".so") ? KEA_HOOKS_VERSION : ruru.hooks.HookLibrary.API_VERSION;
    }

    /** A jar in the hooks directory, or one of the libraries built into the server. */
    public sealed interface Source permits Jar, Builtin {
    }

    /** @param path the real path of the jar, checked to be inside an allowed directory */
    public record Jar(Path path) implements Source {
    }

    /** @param name Kea's file name, e.g. {@code libdhcp_lease_cmds.so} */
    public record Builtin(String name) implements Source {
    }
}
