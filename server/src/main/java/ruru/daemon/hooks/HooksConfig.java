package ruru.daemon.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * {@code hooks-libraries}, validated. Validation is what config-test and {@code -t} do for
 * libraries, and it runs no library code: each jar must lie in the hooks directory, be readable,
 * and name one public {@link ruru.hooks.HookLibrary} class with a public no-argument constructor,
 * found without initialising it ({@link HookJar#inspect}). The library's multi-threading answer
 * needs its code, so it is asked when the library is loaded ({@link HookLibraries#load}), which
 * refuses the configuration as Kea does when multi-threading is on and the answer is no.
 *
 * @param multiThreading whether the configuration enables multi-threading
 */
public record HooksConfig(List<HookLibrarySpec> libraries, boolean multiThreading) {

    public static final HooksConfig NONE = new HooksConfig(List.of(), false);

    public HooksConfig {
        libraries = List.copyOf(libraries);
    }

    public HooksConfig(List<HookLibrarySpec> libraries) {
        this(libraries, false);
    }

    /**
     * @param element   the {@code hooks-libraries} list (null when absent)
     * @param builtins  the file names of the built-in libraries of this daemon
     * @param mtEnabled whether multi-threading is enabled in the same configuration
     */
    public static HooksConfig parse(Element element, PathPolicy paths, Set<String> builtins, boolean mtEnabled)
            throws ConfigException {
        if (!(element instanceof ListElement list) || list.isEmpty()) {
            return mtEnabled ? new HooksConfig(List.of(), true) : NONE;
        }
        List<HookLibrarySpec> specs = new ArrayList<>();
        for (Element e : list.items()) {
            MapElement entry = (MapElement) e; // the schema checked the shape
            if (!(entry.get("library") instanceof StringElement name)) {
                throw new ConfigException(entry.position(), "hooks library configuration must specify 'library'");
            }
            MapElement parameters = entry.get("parameters") instanceof MapElement p ? p
                    : MapElement.builder().build();
            HookLibrarySpec spec = new HookLibrarySpec(name.value(), source(name, paths, builtins), parameters,
                    name.position());
            if (spec.source() instanceof HookLibrarySpec.Jar jar) {
                inspect(spec, jar.path());
            }
            specs.add(spec);
        }
        return new HooksConfig(specs, mtEnabled);
    }

    /** Kea 3 matches built-ins by file name, whatever the directory; anything else must be a jar. */
    private static HookLibrarySpec.Source source(StringElement name, PathPolicy paths, Set<String> builtins)
            throws ConfigException {
        String value = name.value();
        String fileName = value.substring(value.lastIndexOf('/') + 1);
        if (builtins.contains(fileName)) {
            return new HookLibrarySpec.Builtin(fileName);
        }
        if (!fileName.endsWith(".jar")) {
            throw failed(name, "neither a jar nor a library built into ruru (built in: " + String.join(", ",
                    builtins.stream().sorted().toList()) + ")");
        }
        return new HookLibrarySpec.Jar(jarPath(name, paths));
    }

    /**
     * Kea 3's rule (CVE-2025-32801): a bare file name is looked up in the hooks directory, any
     * other name must name a file directly in it, with symbolic links resolved; {@code -X} does
     * not lift this one. No other kind of file may be written to the hooks directory
     * ({@link PathPolicy#checkSeparation}), so a config-set can never make the server run code it
     * wrote itself.
     */
    static Path jarPath(StringElement name, PathPolicy paths) throws ConfigException {
        Path path;
        try {
            path = paths.resolve(PathKind.HOOKS, name.value());
        } catch (PathPolicy.RefusedPath e) {
            throw failed(name, e.getMessage());
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw failed(name, "no readable file " + path);
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw failed(name, "cannot resolve " + path);
        }
    }

    /** Checks the jar without running any of its code. */
    private static void inspect(HookLibrarySpec spec, Path jar) throws ConfigException {
        try {
            HookJar.inspect(jar);
        } catch (HookJar.HookJarException e) {
            throw new ConfigException(spec.position(), "hooks libraries failed to validate - library or libraries "
                    + "in error are: " + spec.library() + ": " + e.getMessage());
        }
    }

    private static ConfigException failed(StringElement name, String why) {
        return new ConfigException(name.position(), "hooks libraries failed to validate - library or libraries in "
                + "error are: " + name.value() + ": " + why);
    }

    /** The position of the first library, for errors about the list as a whole. */
    Position position() {
        return libraries.isEmpty() ? Position.NONE : libraries.get(0).position();
    }
}
