package ruru.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/**
 * A real ruru daemon in its own JVM, started from the test classpath exactly as bin/ruru starts
 * it (same main class, same flags), with output captured to files for assertions.
 */
public final class DaemonProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private DaemonProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs {@code ruru <args>} with its files in {@code dirs} (working directory: the root). */
    public static DaemonProcess start(DaemonDirs dirs, String... args) throws IOException {
        return startIn(null, dirs.root(), dirs.env(), args);
    }

    /** Runs {@code ruru <args>} with its files in {@code dirs}, inside network namespace {@code netns}. */
    public static DaemonProcess startIn(String netns, DaemonDirs dirs, Map<String, String> extraEnv, String... args)
            throws IOException {
        return startIn(netns, dirs.root(), dirs.env(extraEnv), args);
    }

    /** Runs {@code ruru <args>} to completion with its files in {@code dirs} (for -t). */
    public static Result runToEnd(DaemonDirs dirs, String... args) throws IOException, InterruptedException {
        return runToEnd(dirs.root(), dirs.env(), args);
    }

    /** Runs {@code ruru <args>} and returns the running process. */
    public static DaemonProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return startIn(null, workDir, env, args);
    }

    /** Runs {@code ruru <args>} inside network namespace {@code netns} (null: this one). */
    public static DaemonProcess startIn(String netns, Path workDir, Map<String, String> env, String... args)
            throws IOException {
        return startIn(netns, workDir, env, List.of(), args);
    }

    /** As {@link #startIn(String, DaemonDirs, Map, String...)}, with extra JVM options (-Xmx...). */
    public static DaemonProcess startWithJvm(String netns, DaemonDirs dirs, List<String> jvmOptions, String... args)
            throws IOException {
        return startIn(netns, dirs.root(), dirs.env(), jvmOptions, args);
    }

    /** Runs {@code ruru <args>} with its files in {@code dirs} under the given umask (e.g. "000"). */
    public static DaemonProcess startUnderUmask(DaemonDirs dirs, String umask, String... args) throws IOException {
        return startIn(null, dirs.root(), dirs.env(), List.of(), List.of("sh", "-c", "umask " + umask
                + " && exec \"$0\" \"$@\""), args);
    }

    private static DaemonProcess startIn(String netns, Path workDir, Map<String, String> env, List<String> jvmOptions,
            String... args) throws IOException {
        return startIn(netns, workDir, env, jvmOptions, List.of(), args);
    }

    private static DaemonProcess startIn(String netns, Path workDir, Map<String, String> env, List<String> jvmOptions,
            List<String> prefix, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("ruru.cli.Main");
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new DaemonProcess(pb.start(), out, err);
    }

    /** Runs {@code ruru <args>} to completion (for -t, -v, --help). */
    public static Result runToEnd(Path workDir, String... args) throws IOException, InterruptedException {
        return runToEnd(workDir, Map.of(), args);
    }

    /** Runs {@code ruru <args>} to completion with extra environment variables. */
    public static Result runToEnd(Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        try (DaemonProcess p = start(workDir, env, args)) {
            if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("ruru " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.process.exitValue(), p.stdout(), p.stderr());
        }
    }

    /**
     * Runs {@code ruru <args>} to completion inside network namespace {@code netns}, with its files in
     * {@code dirs}: a -t of a configuration naming that namespace's interfaces is checked there, where
     * they exist (ruru, as Kea, refuses interfaces the machine does not have).
     */
    public static Result runToEndIn(String netns, DaemonDirs dirs, String... args)
            throws IOException, InterruptedException {
        try (DaemonProcess p = startIn(netns, dirs, Map.of(), args)) {
            if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("ruru " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.process.exitValue(), p.stdout(), p.stderr());
        }
    }

    public record Result(int exit, String out, String err) {
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the daemon answers on its socket (or fails with its output). */
    public void awaitSocket(Path socket) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("daemon exited with " + process.exitValue() + "\nstdout:\n" + stdout()
                        + "\nstderr:\n" + stderr());
            }
            if (Files.exists(socket)) {
                try {
                    send(socket, "{ \"command\": \"version-get\" }");
                    return;
                } catch (IOException e) {
                    // not accepting yet
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no control socket at " + socket + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
    }

    /** Sends one command over a UNIX socket and reads the answer until the server closes. */
    public static String send(Path socket, String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (ch.read(buf) >= 0) {
                answer.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Sends a command and parses the answer map. */
    public static MapElement call(Path socket, String command) throws IOException {
        String text = send(socket, command);
        try {
            return (MapElement) Json.parse(text, ParseOptions.string());
        } catch (JsonException | ClassCastException e) {
            throw new AssertionError("answer is not a JSON map: " + text, e);
        }
    }

    /** lease4-get of one address (lease_cmds): the lease's map; a test failure when there is none. */
    public static MapElement lease4(Path socket, String address) throws IOException {
        MapElement r = call(socket, "{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \""
                + address + "\" } }");
        if (r.get("result").asLong().orElse(-1L) != 0L) {
            throw new AssertionError("lease4-get " + address + ": " + r);
        }
        return (MapElement) r.get("arguments");
    }

    /** config-get's global option-data entry named {@code name} under {@code root} ("Dhcp4", "Dhcp6"). */
    public static MapElement configuredOption(Path socket, String root, String name) throws IOException {
        MapElement args = (MapElement) call(socket, "{ \"command\": \"config-get\" }").get("arguments");
        ruru.json.ListElement options = (ruru.json.ListElement) ((MapElement) args.get(root)).get("option-data");
        for (ruru.json.Element e : options.items()) {
            if (((MapElement) e).find("name").map(n -> n.equals(ruru.json.Element.of(name))).orElse(false)) {
                return (MapElement) e;
            }
        }
        throw new AssertionError("config-get has no option-data " + name + ": " + options);
    }

    /** The latest value of an integer statistic, read with statistic-get over the socket. */
    public static long statistic(Path socket, String name) throws IOException {
        MapElement args = (MapElement) call(socket,
                "{ \"command\": \"statistic-get\", \"arguments\": { \"name\": \"" + name + "\" } }").get("arguments");
        ruru.json.ListElement samples = (ruru.json.ListElement) args.get(name);
        if (samples == null) {
            throw new AssertionError("no statistic " + name);
        }
        return ((ruru.json.ListElement) samples.get(0)).get(0).asLong().orElseThrow();
    }

    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("daemon did not exit within " + timeout + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
