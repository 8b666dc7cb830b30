package ruru.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the test clients (a {@code main} on the test class path) in a namespace and returns its output. */
public final class TestMains {

    private TestMains() {
    }

    /** Runs {@code mainClass args} in the client namespace of {@code net}, at most {@code seconds}; its output lines. */
    public static List<String> runInClient(NetnsPair net, Path out, int seconds, String mainClass, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        Process p = net.start(net.client(), out, cmd.toArray(String[]::new));
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish within " + seconds + " s:\n" + Files.readString(out));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(mainClass + " failed:\n" + Files.readString(out));
        }
        return Files.readAllLines(out);
    }
}
