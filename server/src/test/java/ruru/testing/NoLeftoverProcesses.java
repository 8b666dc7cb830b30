package ruru.testing;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class loudly when a process it started outlives it (a dhclient forked into the
 * background, a kea daemon, named, socat, postgres...), and kills what it left so the next class
 * and the machine are not disturbed. Registered for every class (META-INF/services, JUnit's
 * extension autodetection).
 *
 * <p>How a leftover is recognised: the build gives the test JVM an environment variable
 * {@value #VARIABLE} whose value is unique to the run (the surefire configuration in the parent
 * pom); every process a test starts inherits it, also once it has forked into the background and
 * left the JVM's process tree, also inside a network namespace. After a top-level class, any other
 * live process carrying this JVM's value is a leftover. A process started with a cleared
 * environment is not seen. Outside the build (no variable) and with parallel class execution the
 * check is off.
 */
public final class NoLeftoverProcesses implements AfterAllCallback {

    /** The environment variable the build sets for the test JVM. */
    public static final String VARIABLE = "RURU_TEST_RUN";
    /** How long a leftover may take to end by itself (a test that destroyed it without waiting). */
    private static final long GRACE_MILLIS = 5_000;

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Class<?> test = context.getRequiredTestClass();
        if (test.getEnclosingClass() != null && !Modifier.isStatic(test.getModifiers())) {
            return; // a @Nested class: its outer class may still own running processes
        }
        String token = System.getenv(VARIABLE);
        if (token == null || token.isEmpty() || context.getConfigurationParameter(
                "junit.jupiter.execution.parallel.enabled").map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        List<Leftover> left = leftovers(token);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = leftovers(token);
        }
        if (left.isEmpty()) {
            return;
        }
        for (Leftover l : left) {
            ProcessHandle.of(l.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        StringBuilder text = new StringBuilder(test.getName()).append(" left ").append(left.size())
                .append(" process(es) running after its last test (killed now; end what a test starts in its"
                        + " cleanup, e.g. NetnsPair.close() kills what runs in the namespaces):");
        for (Leftover l : left) {
            text.append("\n  pid ").append(l.pid()).append(": ").append(l.commandLine());
        }
        throw new AssertionError(text.toString());
    }

    /** A live process other than this JVM and its ancestors. */
    record Leftover(long pid, String commandLine) {
    }

    /**
     * The live processes whose environment holds {@code VARIABLE=token}, other than this JVM and its
     * ancestors (surefire starts the JVM through a shell that carries the variable too).
     */
    static List<Leftover> leftovers(String token) throws IOException {
        byte[] wanted = (VARIABLE + "=" + token).getBytes(StandardCharsets.UTF_8);
        Set<Long> us = new HashSet<>();
        for (Optional<ProcessHandle> h = Optional.of(ProcessHandle.current()); h.isPresent(); h = h.get().parent()) {
            us.add(h.get().pid());
        }
        List<Leftover> out = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (us.contains(pid) || !carries(p.resolve("environ"), wanted) || zombie(p)) {
                    continue;
                }
                out.add(new Leftover(pid, commandLine(p)));
            }
        }
        return out;
    }

    private static boolean carries(Path environ, byte[] wanted) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read
        }
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == wanted.length && java.util.Arrays.equals(env, start, i, wanted, 0, wanted.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean zombie(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return true; // gone
        }
    }

    private static String commandLine(Path dir) {
        try {
            String cmd = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
            return cmd.length() > 300 ? cmd.substring(0, 300) + "..." : cmd;
        } catch (IOException e) {
            return "?";
        }
    }
}
