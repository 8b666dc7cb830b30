package ruru.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ruru.json.Position;

/**
 * Where files named in a configuration may live. A relative name resolves against the directory
 * of the configuration file; the result must lie inside that directory or inside the kind's
 * standard directory (or the directory its environment variable names). {@code -X} turns the
 * check off, as Kea's {@code -X} does.
 *
 * @param configDirectory directory of the -c file, absolute and normalized
 * @param environment     the process environment (injected for tests)
 * @param unchecked       true with -X
 */
public record PathPolicy(Path configDirectory, Map<String, String> environment, boolean unchecked) {

    public PathPolicy {
        configDirectory = configDirectory.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    public static PathPolicy forConfigFile(Path configFile, boolean unchecked) {
        Path dir = configFile.toAbsolutePath().normalize().getParent();
        return new PathPolicy(dir == null ? Path.of("/") : dir, System.getenv(), unchecked);
    }

    /** The directories a path of this kind may live in. */
    public List<Path> allowedDirectories(PathKind kind) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(configDirectory);
        String env = environment.get(kind.environmentVariable());
        dirs.add(Path.of(env != null && !env.isBlank() ? env : kind.standardDirectory()).toAbsolutePath().normalize());
        return dirs;
    }

    /** Resolves {@code name} and checks it; the error names the element's position. */
    public Path resolve(PathKind kind, String name, Position position) throws ConfigException {
        if (name.isEmpty()) {
            throw new ConfigException(position, kind.description() + " name must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new ConfigException(position, kind.description() + " name contains a NUL character");
        }
        Path path = configDirectory.resolve(name).normalize();
        if (unchecked) {
            return path;
        }
        for (Path dir : allowedDirectories(kind)) {
            if (path.startsWith(dir) && !path.equals(dir)) {
                return path;
            }
        }
        throw new ConfigException(position, kind.description() + " '" + name + "' is outside the allowed directories "
                + allowedDirectories(kind) + "; set " + kind.environmentVariable()
                + " to allow another directory, or start with -X to disable this check");
    }
}
