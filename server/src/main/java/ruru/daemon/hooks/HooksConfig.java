package ruru.daemon.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * {@code hooks-libraries}, validated. Validation is what Kea's config-test does for libraries: each
 * jar is opened, its entry class found and instantiated, its multi-threading compatibility checked,
 * and everything closed again (nothing stays loaded, nothing is registered).
 */
public record HooksConfig(List<HookLibrarySpec> libraries) {

    private static final Logger LOG = LoggerFactory.getLogger("ruru.hooks");

    public static final HooksConfig NONE = new HooksConfig(List.of());

    public HooksConfig {
        libraries = List.copyOf(libraries);
    }

    /**
     * @param element   the {@code hooks-libraries} list (null when absent)
     * @param builtins  the file names of the built-in libraries of this daemon
     * @param mtEnabled whether multi-threading is enabled in the same configuration
     */
    public static HooksConfig parse(Element element, PathPolicy paths, Set<String> builtins, boolean mtEnabled)
            throws ConfigException {
        if (!(element instanceof ListElement list) || list.isEmpty()) {
            return NONE;
        }
        List<HookLibrarySpec> specs = new ArrayList<>();
        List<String> notMt = new ArrayList<>();
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
                boolean mt = probe(spec, jar.path());
                if (mtEnabled && !mt) {
                    LOG.error("HOOKS_LIBRARY_MULTI_THREADING_NOT_COMPATIBLE hooks library {} is not compatible with "
                            + "multi-threading", spec.library());
                    notMt.add(spec.library());
                }
            }
            specs.add(spec);
        }
        if (!notMt.isEmpty()) {
            throw new ConfigException(list.position(), "hooks libraries failed to validate - library or libraries in "
                    + "error are: " + String.join(", ", notMt));
        }
        return new HooksConfig(specs);
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
     * A bare file name is looked up in the hooks directory first (Kea 3); any name must end up, with
     * symbolic links resolved, inside the hooks directory or the configuration file's directory, so a
     * config-set can never make the server run code from elsewhere (CVE-2025-32801).
     */
    static Path jarPath(StringElement name, PathPolicy paths) throws ConfigException {
        List<Path> allowed = paths.allowedDirectories(PathKind.HOOKS);
        Path path;
        Path inHooksDir = allowed.get(allowed.size() - 1).resolve(name.value()).normalize();
        if (!name.value().contains("/") && Files.exists(inHooksDir)) {
            path = inHooksDir;
        } else {
            path = paths.resolve(PathKind.HOOKS, name.value(), name.position());
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw failed(name, "no readable file " + path);
        }
        try {
            Path real = path.toRealPath();
            if (paths.unchecked()) {
                return real;
            }
            for (Path dir : allowed) {
                if (Files.isDirectory(dir) && real.startsWith(dir.toRealPath())) {
                    return real;
                }
            }
            throw failed(name, path + " resolves to " + real + ", outside the allowed directories " + allowed);
        } catch (IOException e) {
            throw failed(name, e.getMessage());
        }
    }

    /** Opens the jar, instantiates its entry class and closes it again; returns its MT answer. */
    private static boolean probe(HookLibrarySpec spec, Path jar) throws ConfigException {
        try (HookJar opened = HookJar.open(jar)) {
            return opened.library().multiThreadingCompatible();
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
