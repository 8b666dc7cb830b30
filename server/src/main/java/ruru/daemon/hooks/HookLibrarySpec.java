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
