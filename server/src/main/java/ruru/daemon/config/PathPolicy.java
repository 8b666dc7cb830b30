package ruru.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.json.Position;

/**
 * Where files named in a configuration may live: Kea 3's rule, one directory per kind of file.
 *
 * <ul>
 *   <li>Each {@link PathKind} has one directory: its environment variable's value, else Kea 3's
 *       standard directory. The configuration file's directory is not a catch-all any more.</li>
 *   <li>A bare file name goes into its kind's directory; any other relative name resolves against
 *       that directory too; an absolute name must lie directly in it. The check compares real
 *       paths (symbolic links followed), and a name that is itself a symbolic link must lead to
 *       a file in the same directory.</li>
 *   <li>The control socket directory may grant nothing beyond 0750 (Kea 3).</li>
 *   <li>No two kinds, and not the configuration file's directory, share a directory
 *       ({@link #checkSeparation}): otherwise a file written as one kind (a log line) could be
 *       read as another (hook code), which is how issue 8's code execution worked.</li>
 *   <li>{@code -X} turns violations into {@code *_SECURITY_WARNING} log lines, as Kea 3's does,
 *       except for hook libraries: code is loaded only from the hooks directory, always.</li>
 * </ul>
 *
 * @param configDirectory directory of the -c file, absolute and normalized
 * @param environment     the process environment (injected for tests)
 * @param unchecked       true with -X
 */
public record PathPolicy(Path configDirectory, Map<String, String> environment, boolean unchecked) {

    private static final Logger LOG = LoggerFactory.getLogger("ruru.security");

    /** Kea 3's limit on the control socket directory: owner rwx, group r-x, nothing for others. */
    static final Set<PosixFilePermission> SOCKET_DIRECTORY_LIMIT = PosixFilePermissions.fromString("rwxr-x---");

