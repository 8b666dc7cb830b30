package ruru.daemon.logging;

import ruru.daemon.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directories log files may be written to, and the check that keeps them there.
 *
 * <p>Kea 3.0 confines log files to one directory ({@code KEA_LOG_FILE_DIR}) after
 * CVE-2025-32801/32802, where a config set over the control socket could make the server write
 * anywhere. Here the daemon passes the allowed directories (the config file's directory plus any
 * configured log directory). A bare file name goes into the first one; any other path must
 * resolve, after {@code ..} and symbolic links are followed, inside one of them.
 */
public record LogDirectories(List<Path> allowed) {

    public LogDirectories {
        allowed = allowed.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public static LogDirectories of(Path... allowed) {
        return new LogDirectories(List.of(allowed));
    }

    /** Refuses every file output: for daemons that have no log directory. */
    public static LogDirectories none() {
        return new LogDirectories(List.of());
    }

    /**
     * The absolute, normalized path for {@code output}, or an explanation of why it is refused.
     * Nothing is created on disk.
     */
    Path resolve(String output) throws RefusedPath {
        Path given;
        try {
            given = Path.of(output);
        } catch (java.nio.file.InvalidPathException e) {
            throw new RefusedPath("'" + output + "' is not a valid path");
        }
        if (given.getFileName() == null || output.endsWith("/")) {
            throw new RefusedPath("path: '" + output + "' has no filename");
        }
        if (allowed.isEmpty()) {
            throw new RefusedPath("'" + output + "' refused: no log directory is allowed");
        }
        Path target = (given.isAbsolute() ? given : allowed.getFirst().resolve(given)).normalize();
        Path real = physical(target);
        for (Path dir : allowed) {
            Path realDir = physical(dir);
            if (real.startsWith(realDir) && !real.equals(realDir)) {
                if (Files.isDirectory(real)) {
                    throw new RefusedPath("'" + output + "' is a directory");
                }
                return target;
            }
        }
        throw new RefusedPath("'" + output + "' resolves to '" + real
                + "', outside the allowed log directories " + allowed);
    }

    /**
     * The path with every symbolic link in its existing part followed, so that a link inside an
     * allowed directory cannot point the log file elsewhere. The part that does not exist yet is
     * appended as written (it is already normalized, so it holds no {@code ..}).
     */
    private static Path physical(Path path) throws RefusedPath {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path real = existing.toRealPath();
            return real.resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            // A dangling link: writing would create its target, wherever that is.
            throw new RefusedPath("'" + existing + "' cannot be resolved (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The first allowed directory, where bare file names go. */
    public Optional<Path> primary() {
        return allowed.isEmpty() ? Optional.empty() : Optional.of(allowed.getFirst());
    }

    /** Why a log path was refused (turned into a positioned {@link ConfigException}). */
    static final class RefusedPath extends Exception {
        RefusedPath(String message) {
            super(message);
        }
    }
}
