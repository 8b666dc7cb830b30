package ruru.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ruru's own example configurations (examples/ in the checkout) and the directories bin/ruru
 * gives them: the environment comes from running the launcher's own shell function
 * (bin/lib/examples.sh), so a test of an example sees exactly what {@code bin/ruru} would.
 */
public final class Examples {

    private Examples() {
    }

    /** The checkout's root (the parent of server/, where surefire runs). */
    public static Path checkout() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    }

    public static Path file(String name) {
        return checkout().resolve("examples").resolve(name);
    }

    /** The KEA_* variables bin/ruru sets for {@code -t config} (and creates the directories, as it does). */
    public static Map<String, String> launcherEnv(Path config) throws IOException, InterruptedException {
        Path root = checkout();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                ". \"$1/bin/lib/examples.sh\" && ruru_example_dirs \"$1\" -t \"$2\" && env", "bash", root.toString(),
                config.toString());
        for (String k : new String[] {"KEA_CONTROL_SOCKET_DIR", "KEA_DHCP_DATA_DIR", "KEA_LOG_FILE_DIR",
            "KEA_HOOKS_PATH", "KEA_PIDFILE_DIR"}) {
            pb.environment().remove(k);
        }
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("bin/lib/examples.sh failed: " + out);
        }
        Map<String, String> env = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("KEA_") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
