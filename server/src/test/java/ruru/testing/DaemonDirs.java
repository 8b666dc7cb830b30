package ruru.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import ruru.daemon.config.PathPolicy;

/**
 * The directories of a daemon under test, one per kind of file, as ruru (like Kea 3) requires:
 * the configuration in {@code etc/}, control sockets (and the PID file) in {@code run/}, lease and
 * data files in {@code lib/}, log files in {@code log/}, hook jars in {@code hooks/}. Configs name
 * their files by bare name ({@code "socket-name": "ctl.sock"}, {@code "name": "leases4.csv"},
 * {@code "output": "kea.log"}, {@code "library": "x.jar"}); the daemon finds the directories in
 * {@link #env()} (a daemon process) or {@link #policy()} (a daemon in the test's JVM).
 *
 * <pre>
 * try (DaemonDirs dirs = DaemonDirs.create()) {
 *     Path config = dirs.writeConfig("kea.json", TestConfigs.dhcp4(4000));
 *     try (DaemonProcess d = DaemonProcess.start(dirs, "dhcp4", "-c", config.toString())) {
 *         d.awaitSocket(dirs.socket("ctl.sock"));
 *         ...
 * </pre>
 */
public record DaemonDirs(Path root, Path config, Path sockets, Path data, Path logs, Path hooks)
        implements AutoCloseable {

    /** Under a new short directory in /tmp: a UNIX socket path holds at most 107 bytes. */
    public static DaemonDirs create() throws IOException {
        return in(Files.createTempDirectory(Path.of("/tmp"), "ru"));
    }

    /** Under {@code root} (created if needed), e.g. a JUnit {@code @TempDir}. */
    public static DaemonDirs in(Path root) throws IOException {
        Files.createDirectories(root);
        DaemonDirs dirs = new DaemonDirs(root, root.resolve("etc"), root.resolve("run"), root.resolve("lib"),
                root.resolve("log"), root.resolve("hooks"));
        for (Path p : new Path[] {dirs.config, dirs.sockets, dirs.data, dirs.logs, dirs.hooks}) {
            Files.createDirectories(p);
            // 0750: the most a control socket directory may grant (Kea 3); set whatever the umask.
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-x---"));
        }
        return dirs;
    }

    /** The KEA_* variables that point a daemon process at these directories. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("KEA_CONTROL_SOCKET_DIR", sockets.toString());
        env.put("KEA_DHCP_DATA_DIR", data.toString());
        env.put("KEA_LOG_FILE_DIR", logs.toString());
        env.put("KEA_HOOKS_PATH", hooks.toString());
        return env;
    }

    /** {@link #env()} plus {@code extra} (which wins). */
    public Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = env();
        env.putAll(extra);
        return env;
    }

    /** The path policy of a daemon whose configuration file is in {@link #config()}. */
    public PathPolicy policy() {
        return new PathPolicy(config, env(), false);
    }

    public Path socket(String name) {
        return sockets.resolve(name);
    }

    public Path data(String name) {
        return data.resolve(name);
    }

    public Path log(String name) {
        return logs.resolve(name);
    }

    public Path hook(String name) {
        return hooks.resolve(name);
    }

    public Path configFile(String name) {
        return config.resolve(name);
    }

    /** Writes a configuration file into {@link #config()} and returns its path. */
    public Path writeConfig(String name, String text) throws IOException {
        return Files.writeString(config.resolve(name), text);
    }

    /** Deletes everything under {@link #root()}. */
    @Override
    public void close() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // leftovers in /tmp are harmless; the test's own assertions matter
        }
    }
}
