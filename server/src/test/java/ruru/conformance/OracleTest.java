package ruru.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that plays scenarios on kea-dhcp4 and ruru side by side: both servers (and their
 * two labs) start once for the class on {@link #initialConfig()} and stop after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OracleTest {

    /** The servers' directories (configuration, control socket, lease files, logs). */
    Path dir;
    Oracle oracle;

    /** A few letters naming the class's labs (network namespace and interface names). */
    abstract String tag();

    abstract String initialConfig();

    @BeforeAll
    void startServers() throws Exception {
        dir = Files.createTempDirectory("ruru-conformance-" + tag());
        oracle = Oracle.start(tag(), dir, initialConfig());
    }

    @AfterAll
    void stopServers() {
        if (oracle != null) {
            oracle.close();
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: a temporary directory
            }
        }
    }
}