    public PathPolicy {
        configDirectory = configDirectory.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    public static PathPolicy forConfigFile(Path configFile, boolean unchecked) {
        return forConfigFile(configFile, System.getenv(), unchecked);
    }

    public static PathPolicy forConfigFile(Path configFile, Map<String, String> environment, boolean unchecked) {
        Path dir = configFile.toAbsolutePath().normalize().getParent();
        return new PathPolicy(dir == null ? Path.of("/") : dir, environment, unchecked);
    }

    /**
     * Why a name was refused; callers turn it into their own error (config, command answer). The
     * message names the key and how to fix it; {@link #detail()} is Kea's bare text
     * ({@code invalid path specified: '/tmp', supported path is '/var/lib/kea'}).
     */
    public static final class RefusedPath extends Exception {
        private static final long serialVersionUID = 1L;

        private final String detail;

        public RefusedPath(String message) {
            this(message, message);
        }

        RefusedPath(String message, String detail) {
            super(message);
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** The one directory of this kind: the environment variable's value, else the standard one. */
    public Path directory(PathKind kind) {
        String env = environment.get(kind.environmentVariable());
        return Path.of(env != null && !env.isBlank() ? env : kind.standardDirectory()).toAbsolutePath().normalize();
    }

    /** The directories a file of this kind may live in: exactly one, since Kea 3. */
    public List<Path> allowedDirectories(PathKind kind) {
        return List.of(directory(kind));
    }

    /** Resolves {@code name} and checks it; the error names the element's position. */
    public Path resolve(PathKind kind, String name, Position position) throws ConfigException {
        try {
            return resolve(kind, name);
        } catch (RefusedPath e) {
            throw new ConfigException(position, e.getMessage());
        }
    }

    /**
     * Resolves {@code name} as a file of {@code kind} and checks it. Under -X a violation is only
     * logged (hook libraries excepted) and the name is used as resolved.
     */
    public Path resolve(PathKind kind, String name) throws RefusedPath {
        Path target = target(kind, name);
        Optional<String> violation = violation(kind, target);
        if (violation.isPresent()) {
            if (unchecked && kind != PathKind.HOOKS) {
                LOG.warn(kind.securityWarning(), violation.get());
            } else {
                throw new RefusedPath("'" + kind.key() + "' is invalid: " + violation.get() + "; give a bare file name, "
                        + "or set " + kind.environmentVariable() + " to use another directory", violation.get());
            }
        }
        return target;
    }

    /** The absolute, normalized path a name stands for; refuses names that are no file name. */
    private Path target(PathKind kind, String name) throws RefusedPath {
        if (name.isEmpty()) {
            throw new RefusedPath(kind.description() + " name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw new RefusedPath(kind.description() + " name contains a NUL character");
            }
            if (c < 0x20 || c == 0x7f) {
                throw new RefusedPath(kind.description() + " name contains a control character");
            }
        }
        Path given;
        try {
            given = Path.of(name);
        } catch (InvalidPathException e) {
            throw new RefusedPath(kind.description() + " name '" + name + "' is not a valid path");
        }
        Path last = given.getFileName();
        if (name.endsWith("/") || last == null || last.toString().equals(".") || last.toString().equals("..")) {
            throw new RefusedPath("path: '" + name + "' has no filename");
        }
        return (given.isAbsolute() ? given : directory(kind).resolve(given)).normalize();
    }

    private Optional<String> violation(PathKind kind, Path target) {
        Path dir = directory(kind);
        Path realDir = real(dir);
        Path parent = target.getParent();
        if (!real(parent).equals(realDir)) {
            return Optional.of("invalid path specified: '" + parent + "', supported path is '" + dir + "'");
        }
        if (Files.isSymbolicLink(target)) {
            try {
                Path resolved = target.toRealPath();
                if (!realDir.equals(resolved.getParent())) {
                    return Optional.of("'" + target + "' is a symbolic link to '" + resolved + "', outside the "
                            + "supported path '" + dir + "'");
                }
            } catch (IOException e) {
                return Optional.of("'" + target + "' is a symbolic link that does not lead to an existing file");
            }
        }
        if (kind == PathKind.CONTROL_SOCKET) {
            return socketDirectoryProblem(dir);
        }
        return Optional.empty();
    }

    /**
     * Kea 3: the socket directory grants at most 0750. A missing one is not created (as Kea 3): the
     * daemon's start fails at the PID file or the socket's lock file, saying the directory is missing.
     */
    private static Optional<String> socketDirectoryProblem(Path dir) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (!SOCKET_DIRECTORY_LIMIT.containsAll(perms)) {
                return Optional.of("socket path: " + dir + " has permissions " + PosixFilePermissions.toString(perms)
                        + ", more than rwxr-x--- (0750)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // missing: bind reports it
        }
        return Optional.empty();
    }

    /**
     * The directories in play, by what they hold: the configuration file's and one per kind.
     * Several kinds in one directory, or the hooks directory shared with anything, is refused
     * (the hooks case even with -X); other overlaps are warnings under -X.
     */
    public void checkSeparation() throws ConfigException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        dirs.put("configuration file directory", configDirectory);
        for (PathKind kind : PathKind.values()) {
            dirs.put(kind.description() + " directory (" + kind.environmentVariable() + ")", directory(kind));
        }
        List<String> fatal = new ArrayList<>();
        List<Map.Entry<String, Path>> entries = List.copyOf(dirs.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                Path a = real(entries.get(i).getValue());
                if (!a.equals(real(entries.get(j).getValue()))) {
                    continue;
                }
                String text = "the " + entries.get(i).getKey() + " and the " + entries.get(j).getKey() + " are both "
                        + a + "; every kind of file needs a directory of its own";
                boolean hooks = entries.get(j).getKey().startsWith(PathKind.HOOKS.description());
                if (unchecked && !hooks) {
                    LOG.warn("DCTL_DIRECTORY_SECURITY_WARNING directories are NOT SECURE: {}", text);
                } else {
                    fatal.add(text);
                }
            }
        }
        if (!fatal.isEmpty()) {
            throw new ConfigException(String.join("; ", fatal));
        }
    }

    /**
     * The last line of defence of every writer of {@code kind} (log files, lease files, lease
     * dumps): it never replaces or appends to something that is not a regular file (a control
     * socket, a directory, a device), never follows a link out of its directory, and never writes
     * into the directory of the configuration file or of another kind.
     */
    public void checkWritable(PathKind kind, Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path real = absolute;
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(absolute)) {
                try {
                    real = absolute.toRealPath();
                } catch (IOException e) {
                    throw new IOException("'" + target + "' is a symbolic link that does not lead to an existing file");
                }
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("'" + target + "' exists and is not a regular file; a " + kind.description()
                        + " never replaces it");
            }
        }
        Path realParent = real(real.getParent());
        Path own = real(directory(kind));
        if (realParent.equals(own)) {
            return;
        }
        if (realParent.equals(real(configDirectory))) {
            throw new IOException("'" + target + "' is in the configuration file's directory; a "
                    + kind.description() + " is never written there");
        }
        for (PathKind other : PathKind.values()) {
            if (other != kind && realParent.equals(real(directory(other)))) {
                throw new IOException("'" + target + "' is in the " + other.description() + " directory "
                        + directory(other) + "; a " + kind.description() + " is never written there");
            }
        }
    }

    /**
     * The path with every symbolic link in its existing part followed; the part that does not
     * exist yet is appended as written (it is normalized, so it holds no {@code ..}).
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
